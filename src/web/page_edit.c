/*
 * page_edit: planners shape plans in the browser: a new plan, a new item
 * in a plan (at the top or beneath another), and changes to an item's
 * words, people, deadline and monitoring. Every save is one transaction
 * and the audit log keeps the item before and after.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan_write.h"
#include "web/page.h"

#define TEXT_MAX 2000

/* The fields an item form sends, and what is wrong with them. */
struct item_fields {
    const char *kind, *ref, *title, *description, *lead, *owner, *deadline,
        *monitoring, *source;
    struct field_error errors[8];
    size_t n;
};

static const char *
field(struct web_page *p, const char *name)
{
    const char *v = web_form_get(&p->form, name);
    return v ? v : "";
}

static void
read_fields(struct web_page *p, struct item_fields *f, bool new_item)
{
    memset(f, 0, sizeof *f);
    f->kind = field(p, "kind");
    f->ref = field(p, "ref");
    f->title = field(p, "title");
    f->description = field(p, "description");
    f->lead = field(p, "lead");
    f->owner = field(p, "owner");
    f->deadline = field(p, "deadline");
    f->monitoring = field(p, "monitoring");
    f->source = field(p, "source");
    enum gt_item_kind kind;
    struct gt_deadline dl;
    if (new_item && !gt_item_kind_parse(f->kind, &kind))
        f->errors[f->n++] = (struct field_error){"kind", "Select a kind"};
    if (new_item && strlen(f->ref) > 40)
        f->errors[f->n++] = (struct field_error){
            "ref", "A reference must be 40 characters or fewer"};
    if (!*f->title || strlen(f->title) > 500)
        f->errors[f->n++] = (struct field_error){
            "title", "Enter a title of 500 characters or fewer"};
    const char *const *texts[] = {&f->description, &f->lead, &f->owner,
                                  &f->monitoring, &f->source};
    const char *const names[] = {"description", "lead", "owner", "monitoring",
                                 "source"};
    for (size_t i = 0; i < 5; i++)
        if (strlen(*texts[i]) > TEXT_MAX)
            f->errors[f->n++] = (struct field_error){
                names[i], "This must be 2,000 characters or fewer"};
    if (gt_deadline_parse(f->deadline, &dl) != NULL)
        f->errors[f->n++] = (struct field_error){
            "deadline", "Enter a deadline like March 2027, 31 March 2027, "
                        "January to March 2027 or March 2027 onwards"};
}

/* Copy the fields into it (initialised); the deadline parses, since
 * read_fields found no error. */
static void
fill_item(const struct item_fields *f, struct gt_item *it)
{
    it->title = xstrdup(f->title);
    it->description = *f->description ? xstrdup(f->description) : NULL;
    it->lead = *f->lead ? xstrdup(f->lead) : NULL;
    it->owner = *f->owner ? xstrdup(f->owner) : NULL;
    it->monitoring = *f->monitoring ? xstrdup(f->monitoring) : NULL;
    it->source = *f->source ? xstrdup(f->source) : NULL;
    it->deadline_text = *f->deadline ? xstrdup(f->deadline) : NULL;
    if (gt_deadline_parse(f->deadline, &it->deadline) != NULL)
        gt_deadline_none(&it->deadline);
}

