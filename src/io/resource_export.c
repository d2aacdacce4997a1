/*
 * resource_export: a plan's budget, forecast, risk register, workforce
 * figures and caseloads written as tables in the shapes their importers
 * read (formats.md), so a table exported and imported again gives the
 * same figures. See resource_io.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caseload.h"
#include "core/date.h"
#include "core/period.h"
#include "io/resource_io.h"
#include "io/table_out.h"

/* An amount in the budget's unit, as the importer reads it back exactly:
 * whole units when it is some, else with the pence or thousandths. */
static void
amount(int64_t pounds, int64_t unit, char out[32])
{
    if (pounds % unit == 0)
        snprintf(out, 32, "%" PRId64, pounds / unit);
    else
        snprintf(out, 32, "%.3f", (double)pounds / (double)unit);
}

/* A row of amounts: name, then the five columns, income negative as the
 * table prints it (in brackets); has[c] false leaves a cell blank. */
static void
budget_row(struct gt_table_out *t, const char *name, const int64_t v[],
           const bool has[], int64_t unit)
{
    char cells[GT_BUDGET_COLUMNS][32];
    const char *row[1 + GT_BUDGET_COLUMNS] = {name};
    for (int c = 0; c < GT_BUDGET_COLUMNS; c++) {
        bool income = c == GT_BUDGET_GRANTS || c == GT_BUDGET_OTHER ||
                      c == GT_BUDGET_INCOME;
        amount(income ? -v[c] : v[c], unit, cells[c]);
        row[1 + c] = has[c] ? cells[c] : NULL;
    }
    gt_table_row(t, row);
}

static const struct gt_budget_stated *
stated_for(const struct gt_budget *b, const char *area)
{
    for (size_t i = 0; i < b->n_stated; i++)
        if (strcmp(b->stated[i].area, area) == 0)
            return &b->stated[i];
    return NULL;
}

static void
total_row(struct gt_table_out *t, const struct gt_budget *b, const char *area)
{
    static const bool none[GT_BUDGET_COLUMNS];
    static const int64_t zero[GT_BUDGET_COLUMNS];
    const struct gt_budget_stated *s = stated_for(b, area);
    char label[300];
    if (*area)
        snprintf(label, sizeof label, "%s total", area);
    else
        snprintf(label, sizeof label, "Grand total");
    budget_row(t, label, s ? s->v : zero, s ? s->has : none, b->unit);
}

enum gt_rc
gt_budget_export_table(const struct gt_budget *b, struct gt_table_out *t,
                       struct gt_ctx *ctx)
{
    char headings[1 + GT_BUDGET_COLUMNS][64];
    struct gt_table_column cols[1 + GT_BUDGET_COLUMNS];
    snprintf(headings[0], sizeof headings[0], "Budget line");
    cols[0] = (struct gt_table_column){headings[0], GT_CELL_TEXT};
    for (int c = 0; c < GT_BUDGET_COLUMNS; c++) {
        snprintf(headings[1 + c], sizeof headings[1 + c], "%s%s",
                 gt_budget_column_word((enum gt_budget_column)c),
                 b->unit == 1000 ? " \xc2\xa3"
                                   "000"
                                 : "");
        cols[1 + c] = (struct gt_table_column){headings[1 + c], GT_CELL_NUMBER};
    }
    gt_table_begin(t, "Budget", cols, 1 + GT_BUDGET_COLUMNS);
    static const bool all[GT_BUDGET_COLUMNS] = {true, true, true, true, true};
    for (size_t i = 0; i < b->n_lines; i++) {
        const struct gt_budget_line *l = &b->lines[i];
        int64_t v[GT_BUDGET_COLUMNS] = {l->gross, l->grants, l->other,
                                        l->grants + l->other,
                                        l->gross - l->grants - l->other};
        budget_row(t, l->name, v, all, b->unit);
        if (i + 1 == b->n_lines || strcmp(b->lines[i + 1].area, l->area) != 0)
            total_row(t, b, l->area);
    }
    if (stated_for(b, ""))
        total_row(t, b, "");
    return gt_table_end(t, ctx);
}

