/*
 * page_thread: the golden thread as a whole, and the people in it.
 *
 * The thread page is a matrix of corporate outcomes against the plans
 * whose work serves them, each cell the count of that work by status:
 * where the department's effort is directed. The people page shows what
 * each lead is responsible for and how it is going.
 */
#include "web/page.h"

/* "12 (Red 1, Amber 3)": the total, then the statuses that need
 * attention, in words. */
static void
cell(struct web_page *p, const struct gt_brag_counts *c)
{
    long total = gt_brag_total(c);
    if (total == 0) {
        html_lit(p->h, "<span class=\"govuk-visually-hidden\">none</span>"
                       "<span aria-hidden=\"true\">-</span>");
        return;
    }
    html_int(p->h, total);
    if (c->n[GT_RED] || c->n[GT_AMBER]) {
        html_lit(p->h, "<br><span class=\"govuk-body-s\">");
        if (c->n[GT_RED]) {
            html_lit(p->h, "Red ");
            html_int(p->h, c->n[GT_RED]);
            if (c->n[GT_AMBER])
                html_lit(p->h, ", ");
        }
        if (c->n[GT_AMBER]) {
            html_lit(p->h, "Amber ");
            html_int(p->h, c->n[GT_AMBER]);
        }
        html_lit(p->h, "</span>");
    }
}

void
page_thread(struct web_page *p)
{
    struct gt_matrix m;
    struct page_keeping kept;
    char today[GT_DATE_ISO_LEN];
    gt_date_iso(p->today, today);
    /* every plan's work, as it stands today */
    if (page_kept(p, &kept, xasprintf("thread\n%s", today), NULL)) {
        page_keeping_finish(&kept);
        return;
    }
    if (gt_db_thread_matrix(p->db, p->today, &m, &p->ctx) != GT_OK) {
        gt_matrix_finish(&m);
        page_keeping_finish(&kept);
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        return;
    }
    page_keep_begin(p, &kept, "The golden thread");
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">The golden thread</h1>"
                   "<p class=\"govuk-body\">Each row is a corporate "
                   "outcome; each column a plan. A cell counts the work in "
                   "that plan that serves the outcome, through the items it "
                   "sits in and the links between plans, with the work that "
                   "is red or amber today.</p>");
    if (m.outcomes.n == 0) {
        html_lit(p->h, "<p class=\"govuk-body\">No corporate plan has "
                       "outcomes yet.</p>");
    } else {
        html_lit(p->h, "<table class=\"govuk-table\"><caption "
                       "class=\"govuk-table__caption govuk-table__caption--m\""
                       ">Work serving each corporate outcome</caption><thead "
                       "class=\"govuk-table__head\"><tr "
                       "class=\"govuk-table__row\"><th scope=\"col\" "
                       "class=\"govuk-table__header\">Outcome</th>");
        for (size_t c = 0; c < m.plans.n; c++) {
            html_lit(p->h, "<th scope=\"col\" class=\"govuk-table__header "
                           "govuk-table__header--numeric\"><a "
                           "class=\"govuk-link\" href=\"/plans/");
            html_url_arg(p->h, m.plans.v[c].code);
            html_lit(p->h, "\">");
            html_text(p->h, m.plans.v[c].title);
            html_lit(p->h, "</a></th>");
        }
        html_lit(p->h, "</tr></thead><tbody class=\"govuk-table__body\">");
        for (size_t r = 0; r < m.outcomes.n; r++) {
            html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                           "class=\"govuk-table__header\">");
            widget_item_link(p, &m.outcomes.v[r], false);
            html_lit(p->h, "</th>");
            for (size_t c = 0; c < m.plans.n; c++) {
                html_lit(p->h, "<td class=\"govuk-table__cell "
                               "govuk-table__cell--numeric\">");
                cell(p, &m.cells[r * m.plans.n + c]);
                html_lit(p->h, "</td>");
            }
            html_lit(p->h, "</tr>");
        }
        html_lit(p->h, "</tbody></table>");
    }
    page_keep_end(p, &kept, "The golden thread");
    page_keeping_finish(&kept);
    gt_matrix_finish(&m);
}

void
page_people(struct web_page *p)
{
    struct gt_names leads = {0};
    struct gt_rollups counts = {0};
    bool ok = gt_db_leads(p->db, &leads, &p->ctx) == GT_OK &&
              gt_db_rollup_each(p->db, GT_SCOPE_LEAD, p->today, &counts,
                                &p->ctx) == GT_OK;
    if (!ok)
        goto fail;
    page_begin(p, "People");
    html_lit(p->h,
             "<h1 class=\"govuk-heading-l\">People</h1><table "
             "class=\"govuk-table\"><caption class=\"govuk-table__caption "
             "govuk-table__caption--m\">What each lead is responsible "
             "for, by status today</caption><thead "
             "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
             "<th scope=\"col\" class=\"govuk-table__header\">Lead</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">Their "
             "work</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < leads.n; i++) {
        struct gt_brag_counts c = gt_rollups_of(&counts, leads.v[i]);
        html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                       "class=\"govuk-table__header\">");
        html_text(p->h, leads.v[i]);
        html_lit(p->h, "</th><td class=\"govuk-table__cell\">");
        widget_counts(p, &c);
        html_lit(p->h, "</td></tr>");
    }
    html_lit(p->h, "</tbody></table>");
    page_end(p);
    goto out;
fail:
    page_error(p, 500, "Sorry, there is a problem with the service",
               "Try again later.");
out:
    gt_names_finish(&leads);
    gt_rollups_finish(&counts);
}
