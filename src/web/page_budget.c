/*
 * page_budget: a plan's revenue budget for a financial year as councils
 * table it (each service area's lines and total, the grand total, in the
 * unit imported with income in brackets), then how its stated totals
 * reconcile with its lines. Read-only: budgets are imported on the
 * command line (goldthread budget import).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/budget.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/period.h"
#include "web/page.h"

#define MAX_YEARS 20

static bool
income_column(int c)
{
    return c == GT_BUDGET_GRANTS || c == GT_BUDGET_OTHER ||
           c == GT_BUDGET_INCOME;
}

static void
budget_table(struct web_page *p, const struct gt_budget *b,
             const struct gt_budget_table *t)
{
    html_lit(p->h, "<table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">"
                   "Revenue budget ");
    char year[16];
    snprintf(year, sizeof year, "%d/%02d", b->year, (b->year + 1) % 100);
    html_text(p->h, year);
    if (b->unit == 1000)
        html_lit(p->h, " (&pound;000)");
    else
        html_lit(p->h, " (&pound;)");
    html_lit(p->h, "</caption><thead class=\"govuk-table__head\"><tr "
                   "class=\"govuk-table__row\"><th scope=\"col\" "
                   "class=\"govuk-table__header\">Team or budget line</th>");
    for (int c = 0; c < GT_BUDGET_COLUMNS; c++) {
        html_lit(p->h, "<th scope=\"col\" class=\"govuk-table__header "
                       "govuk-table__header--numeric\">");
        html_text(p->h, gt_budget_column_word((enum gt_budget_column)c));
        html_lit(p->h, "</th>");
    }
    html_lit(p->h, "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < t->n; i++) {
        const struct gt_budget_row *r = &t->rows[i];
        html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                       "class=\"govuk-table__header");
        if (!r->total)
            html_lit(p->h, " govuk-!-font-weight-regular");
        html_lit(p->h, "\">");
        html_text(p->h, r->label);
        html_lit(p->h, "</th>");
        for (int c = 0; c < GT_BUDGET_COLUMNS; c++) {
            char v[48];
            gt_budget_amount_text(r->v[c], b->unit, income_column(c), v,
                                  sizeof v);
            html_lit(p->h, "<td class=\"govuk-table__cell "
                           "govuk-table__cell--numeric");
            if (r->total)
                html_lit(p->h, " govuk-!-font-weight-bold");
            html_lit(p->h, "\">");
            html_text(p->h, v);
            html_lit(p->h, "</td>");
        }
        html_lit(p->h, "</tr>");
    }
    html_lit(p->h, "</tbody></table><p class=\"govuk-body-s\">Income is "
                   "shown in brackets. Total income and council funding "
                   "are worked out from each line's figures.</p>");
}

static void
monitoring(struct web_page *p, const struct gt_budget *b,
           const struct gt_budget_table *t)
{
    struct gt_budget_watch *w = xcalloc(t->n + 1, sizeof *w);
    size_t n;
    gt_budget_monitor(b, t, w, &n);
    if (!n) {
        free(w);
        return;
    }
    char month[GT_DATE_LONG_LEN];
    gt_date_long(b->month_end, month);
    html_lit(p->h, "<table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">"
                   "Forecast outturn at ");
    html_text(p->h, month);
    if (b->unit == 1000)
        html_lit(p->h, " (&pound;000)");
    html_lit(p->h,
             "</caption><thead class=\"govuk-table__head\"><tr "
             "class=\"govuk-table__row\"><th scope=\"col\" "
             "class=\"govuk-table__header\">Service area</th><th "
             "scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Council funding</th><th "
             "scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Forecast outturn</th><th "
             "scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Variance</th><th scope=\"col\" "
             "class=\"govuk-table__header govuk-table__header--numeric\">Per "
             "cent</th><th scope=\"col\" class=\"govuk-table__header\">RAG"
             "</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < n; i++) {
        char v[3][48], pct[16];
        gt_budget_amount_text(w[i].budget, b->unit, false, v[0], sizeof v[0]);
        gt_budget_amount_text(w[i].forecast, b->unit, false, v[1], sizeof v[1]);
        gt_budget_amount_text(w[i].variance, b->unit, false, v[2], sizeof v[2]);
        snprintf(pct, sizeof pct, "%.1f%%", w[i].percent);
        html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                       "class=\"govuk-table__header\">");
        html_text(p->h, *w[i].area ? w[i].area : "Total");
        html_lit(p->h, "</th>");
        for (int k = 0; k < 3; k++)
            widget_cell(p, v[k], true);
        widget_cell(p, pct, true);
        html_lit(p->h, "<td class=\"govuk-table__cell\">");
        widget_rag_tag(p, w[i].rag);
        if (!w[i].has)
            html_lit(p->h, " <span class=\"govuk-body-s\">no forecast "
                           "given</span>");
        html_lit(p->h, "</td></tr>");
    }
    struct gt_budget_thresholds th = gt_budget_thresholds_of(b);
    char amber[16], red[16];
    gt_budget_percent_text(th.amber, amber);
    gt_budget_percent_text(th.red, red);
    html_lit(p->h, "</tbody></table><p class=\"govuk-body-s\">Variance is "
                   "the forecast less the budget: above 0 an overspend, in "
                   "brackets an underspend. Green: on or under budget, or "
                   "over by less than ");
    html_text(p->h, amber);
    html_lit(p->h, ". Amber: over by ");
    html_text(p->h, amber);
    html_lit(p->h, " to ");
    html_text(p->h, red);
    html_lit(p->h, ". Red: over by more than ");
    html_text(p->h, red);
    html_lit(p->h, ".</p>");
    free(w);
}

static void
year_links(struct web_page *p, const int *years, size_t n, int shown)
{
    if (n < 2)
        return;
    html_lit(p->h, "<p class=\"govuk-body\">Other years: ");
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (years[i] == shown)
            continue;
        char text[16];
        snprintf(text, sizeof text, "%d/%02d", years[i], (years[i] + 1) % 100);
        if (!first)
            html_lit(p->h, ", ");
        first = false;
        html_lit(p->h, "<a class=\"govuk-link\" href=\"/plans/");
        html_url_arg(p->h, p->param);
        html_lit(p->h, "/budget?year=");
        html_url_arg(p->h, text);
        html_lit(p->h, "\">");
        html_text(p->h, text);
        html_lit(p->h, "</a>");
    }
    html_lit(p->h, "</p>");
}

void
page_budget(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_budget b = {0};
    struct gt_budget_table t = {0};
    struct gt_ctx notes;
    int years[MAX_YEARS];
    size_t n_years = 0;
    int year = 0;
    const char *asked = web_form_get(&p->query, "year");
    struct gt_period period;
    bool found = false;
    gt_ctx_init(&notes);
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such plan.");
        goto out_ctx;
    }
    if (rc != GT_OK || gt_db_budget_years(p->db, p->param, years, MAX_YEARS,
                                          &n_years, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out_plan;
    }
    if (asked && *asked) {
        int y, m, d;
        if (gt_period_parse(asked, &period) || period.kind != GT_PERIOD_YEAR) {
            page_error(p, 404, "Page not found",
                       "There is no budget for that year.");
            goto out_plan;
        }
        gt_date_to_ymd(period.start, &y, &m, &d);
        year = y;
    } else if (n_years) {
        year = years[0];
    }
    for (size_t i = 0; i < n_years; i++)
        found = found || years[i] == year;
    if (asked && *asked && !found) {
        page_error(p, 404, "Page not found",
                   "There is no budget for that year.");
        goto out_plan;
    }
    if (found) {
        gt_ctx_clear(&p->ctx);
        if (gt_db_budget_get(p->db, p->param, year, &b, &p->ctx) != GT_OK ||
            gt_db_budget_forecasts(p->db, p->param, p->today, &b, &p->ctx) !=
                GT_OK) {
            page_error(p, 500, "Sorry, there is a problem with the service",
                       "Try again later.");
            goto out_plan;
        }
        gt_budget_lay_out(&b, &t, &notes);
    }
    page_begin_under_plan(p, &plan, "Budget");
    if (!found) {
        html_lit(p->h, "<p class=\"govuk-body\">No budget has been imported "
                       "for this plan. An administrator or planner imports "
                       "the plan's budget table with <code>goldthread budget "
                       "import</code>.</p>");
    } else {
        year_links(p, years, n_years, year);
        budget_table(p, &b, &t);
        monitoring(p, &b, &t);
        if (notes.n_errors) {
            html_lit(p->h, "<h2 class=\"govuk-heading-m\">How the stated "
                           "totals reconcile</h2><ul class=\"govuk-list "
                           "govuk-list--bullet\">");
            for (size_t i = 0; i < notes.n_errors; i++) {
                html_lit(p->h, "<li>");
                html_text(p->h, notes.errors[i]);
                html_lit(p->h, "</li>");
            }
            html_lit(p->h, "</ul>");
        }
    }
    page_end(p);
out_plan:
    gt_plan_finish(&plan);
out_ctx:
    gt_budget_table_finish(&t);
    gt_budget_finish(&b);
    gt_ctx_finish(&notes);
}