/* The item form; action is where it posts; new_item adds kind and ref. */
static void
item_form(struct web_page *p, const char *title, const char *action,
          const struct item_fields *f, bool new_item, const char *parent)
{
    page_begin(p, f->n ? "Error: item" : title);
    html_lit(p->h, "<div class=\"govuk-grid-row\"><div "
                   "class=\"govuk-grid-column-two-thirds\">");
    page_error_summary(p, f->errors, f->n);
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">");
    html_text(p->h, title);
    html_lit(p->h, "</h1><form method=\"post\" action=\"");
    html_attr(p->h, action);
    html_lit(p->h, "\" novalidate>");
    page_csrf_input(p);
    if (new_item) {
        html_lit(p->h, "<input type=\"hidden\" name=\"parent\" value=\"");
        html_attr(p->h, parent);
        html_lit(p->h, "\"><div class=\"govuk-form-group\"><label "
                       "class=\"govuk-label\" for=\"kind\">Kind</label>"
                       "<select class=\"govuk-select\" id=\"kind\" "
                       "name=\"kind\">");
        for (int k = 0; k < GT_ITEM_KIND_COUNT; k++) {
            const char *code = gt_item_kind_code((enum gt_item_kind)k);
            html_lit(p->h, "<option value=\"");
            html_attr(p->h, code);
            html_lit(p->h, "\"");
            if (strcmp(code, *f->kind ? f->kind : "action") == 0)
                html_lit(p->h, " selected");
            html_lit(p->h, ">");
            html_text(p->h, code);
            html_lit(p->h, "</option>");
        }
        html_lit(p->h, "</select></div>");
        widget_text_input(p, "ref", "Reference (optional)",
                          "Left empty, the next number is used", f->ref, "text",
                          widget_error_for(f->errors, f->n, "ref"));
    }
    widget_text_input(p, "title", "Title", NULL, f->title, "text",
                      widget_error_for(f->errors, f->n, "title"));
    widget_textarea(p, "description", "Description (optional)", "govuk-label",
                    f->description, 4,
                    widget_error_for(f->errors, f->n, "description"));
    widget_text_input(p, "lead", "Lead", "A name or a role title", f->lead,
                      "text", widget_error_for(f->errors, f->n, "lead"));
    widget_text_input(p, "owner", "Owner (optional)", NULL, f->owner, "text",
                      widget_error_for(f->errors, f->n, "owner"));
    widget_text_input(p, "deadline", "Deadline",
                      "For example March 2027, 31 March 2027, January to "
                      "March 2027, March 2027 onwards, or January 2027 and "
                      "quarterly thereafter",
                      f->deadline, "text",
                      widget_error_for(f->errors, f->n, "deadline"));
    widget_text_input(p, "monitoring", "Monitoring",
                      "The board or meeting that reviews it", f->monitoring,
                      "text", widget_error_for(f->errors, f->n, "monitoring"));
    widget_text_input(p, "source", "Source of the idea (optional)", NULL,
                      f->source, "text",
                      widget_error_for(f->errors, f->n, "source"));
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Save</button></form>"
                   "</div></div>");
    page_end(p);
}

/* The item the route names, or a 404 page. */
static bool
load(struct web_page *p, struct gt_item *it)
{
    char *end = NULL;
    errno = 0;
    long long id = strtoll(p->param, &end, 10);
    gt_item_init(it);
    enum gt_rc rc = GT_NOTFOUND;
    if (!errno && end && !*end && id > 0)
        rc = gt_db_item_get(p->db, id, p->today, it, &p->ctx);
    if (rc == GT_NOTFOUND)
        page_error(p, 404, "Page not found", "There is no such item.");
    else if (rc != GT_OK)
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
    return rc == GT_OK;
}

void
page_item_edit(struct web_page *p)
{
    struct gt_item it;
    struct item_fields f = {0};
    char *action = NULL;
    if (!load(p, &it))
        goto out;
    f.title = it.title;
    f.description = it.description ? it.description : "";
    f.lead = it.lead ? it.lead : "";
    f.owner = it.owner ? it.owner : "";
    f.deadline = it.deadline_text ? it.deadline_text : "";
    f.monitoring = it.monitoring ? it.monitoring : "";
    f.source = it.source ? it.source : "";
    action = xasprintf("/items/%lld/edit", (long long)it.id);
    item_form(p, "Change the item", action, &f, false, NULL);
out:
    free(action);
    gt_item_finish(&it);
}

void
page_item_edit_post(struct web_page *p)
{
    struct gt_item it, changed;
    struct item_fields f;
    char *action = NULL;
    gt_item_init(&changed);
    if (!load(p, &it))
        goto out;
    read_fields(p, &f, false);
    action = xasprintf("/items/%lld", (long long)it.id);
    if (f.n) {
        char *post = xasprintf("%s/edit", action);
        p->res->status = 400;
        item_form(p, "Change the item", post, &f, false, NULL);
        free(post);
        goto out;
    }
    changed.id = it.id;
    fill_item(&f, &changed);
    if (gt_db_begin(p->db, &p->ctx) != GT_OK ||
        gt_db_item_update(p->db, &changed, &p->ctx) != GT_OK ||
        gt_db_commit(p->db, &p->ctx) != GT_OK) {
        gt_db_rollback(p->db);
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "The change was not saved. Try again later.");
        goto out;
    }
    page_redirect(p, action);
out:
    free(action);
    gt_item_finish(&changed);
    gt_item_finish(&it);
}

