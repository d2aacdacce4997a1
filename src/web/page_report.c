/*
 * page_report: the committee report in the browser. A plain GET form
 * chooses the as-of date, the last report's date, the parts exempt from
 * publication and whether to leave them out; the report shows in the page
 * in GOV.UK's styles, and downloads as the same HTML, Markdown, XLSX or
 * PDF the command line writes (report/report.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/mem.h"
#include "report/report.h"
#include "web/page.h"

/* The rows of each list of work the page shows: enough for a committee
 * member to see what is there, few enough that the page is read at once
 * and costs the same whatever the plan's size. */
#define PAGE_LIST_ROWS 20

struct choice {
    struct gt_report_options o;
    char exempt[160]; /* comma-separated keys */
    struct field_error errors[2];
    size_t n_errors;
};

static const char *
query(struct web_page *p, const char *name)
{
    const char *v = web_form_get(&p->query, name);
    return v ? v : "";
}

/* The date in PREFIX-day, -month and -year, or fallback when all three
 * are empty; false (with an error) when they do not make a date. */
static bool
query_date(struct web_page *p, const char *prefix, int32_t fallback,
           int32_t *out, struct choice *c)
{
    char day[32], month[32], year[32];
    snprintf(day, sizeof day, "%s-day", prefix);
    snprintf(month, sizeof month, "%s-month", prefix);
    snprintf(year, sizeof year, "%s-year", prefix);
    const char *d = query(p, day), *m = query(p, month), *y = query(p, year);
    if (!*d && !*m && !*y) {
        *out = fallback;
        return true;
    }
    if (web_read_date(d, m, y, out))
        return true;
    c->errors[c->n_errors++] = (struct field_error){
        strcmp(prefix, "as-of") == 0 ? "as-of-day" : "since-day",
        "The date must be a real date, like 30 9 2026"};
    return false;
}

static void
read_choice(struct web_page *p, struct choice *c)
{
    memset(c, 0, sizeof *c);
    size_t used = 0;
    for (size_t i = 0; i < GT_N_PARTS; i++) {
        char name[40];
        snprintf(name, sizeof name, "exempt-%s", gt_report_parts[i].key);
        if (strcmp(query(p, name), "yes") == 0)
            used += (size_t)snprintf(c->exempt + used, sizeof c->exempt - used,
                                     "%s%s", used ? "," : "",
                                     gt_report_parts[i].key);
    }
    c->o.exempt = c->exempt;
    c->o.public_ = strcmp(query(p, "public"), "yes") == 0;
    if (query_date(p, "as-of", p->today, &c->o.as_of, c) &&
        query_date(p, "since", gt_report_default_since(c->o.as_of), &c->o.since,
                   c) &&
        c->o.since >= c->o.as_of)
        c->errors[c->n_errors++] = (struct field_error){
            "since-day", "The last report's date must be before the as-of "
                         "date"};
}

static void
date_fields(struct web_page *p, const char *prefix, const char *legend,
            const struct choice *c)
{
    char day[32], month[32], year[32], field[32];
    snprintf(day, sizeof day, "%s-day", prefix);
    snprintf(month, sizeof month, "%s-month", prefix);
    snprintf(year, sizeof year, "%s-year", prefix);
    snprintf(field, sizeof field, "%s-day", prefix);
    widget_date_input(p, prefix, legend, "govuk-fieldset__legend--s",
                      query(p, day), query(p, month), query(p, year),
                      widget_error_for(c->errors, c->n_errors, field));
}

static void
checkbox(struct web_page *p, const char *name, const char *label, bool on)
{
    html_lit(p->h, "<div class=\"govuk-checkboxes__item\"><input "
                   "class=\"govuk-checkboxes__input\" id=\"");
    html_attr(p->h, name);
    html_lit(p->h, "\" name=\"");
    html_attr(p->h, name);
    html_lit(p->h, "\" type=\"checkbox\" value=\"yes\"");
    if (on)
        html_lit(p->h, " checked");
    html_lit(p->h, "><label class=\"govuk-label govuk-checkboxes__label\" "
                   "for=\"");
    html_attr(p->h, name);
    html_lit(p->h, "\">");
    html_text(p->h, label);
    html_lit(p->h, "</label></div>");
}

