/*
 * page_versions: a plan's versions and approvals, as its document control
 * lists them: each version's number, status, author, date, what changed
 * and who approved it when. With ?version=N, that version: its details,
 * approvals and digest, and what changed from the version before (or,
 * for the first, since it, in the plan as it stands). Planners keep a
 * new version, record approvals and publish here as on the command line,
 * through the same rules (core/version.h).
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

/* The form that keeps the plan as it stands as a new version. */
static void
create_form(struct web_page *p, const struct gt_plan *plan,
            const struct field_error *errors, size_t n)
{
    html_lit(p->h, "<h2 class=\"govuk-heading-m\">Keep the plan as a new "
                   "version</h2><p class=\"govuk-body\">The plan as it "
                   "stands today is kept unchanged as a draft, to be "
                   "approved and published.</p><form method=\"post\" "
                   "action=\"/plans/");
    html_url_arg(p->h, plan->code);
    html_lit(p->h, "/versions\" novalidate>");
    page_csrf_input(p);
    widget_form_text(p, "note", "What changed (optional)", NULL, errors, n);
    widget_form_text(p, "review", "Review date (optional)",
                     "For example, 31 March 2027", errors, n);
    widget_form_text(p, "circulation", "Circulation (optional)",
                     "For example, None, or Members only", errors, n);
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Keep a new version</button>"
                   "</form>");
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
        gt_timestamp_day_long(v->created_at, created);
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

/* For planners: record an approval (a draft or approved version), and
 * publish (an approved one). */
static void
approval_forms(struct web_page *p, const struct gt_plan *plan,
               const struct gt_version *v, const struct field_error *errors,
               size_t n)
{
    char number[16];
    snprintf(number, sizeof number, "%d", v->number);
    if (v->status != GT_VERSION_DRAFT && v->status != GT_VERSION_APPROVED)
        return;
    html_lit(p->h, "<h2 class=\"govuk-heading-m\">Record an approval</h2>"
                   "<form method=\"post\" action=\"/plans/");
    html_url_arg(p->h, plan->code);
    html_lit(p->h, "/approvals\" novalidate>");
    page_csrf_input(p);
    html_lit(p->h, "<input type=\"hidden\" name=\"version\" value=\"");
    html_attr(p->h, number);
    html_lit(p->h, "\">");
    widget_form_text(p, "body", "Who approved it",
                     "For example, Author, Directorate Management Team or "
                     "Cabinet",
                     errors, n);
    widget_form_text(p, "by", "The person or meeting",
                     "For example, Cabinet meeting", errors, n);
    widget_form_text(p, "on", "Date of the approval (optional)",
                     "For example, 19 March 2027; today when left blank",
                     errors, n);
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Record the approval"
                   "</button></form>");
    if (v->status != GT_VERSION_APPROVED)
        return;
    html_lit(p->h, "<h2 class=\"govuk-heading-m\">Publish this version</h2>"
                   "<p class=\"govuk-body\">The version published before "
                   "is archived. A published version cannot change.</p>"
                   "<form method=\"post\" action=\"/plans/");
    html_url_arg(p->h, plan->code);
    html_lit(p->h, "/publish\" novalidate>");
    page_csrf_input(p);
    html_lit(p->h, "<input type=\"hidden\" name=\"version\" value=\"");
    html_attr(p->h, number);
    html_lit(p->h, "\"><button type=\"submit\" class=\"govuk-button "
                   "govuk-button--warning\" data-module=\"govuk-button\">"
                   "Publish version ");
    html_text(p->h, number);
    html_lit(p->h, "</button></form>");
}

static void
one(struct web_page *p, const struct gt_plan *plan, int number,
    const struct field_error *errors, size_t n_errors)
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
    snprintf(title, sizeof title, "%sVersion %d", n_errors ? "Error: " : "",
             number);
    page_begin_under_plan(p, plan, title + (n_errors ? 7 : 0));
    page_error_summary(p, errors, n_errors);
    html_lit(p->h, "<p class=\"govuk-body\">");
    status_tag(p, v.status);
    html_lit(p->h, "</p><dl class=\"govuk-summary-list\">");
    gt_date_long(v.review_date, review);
    widget_summary_row(p, "Author", v.author ? v.author : "");
    gt_timestamp_day_long(v.created_at, created);
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
    if (gt_role_may_plan(p->user.role))
        approval_forms(p, plan, &v, errors, n_errors);
    page_end(p);
out:
    free(now);
    gt_version_finish(&v);
    gt_version_finish(&before);
}

/* The list of versions, with the form to keep a new one for planners. */
static void
versions_page(struct web_page *p, const struct gt_plan *plan,
              const struct field_error *errors, size_t n)
{
    struct gt_versions versions = {0};
    if (gt_db_versions(p->db, plan->code, &versions, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        gt_versions_finish(&versions);
        return;
    }
    page_begin_under_plan(p, plan, "Versions and approvals");
    page_error_summary(p, errors, n);
    list(p, plan, &versions);
    if (gt_role_may_plan(p->user.role))
        create_form(p, plan, errors, n);
    page_end(p);
    gt_versions_finish(&versions);
}

/* A version number from a form or query; 0 when it is not one. */
static int
version_number(const char *text)
{
    char *end;
    long n = text ? strtol(text, &end, 10) : 0;
    return text && end != text && !*end && n >= 1 && n <= 1000000 ? (int)n : 0;
}

/* The plan the route names, or false after a 404 or 500 page. */
static bool
plan_of(struct web_page *p, struct gt_plan *plan)
{
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, plan, &p->ctx);
    if (rc == GT_NOTFOUND)
        page_error(p, 404, "Page not found", "There is no such plan.");
    else if (rc != GT_OK)
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
    return rc == GT_OK;
}

