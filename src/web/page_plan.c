/*
 * page_plan: the list of plans, and one plan as a table of its tree with
 * status, lead, deadline and monitoring; filtered by a plain GET form
 * (status, lead, kind, overdue) and sorted by a whitelisted key.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "web/page.h"

void
page_plans(struct web_page *p)
{
    struct gt_plans plans = {0};
    if (gt_db_plan_list(p->db, &plans, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        return;
    }
    page_begin(p, "Plans");
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">Plans</h1>");
    if (gt_role_may_plan(p->user.role))
        html_lit(p->h, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                       "href=\"/admin/plans/new\">Add a plan</a> or <a "
                       "class=\"govuk-link\" href=\"/admin/import\">import "
                       "one from its spreadsheet</a></p>");
    html_lit(p->h, "<ul class=\"govuk-list govuk-list--spaced\">");
    for (size_t i = 0; i < plans.n; i++) {
        html_lit(p->h, "<li><a class=\"govuk-link\" href=\"/plans/");
        html_url_arg(p->h, plans.v[i].code);
        html_lit(p->h, "\">");
        html_text(p->h, plans.v[i].title);
        html_lit(p->h, "</a> <span class=\"govuk-body-s\">(");
        html_text(p->h, gt_plan_kind_word(plans.v[i].kind));
        html_lit(p->h, ")</span></li>");
    }
    html_lit(p->h, "</ul>");
    page_end(p);
    gt_plans_finish(&plans);
}

/* The filters a plan page accepts, read from the query. */
struct filter {
    bool any_status;
    enum gt_brag status;
    const char *lead; /* borrowed from the query; NULL for any */
    bool any_kind;
    enum gt_item_kind kind;
    bool overdue;
    const char *sort; /* "tree", "deadline", "status" or "lead" */
    long page;        /* of the table, from 1 */
};

/* The sorts the form offers, by the code in the query. */
static const struct {
    const char *code;
    const char *word;
    enum gt_plan_order order;
} sorts[] = {
    {"tree", "Plan order", GT_ORDER_TREE},
    {"deadline", "Deadline", GT_ORDER_DEADLINE},
    {"status", "Status", GT_ORDER_STATUS},
    {"lead", "Lead", GT_ORDER_LEAD},
};
#define N_SORTS (sizeof sorts / sizeof sorts[0])

/* Rows a page of the plan's table shows: a plan of a hundred items stays
 * on one page; a larger one is split, as GOV.UK lists are (a 1,000-item
 * plan's page was half a megabyte). */
#define PAGE_ROWS 100

static void
read_filter(struct web_page *p, struct filter *f)
{
    const char *status = web_form_get(&p->query, "status");
    const char *kind = web_form_get(&p->query, "kind");
    const char *lead = web_form_get(&p->query, "lead");
    const char *sort = web_form_get(&p->query, "sort");
    f->any_status =
        !status || !*status || !gt_brag_from_code(status, &f->status);
    f->any_kind = !kind || !*kind || !gt_item_kind_parse(kind, &f->kind);
    f->lead = lead && *lead ? lead : NULL;
    const char *overdue = web_form_get(&p->query, "overdue");
    f->overdue = overdue && strcmp(overdue, "yes") == 0;
    f->sort = sorts[0].code;
    for (size_t i = 0; sort && i < N_SORTS; i++)
        if (strcmp(sort, sorts[i].code) == 0)
            f->sort = sorts[i].code;
    const char *page = web_form_get(&p->query, "page");
    char *end;
    f->page = page ? strtol(page, &end, 10) : 1;
    if (!page || end == page || *end || f->page < 1 || f->page > 100000)
        f->page = 1;
}

/* A link to page n of the table with the same filters. */
static void
page_href(struct web_page *p, const char *code, const struct filter *f, long n)
{
    html_lit(p->h, "/plans/");
    html_url_arg(p->h, code);
    html_lit(p->h, "?sort=");
    html_url_arg(p->h, f->sort);
    if (!f->any_status) {
        html_lit(p->h, "&amp;status=");
        html_url_arg(p->h, gt_brag_code(f->status));
    }
    if (!f->any_kind) {
        html_lit(p->h, "&amp;kind=");
        html_url_arg(p->h, gt_item_kind_code(f->kind));
    }
    if (f->lead) {
        html_lit(p->h, "&amp;lead=");
        html_url_arg(p->h, f->lead);
    }
    if (f->overdue)
        html_lit(p->h, "&amp;overdue=yes");
    html_lit(p->h, "&amp;page=");
    html_int(p->h, n);
}

