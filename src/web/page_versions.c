/*
 * page_versions: a plan's versions and approvals, as its document control
 * lists them: each version's number, status, author, date, what changed
 * and who approved it when. With ?version=N, that version: its details,
 * approvals and digest, and what changed from the version before (or,
 * for the first, since it, in the plan as it stands). Read-only: versions
 * are kept and approved on the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/version.h"
#include "io/snapshot_io.h"
#include "web/page.h"

static void
status_tag(struct web_page *p, enum gt_version_status s)
{
    html_lit(p->h, "<strong class=\"govuk-tag");
    switch (s) {
    case GT_VERSION_DRAFT:
        html_lit(p->h, " govuk-tag--grey");
        break;
    case GT_VERSION_APPROVED:
        html_lit(p->h, " govuk-tag--blue");
        break;
    case GT_VERSION_PUBLISHED:
        html_lit(p->h, " govuk-tag--green");
        break;
    default:
        html_lit(p->h, " govuk-tag--purple");
        break;
    }
    html_lit(p->h, "\">");
    html_text(p->h, gt_version_status_word(s));
    html_lit(p->h, "</strong>");
}

/* The day a version was made, in words ("" when it cannot be read). */
static void
created_day(const struct gt_version *v, char out[GT_DATE_LONG_LEN])
{
    char iso[GT_DATE_ISO_LEN];
    int32_t day;
    out[0] = '\0';
    if (!v->created_at || strlen(v->created_at) < 10)
        return;
    memcpy(iso, v->created_at, 10);
    iso[10] = '\0';
    if (gt_date_parse_iso(iso, &day))
        gt_date_long(day, out);
}

static void
approvals_cell(struct web_page *p, const struct gt_version *v)
{
    html_lit(p->h, "<td class=\"govuk-table__cell\">");
    if (!v->n_approvals)
        html_lit(p->h, "Not yet approved");
    for (size_t i = 0; i < v->n_approvals; i++) {
        char on[GT_DATE_LONG_LEN];
        gt_date_long(v->approvals[i].on, on);
        if (i)
            html_lit(p->h, "<br>");
        html_text(p->h, v->approvals[i].body);
        html_lit(p->h, " (");
        html_text(p->h, v->approvals[i].by);
        html_lit(p->h, "), ");
        html_text(p->h, on);
    }
    html_lit(p->h, "</td>");
}

static void
list(struct web_page *p, const struct gt_plan *plan,
     const struct gt_versions *versions)
{
    if (!versions->n) {
        html_lit(p->h, "<p class=\"govuk-body\">This plan has no versions "
                       "yet. A version is kept with <code>goldthread version "
                       "create</code> and approved with <code>goldthread "
                       "version approve</code>.</p>");
        return;
    }
    html_lit(p->h,
             "<table class=\"govuk-table\"><caption "
             "class=\"govuk-table__caption govuk-table__caption--m\">Versions"
             "</caption><thead class=\"govuk-table__head\"><tr "
             "class=\"govuk-table__row\"><th scope=\"col\" "
             "class=\"govuk-table__header\">Version</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Status</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Author</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Created</th><th scope=\"col\" "
             "class=\"govuk-table__header\">What changed</th><th "
             "scope=\"col\" class=\"govuk-table__header\">Approvals</th>"
             "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = versions->n; i-- > 0;) {
        const struct gt_version *v = &versions->v[i];
        char number[16], created[GT_DATE_LONG_LEN];
        snprintf(number, sizeof number, "%d", v->number);
        created_day(v, created);
        html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                       "class=\"govuk-table__header\"><a class=\"govuk-link\" "
                       "href=\"/plans/");
        html_url_arg(p->h, plan->code);
        html_lit(p->h, "/versions?version=");
        html_url_arg(p->h, number);
        html_lit(p->h, "\">Version ");
        html_text(p->h, number);
        html_lit(p->h, "</a></th><td class=\"govuk-table__cell\">");
        status_tag(p, v->status);
        html_lit(p->h, "</td>");
        widget_cell(p, v->author ? v->author : "", false);
        widget_cell(p, created, false);
        widget_cell(p, v->note ? v->note : "", false);
        approvals_cell(p, v);
        html_lit(p->h, "</tr>");
    }
    html_lit(p->h, "</tbody></table>");
}

