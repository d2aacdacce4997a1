/*
 * page_admin: what planners and administrators do in the browser: import
 * a plan from its spreadsheet (every problem listed on the page), export
 * one, manage who can sign in and with which role, and read the audit
 * log. The route table says who may open each page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/plan_io.h"
#include "io/xlsx_read.h"
#include "core/password.h"
#include "web/page.h"

struct workbook_of {
    struct gt_db *db;
    const char *plan;
    int32_t as_of;
    struct gt_disclosure who;
};

static enum gt_rc
write_workbook(const char *path, void *arg, struct gt_ctx *ctx)
{
    const struct workbook_of *w = arg;
    return gt_plan_export_workbook(w->db, w->plan, w->as_of, &w->who, path,
                                   ctx);
}

/* The plan and its resources as one workbook (plan_workbook.c). */
static void
export_workbook(struct web_page *p)
{
    struct workbook_of w = {p->db, p->param, p->today,
                            gt_role_disclosure(p->user.role)};
    struct gt_plan plan;
    char *text = NULL, *name = NULL;
    size_t len = 0;
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    gt_plan_finish(&plan);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such plan.");
        return;
    }
    if (rc != GT_OK ||
        !page_file_render(p, write_workbook, &w, 64u << 20, &text, &len)) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   gt_ctx_last(&p->ctx));
        free(text);
        return;
    }
    name = xasprintf("%s.xlsx", p->param);
    page_download(p, text, len,
                  "application/"
                  "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  name);
    free(name);
}

void
page_plan_export(struct web_page *p)
{
    const char *format = web_form_get(&p->query, "format");
    bool json = format && strcmp(format, "json") == 0;
    if (format && strcmp(format, "xlsx") == 0) {
        export_workbook(p);
        return;
    }
    char *text = NULL, *name = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    enum gt_rc rc =
        !f     ? GT_IO
        : json ? gt_plan_export_json(p->db, p->param, GT_NO_DATE, f, &p->ctx)
               : gt_plan_export_csv(p->db, p->param, GT_NO_DATE, f, &p->ctx);
    if (f)
        fclose(f);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such plan.");
    } else if (rc != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   gt_ctx_last(&p->ctx));
    } else {
        name = xasprintf("%s.%s", p->param, json ? "json" : "csv");
        if (json)
            page_download(p, text, len, "application/json", name);
        else
            page_download_csv(p, text, len, name);
        text = NULL;
    }
    free(name);
    free(text);
}

static void
import_form(struct web_page *p, const struct field_error *errors, size_t n)
{
    const char *code = web_form_get(&p->form, "code");
    const char *title = web_form_get(&p->form, "title");
    page_begin(p, n ? "Error: Import a plan" : "Import a plan");
    html_lit(p->h, "<div class=\"govuk-grid-row\"><div "
                   "class=\"govuk-grid-column-two-thirds\">");
    page_error_summary(p, errors, n);
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">Import a plan</h1><p "
                   "class=\"govuk-body\">Upload the plan's table as an Excel "
                   "workbook (its first sheet) or saved as CSV, with the "
                   "columns Theme, Theme owner, Action, Milestone, Lead, "
                   "Deadline and Monitoring. Every "
                   "problem in the file is listed, and nothing is saved "
                   "until there are none.</p><form method=\"post\" "
                   "action=\"/admin/import\" enctype=\"multipart/form-data\" "
                   "novalidate>");
    page_csrf_input(p);
    widget_text_input(p, "code", "Short name",
                      "Letters, digits and dashes, used in links, like imp27",
                      code, "text", widget_error_for(errors, n, "code"));
    widget_text_input(p, "title", "Title", NULL, title, "text",
                      widget_error_for(errors, n, "title"));
    html_lit(p->h, "<div class=\"govuk-form-group\"><label "
                   "class=\"govuk-label\" for=\"kind\">Kind of plan</label>"
                   "<select class=\"govuk-select\" id=\"kind\" name=\"kind\">");
    for (int k = 0; k < GT_PLAN_KIND_COUNT; k++) {
        html_lit(p->h, "<option value=\"");
        html_attr(p->h, gt_plan_kind_code((enum gt_plan_kind)k));
        html_lit(p->h, "\"");
        if (k == GT_PLAN_IMPROVEMENT)
            html_lit(p->h, " selected");
        html_lit(p->h, ">");
        html_text(p->h, gt_plan_kind_word((enum gt_plan_kind)k));
        html_lit(p->h, "</option>");
    }
    html_lit(p->h, "</select></div><div class=\"govuk-form-group\"><label "
                   "class=\"govuk-label\" for=\"file\">The plan (CSV or Excel)"
                   "</label><input class=\"govuk-file-upload\" id=\"file\" "
                   "name=\"file\" type=\"file\" accept=\".csv,.xlsx,text/csv\">"
                   "</div>"
                   "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Import</button></form>"
                   "</div></div>");
    page_end(p);
}