/* Whether the pagination links page n of pages from page current: the
 * first, the last and those next to the current one, and a page that
 * alone would stand for an ellipsis; each run left out is an ellipsis,
 * as GOV.UK asks (a plan of 120,000 items has 1,201 pages). */
static bool
page_listed(long n, long current, long pages)
{
    return n == 1 || n == pages || (n >= current - 1 && n <= current + 1) ||
           (n == 2 && current == 4) || (n == pages - 1 && current == pages - 3);
}

/* GOV.UK pagination under the table: previous, the pages, next. */
static void
pagination(struct web_page *p, const char *code, const struct filter *f,
           long pages)
{
    if (pages < 2)
        return;
    html_lit(p->h, "<nav class=\"govuk-pagination\" aria-label=\"Pages of "
                   "the plan's items\">");
    if (f->page > 1) {
        html_lit(p->h, "<div class=\"govuk-pagination__prev\"><a "
                       "class=\"govuk-link govuk-pagination__link\" href=\"");
        page_href(p, code, f, f->page - 1);
        html_lit(p->h, "\" rel=\"prev\"><span "
                       "class=\"govuk-pagination__link-title\">Previous"
                       "<span class=\"govuk-visually-hidden\"> page</span>"
                       "</span></a></div>");
    }
    html_lit(p->h, "<ul class=\"govuk-pagination__list\">");
    for (long n = 1; n <= pages; n++) {
        if (!page_listed(n, f->page, pages)) {
            if (page_listed(n - 1, f->page, pages))
                html_lit(p->h, "<li class=\"govuk-pagination__item "
                               "govuk-pagination__item--ellipses\">&ctdot;"
                               "</li>");
            continue;
        }
        html_lit(p->h, "<li class=\"govuk-pagination__item");
        if (n == f->page)
            html_lit(p->h, " govuk-pagination__item--current");
        html_lit(p->h, "\"><a class=\"govuk-link govuk-pagination__link\" "
                       "href=\"");
        page_href(p, code, f, n);
        html_lit(p->h, "\" aria-label=\"Page ");
        html_int(p->h, n);
        html_lit(p->h, "\"");
        if (n == f->page)
            html_lit(p->h, " aria-current=\"page\"");
        html_lit(p->h, ">");
        html_int(p->h, n);
        html_lit(p->h, "</a></li>");
    }
    html_lit(p->h, "</ul>");
    if (f->page < pages) {
        html_lit(p->h, "<div class=\"govuk-pagination__next\"><a "
                       "class=\"govuk-link govuk-pagination__link\" href=\"");
        page_href(p, code, f, f->page + 1);
        html_lit(p->h, "\" rel=\"next\"><span "
                       "class=\"govuk-pagination__link-title\">Next<span "
                       "class=\"govuk-visually-hidden\"> page</span></span>"
                       "</a></div>");
    }
    html_lit(p->h, "</nav>");
}

/* Red first: what needs attention leads. */
static int
status_rank(enum gt_brag b)
{
    static const int rank[GT_BRAG_COUNT] = {[GT_RED] = 0,
                                            [GT_AMBER] = 1,
                                            [GT_NOT_RATED] = 2,
                                            [GT_GREEN] = 3,
                                            [GT_BLUE] = 4};
    return (unsigned)b < GT_BRAG_COUNT ? rank[b] : 2;
}

/* The store's query for the filters; status and kind point into f. */
static struct gt_plan_query
plan_query(const struct web_page *p, int64_t plan_id, const struct filter *f)
{
    struct gt_plan_query q = {.plan_id = plan_id,
                              .as_of = p->today,
                              .status = f->any_status ? NULL : &f->status,
                              .kind = f->any_kind ? NULL : &f->kind,
                              .lead = f->lead,
                              .overdue = f->overdue,
                              .brief = true};
    for (size_t i = 0; i < N_SORTS; i++)
        if (!strcmp(f->sort, sorts[i].code))
            q.order = sorts[i].order;
    return q;
}