enum gt_rc
gt_forecast_export_table(const struct gt_budget *b, struct gt_table_out *t,
                         struct gt_ctx *ctx)
{
    static const struct gt_table_column pounds[] = {
        {"Service area", GT_CELL_TEXT}, {"Forecast outturn", GT_CELL_NUMBER}};
    static const struct gt_table_column thousands[] = {
        {"Service area", GT_CELL_TEXT},
        {"Forecast outturn \xc2\xa3"
         "000",
         GT_CELL_NUMBER}};
    gt_table_begin(t, "Forecast", b->unit == 1000 ? thousands : pounds, 2);
    for (size_t i = 0; i < b->n_forecasts; i++) {
        char value[32];
        amount(b->forecasts[i].forecast, b->unit, value);
        const char *row[] = {b->forecasts[i].area, value};
        gt_table_row(t, row);
    }
    return gt_table_end(t, ctx);
}

static void
score(struct gt_risk_score s, char l[8], char i[8])
{
    *l = *i = '\0';
    if (s.likelihood)
        snprintf(l, 8, "%d", s.likelihood);
    if (s.impact)
        snprintf(i, 8, "%d", s.impact);
}

static void
risk_rows(struct gt_table_out *t, const struct gt_risk *r)
{
    char il[8], ii[8], rl[8], ri[8], tl[8], ti[8], review[GT_DATE_ISO_LEN],
        due[GT_DATE_ISO_LEN], links[1024] = "";
    score(r->inherent, il, ii);
    score(r->residual, rl, ri);
    score(r->target, tl, ti);
    gt_date_iso(r->review, review);
    for (size_t k = 0; k < r->n_links; k++) {
        size_t len = strlen(links);
        snprintf(links + len, sizeof links - len, "%s%s", k ? "; " : "",
                 r->links[k]);
    }
    /* the risk's row carries its first mitigation, the rest follow on
     * rows with a blank Ref */
    size_t n = r->n_mitigations ? r->n_mitigations : 1;
    for (size_t m = 0; m < n; m++) {
        const struct gt_mitigation *mi =
            r->n_mitigations ? &r->mitigations[m] : NULL;
        const char *row[18] = {0};
        if (m == 0) {
            const char *head[] = {r->ref,   r->title,    r->cause, r->effect,
                                  r->owner, r->category, il,       ii,
                                  rl,       ri,          tl,       ti,
                                  review};
            memcpy(row, head, sizeof head);
            row[17] = links;
        }
        if (mi) {
            gt_date_iso(mi->due, due);
            row[13] = mi->action;
            row[14] = mi->owner;
            row[15] = gt_mitigation_status_code(mi->status);
            row[16] = due;
        }
        gt_table_row(t, row);
    }
}

enum gt_rc
gt_risk_export_table(const struct gt_risks *risks, struct gt_table_out *t,
                     struct gt_ctx *ctx)
{
    static const struct gt_table_column cols[18] = {
        {"Ref", GT_CELL_TEXT},
        {"Risk", GT_CELL_TEXT},
        {"Cause", GT_CELL_TEXT},
        {"Effect", GT_CELL_TEXT},
        {"Owner", GT_CELL_TEXT},
        {"Category", GT_CELL_TEXT},
        {"Inherent likelihood", GT_CELL_NUMBER},
        {"Inherent impact", GT_CELL_NUMBER},
        {"Residual likelihood", GT_CELL_NUMBER},
        {"Residual impact", GT_CELL_NUMBER},
        {"Target likelihood", GT_CELL_NUMBER},
        {"Target impact", GT_CELL_NUMBER},
        {"Review date", GT_CELL_DATE},
        {"Mitigation", GT_CELL_TEXT},
        {"Mitigation owner", GT_CELL_TEXT},
        {"Mitigation status", GT_CELL_TEXT},
        {"Mitigation due", GT_CELL_DATE},
        {"Links", GT_CELL_TEXT},
    };
    gt_table_begin(t, "Risks", cols, 18);
    for (size_t i = 0; i < risks->n; i++)
        risk_rows(t, &risks->v[i]);
    return gt_table_end(t, ctx);
}