void
page_import(struct web_page *p)
{
    import_form(p, NULL, 0);
}

/* Is code fit for a plan's short name? */
static bool
valid_code(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 40)
        return false;
    return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789-_") == n;
}

/* The uploaded plan: the first sheet of an Excel workbook (told by its
 * first bytes), else CSV. */
static enum gt_rc
import_upload(struct web_page *p, const struct gt_import_opts *opts,
              struct gt_import_result *result)
{
    const struct web_part *u = p->upload;
    struct gt_workbook *book = NULL;
    struct gt_csv *rows;
    enum gt_rc rc;
    if (u->len >= 4 && memcmp(u->data, "PK\3\4", 4) == 0) {
        if ((rc = gt_workbook_open_mem(u->data, u->len, u->filename, NULL,
                                       &book, &p->ctx)) != GT_OK)
            return rc;
        rows = gt_workbook_sheet(book, 0, &p->ctx);
    } else {
        rows = gt_csv_open_mem(u->data, u->len, u->filename, NULL);
    }
    rc = rows ? gt_plan_import_rows(p->db, rows, opts, result, &p->ctx)
              : GT_INVALID;
    gt_csv_close(rows);
    gt_workbook_close(book);
    return rc;
}

void
page_import_post(struct web_page *p)
{
    struct gt_import_opts opts = {0};
    struct gt_import_result result;
    struct field_error errors[GT_CTX_MAX_ERRORS + 2];
    size_t n = 0;
    const char *kind = web_form_get(&p->form, "kind");
    opts.plan_code = web_form_get(&p->form, "code");
    opts.title = web_form_get(&p->form, "title");
    opts.as_of = p->today;
    opts.by = p->user.person ? p->user.person : p->user.display_name;
    if (!valid_code(opts.plan_code))
        errors[n++] = (struct field_error){
            "code", "Enter a short name of letters, digits and dashes"};
    if (!opts.title || !*opts.title)
        errors[n++] = (struct field_error){"title", "Enter the plan's title"};
    if (!kind || !gt_plan_kind_parse(kind, &opts.kind))
        errors[n++] = (struct field_error){"kind", "Select the kind of plan"};
    if (!p->upload || p->upload->len == 0)
        errors[n++] = (struct field_error){
            "file", "Select the plan's file (CSV or Excel)"};
    if (n == 0) {
        enum gt_rc rc = import_upload(p, &opts, &result);
        if (rc == GT_OK) {
            char *to = xasprintf("/plans/%s", opts.plan_code);
            page_redirect(p, to);
            free(to);
            return;
        }
        for (size_t i = 0; i < p->ctx.n_errors && n < GT_CTX_MAX_ERRORS; i++)
            errors[n++] = (struct field_error){"file", p->ctx.errors[i]};
        if (p->ctx.n_dropped)
            errors[n++] = (struct field_error){
                "file", "There are more problems than can be listed"};
    }
    p->res->status = 400;
    import_form(p, errors, n);
}