static void
filter_form(struct web_page *p, const struct gt_plan *plan,
            const struct gt_names *leads, const struct filter *f)
{
    html_lit(p->h, "<form method=\"get\" action=\"/plans/");
    html_url_arg(p->h, plan->code);
    html_lit(p->h, "\" class=\"govuk-!-margin-bottom-6\"><div "
                   "class=\"govuk-grid-row\"><div "
                   "class=\"govuk-grid-column-one-quarter\"><div "
                   "class=\"govuk-form-group\"><label class=\"govuk-label\" "
                   "for=\"status\">Status</label><select "
                   "class=\"govuk-select\" id=\"status\" name=\"status\">");
    widget_option(p, "", "Any", f->any_status);
    for (int b = GT_BRAG_COUNT - 1; b >= 0; b--)
        widget_option(p, gt_brag_code((enum gt_brag)b),
                      gt_brag_word((enum gt_brag)b),
                      !f->any_status && f->status == (enum gt_brag)b);
    html_lit(p->h, "</select></div></div><div "
                   "class=\"govuk-grid-column-one-quarter\"><div "
                   "class=\"govuk-form-group\"><label class=\"govuk-label\" "
                   "for=\"lead\">Lead</label><select class=\"govuk-select\" "
                   "id=\"lead\" name=\"lead\">");
    widget_option(p, "", "Anyone", !f->lead);
    for (size_t i = 0; i < leads->n; i++)
        widget_option(p, leads->v[i], leads->v[i],
                      f->lead && !strcmp(f->lead, leads->v[i]));
    html_lit(p->h, "</select></div></div><div "
                   "class=\"govuk-grid-column-one-quarter\"><div "
                   "class=\"govuk-form-group\"><label class=\"govuk-label\" "
                   "for=\"kind\">Kind</label><select class=\"govuk-select\" "
                   "id=\"kind\" name=\"kind\">");
    widget_option(p, "", "Any", f->any_kind);
    for (int k = 0; k < GT_ITEM_KIND_COUNT; k++)
        widget_option(p, gt_item_kind_code((enum gt_item_kind)k),
                      gt_item_kind_code((enum gt_item_kind)k),
                      !f->any_kind && f->kind == (enum gt_item_kind)k);
    html_lit(p->h, "</select></div></div><div "
                   "class=\"govuk-grid-column-one-quarter\"><div "
                   "class=\"govuk-form-group\"><label class=\"govuk-label\" "
                   "for=\"sort\">Sort by</label><select "
                   "class=\"govuk-select\" id=\"sort\" name=\"sort\">");
    for (size_t i = 0; i < N_SORTS; i++)
        widget_option(p, sorts[i].code, sorts[i].word,
                      !strcmp(f->sort, sorts[i].code));
    html_lit(p->h, "</select></div></div></div><div "
                   "class=\"govuk-checkboxes govuk-checkboxes--small "
                   "govuk-!-margin-bottom-4\" data-module=\"govuk-checkboxes\">"
                   "<div class=\"govuk-checkboxes__item\"><input "
                   "class=\"govuk-checkboxes__input\" id=\"overdue\" "
                   "name=\"overdue\" type=\"checkbox\" value=\"yes\"");
    if (f->overdue)
        html_lit(p->h, " checked");
    html_lit(p->h, "><label class=\"govuk-label govuk-checkboxes__label\" "
                   "for=\"overdue\">Only overdue work</label></div></div>"
                   "<button type=\"submit\" class=\"govuk-button "
                   "govuk-button--secondary\" data-module=\"govuk-button\">"
                   "Apply filters</button></form>");
}

/* One page of the table: rows the store found for f, from first (0
 * first) of n in all. */
