/*
 * db_budget: revenue budgets in the store (migration 0007). See db.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/budget.h"
#include "core/date.h"
#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"

static void
bind_stated(struct db_statement *st, const char *name,
            const struct gt_budget_stated *s, enum gt_budget_column c)
{
    if (s->has[c])
        db_bind_int(st, name, s->v[c]);
    else
        db_bind_text(st, name, NULL);
}

/* Run a prepared DELETE of a plan's year ($1 plan, $2 year). */
static enum gt_rc
clear_year(struct gt_db *db, struct db_statement *st, int64_t plan, int year,
           struct gt_ctx *ctx)
{
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", plan);
    db_bind_int(st, "$2", year);
    return db_write(db, st, "", NULL, ctx);
}

static enum gt_rc
save(struct gt_db *db, int64_t plan, const struct gt_budget *b,
     struct gt_ctx *ctx)
{
    enum gt_rc rc;
    struct db_statement *st;
    /* the year's lines and stated totals go, to be written afresh */
    if ((rc = clear_year(db,
                         db_stmt(db,
                                 "DELETE FROM budget_line WHERE plan_id = $1 "
                                 "AND year = $2",
                                 ctx),
                         plan, b->year, ctx)) != GT_OK ||
        (rc = clear_year(db,
                         db_stmt(db,
                                 "DELETE FROM budget_stated WHERE plan_id = "
                                 "$1 AND year = $2",
                                 ctx),
                         plan, b->year, ctx)) != GT_OK)
        return rc;
    for (size_t i = 0; rc == GT_OK && i < b->n_lines; i++) {
        const struct gt_budget_line *l = &b->lines[i];
        st = db_stmt(db,
                     "INSERT INTO budget_line(plan_id, year, position, area, "
                     "name, gross, grants, other_income, unit) VALUES ($plan, "
                     "$year, $pos, $area, $name, $gross, $grants, $other, "
                     "$unit)",
                     ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$plan", plan);
        db_bind_int(st, "$year", b->year);
        db_bind_int(st, "$pos", (int64_t)i + 1);
        db_bind_text(st, "$area", l->area);
        db_bind_text(st, "$name", l->name);
        db_bind_int(st, "$gross", l->gross);
        db_bind_int(st, "$grants", l->grants);
        db_bind_int(st, "$other", l->other);
        db_bind_int(st, "$unit", b->unit);
        rc = db_write(db, st, "", NULL, ctx);
    }
    for (size_t i = 0; rc == GT_OK && i < b->n_stated; i++) {
        const struct gt_budget_stated *s = &b->stated[i];
        st = db_stmt(db,
                     "INSERT INTO budget_stated(plan_id, year, area, gross, "
                     "grants, other_income, income, funding) VALUES ($plan, "
                     "$year, $area, $gross, $grants, $other, $income, "
                     "$funding)",
                     ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$plan", plan);
        db_bind_int(st, "$year", b->year);
        db_bind_text(st, "$area", s->area);
        bind_stated(st, "$gross", s, GT_BUDGET_GROSS);
        bind_stated(st, "$grants", s, GT_BUDGET_GRANTS);
        bind_stated(st, "$other", s, GT_BUDGET_OTHER);
        bind_stated(st, "$income", s, GT_BUDGET_INCOME);
        bind_stated(st, "$funding", s, GT_BUDGET_FUNDING);
        rc = db_write(db, st, "the source states an area's total twice", NULL,
                      ctx);
    }
    return rc;
}

enum gt_rc
gt_db_budget_replace(struct gt_db *db, const char *plan_code,
                     const struct gt_budget *b, struct gt_ctx *ctx)
{
    int64_t plan = 0;
    enum gt_rc rc = db_plan_id(db, plan_code, &plan, ctx);
    if (rc != GT_OK)
        return rc;
    if ((rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    if ((rc = save(db, plan, b, ctx)) != GT_OK ||
        (rc = gt_db_commit(db, ctx)) != GT_OK) {
        gt_db_rollback(db);
        return rc;
    }
    return GT_OK;
}

static void
read_line(struct db_statement *st, void *out)
{
    struct gt_budget *b = out;
    const char *area = db_col_str(st, 0);
    const char *name = db_col_str(st, 1);
    struct gt_budget_line *l =
        gt_budget_add_line(b, area ? area : "", name ? name : "");
    l->gross = db_col_int(st, 2);
    l->grants = db_col_int(st, 3);
    l->other = db_col_int(st, 4);
    b->unit = db_col_int(st, 5);
}

static void
read_stated(struct db_statement *st, void *out)
{
    struct gt_budget *b = out;
    const char *area = db_col_str(st, 0);
    struct gt_budget_stated *s = gt_budget_add_stated(b, area ? area : "");
    for (int c = 0; c < GT_BUDGET_COLUMNS; c++) {
        s->has[c] = !db_col_null(st, 1 + c);
        s->v[c] = db_col_int(st, 1 + c);
    }
}

enum gt_rc
gt_db_budget_get(struct gt_db *db, const char *plan_code, int year,
                 struct gt_budget *out, struct gt_ctx *ctx)
{
    int64_t plan = 0;
    memset(out, 0, sizeof *out);
    out->year = year;
    out->unit = 1000;
    out->month_end = GT_NO_DATE;
    enum gt_rc rc = db_plan_id(db, plan_code, &plan, ctx);
    if (rc != GT_OK)
        return rc;
    struct db_statement *st =
        db_stmt(db,
                "SELECT area, name, gross, grants, "
                "other_income, unit FROM budget_line WHERE "
                "plan_id = $1 AND year = $2 ORDER BY position",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", plan);
    db_bind_int(st, "$2", year);
    if ((rc = db_read_rows(db, st, read_line, out, ctx)) != GT_OK)
        return rc;
    st = db_stmt(db,
                 "SELECT area, gross, grants, other_income, income, funding "
                 "FROM budget_stated WHERE plan_id = $1 AND year = $2 ORDER "
                 "BY id",
                 ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", plan);
    db_bind_int(st, "$2", year);
    if ((rc = db_read_rows(db, st, read_stated, out, ctx)) != GT_OK ||
        (rc = gt_db_budget_thresholds(db, &out->thresholds, ctx)) != GT_OK)
        return rc;
    if (!out->n_lines)
        return gt_err(ctx, GT_NOTFOUND, "plan %s has no budget for %d/%02d",
                      plan_code, year, (year + 1) % 100);
    return GT_OK;
}

enum gt_rc
gt_db_budget_years(struct gt_db *db, const char *plan_code, int *years,
                   size_t max, size_t *n, struct gt_ctx *ctx)
{
    *n = 0;
    struct db_statement *st =
        db_stmt(db,
                "SELECT DISTINCT b.year FROM budget_line b "
                "JOIN plan p ON p.id = b.plan_id WHERE p.code "
                "= $1 ORDER BY b.year DESC",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", plan_code);
    int step;
    while ((step = db_step(st)) == DB_ROW)
        if (*n < max)
            years[(*n)++] = db_col_int32(st, 0);
    db_done(st);
    return step == DB_DONE ? GT_OK : db_fail(db, ctx);
}

enum gt_rc
gt_db_budget_forecast_set(struct gt_db *db, const char *plan_code,
                          const struct gt_budget *b, struct gt_ctx *ctx)
{
    int64_t plan = 0;
    enum gt_rc rc = db_plan_id(db, plan_code, &plan, ctx);
    if (rc != GT_OK)
        return rc;
    if ((rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    for (size_t i = 0; rc == GT_OK && i < b->n_forecasts; i++) {
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO budget_forecast(plan_id, year, month_end, area, "
            "forecast, entered_at) VALUES ($plan, $year, $month, $area, "
            "$forecast, gt_now()) ON CONFLICT (plan_id, year, month_end, "
            "area) DO UPDATE SET forecast = excluded.forecast, entered_at = "
            "excluded.entered_at",
            ctx);
        if (!st) {
            rc = GT_IO;
            break;
        }
        db_bind_int(st, "$plan", plan);
        db_bind_int(st, "$year", b->year);
        db_bind_date(st, "$month", b->month_end);
        db_bind_text(st, "$area", b->forecasts[i].area);
        db_bind_int(st, "$forecast", b->forecasts[i].forecast);
        rc = db_write(db, st, "", NULL, ctx);
    }
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    if (rc != GT_OK)
        gt_db_rollback(db);
    return rc;
}

static void
read_forecast(struct db_statement *st, void *out)
{
    struct gt_budget *b = out;
    const char *area = db_col_str(st, 0);
    gt_budget_add_forecast(b, area ? area : "", db_col_int(st, 1));
    b->month_end = db_col_date(st, 2);
}

enum gt_rc
gt_db_budget_forecasts(struct gt_db *db, const char *plan_code, int32_t as_of,
                       struct gt_budget *b, struct gt_ctx *ctx)
{
    int64_t plan = 0;
    enum gt_rc rc = db_plan_id(db, plan_code, &plan, ctx);
    b->month_end = GT_NO_DATE;
    if (rc != GT_OK)
        return rc;
    struct db_statement *st = db_stmt(
        db,
        "SELECT area, forecast, month_end FROM budget_forecast WHERE plan_id "
        "= $1 AND year = $2 AND month_end = (SELECT max(month_end) FROM "
        "budget_forecast WHERE plan_id = $1 AND year = $2 AND month_end <= "
        "$asof) ORDER BY id",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", plan);
    db_bind_int(st, "$2", b->year);
    db_bind_as_of(st, "$asof", as_of);
    return db_read_rows(db, st, read_forecast, b, ctx);
}

/* The budget of the as-of date's financial year, or the latest before it;
 * none is not an error. */
enum gt_rc
gt_db_budget_current(struct gt_db *db, const char *plan_code, int32_t as_of,
                     struct gt_budget *out, struct gt_ctx *ctx)
{
    int y, m, d, years[20];
    size_t n = 0;
    gt_date_to_ymd(as_of, &y, &m, &d);
    int year = m >= 4 ? y : y - 1;
    enum gt_rc rc = gt_db_budget_years(db, plan_code, years, 20, &n, ctx);
    for (size_t i = 0; rc == GT_OK && i < n; i++)
        if (years[i] <= year) {
            rc = gt_db_budget_get(db, plan_code, years[i], out, ctx);
            return rc == GT_OK
                       ? gt_db_budget_forecasts(db, plan_code, as_of, out, ctx)
                       : rc;
        }
    return rc;
}

static void
read_threshold(struct db_statement *st, void *out)
{
    struct gt_budget_thresholds *th = out;
    const char *key = db_col_str(st, 0);
    int v = db_col_int32(st, 1);
    if (!key)
        return;
    if (strcmp(key, "budget_amber") == 0)
        th->amber = v;
    else
        th->red = v;
    th->set = true;
}

enum gt_rc
gt_db_budget_thresholds(struct gt_db *db, struct gt_budget_thresholds *out,
                        struct gt_ctx *ctx)
{
    *out = gt_budget_default_thresholds;
    struct db_statement *st =
        db_stmt(db,
                "SELECT key, value FROM setting WHERE key IN "
                "('budget_amber', 'budget_red')",
                ctx);
    if (!st)
        return GT_IO;
    return db_read_rows(db, st, read_threshold, out, ctx);
}

enum gt_rc
gt_db_budget_thresholds_set(struct gt_db *db,
                            const struct gt_budget_thresholds *th,
                            struct gt_ctx *ctx)
{
    if (th->amber < 0 || th->amber > th->red || th->red > 10000)
        return gt_err(ctx, GT_INVALID,
                      "the thresholds must run from 0%% up to 100%%, Amber's "
                      "no more than Red's");
    enum gt_rc rc = gt_db_begin(db, ctx);
    const char *keys[2] = {"budget_amber", "budget_red"};
    int values[2] = {th->amber, th->red};
    for (int i = 0; rc == GT_OK && i < 2; i++) {
        char text[16];
        snprintf(text, sizeof text, "%d", values[i]);
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO setting(key, value) VALUES ($1, $2) ON CONFLICT "
            "(key) DO UPDATE SET value = excluded.value WHERE setting.value <> "
            "excluded.value",
            ctx);
        if (!st) {
            rc = GT_IO;
            break;
        }
        db_bind_text(st, "$1", keys[i]);
        db_bind_text(st, "$2", text);
        rc = db_write(db, st, "", NULL, ctx);
    }
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    if (rc != GT_OK)
        gt_db_rollback(db);
    return rc;
}