static void
role_select(struct web_page *p, const char *id, enum gt_role current)
{
    html_lit(p->h, "<select class=\"govuk-select\" id=\"");
    html_attr(p->h, id);
    html_lit(p->h, "\" name=\"role\">");
    static const enum gt_role order[GT_ROLE_COUNT] = {
        GT_ROLE_ADMIN, GT_ROLE_PLANNER, GT_ROLE_ANALYST, GT_ROLE_LEAD,
        GT_ROLE_VIEWER};
    for (int i = 0; i < GT_ROLE_COUNT; i++) {
        enum gt_role r = order[i];
        html_lit(p->h, "<option value=\"");
        html_attr(p->h, gt_role_code(r));
        html_lit(p->h, "\"");
        if (r == current)
            html_lit(p->h, " selected");
        html_lit(p->h, ">");
        html_text(p->h, gt_role_word(r));
        html_lit(p->h, "</option>");
    }
    html_lit(p->h, "</select>");
}

/* One button that posts action for user u. */
static void
access_button(struct web_page *p, const struct gt_user *u, const char *action,
              const char *label, bool warning)
{
    html_lit(p->h, "<form method=\"post\" action=\"/admin/users/");
    html_url_arg(p->h, u->username);
    html_lit(p->h, "/access\" class=\"govuk-!-display-inline-block\">");
    page_csrf_input(p);
    html_lit(p->h, "<input type=\"hidden\" name=\"action\" value=\"");
    html_attr(p->h, action);
    html_lit(p->h, "\"><button type=\"submit\" class=\"govuk-button ");
    if (warning)
        html_lit(p->h, "govuk-button--warning");
    else
        html_lit(p->h, "govuk-button--secondary");
    html_lit(p->h, " govuk-!-margin-bottom-0 govuk-!-margin-right-1\" "
                   "data-module=\"govuk-button\">");
    html_text(p->h, label);
    html_lit(p->h, "<span class=\"govuk-visually-hidden\"> ");
    html_text(p->h, u->username);
    html_lit(p->h, "</span></button></form>");
}

static void
access_forms(struct web_page *p, const struct gt_user *u)
{
    if (u->disabled) {
        html_lit(p->h, "<strong class=\"govuk-tag govuk-tag--grey\">"
                       "Deactivated</strong> ");
        access_button(p, u, "enable", "Reactivate", false);
        return;
    }
    access_button(p, u, "sign-out", "Sign out everywhere", false);
    if (strcmp(u->username, p->user.username) != 0)
        access_button(p, u, "disable", "Deactivate", true);
}

static void
users_page(struct web_page *p, const struct field_error *errors, size_t n)
{
    struct gt_users users = {0};
    if (gt_db_user_list(p->db, &users, &p->ctx) != GT_OK) {
        gt_users_finish(&users);
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        return;
    }
    page_begin(p, n ? "Error: Users" : "Users");
    page_error_summary(p, errors, n);
    html_lit(p->h,
             "<h1 class=\"govuk-heading-l\">Users</h1><table "
             "class=\"govuk-table\"><caption class=\"govuk-table__caption "
             "govuk-table__caption--m\">Who can sign in</caption><thead "
             "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
             "<th scope=\"col\" class=\"govuk-table__header\">User</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">Leads as"
             "</th><th scope=\"col\" class=\"govuk-table__header\">Role"
             "</th><th scope=\"col\" class=\"govuk-table__header\">Access"
             "</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < users.n; i++) {
        const struct gt_user *u = &users.v[i];
        char id[64];
        snprintf(id, sizeof id, "role-%zu", i);
        html_lit(p->h, "<tr class=\"govuk-table__row\"><td "
                       "class=\"govuk-table__cell\">");
        html_text(p->h, u->display_name);
        html_lit(p->h, " (");
        html_text(p->h, u->username);
        html_lit(p->h, ")</td><td class=\"govuk-table__cell\">");
        html_text(p->h, u->person ? u->person : "-");
        html_lit(p->h, "</td><td class=\"govuk-table__cell\"><form "
                       "method=\"post\" action=\"/admin/users/");
        html_url_arg(p->h, u->username);
        html_lit(p->h, "/role\">");
        page_csrf_input(p);
        html_lit(p->h, "<label class=\"govuk-label govuk-visually-hidden\" "
                       "for=\"");
        html_attr(p->h, id);
        html_lit(p->h, "\">Role of ");
        html_text(p->h, u->username);
        html_lit(p->h, "</label>");
        role_select(p, id, u->role);
        html_lit(p->h, " <button type=\"submit\" class=\"govuk-button "
                       "govuk-button--secondary govuk-!-margin-bottom-0\" "
                       "data-module=\"govuk-button\">Change<span "
                       "class=\"govuk-visually-hidden\"> the role of ");
        html_text(p->h, u->username);
        html_lit(p->h, "</span></button></form></td><td "
                       "class=\"govuk-table__cell\">");
        access_forms(p, u);
        html_lit(p->h, "</td></tr>");
    }
    html_lit(p->h, "</tbody></table><h2 class=\"govuk-heading-m\">Add a "
                   "user</h2><form method=\"post\" action=\"/admin/users\" "
                   "novalidate>");
    page_csrf_input(p);
    widget_form_text(p, "username", "Username", NULL, errors, n);
    widget_form_text(p, "name", "Name shown on pages", NULL, errors, n);
    widget_form_text(p, "person", "Leads the work of (optional)",
                     "As plans name leads, for example Head of Early Help",
                     errors, n);
    html_lit(p->h, "<div class=\"govuk-form-group\"><label "
                   "class=\"govuk-label\" for=\"new-role\">Role</label>");
    role_select(p, "new-role", GT_ROLE_VIEWER);
    html_lit(p->h, "</div>");
    widget_text_input(p, "password", "Password", "At least 12 characters", "",
                      "password", widget_error_for(errors, n, "password"));
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Add user</button></form>");
    page_end(p);
    gt_users_finish(&users);
}

