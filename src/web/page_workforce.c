/*
 * page_workforce: a plan's workforce: each unit's latest period (its
 * establishment, FTE in post, vacancies, agency share and days lost to
 * sickness per FTE over a year against the target of 6) and the total.
 * Read-only: figures are recorded on the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workforce.h"
#include "web/page.h"

static void
number_cell(struct web_page *p, double v, const char *suffix)
{
    char text[48];
    snprintf(text, sizeof text, "%.1f%s", v, suffix);
    widget_cell(p, text, true);
}

static void
unit_row(struct web_page *p, const struct gt_workforce *w, bool total)
{
    char period[GT_PERIOD_TEXT_LEN];
    double days;
    gt_period_format(&w->period, period);
    html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                   "class=\"govuk-table__header");
    if (!total)
        html_lit(p->h, " govuk-!-font-weight-regular");
    html_lit(p->h, "\">");
    html_text(p->h, w->unit);
    html_lit(p->h, "</th>");
    widget_cell(p, period, false);
    number_cell(p, w->establishment, "");
    number_cell(p, w->filled, "");
    number_cell(p, gt_workforce_vacancies(w), "");
    number_cell(p, gt_workforce_agency_percent(w), "%");
    if (gt_workforce_days_per_fte(w, &days)) {
        number_cell(p, gt_round_half_away(days, 1), "");
        html_lit(p->h, "<td class=\"govuk-table__cell\">");
        widget_rag_tag(p, gt_workforce_sickness_rag(days, GT_SICKNESS_TARGET));
        html_lit(p->h, "</td>");
    } else {
        widget_cell(p, "x", true);
        widget_cell(p, "Not known", false);
    }
    html_lit(p->h, "</tr>");
}

void
page_workforce(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_workforce_list list = {0};
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such plan.");
        return;
    }
    if (rc != GT_OK ||
        gt_db_workforce(p->db, p->param, p->today, &list, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    page_begin_under_plan(p, &plan, "Workforce");
    if (!list.n) {
        html_lit(p->h, "<p class=\"govuk-body\">No workforce figures have "
                       "been recorded for this plan. They are recorded with "
                       "<code>goldthread workforce import</code>.</p>");
        page_end(p);
        goto out;
    }
    html_lit(p->h,
             "<table class=\"govuk-table\"><caption "
             "class=\"govuk-table__caption govuk-table__caption--m\">Each "
             "unit's latest period, in full-time equivalents</caption><thead "
             "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th "
             "scope=\"col\" class=\"govuk-table__header\">Unit</th><th "
             "scope=\"col\" class=\"govuk-table__header\">Period</th><th "
             "scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Establishment</th><th "
             "scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">In post</th><th scope=\"col\" "
             "class=\"govuk-table__header govuk-table__header--numeric\">"
             "Vacancies</th><th scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Agency share</th><th "
             "scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Days lost per FTE a year</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">Against 6 days"
             "</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < list.n; i++)
        unit_row(p, &list.v[i], false);
    struct gt_workforce all;
    gt_workforce_total(&list, &all);
    unit_row(p, &all, true);
    html_lit(p->h, "</tbody></table><p class=\"govuk-body-s\">Days lost are "
                   "scaled to a year from the period's, as the target of 6 "
                   "days a year is. Green: at or under the target; Amber: "
                   "within a tenth over it; Red: beyond.</p>");
    page_end(p);
out:
    gt_workforce_list_finish(&list);
    gt_plan_finish(&plan);
}