static void
choice_form(struct web_page *p, const char *code, const struct choice *c)
{
    html_lit(p->h, "<form method=\"get\" action=\"/plans/");
    html_url_arg(p->h, code);
    html_lit(p->h, "/report\" novalidate>");
    date_fields(p, "as-of", "The data as at", c);
    date_fields(p, "since",
                "The last report's date (achievements are work "
                "completed after it)",
                c);
    html_lit(p->h,
             "<div class=\"govuk-form-group\"><fieldset "
             "class=\"govuk-fieldset\"><legend "
             "class=\"govuk-fieldset__legend "
             "govuk-fieldset__legend--s\">Parts exempt from "
             "publication</legend><div class=\"govuk-checkboxes "
             "govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">");
    for (size_t i = 0; i < GT_N_PARTS; i++) {
        char name[40];
        snprintf(name, sizeof name, "exempt-%s", gt_report_parts[i].key);
        checkbox(p, name, gt_report_parts[i].title,
                 strcmp(query(p, name), "yes") == 0);
    }
    html_lit(p->h, "</div></fieldset></div><div class=\"govuk-form-group\">"
                   "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
                   "data-module=\"govuk-checkboxes\">");
    checkbox(p, "public", "Public version: leave the exempt parts out",
             c->o.public_);
    html_lit(p->h, "</div></div><button type=\"submit\" class=\"govuk-button "
                   "govuk-button--secondary\" data-module=\"govuk-button\">"
                   "Show the report</button></form>");
}

/* Links to the same report in each format, keeping the query. */
static void
downloads(struct web_page *p, const char *code)
{
    static const struct {
        const char *format, *label;
    } formats[] = {{"html", "HTML (for printing)"},
                   {"md", "Markdown"},
                   {"xlsx", "Excel (XLSX)"},
                   {"pdf", "PDF"}};
    html_lit(p->h, "<h2 class=\"govuk-heading-s\">Download this "
                   "report</h2><ul class=\"govuk-list\">");
    for (size_t i = 0; i < 4; i++) {
        html_lit(p->h, "<li><a class=\"govuk-link\" href=\"/plans/");
        html_url_arg(p->h, code);
        html_lit(p->h, "/report?format=");
        html_url_arg(p->h, formats[i].format);
        for (size_t k = 0; k < p->query.n; k++) {
            if (strcmp(p->query.name[k], "format") == 0)
                continue;
            html_lit(p->h, "&amp;");
            html_url_arg(p->h, p->query.name[k]);
            html_lit(p->h, "=");
            html_url_arg(p->h, p->query.value[k]);
        }
        html_lit(p->h, "\">");
        html_text(p->h, formats[i].label);
        html_lit(p->h, "</a></li>");
    }
    html_lit(p->h, "</ul>");
}

struct rendering {
    const struct doc *d;
    bool pdf;
};

static enum gt_rc
render(const char *path, void *arg, struct gt_ctx *ctx)
{
    const struct rendering *r = arg;
    return r->pdf ? gt_report_pdf(r->d, path, ctx)
                  : gt_report_xlsx(r->d, path, ctx);
}

static void
download(struct web_page *p, const struct doc *d, const char *code,
         const char *format)
{
    char *text = NULL, *name = xasprintf("%s-report.%s", code, format);
    size_t len = 0;
    bool ok;
    const char *type;
    if (strcmp(format, "html") == 0) {
        struct markup m;
        markup_init(&m, GT_REPORT_MAX_BYTES);
        gt_report_html(d, &m);
        ok = !m.overflowed;
        len = m.b.len;
        text = buf_take(&m.b);
        markup_finish(&m);
        type = "text/html; charset=utf-8";
    } else if (strcmp(format, "md") == 0) {
        struct buf b;
        buf_init(&b, GT_REPORT_MAX_BYTES);
        ok = gt_report_md(d, &b);
        len = b.len;
        text = buf_take(&b);
        buf_finish(&b);
        type = "text/markdown; charset=utf-8";
    } else {
        bool pdf = strcmp(format, "pdf") == 0;
        struct rendering r = {d, pdf};
        ok = page_file_render(p, render, &r, GT_REPORT_MAX_BYTES, &text, &len);
        type = pdf ? "application/pdf"
                   : "application/"
                     "vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    if (ok) {
        page_download(p, text, len, type, name);
        text = NULL;
    } else {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "The report could not be written. Try again later.");
    }
    free(text);
    free(name);
}

void
page_report(struct web_page *p)
{
    struct choice c;
    struct doc d;
    const char *format = query(p, "format");
    read_choice(p, &c);
    if (*format && strcmp(format, "html") && strcmp(format, "md") &&
        strcmp(format, "xlsx") && strcmp(format, "pdf")) {
        page_error(p, 404, "Page not found", "There is no such format.");
        return;
    }
    if (c.n_errors) {
        /* show the form again with the problem; the report needs dates */
        c.o.as_of = p->today;
        c.o.since = gt_report_default_since(p->today);
        format = "";
        p->res->status = 400;
    }
    struct page_keeping kept = {0};
    char today[GT_DATE_ISO_LEN];
    gt_date_iso(p->today, today);
    /* the page (not a download): the plan's data, indicators and the
     * people named, as of the day asked or today */
    if (!*format && page_kept(p, &kept,
                              xasprintf("report\n%s\n%s\n%s", p->param, today,
                                        p->req->query),
                              p->param)) {
        page_keeping_finish(&kept);
        return;
    }
    /* the page shows the first rows of each list, the downloads all */
    if (!*format)
        c.o.shown = PAGE_LIST_ROWS;
    enum gt_rc rc = gt_report_build(p->db, p->param, &c.o, &d, &p->ctx);
    if (rc != GT_OK) {
        page_keeping_finish(&kept);
        if (rc == GT_NOTFOUND)
            page_error(p, 404, "Page not found", "There is no such plan.");
        else
            page_error(p, 500, "Sorry, there is a problem with the service",
                       "Try again later.");
        return;
    }
    if (*format) {
        download(p, &d, p->param, format);
        doc_finish(&d);
        return;
    }
    struct markup body;
    markup_init(&body, GT_REPORT_MAX_BYTES);
    gt_report_html_body(&d, &body);
    page_keep_begin(p, &kept, d.title);
    html_lit(p->h, "<div class=\"govuk-breadcrumbs\"><ol "
                   "class=\"govuk-breadcrumbs__list\"><li "
                   "class=\"govuk-breadcrumbs__list-item\"><a "
                   "class=\"govuk-breadcrumbs__link\" href=\"/plans/");
    html_url_arg(p->h, p->param);
    html_lit(p->h, "\">The plan</a></li></ol></div>");
    page_error_summary(p, c.errors, c.n_errors);
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">");
    html_text(p->h, d.title);
    html_lit(p->h, "</h1><div class=\"govuk-grid-row\"><div "
                   "class=\"govuk-grid-column-two-thirds\">");
    choice_form(p, p->param, &c);
    html_lit(p->h, "</div><div class=\"govuk-grid-column-one-third\">");
    downloads(p, p->param);
    html_lit(p->h, "</div></div>");
    html_markup(p->h, &body);
    page_keep_end(p, &kept, d.title);
    page_keeping_finish(&kept);
    markup_finish(&body);
    doc_finish(&d);
}
