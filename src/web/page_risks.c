/*
 * page_risks: a plan's risk register: a 5 x 5 heat map of the risks as
 * they stand (residual likelihood and impact), then every risk, highest
 * residual score first, with its scores and bands in words, owner, review
 * date (tagged when overdue), mitigations and the items it threatens.
 * Read-only: registers are imported on the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/risk.h"
#include "report/markup.h"
#include "report/svg.h"
#include "web/page.h"

static int
by_residual(const void *a, const void *b)
{
    const struct gt_risk *x = *(const struct gt_risk *const *)a;
    const struct gt_risk *y = *(const struct gt_risk *const *)b;
    int vx = gt_risk_value(x->residual), vy = gt_risk_value(y->residual);
    if (vx != vy)
        return vx > vy ? -1 : 1;
    return strcmp(x->ref, y->ref);
}

static void
heat_map(struct web_page *p, const struct gt_risks *risks)
{
    struct svg_risk_mark *marks =
        xcalloc(risks->n ? risks->n : 1, sizeof *marks);
    struct buf desc;
    buf_init(&desc, 64 * 1024);
    bool ok = buf_adds(&desc, "Each risk as it stands now: ");
    for (size_t i = 0; i < risks->n; i++) {
        const struct gt_risk *r = &risks->v[i];
        marks[i] = (struct svg_risk_mark){r->ref, r->residual.likelihood,
                                          r->residual.impact};
        char line[160];
        int v = gt_risk_value(r->residual);
        snprintf(line, sizeof line,
                 "%s%s likelihood %d, impact %d, score %d (%s)", i ? "; " : "",
                 r->ref, r->residual.likelihood, r->residual.impact, v,
                 gt_risk_band(v));
        ok = ok && buf_adds(&desc, line);
    }
    struct markup m;
    markup_init(&m, 64 * 1024);
    svg_risk_heat_map(&m, "heat-map", "Risks by likelihood and impact",
                      ok ? desc.p : "Each risk as it stands now", marks,
                      risks->n);
    html_lit(p->h, "<figure class=\"govuk-!-margin-0 govuk-!-margin-bottom-6\""
                   " style=\"max-width:40em\">");
    html_markup(p->h, &m);
    html_lit(p->h, "</figure>");
    markup_finish(&m);
    buf_finish(&desc);
    free(marks);
}

static void
score_cell(struct web_page *p, struct gt_risk_score s)
{
    int v = gt_risk_value(s);
    html_lit(p->h, "<td class=\"govuk-table__cell\">");
    if (!v) {
        html_lit(p->h, "None set");
    } else {
        html_int(p->h, v);
        html_lit(p->h, " ");
        html_text(p->h, gt_risk_band(v));
        html_lit(p->h, "<br><span class=\"govuk-body-s\">L");
        html_int(p->h, s.likelihood);
        html_lit(p->h, " &times; I");
        html_int(p->h, s.impact);
        html_lit(p->h, "</span>");
    }
    html_lit(p->h, "</td>");
}

static void
risk_row(struct web_page *p, const struct gt_risk *r)
{
    html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                   "class=\"govuk-table__header\">");
    html_text(p->h, r->ref);
    html_lit(p->h, "</th><td class=\"govuk-table__cell\"><strong>");
    html_text(p->h, r->title);
    html_lit(p->h, "</strong>");
    if (r->cause) {
        html_lit(p->h, "<br>Cause: ");
        html_text(p->h, r->cause);
    }
    if (r->effect) {
        html_lit(p->h, "<br>Effect: ");
        html_text(p->h, r->effect);
    }
    if (r->n_mitigations) {
        html_lit(p->h, "<ul class=\"govuk-list govuk-list--bullet "
                       "govuk-body-s govuk-!-margin-top-2\">");
        for (size_t k = 0; k < r->n_mitigations; k++) {
            const struct gt_mitigation *m = &r->mitigations[k];
            html_lit(p->h, "<li>");
            html_text(p->h, m->action);
            html_lit(p->h, " (");
            html_text(p->h, gt_mitigation_status_code(m->status));
            if (m->owner) {
                html_lit(p->h, ", ");
                html_text(p->h, m->owner);
            }
            if (m->due != GT_NO_DATE) {
                html_lit(p->h, ", due ");
                html_date(p->h, m->due);
            }
            html_lit(p->h, ")</li>");
        }
        html_lit(p->h, "</ul>");
    }
    if (r->n_links) {
        html_lit(p->h, "<p class=\"govuk-body-s\">Threatens: ");
        for (size_t k = 0; k < r->n_links; k++) {
            if (k)
                html_lit(p->h, ", ");
            html_text(p->h, r->links[k]);
        }
        html_lit(p->h, "</p>");
    }
    html_lit(p->h, "</td>");
    widget_cell(p, r->owner ? r->owner : "", false);
    score_cell(p, r->inherent);
    score_cell(p, r->residual);
    score_cell(p, r->target);
    html_lit(p->h, "<td class=\"govuk-table__cell\">");
    if (r->review == GT_NO_DATE) {
        html_lit(p->h, "None set");
    } else {
        html_date(p->h, r->review);
        if (gt_risk_review_overdue(r, p->today))
            html_lit(p->h, " <strong class=\"govuk-tag govuk-tag--red\">"
                           "Overdue</strong>");
    }
    html_lit(p->h, "</td></tr>");
}

void
page_risks(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_risks risks = {0};
    const struct gt_risk **order = NULL;
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such plan.");
        return;
    }
    if (rc != GT_OK || gt_db_risks(p->db, p->param, &risks, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    page_begin_under_plan(p, &plan, "Risks");
    if (!risks.n) {
        html_lit(p->h, "<p class=\"govuk-body\">No risks have been recorded "
                       "for this plan. They are imported with "
                       "<code>goldthread risk import</code>.</p>");
        page_end(p);
        goto out;
    }
    html_lit(p->h, "<p class=\"govuk-body\">Scores are likelihood times "
                   "impact, each from 1 to 5: Low 1 to 4, Medium 5 to 9, "
                   "High 10 to 16, Very high 20 and 25.</p>");
    heat_map(p, &risks);
    order = xcalloc(risks.n, sizeof *order);
    for (size_t i = 0; i < risks.n; i++)
        order[i] = &risks.v[i];
    qsort(order, risks.n, sizeof *order, by_residual);
    html_lit(p->h,
             "<table class=\"govuk-table\"><caption "
             "class=\"govuk-table__caption govuk-table__caption--m\">The "
             "register, highest risk now first</caption><thead "
             "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
             "<th scope=\"col\" class=\"govuk-table__header\">Ref</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">Risk and "
             "mitigations</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Owner</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Before controls</th><th "
             "scope=\"col\" class=\"govuk-table__header\">Now</th><th "
             "scope=\"col\" class=\"govuk-table__header\">Target</th><th "
             "scope=\"col\" class=\"govuk-table__header\">Review</th></tr>"
             "</thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < risks.n; i++)
        risk_row(p, order[i]);
    html_lit(p->h, "</tbody></table>");
    page_end(p);
out:
    free(order);
    gt_risks_finish(&risks);
    gt_plan_finish(&plan);
}