static void
to_version(struct web_page *p, const char *code, int number)
{
    char *to = xasprintf("/plans/%s/versions?version=%d", code, number);
    page_redirect(p, to);
    free(to);
}

void
page_versions(struct web_page *p)
{
    struct gt_plan plan;
    const char *which = web_form_get(&p->query, "version");
    gt_plan_init(&plan);
    if (!plan_of(p, &plan))
        goto out;
    if (which && *which) {
        int n = version_number(which);
        if (!n)
            page_error(p, 404, "Page not found",
                       "The plan has no such version.");
        else
            one(p, &plan, n, NULL, 0);
    } else
        versions_page(p, &plan, NULL, 0);
out:
    gt_plan_finish(&plan);
}

void
page_version_post(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_version v = {0};
    struct field_error errors[2];
    size_t n = 0;
    char sha[GT_SHA256_HEX_LEN];
    int number = 0;
    const char *review = web_form_get(&p->form, "review");
    const char *note = web_form_get(&p->form, "note");
    const char *circulation = web_form_get(&p->form, "circulation");
    enum gt_rc rc;
    gt_plan_init(&plan);
    if (!plan_of(p, &plan))
        goto out;
    v.review_date = GT_NO_DATE;
    if (review && *review && !gt_date_parse(review, &v.review_date))
        errors[n++] = (struct field_error){
            "review", "Enter the review date as a date, like 31 March 2027"};
    if ((note && strlen(note) > 1000) ||
        (circulation && strlen(circulation) > 1000))
        errors[n++] = (struct field_error){
            note && strlen(note) > 1000 ? "note" : "circulation",
            "Write 1,000 characters or fewer"};
    if (n) {
        versions_page(p, &plan, errors, n);
        goto out;
    }
    v.author =
        xstrdup(p->user.display_name ? p->user.display_name : p->user.username);
    v.note = note && *note ? xstrdup(note) : NULL;
    v.circulation = circulation && *circulation ? xstrdup(circulation) : NULL;
    rc =
        gt_plan_snapshot(p->db, plan.code, p->today, &v.snapshot, sha, &p->ctx);
    if (rc == GT_OK) {
        v.sha256 = xstrdup(sha);
        rc = gt_db_version_create(p->db, plan.code, &v, &number, &p->ctx);
    }
    if (rc != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "The version could not be kept.");
        goto out;
    }
    to_version(p, plan.code, number);
out:
    gt_version_finish(&v);
    gt_plan_finish(&plan);
}

void
page_approval_post(struct web_page *p)
{
    struct gt_plan plan;
    struct field_error errors[3];
    size_t n = 0;
    int number = version_number(web_form_get(&p->form, "version"));
    const char *body = web_form_get(&p->form, "body");
    const char *by = web_form_get(&p->form, "by");
    const char *on_text = web_form_get(&p->form, "on");
    int32_t on = p->today;
    enum gt_rc rc;
    gt_plan_init(&plan);
    if (!plan_of(p, &plan))
        goto out;
    if (!number) {
        page_error(p, 404, "Page not found", "The plan has no such version.");
        goto out;
    }
    if (!body || !*body || strlen(body) > 200)
        errors[n++] = (struct field_error){
            "body", "Enter who approved it, in 200 characters or fewer"};
    if (!by || !*by || strlen(by) > 200)
        errors[n++] = (struct field_error){
            "by", "Enter the person or meeting, in 200 characters or fewer"};
    if (on_text && *on_text && !gt_date_parse(on_text, &on))
        errors[n++] = (struct field_error){
            "on", "Enter the date as a date, like 19 March 2027"};
    rc = n ? GT_INVALID
           : gt_db_version_approve(p->db, plan.code, number, body, by, on,
                                   &p->ctx);
    if (rc == GT_NOTFOUND)
        page_error(p, 404, "Page not found", "The plan has no such version.");
    else if (rc == GT_CONFLICT) {
        errors[n++] = (struct field_error){
            "body", "This version is published or archived: it takes no "
                    "more approvals"};
        one(p, &plan, number, errors, n);
    } else if (rc == GT_INVALID)
        one(p, &plan, number, errors, n);
    else if (rc != GT_OK)
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "The approval could not be recorded.");
    else
        to_version(p, plan.code, number);
out:
    gt_plan_finish(&plan);
}

void
page_publish_post(struct web_page *p)
{
    struct gt_plan plan;
    int number = version_number(web_form_get(&p->form, "version"));
    enum gt_rc rc;
    gt_plan_init(&plan);
    if (!plan_of(p, &plan))
        goto out;
    rc = number ? gt_db_version_status(p->db, plan.code, number,
                                       GT_VERSION_PUBLISHED, &p->ctx)
                : GT_NOTFOUND;
    if (rc == GT_NOTFOUND)
        page_error(p, 404, "Page not found", "The plan has no such version.");
    else if (rc == GT_CONFLICT)
        page_error(p, 409, "This version cannot be published",
                   "Only an approved version can be published.");
    else if (rc != GT_OK)
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "The version could not be published.");
    else
        to_version(p, plan.code, number);
out:
    gt_plan_finish(&plan);
}