void
page_users(struct web_page *p)
{
    users_page(p, NULL, 0);
}

void
page_user_add(struct web_page *p)
{
    const char *username = web_form_get(&p->form, "username");
    const char *name = web_form_get(&p->form, "name");
    const char *person = web_form_get(&p->form, "person");
    const char *role_code = web_form_get(&p->form, "role");
    const char *password = web_form_get(&p->form, "password");
    struct field_error errors[5];
    size_t n = 0;
    enum gt_role role = GT_ROLE_VIEWER;
    char hash[AUTH_HASH_LEN];
    if (!valid_code(username))
        errors[n++] = (struct field_error){
            "username", "Enter a username of letters, digits and dashes"};
    if (!name || !*name || strlen(name) > 200)
        errors[n++] = (struct field_error){"name", "Enter the user's name"};
    if (person && strlen(person) > 200)
        errors[n++] = (struct field_error){
            "person", "The name of whose work they lead is too long"};
    if (!role_code || !gt_role_parse(role_code, &role))
        errors[n++] = (struct field_error){"new-role", "Select a role"};
    char why[320], message[360];
    const char *problem =
        password ? gt_password_problem(password, username, why, sizeof why)
                 : "it is missing";
    if (problem) {
        snprintf(message, sizeof message, "The password cannot be used: %s",
                 problem);
        errors[n++] = (struct field_error){"password", message};
    }
    if (n == 0) {
        if (!auth_hash_password(password, hash)) {
            page_error(p, 500, "Sorry, there is a problem with the service",
                       "Try again later.");
            return;
        }
        enum gt_rc rc =
            gt_db_user_add(p->db, username, name, role,
                           person && *person ? person : NULL, hash, &p->ctx);
        if (rc == GT_OK) {
            page_redirect(p, "/admin/users");
            return;
        }
        if (rc != GT_CONFLICT) {
            page_error(p, 500, "Sorry, there is a problem with the service",
                       "Try again later.");
            return;
        }
        errors[n++] =
            (struct field_error){"username", "That username is already taken"};
    }
    p->res->status = 400;
    users_page(p, errors, n);
}

void
page_user_role(struct web_page *p)
{
    const char *role_code = web_form_get(&p->form, "role");
    enum gt_role role;
    if (!role_code || !gt_role_parse(role_code, &role)) {
        page_error(p, 400, "The form could not be read", "Select a role.");
        return;
    }
    if (strcmp(p->param, p->user.username) == 0 && role != GT_ROLE_ADMIN) {
        page_error(p, 400, "You cannot change your own role",
                   "Ask another administrator, so that someone can always "
                   "manage users.");
        return;
    }
    enum gt_rc rc = gt_db_user_set_role(p->db, p->param, role, &p->ctx);
    if (rc == GT_NOTFOUND)
        page_error(p, 404, "Page not found", "There is no such user.");
    else if (rc != GT_OK)
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
    else
        page_redirect(p, "/admin/users");
}