static void
plan_table(struct web_page *p, const char *code, const struct gt_items *rows,
           size_t n, size_t first, const struct filter *f)
{
    bool tree = !strcmp(f->sort, "tree");
    long pages = n ? (long)((n + PAGE_ROWS - 1) / PAGE_ROWS) : 1;
    size_t last = first + rows->n;

    /* MOJ's sortable table sorts in the browser when scripts run; the
     * filter form's sort does the same on the server when they do not. */
    html_lit(p->h, "<table class=\"govuk-table\" "
                   "data-module=\"moj-sortable-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">");
    html_int(p->h, (long)n);
    if (n == 1)
        html_lit(p->h, " item");
    else
        html_lit(p->h, " items");
    if (pages > 1) {
        html_lit(p->h, "<span class=\"govuk-caption-m\">Showing ");
        html_int(p->h, (long)first + 1);
        html_lit(p->h, " to ");
        html_int(p->h, (long)last);
        html_lit(p->h, ", page ");
        html_int(p->h, f->page);
        html_lit(p->h, " of ");
        html_int(p->h, pages);
        html_lit(p->h, "</span>");
    }
    html_lit(p->h, "</caption><thead class=\"govuk-table__head\"><tr "
                   "class=\"govuk-table__row\"><th scope=\"col\" "
                   "class=\"govuk-table__header\" aria-sort=\"none\">Item"
                   "</th><th scope=\"col\" class=\"govuk-table__header\" "
                   "aria-sort=\"none\">Status</th><th scope=\"col\" "
                   "class=\"govuk-table__header\" aria-sort=\"none\">Lead"
                   "</th><th scope=\"col\" class=\"govuk-table__header\" "
                   "aria-sort=\"none\">Deadline</th><th scope=\"col\" "
                   "class=\"govuk-table__header\" aria-sort=\"none\">"
                   "Monitoring</th></tr></thead><tbody "
                   "class=\"govuk-table__body\">");
    for (size_t i = 0; i < rows->n; i++) {
        const struct gt_item *it = &rows->v[i];
        html_lit(p->h, "<tr class=\"govuk-table__row\"><td "
                       "class=\"govuk-table__cell app-depth-");
        html_int(p->h, tree ? (it->depth > 4 ? 4 : it->depth) : 0);
        html_lit(p->h, "\" data-sort-value=\"");
        html_int(p->h, (long)it->place);
        html_lit(p->h, "\"><span class=\"govuk-body-s\">");
        html_text(p->h, gt_item_kind_code(it->kind));
        html_lit(p->h, "</span><br>");
        widget_item_link(p, it, false);
        html_lit(p->h, "</td><td class=\"govuk-table__cell\" "
                       "data-sort-value=\"");
        html_int(p->h, status_rank(it->status));
        html_lit(p->h, "\">");
        widget_status(p, it);
        html_lit(p->h, "</td><td class=\"govuk-table__cell\">");
        html_text(p->h, it->lead ? it->lead : (it->owner ? it->owner : ""));
        html_lit(p->h, "</td><td class=\"govuk-table__cell\" "
                       "data-sort-value=\"");
        if (it->deadline.due != GT_NO_DATE) {
            char iso[GT_DATE_ISO_LEN];
            gt_date_iso(it->deadline.due, iso);
            html_attr(p->h, iso);
        } else {
            html_lit(p->h, "9999-12-31");
        }
        html_lit(p->h, "\">");
        if (it->deadline.due != GT_NO_DATE)
            widget_deadline(p, &it->deadline);
        html_lit(p->h, "</td><td class=\"govuk-table__cell\">");
        html_text(p->h, it->monitoring);
        html_lit(p->h, "</td></tr>");
    }
    html_lit(p->h, "</tbody></table>");
    pagination(p, code, f, pages);
}

/* The departmental template's sections the plan has, each a heading and
 * its paragraphs (a line each). */
static void
sections(struct web_page *p, const struct gt_plan *plan)
{
    struct gt_sections s = {0};
    if (gt_db_sections(p->db, plan->code, &s, &p->ctx) != GT_OK) {
        gt_sections_finish(&s);
        return;
    }
    for (int k = 0; k < GT_SECTION_COUNT; k++) {
        if (!s.body[k])
            continue;
        html_lit(p->h, "<h2 class=\"govuk-heading-m\">");
        html_text(p->h, gt_section_title((enum gt_section)k));
        html_lit(p->h, "</h2>");
        for (const char *line = s.body[k]; *line;) {
            size_t n = strcspn(line, "\n");
            if (n && !(n == 1 && line[0] == '\r')) {
                char *para = xstrndup(line, n);
                html_lit(p->h, "<p class=\"govuk-body\">");
                html_text(p->h, para);
                html_lit(p->h, "</p>");
                free(para);
            }
            line += n + (line[n] == '\n');
        }
    }
    gt_sections_finish(&s);
}

/* The rows of the table's page f asks for, of n matching in all, the
 * first of them at *first; a page past the end shows the last. */
static bool
load_table(struct web_page *p, const struct gt_plan *plan, struct filter *f,
           struct gt_items *rows, size_t *n, size_t *first)
{
    struct gt_plan_query q = plan_query(p, plan->id, f);
    *first = (size_t)(f->page - 1) * PAGE_ROWS;
    if (gt_db_plan_page(p->db, &q, *first, PAGE_ROWS, rows, n, &p->ctx) !=
        GT_OK)
        return false;
    if (*first < *n || *first == 0)
        return true;
    f->page = (long)((*n + PAGE_ROWS - 1) / PAGE_ROWS);
    *first = (size_t)(f->page - 1) * PAGE_ROWS;
    return gt_db_plan_page(p->db, &q, *first, PAGE_ROWS, rows, n, &p->ctx) ==
           GT_OK;
}

/* What the plan's page shows depends on: the plan, the day (what is
 * overdue), whether the reader may plan (the add link) and the query
 * (filters, sort, page). Caller frees. */
static char *
cache_key(const struct web_page *p)
{
    char today[GT_DATE_ISO_LEN];
    gt_date_iso(p->today, today);
    return xasprintf("plan\n%s\n%s\n%d\n%s", p->param, today,
                     gt_role_may_plan(p->user.role) ? 1 : 0, p->req->query);
}

void
page_plan(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_items rows = {0};
    struct gt_names leads = {0};
    struct gt_brag_counts counts = {{0}};
    struct filter f;
    size_t n = 0, first = 0;
    struct page_keeping kept;
    /* a large plan is built once per change to it, not per reader */
    if (page_kept(p, &kept, cache_key(p), p->param)) {
        page_keeping_finish(&kept);
        return;
    }
    gt_plan_init(&plan);
    enum gt_rc rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such plan.");
        goto out;
    }
    read_filter(p, &f);
    if (rc != GT_OK || !load_table(p, &plan, &f, &rows, &n, &first) ||
        gt_db_rollup(p->db, GT_SCOPE_PLAN, plan.code, p->today, &counts,
                     &p->ctx) != GT_OK ||
        gt_db_plan_leads(p->db, plan.id, &leads, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    page_keep_begin(p, &kept, plan.title);
    html_lit(p->h, "<span class=\"govuk-caption-l\">");
    html_text(p->h, gt_plan_kind_word(plan.kind));
    html_lit(p->h, "</span><h1 class=\"govuk-heading-l\">");
    html_text(p->h, plan.title);
    html_lit(p->h, "</h1><p class=\"govuk-body\">Period: ");
    html_date(p->h, plan.period_from);
    html_lit(p->h, " to ");
    html_date(p->h, plan.period_to);
    html_lit(p->h, ". Review: ");
    html_date(p->h, plan.review_date);
    html_lit(p->h, ".</p><p class=\"govuk-body\">Download: <a "
                   "class=\"govuk-link\" href=\"/plans/");
    html_url_arg(p->h, plan.code);
    html_lit(p->h, "/export?format=csv\">CSV<span "
                   "class=\"govuk-visually-hidden\"> of this plan</span></a>, "
                   "<a class=\"govuk-link\" href=\"/plans/");
    html_url_arg(p->h, plan.code);
    html_lit(p->h, "/export?format=json\">JSON<span "
                   "class=\"govuk-visually-hidden\"> of this plan</span></a>"
                   ", <a class=\"govuk-link\" href=\"/plans/");
    html_url_arg(p->h, plan.code);
    html_lit(p->h, "/export?format=xlsx\">Excel workbook<span "
                   "class=\"govuk-visually-hidden\"> of this plan and its "
                   "resources</span></a>. <a class=\"govuk-link\" "
                   "href=\"/plans/");
    html_url_arg(p->h, plan.code);
    html_lit(p->h, "/report\">Committee report</a>. <a class=\"govuk-link\" "
                   "href=\"/plans/");
    html_url_arg(p->h, plan.code);
    html_lit(p->h, "/budget\">Budget</a>. <a class=\"govuk-link\" "
                   "href=\"/plans/");
    html_url_arg(p->h, plan.code);
    html_lit(p->h, "/risks\">Risks</a>. <a class=\"govuk-link\" "
                   "href=\"/plans/");
    html_url_arg(p->h, plan.code);
    html_lit(p->h, "/workforce\">Workforce</a>. <a class=\"govuk-link\" "
                   "href=\"/plans/");
    html_url_arg(p->h, plan.code);
    html_lit(p->h, "/versions\">Versions and approvals</a></p>");
    sections(p, &plan);
    html_lit(p->h, "<h2 class=\"govuk-heading-m\">Status of its work "
                   "today</h2>");
    widget_counts(p, &counts);
    if (gt_role_may_plan(p->user.role)) {
        html_lit(p->h, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                       "href=\"/plans/");
        html_url_arg(p->h, plan.code);
        html_lit(p->h, "/items/new\">Add an item at the top of the plan</a>"
                       "</p>");
    }
    filter_form(p, &plan, &leads, &f);
    plan_table(p, plan.code, &rows, n, first, &f);
    page_keep_end(p, &kept, plan.title);
out:
    page_keeping_finish(&kept);
    gt_names_finish(&leads);
    gt_items_finish(&rows);
    gt_plan_finish(&plan);
}
