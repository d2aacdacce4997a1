/*
 * page_home: what a signed-in person sees first: their own work, every
 * plan with its status counts, what is overdue, and what changed lately.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"
#include "core/mem.h"
#include "web/page.h"

/* The rows of the reader's own work (due soonest) and of the overdue
 * (longest overdue) the home page lists: as many as a glance takes in (a
 * plan of 100,000 items had 80,000 overdue, all on this page, and each
 * of its leads 2,000 items). */
#define HOME_ROWS 20

/* A table of items under caption, at most HOME_ROWS of them; when there
 * were more (the caller asks for one more than it shows), the sentence
 * more, a paragraph, says where the rest are. */
static void
item_table(struct web_page *p, const struct gt_items *items,
           const char *caption, const char *more)
{
    html_lit(p->h, "<table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">");
    html_text(p->h, caption);
    html_lit(p->h, "</caption><thead class=\"govuk-table__head\"><tr "
                   "class=\"govuk-table__row\"><th scope=\"col\" "
                   "class=\"govuk-table__header\">Item</th><th scope=\"col\" "
                   "class=\"govuk-table__header\">Status</th><th "
                   "scope=\"col\" class=\"govuk-table__header\">Lead</th>"
                   "<th scope=\"col\" class=\"govuk-table__header\">"
                   "Deadline</th></tr></thead><tbody "
                   "class=\"govuk-table__body\">");
    long shown = 0;
    for (size_t i = 0; i < items->n && shown < HOME_ROWS; i++) {
        const struct gt_item *it = &items->v[i];
        if (gt_item_kind_is_group(it->kind))
            continue;
        shown++;
        html_lit(p->h, "<tr class=\"govuk-table__row\"><td "
                       "class=\"govuk-table__cell\">");
        widget_item_link(p, it, true);
        html_lit(p->h, "</td><td class=\"govuk-table__cell\">");
        widget_status(p, it);
        html_lit(p->h, "</td><td class=\"govuk-table__cell\">");
        html_text(p->h, it->lead ? it->lead : "-");
        html_lit(p->h, "</td><td class=\"govuk-table__cell\">");
        widget_deadline(p, &it->deadline);
        html_lit(p->h, "</td></tr>");
    }
    if (shown == 0)
        html_lit(p->h, "<tr class=\"govuk-table__row\"><td "
                       "class=\"govuk-table__cell\" colspan=\"4\">None."
                       "</td></tr>");
    html_lit(p->h, "</tbody></table>");
    if (more && items->n > HOME_ROWS) {
        html_lit(p->h, "<p class=\"govuk-body\">");
        html_text(p->h, more);
        html_lit(p->h, "</p>");
    }
}

static bool
plans_table(struct web_page *p)
{
    struct gt_plans plans = {0};
    struct gt_rollups counts = {0};
    bool ok = gt_db_plan_list(p->db, &plans, &p->ctx) == GT_OK &&
              gt_db_rollup_each(p->db, GT_SCOPE_PLAN, p->today, &counts,
                                &p->ctx) == GT_OK;
    html_lit(p->h, "<table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">"
                   "Plans</caption><thead class=\"govuk-table__head\"><tr "
                   "class=\"govuk-table__row\"><th scope=\"col\" "
                   "class=\"govuk-table__header\">Plan</th><th scope=\"col\" "
                   "class=\"govuk-table__header\">Status of its work</th>"
                   "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; ok && i < plans.n; i++) {
        struct gt_brag_counts c = gt_rollups_of(&counts, plans.v[i].code);
        html_lit(p->h, "<tr class=\"govuk-table__row\"><td "
                       "class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                       "href=\"/plans/");
        html_url_arg(p->h, plans.v[i].code);
        html_lit(p->h, "\">");
        html_text(p->h, plans.v[i].title);
        html_lit(p->h, "</a><br><span class=\"govuk-body-s\">");
        html_text(p->h, gt_plan_kind_word(plans.v[i].kind));
        html_lit(p->h, "</span></td><td class=\"govuk-table__cell\">");
        widget_counts(p, &c);
        html_lit(p->h, "<br><a class=\"govuk-link govuk-body-s\" "
                       "href=\"/plans/");
        html_url_arg(p->h, plans.v[i].code);
        html_lit(p->h, "?overdue=yes\">Its overdue work<span "
                       "class=\"govuk-visually-hidden\"> in ");
        html_text(p->h, plans.v[i].title);
        html_lit(p->h, "</span></a></td></tr>");
    }
    html_lit(p->h, "</tbody></table>");
    gt_plans_finish(&plans);
    gt_rollups_finish(&counts);
    return ok;
}

void
page_home(struct web_page *p)
{
    struct gt_items mine = {0}, late = {0}, recent = {0};
    bool ok = true;
    /* the page depends on the reader's own work and the day only: kept
     * while the data is unchanged */
    char today[GT_DATE_ISO_LEN];
    gt_date_iso(p->today, today);
    struct page_keeping kept;
    if (page_kept(
            p, &kept,
            xasprintf("home\n%lld\n%s", (long long)p->user.person_id, today),
            NULL)) {
        page_keeping_finish(&kept);
        return;
    }
    if (p->user.person_id)
        ok = gt_db_items_of_person(p->db, p->user.person_id, p->today,
                                   HOME_ROWS + 1, &mine, &p->ctx) == GT_OK;
    /* one more than is shown, to know whether there are more */
    ok = ok && gt_db_items_overdue(p->db, p->today, NULL, NULL, HOME_ROWS + 1,
                                   &late, &p->ctx) == GT_OK;
    ok = ok &&
         gt_db_items_recently_updated(p->db, 10, &recent, &p->ctx) == GT_OK;
    if (!ok)
        goto fail;
    page_keep_begin(p, &kept, "Home");
    html_lit(p->h, "<span class=\"govuk-caption-l\">");
    html_date(p->h, p->today);
    html_lit(p->h, "</span><h1 class=\"govuk-heading-l\">Home</h1>");
    if (p->user.person_id)
        item_table(p, &mine, "Your work",
                   "These are your 20 due soonest. A plan's page lists all "
                   "of your work in it: choose yourself as the lead.");
    if (!plans_table(p))
        goto fail;
    item_table(p, &late, "Overdue",
               "These are the 20 longest overdue. Each plan's overdue work "
               "is on its page, linked from the plans above.");
    item_table(p, &recent, "Recently updated", NULL);
    page_keep_end(p, &kept, "Home");
    goto out;
fail:
    page_error(p, 500, "Sorry, there is a problem with the service",
               "Try again later.");
out:
    page_keeping_finish(&kept);
    gt_items_finish(&mine);
    gt_items_finish(&late);
    gt_items_finish(&recent);
}