enum gt_rc
gt_workforce_export_table(const struct gt_workforce_list *list,
                          struct gt_table_out *t, struct gt_ctx *ctx)
{
    static const struct gt_table_column cols[6] = {
        {"Unit", GT_CELL_TEXT},
        {"Period", GT_CELL_TEXT},
        {"Establishment FTE", GT_CELL_NUMBER},
        {"Filled FTE", GT_CELL_NUMBER},
        {"Agency FTE", GT_CELL_NUMBER},
        {"Sickness days", GT_CELL_NUMBER},
    };
    gt_table_begin(t, "Workforce", cols, 6);
    for (size_t i = 0; i < list->n; i++) {
        const struct gt_workforce *w = &list->v[i];
        char period[GT_PERIOD_TEXT_LEN], est[32], filled[32], agency[32],
            sick[32] = "";
        gt_period_format(&w->period, period);
        gt_table_number_text(w->establishment, est);
        gt_table_number_text(w->filled, filled);
        gt_table_number_text(w->agency, agency);
        if (w->has_sickness)
            gt_table_number_text(w->sickness_days, sick);
        const char *row[] = {w->unit, period, est, filled, agency, sick};
        gt_table_row(t, row);
    }
    return gt_table_end(t, ctx);
}

enum gt_rc
gt_caseload_export_table(const struct gt_caseloads *list,
                         struct gt_table_out *t, struct gt_ctx *ctx)
{
    static const struct gt_table_column cols[4] = {
        {"Team", GT_CELL_TEXT},
        {"Worker", GT_CELL_TEXT},
        {"Experience", GT_CELL_TEXT},
        {"Cases", GT_CELL_NUMBER},
    };
    gt_table_begin(t, "Caseloads", cols, 4);
    for (size_t i = 0; i < list->n; i++) {
        const struct gt_caseload *c = &list->v[i];
        char cases[16];
        snprintf(cases, sizeof cases, "%d", c->cases);
        const char *row[] = {c->team, c->worker, gt_caseload_band_word(c->band),
                             cases};
        gt_table_row(t, row);
    }
    return gt_table_end(t, ctx);
}

enum gt_rc
gt_caseload_teams_export_table(const struct gt_caseload_policy *policy,
                               const struct gt_caseloads *list,
                               struct gt_table_out *t, struct gt_ctx *ctx)
{
    static const struct gt_table_column cols[6] = {
        {"Team", GT_CELL_TEXT},
        {"Workers", GT_CELL_NUMBER},
        {"Cases", GT_CELL_NUMBER},
        {"Average", GT_CELL_NUMBER},
        {"Over their band", GT_CELL_NUMBER},
        {"Under their band", GT_CELL_NUMBER},
    };
    size_t n = 0;
    struct gt_caseload_team *teams = gt_caseload_teams(policy, list, &n);
    gt_table_begin(t, "Caseloads by team", cols, 6);
    for (size_t i = 0; i < n; i++) {
        const struct gt_caseload_team *team = &teams[i];
        char workers[24], cases[24], average[32], over[24], under[24];
        snprintf(workers, sizeof workers, "%zu", team->workers);
        snprintf(cases, sizeof cases, "%ld", team->cases);
        snprintf(average, sizeof average, "%.1f",
                 team->workers ? (double)team->cases / (double)team->workers
                               : 0.0);
        snprintf(over, sizeof over, "%zu", team->over);
        snprintf(under, sizeof under, "%zu", team->under);
        const char *row[] = {team->team, workers, cases, average, over, under};
        gt_table_row(t, row);
    }
    free(teams);
    return gt_table_end(t, ctx);
}