void
page_user_access(struct web_page *p)
{
    const char *action = web_form_get(&p->form, "action");
    enum gt_rc rc;
    if (!action || (strcmp(action, "disable") && strcmp(action, "enable") &&
                    strcmp(action, "sign-out"))) {
        page_error(p, 400, "The form could not be read",
                   "Choose to deactivate, reactivate or sign out the user.");
        return;
    }
    if (strcmp(action, "disable") == 0 &&
        strcmp(p->param, p->user.username) == 0) {
        page_error(p, 400, "You cannot deactivate yourself",
                   "Ask another administrator, so that someone can always "
                   "manage users.");
        return;
    }
    if (strcmp(action, "sign-out") == 0)
        rc = gt_db_user_end_sessions(p->db, p->param, NULL, &p->ctx);
    else
        rc = gt_db_user_set_disabled(p->db, p->param,
                                     strcmp(action, "disable") == 0, &p->ctx);
    if (rc == GT_NOTFOUND)
        page_error(p, 404, "Page not found", "There is no such user.");
    else if (rc != GT_OK)
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
    else if (strcmp(p->param, p->user.username) == 0)
        page_redirect(p, "/sign-in"); /* their own session has ended */
    else
        page_redirect(p, "/admin/users");
}

#define AUDIT_PAGE 100

void
page_audit(struct web_page *p)
{
    struct gt_audit_list list = {0};
    const char *before = web_form_get(&p->query, "before");
    long long before_id = before ? strtoll(before, NULL, 10) : 0;
    if (before_id < 0)
        before_id = 0;
    if (gt_db_audit_list(p->db, before_id, AUDIT_PAGE, &list, &p->ctx) !=
        GT_OK) {
        gt_audit_list_finish(&list);
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        return;
    }
    page_begin(p, "Audit log");
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">Audit log</h1><p "
                   "class=\"govuk-body\">Every change to the data, newest "
                   "first: who made it, when, and the row before and "
                   "after.</p><table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">"
                   "Changes</caption><thead class=\"govuk-table__head\"><tr "
                   "class=\"govuk-table__row\"><th scope=\"col\" "
                   "class=\"govuk-table__header\">When (UTC)</th><th "
                   "scope=\"col\" class=\"govuk-table__header\">Who</th><th "
                   "scope=\"col\" class=\"govuk-table__header\">What</th><th "
                   "scope=\"col\" class=\"govuk-table__header\">Before</th>"
                   "<th scope=\"col\" class=\"govuk-table__header\">After"
                   "</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < list.n; i++) {
        const struct gt_audit *a = &list.v[i];
        html_lit(p->h, "<tr class=\"govuk-table__row\"><td "
                       "class=\"govuk-table__cell\">");
        html_text(p->h, a->at);
        html_lit(p->h, "</td><td class=\"govuk-table__cell\">");
        html_text(p->h, a->actor);
        html_lit(p->h, "</td><td class=\"govuk-table__cell\">");
        html_text(p->h, a->action);
        html_lit(p->h, " ");
        html_text(p->h, a->table);
        html_lit(p->h, " ");
        html_int(p->h, (long)a->row_id);
        html_lit(p->h, "</td><td class=\"govuk-table__cell "
                       "app-break\"><code>");
        html_text(p->h, a->before ? a->before : "-");
        html_lit(p->h, "</code></td><td class=\"govuk-table__cell "
                       "app-break\"><code>");
        html_text(p->h, a->after ? a->after : "-");
        html_lit(p->h, "</code></td></tr>");
    }
    html_lit(p->h, "</tbody></table>");
    if (list.n == AUDIT_PAGE) {
        html_lit(p->h, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                       "href=\"/admin/audit?before=");
        html_int(p->h, (long)list.v[list.n - 1].id);
        html_lit(p->h, "\">Older changes</a></p>");
    }
    page_end(p);
    gt_audit_list_finish(&list);
}