void
page_item_new(struct web_page *p)
{
    struct gt_plan plan;
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc != GT_OK) {
        page_error(p, rc == GT_NOTFOUND ? 404 : 500, "Page not found",
                   "There is no such plan.");
        gt_plan_finish(&plan);
        return;
    }
    const char *parent = web_form_get(&p->query, "parent");
    struct item_fields f = {.kind = "action",
                            .ref = "",
                            .title = "",
                            .description = "",
                            .lead = "",
                            .owner = "",
                            .deadline = "",
                            .monitoring = "",
                            .source = ""};
    char *action = xasprintf("/plans/%s/items", plan.code);
    item_form(p, "Add an item", action, &f, true, parent ? parent : "");
    free(action);
    gt_plan_finish(&plan);
}

void
page_item_new_post(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_item parent, it;
    struct item_fields f;
    char *to = NULL, *action = NULL;
    const char *parent_id = web_form_get(&p->form, "parent");
    gt_item_init(&parent);
    gt_item_init(&it);
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc != GT_OK) {
        page_error(p, rc == GT_NOTFOUND ? 404 : 500, "Page not found",
                   "There is no such plan.");
        goto out;
    }
    if (parent_id && *parent_id) {
        long long id = strtoll(parent_id, NULL, 10);
        if (gt_db_item_get(p->db, id, p->today, &parent, &p->ctx) != GT_OK ||
            parent.plan_id != plan.id) {
            page_error(p, 400, "The form could not be read",
                       "The item above this one is not in the plan.");
            goto out;
        }
    }
    read_fields(p, &f, true);
    if (!f.n) {
        long count = 0;
        if (gt_db_item_child_count(p->db, plan.id, parent.id, &count,
                                   &p->ctx) != GT_OK) {
            page_error(p, 500, "Sorry, there is a problem with the service",
                       "Try again later.");
            goto out;
        }
        int n = (int)count;
        fill_item(&f, &it);
        (void)gt_item_kind_parse(f.kind, &it.kind);
        it.plan_id = plan.id;
        it.parent_id = parent.id;
        it.position = n + 1;
        it.ref = *f.ref      ? xstrdup(f.ref)
                 : parent.id ? xasprintf("%s.%d", parent.ref, n + 1)
                             : xasprintf("%c%d",
                                         it.kind == GT_ITEM_PRIORITY ? 'P'
                                         : it.kind == GT_ITEM_THEME  ? 'T'
                                                                     : 'A',
                                         n + 1);
        rc = gt_db_begin(p->db, &p->ctx);
        if (rc == GT_OK)
            rc = gt_db_item_add(p->db, &it, &p->ctx);
        if (rc == GT_OK)
            rc = gt_db_commit(p->db, &p->ctx);
        else
            gt_db_rollback(p->db);
        if (rc == GT_CONFLICT)
            f.errors[f.n++] = (struct field_error){
                "ref", "That reference is already used in the plan"};
        else if (rc != GT_OK) {
            page_error(p, 500, "Sorry, there is a problem with the service",
                       "The item was not saved. Try again later.");
            goto out;
        }
    }
    if (f.n) {
        action = xasprintf("/plans/%s/items", plan.code);
        p->res->status = 400;
        item_form(p, "Add an item", action, &f, true,
                  parent_id ? parent_id : "");
        goto out;
    }
    to = xasprintf("/items/%lld", (long long)it.id);
    page_redirect(p, to);
out:
    free(to);
    free(action);
    gt_item_finish(&it);
    gt_item_finish(&parent);
    gt_plan_finish(&plan);
}

/* What the new-plan form sends, and what is wrong with it. */
struct plan_fields {
    const char *code, *title, *kind, *from, *to, *review;
    struct field_error errors[3 + GT_PLAN_MAX_PROBLEMS];
    size_t n;
};

static void
plan_form(struct web_page *p, const struct plan_fields *f)
{
    page_begin(p, f->n ? "Error: New plan" : "New plan");
    html_lit(p->h, "<div class=\"govuk-grid-row\"><div "
                   "class=\"govuk-grid-column-two-thirds\">");
    page_error_summary(p, f->errors, f->n);
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">New plan</h1><form "
                   "method=\"post\" action=\"/admin/plans\" novalidate>");
    page_csrf_input(p);
    widget_text_input(p, "code", "Short name",
                      "Letters, digits and dashes, used in links, like imp27",
                      f->code, "text",
                      widget_error_for(f->errors, f->n, "code"));
    widget_text_input(p, "title", "Title", NULL, f->title, "text",
                      widget_error_for(f->errors, f->n, "title"));
    html_lit(p->h, "<div class=\"govuk-form-group\"><label "
                   "class=\"govuk-label\" for=\"kind\">Kind of plan</label>"
                   "<select class=\"govuk-select\" id=\"kind\" name=\"kind\">");
    for (int k = 0; k < GT_PLAN_KIND_COUNT; k++) {
        const char *code = gt_plan_kind_code((enum gt_plan_kind)k);
        html_lit(p->h, "<option value=\"");
        html_attr(p->h, code);
        html_lit(p->h, "\"");
        if (strcmp(code, *f->kind ? f->kind : "improvement") == 0)
            html_lit(p->h, " selected");
        html_lit(p->h, ">");
        html_text(p->h, gt_plan_kind_word((enum gt_plan_kind)k));
        html_lit(p->h, "</option>");
    }
    html_lit(p->h, "</select></div>");
    widget_text_input(p, "from", "Period from", "For example 1 April 2027",
                      f->from, "text",
                      widget_error_for(f->errors, f->n, "from"));
    widget_text_input(p, "to", "Period to", "For example 31 March 2028", f->to,
                      "text", widget_error_for(f->errors, f->n, "to"));
    widget_text_input(p, "review", "Review date (optional)", NULL, f->review,
                      "text", widget_error_for(f->errors, f->n, "review"));
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Save</button></form>"
                   "</div></div>");
    page_end(p);
}