static void
changes_table(struct web_page *p, const char *caption,
              const struct gt_changes *c)
{
    html_lit(p->h, "<h2 class=\"govuk-heading-m\">");
    html_text(p->h, caption);
    html_lit(p->h, "</h2>");
    if (!c->n) {
        html_lit(p->h, "<p class=\"govuk-body\">Nothing has changed.</p>");
        return;
    }
    html_lit(p->h,
             "<table class=\"govuk-table\"><thead class=\"govuk-table__head\">"
             "<tr class=\"govuk-table__row\"><th scope=\"col\" "
             "class=\"govuk-table__header\">Where</th><th scope=\"col\" "
             "class=\"govuk-table__header\">What</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Before</th><th scope=\"col\" "
             "class=\"govuk-table__header\">After</th></tr></thead><tbody "
             "class=\"govuk-table__body\">");
    for (size_t i = 0; i < c->n; i++) {
        html_lit(p->h, "<tr class=\"govuk-table__row\">");
        widget_cell(p, c->v[i].where, false);
        widget_cell(p, c->v[i].what, false);
        widget_cell(p, c->v[i].before, false);
        widget_cell(p, c->v[i].after, false);
        html_lit(p->h, "</tr>");
    }
    html_lit(p->h, "</tbody></table>");
}

/* What changed from version `from` (its snapshot) to b_text. */
static bool
changes(struct web_page *p, const char *a_text, const char *b_text,
        const char *caption)
{
    struct gt_changes c = {0};
    bool ok = gt_snapshot_diff(a_text, b_text, &c, &p->ctx) == GT_OK;
    if (ok)
        changes_table(p, caption, &c);
    gt_changes_finish(&c);
    return ok;
}

static void
one(struct web_page *p, const struct gt_plan *plan, int number)
{
    struct gt_version v = {0}, before = {0};
    char title[64], review[GT_DATE_LONG_LEN], created[GT_DATE_LONG_LEN];
    char *now = NULL;
    char sha[GT_SHA256_HEX_LEN];
    enum gt_rc rc = gt_db_version_get(p->db, plan->code, number, &v, &p->ctx);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "The plan has no such version.");
        return;
    }
    if (rc == GT_OK && number > 1)
        rc = gt_db_version_get(p->db, plan->code, number - 1, &before, &p->ctx);
    if (rc == GT_OK && number == 1)
        rc = gt_plan_snapshot(p->db, plan->code, p->today, &now, sha, &p->ctx);
    if (rc != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    snprintf(title, sizeof title, "Version %d", number);
    page_begin_under_plan(p, plan, title);
    html_lit(p->h, "<p class=\"govuk-body\">");
    status_tag(p, v.status);
    html_lit(p->h, "</p><dl class=\"govuk-summary-list\">");
    gt_date_long(v.review_date, review);
    widget_summary_row(p, "Author", v.author ? v.author : "");
    created_day(&v, created);
    widget_summary_row(p, "Created", created);
    widget_summary_row(p, "What changed", v.note ? v.note : "Not given");
    widget_summary_row(p, "Review date", *review ? review : "Not set");
    widget_summary_row(p, "Circulation",
                       v.circulation ? v.circulation : "Not set");
    widget_summary_row(p, "SHA-256 of the snapshot", v.sha256 ? v.sha256 : "");
    html_lit(p->h, "</dl><table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">"
                   "Approvals</caption><tbody class=\"govuk-table__body\">"
                   "<tr class=\"govuk-table__row\">");
    approvals_cell(p, &v);
    html_lit(p->h, "</tr></tbody></table>");
    if (!(number > 1 ? changes(p, before.snapshot, v.snapshot,
                               "Changes from the version before")
                     : changes(p, v.snapshot, now,
                               "Changes since, in the plan as it stands")))
        html_lit(p->h, "<p class=\"govuk-body\">The changes cannot be "
                       "shown.</p>");
    page_end(p);
out:
    free(now);
    gt_version_finish(&v);
    gt_version_finish(&before);
}

void
page_versions(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_versions versions = {0};
    const char *which = web_form_get(&p->query, "version");
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such plan.");
        return;
    }
    if (rc == GT_OK && which && *which) {
        char *end;
        long n = strtol(which, &end, 10);
        if (end == which || *end || n < 1 || n > 1000000)
            page_error(p, 404, "Page not found",
                       "The plan has no such version.");
        else
            one(p, &plan, (int)n);
        goto out;
    }
    if (rc != GT_OK ||
        gt_db_versions(p->db, p->param, &versions, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    page_begin_under_plan(p, &plan, "Versions and approvals");
    list(p, &plan, &versions);
    page_end(p);
out:
    gt_versions_finish(&versions);
    gt_plan_finish(&plan);
}
