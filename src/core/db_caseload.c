/*
 * db_caseload: caseload snapshots and the policy's bands in the store
 * (migration 0011). See db.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/caseload.h"
#include "core/db.h"
#include "core/db_internal.h"

static enum gt_rc
insert(struct gt_db *db, int64_t plan, int32_t as_at,
       const struct gt_caseload *c, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO caseload(plan_id, as_at, team, worker, band, cases) "
        "VALUES ($plan, $asat, $team, $worker, $band, $cases)",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$plan", plan);
    db_bind_date(st, "$asat", as_at);
    db_bind_text(st, "$team", c->team);
    db_bind_text(st, "$worker", c->worker);
    db_bind_text(st, "$band", gt_caseload_band_code(c->band));
    db_bind_int(st, "$cases", c->cases);
    return db_write(db, st, "a worker is given twice in a team", NULL, ctx);
}

enum gt_rc
gt_db_caseload_set(struct gt_db *db, const char *plan_code,
                   const struct gt_caseloads *list, struct gt_ctx *ctx)
{
    int64_t plan = 0;
    enum gt_rc rc = db_plan_id(db, plan_code, &plan, ctx);
    if (rc != GT_OK || (rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    struct db_statement *st = db_stmt(
        db, "DELETE FROM caseload WHERE plan_id = $plan AND as_at = $asat",
        ctx);
    if (!st)
        rc = GT_IO;
    else {
        db_bind_int(st, "$plan", plan);
        db_bind_date(st, "$asat", list->as_at);
        rc = db_write(db, st, "", NULL, ctx);
    }
    for (size_t i = 0; rc == GT_OK && i < list->n; i++)
        rc = insert(db, plan, list->as_at, &list->v[i], ctx);
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    if (rc != GT_OK)
        gt_db_rollback(db);
    return rc;
}

static void
read_caseload(struct db_statement *st, void *out)
{
    struct gt_caseloads *list = out;
    struct gt_caseload *c = gt_caseloads_push(list);
    list->as_at = db_col_date(st, 0);
    c->team = db_col_text(st, 1);
    c->worker = db_col_text(st, 2);
    const char *band = db_col_str(st, 3);
    if (!band || !gt_caseload_band_parse(band, &c->band))
        c->band = GT_BAND_EXPERIENCED;
    c->cases = db_col_int32(st, 4);
}

enum gt_rc
gt_db_caseloads(struct gt_db *db, const char *plan_code, int32_t as_of,
                struct gt_caseloads *out, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "SELECT c.as_at, c.team, c.worker, c.band, c.cases FROM caseload c "
        "JOIN plan p ON p.id = c.plan_id WHERE p.code = $1 AND c.as_at = "
        "(SELECT max(d.as_at) FROM caseload d WHERE d.plan_id = c.plan_id "
        "AND d.as_at <= $asof) ORDER BY c.id",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", plan_code);
    db_bind_as_of(st, "$asof", as_of);
    out->as_at = GT_NO_DATE;
    return db_read_rows(db, st, read_caseload, out, ctx);
}

static void
read_band(struct db_statement *st, void *out)
{
    struct gt_caseload_policy *p = out;
    enum gt_caseload_band b;
    const char *code = db_col_str(st, 0);
    if (!code || !gt_caseload_band_parse(code, &b))
        return;
    p->low[b] = db_col_int32(st, 1);
    p->high[b] = db_col_int32(st, 2);
}

enum gt_rc
gt_db_caseload_policy(struct gt_db *db, struct gt_caseload_policy *out,
                      struct gt_ctx *ctx)
{
    *out = gt_caseload_default_policy;
    struct db_statement *st =
        db_stmt(db, "SELECT band, low, high FROM caseload_band", ctx);
    if (!st)
        return GT_IO;
    return db_read_rows(db, st, read_band, out, ctx);
}

enum gt_rc
gt_db_caseload_policy_set(struct gt_db *db, int band, int low, int high,
                          struct gt_ctx *ctx)
{
    if (band < 0 || band >= GT_BAND_COUNT || low < 0 || high < low ||
        high > 1000)
        return gt_err(ctx, GT_INVALID,
                      "a band's range must run from 0 or more up to 1000, "
                      "low to high");
    struct db_statement *st = db_stmt(
        db, "UPDATE caseload_band SET low = $low, high = $high WHERE band = $b",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$low", low);
    db_bind_int(st, "$high", high);
    db_bind_text(st, "$b", gt_caseload_band_code((enum gt_caseload_band)band));
    return db_write(db, st, "", NULL, ctx);
}