void
page_plan_new(struct web_page *p)
{
    struct plan_fields f = {.code = "",
                            .title = "",
                            .kind = "",
                            .from = "",
                            .to = "",
                            .review = ""};
    plan_form(p, &f);
}

/* An optional date field: empty is no date. */
static bool
optional_date(const char *text, int32_t *out)
{
    *out = GT_NO_DATE;
    return !*text || gt_date_parse(text, out);
}

/* The form's fields in the order they are shown: the error summary
 * lists its problems in that order, whoever found them. */
static int
plan_field_rank(const char *field)
{
    static const char *const order[] = {"code", "title", "kind",
                                        "from", "to",    "review"};
    for (int i = 0; i < 6; i++)
        if (strcmp(field, order[i]) == 0)
            return i;
    return 6;
}

static void
sort_plan_errors(struct plan_fields *f)
{
    for (size_t a = 1; a < f->n; a++)
        for (size_t b = a; b > 0 && plan_field_rank(f->errors[b - 1].field) >
                                        plan_field_rank(f->errors[b].field);
             b--) {
            struct field_error t = f->errors[b];
            f->errors[b] = f->errors[b - 1];
            f->errors[b - 1] = t;
        }
}

void
page_plan_new_post(struct web_page *p)
{
    struct plan_fields f = {0};
    struct gt_plan plan;
    struct gt_plan_problem problems[GT_PLAN_MAX_PROBLEMS];
    size_t n = 0;
    char *to = NULL;
    gt_plan_init(&plan);
    f.code = field(p, "code");
    f.title = field(p, "title");
    f.kind = field(p, "kind");
    f.from = field(p, "from");
    f.to = field(p, "to");
    f.review = field(p, "review");
    /* reading the form's text is this page's; every rule is the core's */
    if (!optional_date(f.from, &plan.period_from))
        f.errors[f.n++] =
            (struct field_error){"from", "Enter a date like 1 April 2027"};
    if (!optional_date(f.to, &plan.period_to))
        f.errors[f.n++] =
            (struct field_error){"to", "Enter a date like 31 March 2028"};
    if (!optional_date(f.review, &plan.review_date))
        f.errors[f.n++] =
            (struct field_error){"review", "Enter a date like 31 March 2028"};
    bool kind_given = gt_plan_kind_parse(f.kind, &plan.kind);
    plan.code = xstrdup(f.code);
    plan.title = xstrdup(f.title);
    enum gt_rc rc = GT_INVALID;
    if (f.n)
        n = gt_plan_check(&plan, kind_given, problems);
    else
        rc = gt_plan_create(p->db, &p->user, &plan, kind_given, problems, &n,
                            &p->ctx);
    for (size_t i = 0; i < n && f.n < sizeof f.errors / sizeof f.errors[0]; i++)
        f.errors[f.n++] = (struct field_error){
            gt_plan_field_name(problems[i].field), problems[i].message};
    if (rc == GT_FORBIDDEN) {
        page_error(p, 403, "You cannot make a plan",
                   "It is for planners and administrators.");
        goto out;
    }
    if (rc != GT_OK && rc != GT_INVALID && rc != GT_CONFLICT) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "The plan was not saved. Try again later.");
        goto out;
    }
    if (f.n) {
        sort_plan_errors(&f);
        p->res->status = 400;
        plan_form(p, &f);
        goto out;
    }
    to = xasprintf("/plans/%s", plan.code);
    page_redirect(p, to);
out:
    free(to);
    gt_plan_finish(&plan);
}
