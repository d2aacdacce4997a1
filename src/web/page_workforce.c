/*
 * page_workforce: a plan's workforce: each unit's latest period (its
 * establishment, FTE in post, vacancies, agency share and days lost to
 * sickness per FTE over a year against the target of 6) and the total.
 * Then social workers' caseloads against the policy's bands: each team's
 * sums and, to those who plan (the list names people), every worker over
 * their band. Read-only: figures are recorded on the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caseload.h"
#include "core/date.h"
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

/* The workforce table, or a sentence saying there is none. */
static void
workforce_table(struct web_page *p, const struct gt_workforce_list *list)
{
    if (!list->n) {
        html_lit(p->h, "<p class=\"govuk-body\">No workforce figures have "
                       "been recorded for this plan. They are recorded with "
                       "<code>goldthread workforce import</code>.</p>");
        return;
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
    for (size_t i = 0; i < list->n; i++)
        unit_row(p, &list->v[i], false);
    struct gt_workforce all;
    gt_workforce_total(list, &all);
    unit_row(p, &all, true);
    html_lit(p->h, "</tbody></table><p class=\"govuk-body-s\">Days lost are "
                   "scaled to a year from the period's, as the target of 6 "
                   "days a year is. Green: at or under the target; Amber: "
                   "within a tenth over it; Red: beyond.</p>");
}

static void
team_row(struct web_page *p, const struct gt_caseload_team *t, bool total)
{
    char text[48];
    html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                   "class=\"govuk-table__header");
    if (!total)
        html_lit(p->h, " govuk-!-font-weight-regular");
    html_lit(p->h, "\">");
    html_text(p->h, t->team);
    html_lit(p->h, "</th>");
    snprintf(text, sizeof text, "%zu", t->workers);
    widget_cell(p, text, true);
    snprintf(text, sizeof text, "%ld", t->cases);
    widget_cell(p, text, true);
    snprintf(text, sizeof text, "%.1f", (double)t->cases / (double)t->workers);
    widget_cell(p, text, true);
    snprintf(text, sizeof text, "%zu", t->over);
    widget_cell(p, text, true);
    snprintf(text, sizeof text, "%zu", t->under);
    widget_cell(p, text, true);
    html_lit(p->h, "</tr>");
}

/* Every worker over their band, by team. */
static void
breaches(struct web_page *p, const struct gt_caseload_policy *policy,
         const struct gt_caseloads *list)
{
    char text[48];
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++)
        n += gt_caseload_check(policy, &list->v[i]) > 0;
    if (!n) {
        html_lit(p->h, "<p class=\"govuk-body\">No worker holds more cases "
                       "than the policy allows.</p>");
        return;
    }
    html_lit(p->h,
             "<table class=\"govuk-table\"><caption "
             "class=\"govuk-table__caption govuk-table__caption--m\">"
             "Workers over their band</caption><thead "
             "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th "
             "scope=\"col\" class=\"govuk-table__header\">Team</th><th "
             "scope=\"col\" class=\"govuk-table__header\">Worker</th><th "
             "scope=\"col\" class=\"govuk-table__header\">Experience</th>"
             "<th scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Cases</th><th scope=\"col\" "
             "class=\"govuk-table__header govuk-table__header--numeric\">"
             "Most allowed</th></tr></thead><tbody "
             "class=\"govuk-table__body\">");
    for (size_t i = 0; i < list->n; i++) {
        const struct gt_caseload *c = &list->v[i];
        if (gt_caseload_check(policy, c) <= 0)
            continue;
        html_lit(p->h, "<tr class=\"govuk-table__row\">");
        widget_cell(p, c->team, false);
        widget_cell(p, c->worker, false);
        widget_cell(p, gt_caseload_band_word(c->band), false);
        snprintf(text, sizeof text, "%d", c->cases);
        widget_cell(p, text, true);
        snprintf(text, sizeof text, "%d", policy->high[c->band]);
        widget_cell(p, text, true);
        html_lit(p->h, "</tr>");
    }
    html_lit(p->h, "</tbody></table>");
}

static void
caseloads(struct web_page *p, const struct gt_caseload_policy *policy,
          const struct gt_caseloads *list)
{
    char text[GT_DATE_LONG_LEN + 32];
    html_lit(p->h, "<h2 class=\"govuk-heading-l\">Caseloads</h2>");
    if (!list->n) {
        html_lit(p->h, "<p class=\"govuk-body\">No caseloads have been "
                       "recorded for this plan. They are recorded with "
                       "<code>goldthread caseload import</code>.</p>");
        return;
    }
    html_lit(p->h, "<p class=\"govuk-body\">The policy: ");
    for (int b = 0; b < GT_BAND_COUNT; b++) {
        if (b)
            html_lit(p->h, "; ");
        html_text(p->h, gt_caseload_band_word((enum gt_caseload_band)b));
        snprintf(text, sizeof text, " %d to %d cases", policy->low[b],
                 policy->high[b]);
        html_text(p->h, text);
    }
    html_lit(p->h, ".</p>");
    size_t n_teams;
    struct gt_caseload_team *teams = gt_caseload_teams(policy, list, &n_teams);
    gt_date_long(list->as_at, text);
    html_lit(p->h, "<table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">"
                   "Social workers' caseloads by team, ");
    html_text(p->h, text);
    html_lit(p->h, "</caption><thead class=\"govuk-table__head\"><tr "
                   "class=\"govuk-table__row\"><th scope=\"col\" "
                   "class=\"govuk-table__header\">Team</th><th scope=\"col\" "
                   "class=\"govuk-table__header govuk-table__header--numeric\">"
                   "Workers</th><th scope=\"col\" class=\"govuk-table__header "
                   "govuk-table__header--numeric\">Cases</th><th scope=\"col\" "
                   "class=\"govuk-table__header govuk-table__header--numeric\">"
                   "Average</th><th scope=\"col\" class=\"govuk-table__header "
                   "govuk-table__header--numeric\">Over their band</th><th "
                   "scope=\"col\" class=\"govuk-table__header "
                   "govuk-table__header--numeric\">Under their band</th></tr>"
                   "</thead><tbody class=\"govuk-table__body\">");
    for (size_t t = 0; t < n_teams; t++)
        team_row(p, &teams[t], t + 1 == n_teams);
    html_lit(p->h, "</tbody></table>");
    free(teams);
    if (gt_role_disclosure(p->user.role).worker_names)
        breaches(p, policy, list);
}

void
page_workforce(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_workforce_list list = {0};
    struct gt_caseloads cases = {0};
    struct gt_caseload_policy policy;
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such plan.");
        return;
    }
    if (rc != GT_OK ||
        gt_db_workforce(p->db, p->param, p->today, &list, &p->ctx) != GT_OK ||
        gt_db_caseload_policy(p->db, &policy, &p->ctx) != GT_OK ||
        gt_db_caseloads(p->db, p->param, p->today, &cases, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    page_begin_under_plan(p, &plan, "Workforce");
    workforce_table(p, &list);
    caseloads(p, &policy, &cases);
    page_end(p);
out:
    gt_caseloads_finish(&cases);
    gt_workforce_list_finish(&list);
    gt_plan_finish(&plan);
}
