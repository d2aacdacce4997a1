/*
 * widgets: pieces of markup several pages use. See page.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/mem.h"
#include "web/page.h"

void
widget_item_link(struct web_page *p, const struct gt_item *it, bool with_plan)
{
    html_lit(p->h, "<a class=\"govuk-link\" href=\"/items/");
    html_int(p->h, (long)it->id);
    html_lit(p->h, "\">");
    if (with_plan) {
        html_text(p->h, it->plan_code);
        html_lit(p->h, ":");
    }
    html_text(p->h, it->ref);
    html_lit(p->h, " ");
    html_text(p->h, it->title);
    html_lit(p->h, "</a>");
}

void
widget_status(struct web_page *p, const struct gt_item *it)
{
    if (gt_item_kind_is_group(it->kind))
        return;
    html_brag_tag(p->h, it->status);
    if (gt_deadline_overdue(&it->deadline, it->status, p->today))
        html_lit(p->h, " <strong class=\"govuk-tag govuk-tag--red\">"
                       "Overdue</strong>");
}

void
widget_deadline(struct web_page *p, const struct gt_deadline *dl)
{
    char canon[GT_DEADLINE_TEXT_LEN];
    gt_deadline_format(dl, canon);
    html_text(p->h, canon);
    if (dl->every_months) {
        html_lit(p->h, "<br><span class=\"govuk-body-s\">next due ");
        html_date(p->h, gt_deadline_next_due(dl, p->today));
        html_lit(p->h, "</span>");
    }
}

void
widget_counts(struct web_page *p, const struct gt_brag_counts *c)
{
    static const enum gt_brag order[] = {GT_BLUE, GT_GREEN, GT_AMBER, GT_RED,
                                         GT_NOT_RATED};
    html_lit(p->h, "<ul class=\"govuk-list app-counts\">");
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        html_lit(p->h, "<li>");
        html_brag_tag(p->h, order[i]);
        html_lit(p->h, " ");
        html_int(p->h, c->n[order[i]]);
        html_lit(p->h, "</li>");
    }
    html_lit(p->h, "</ul>");
}

void
widget_error_message(struct web_page *p, const char *field, const char *message)
{
    html_lit(p->h, "<p id=\"");
    html_attr(p->h, field);
    html_lit(p->h, "-error\" class=\"govuk-error-message\"><span "
                   "class=\"govuk-visually-hidden\">Error:</span> ");
    html_text(p->h, message);
    html_lit(p->h, "</p>");
}

const char *
widget_error_for(const struct field_error *errors, size_t n, const char *field)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(errors[i].field, field) == 0)
            return errors[i].message;
    return NULL;
}

/* The form group, label, hint and error message every GOV.UK field opens
 * with; label_class is "govuk-label" plus any size modifier. */
static void
field_open(struct web_page *p, const char *id, const char *label,
           const char *label_class, const char *hint, const char *error)
{
    html_lit(p->h, "<div class=\"govuk-form-group");
    if (error)
        html_lit(p->h, " govuk-form-group--error");
    html_lit(p->h, "\"><label class=\"");
    html_attr(p->h, label_class);
    html_lit(p->h, "\" for=\"");
    html_attr(p->h, id);
    html_lit(p->h, "\">");
    html_text(p->h, label);
    html_lit(p->h, "</label>");
    if (hint) {
        html_lit(p->h, "<div class=\"govuk-hint\" id=\"");
        html_attr(p->h, id);
        html_lit(p->h, "-hint\">");
        html_text(p->h, hint);
        html_lit(p->h, "</div>");
    }
    if (error)
        widget_error_message(p, id, error);
}

/* id, name and aria-describedby (hint and error) of a field's control. */
static void
field_control_attrs(struct web_page *p, const char *id, const char *hint,
                    const char *error)
{
    html_lit(p->h, "\" id=\"");
    html_attr(p->h, id);
    html_lit(p->h, "\" name=\"");
    html_attr(p->h, id);
    html_lit(p->h, "\"");
    if (hint || error) {
        html_lit(p->h, " aria-describedby=\"");
        if (hint) {
            html_attr(p->h, id);
            html_lit(p->h, "-hint");
        }
        if (error) {
            if (hint)
                html_lit(p->h, " ");
            html_attr(p->h, id);
            html_lit(p->h, "-error");
        }
        html_lit(p->h, "\"");
    }
}

void
widget_text_input(struct web_page *p, const char *id, const char *label,
                  const char *hint, const char *value, const char *type,
                  const char *error)
{
    field_open(p, id, label, "govuk-label", hint, error);
    html_lit(p->h, "<input class=\"govuk-input govuk-!-width-two-thirds");
    if (error)
        html_lit(p->h, " govuk-input--error");
    field_control_attrs(p, id, hint, error);
    html_lit(p->h, " type=\"");
    html_attr(p->h, type);
    html_lit(p->h, "\" value=\"");
    html_attr(p->h, value);
    html_lit(p->h, "\"></div>");
}

void
widget_textarea(struct web_page *p, const char *id, const char *label,
                const char *label_class, const char *value, int rows,
                const char *error)
{
    char rows_text[16];
    snprintf(rows_text, sizeof rows_text, "%d", rows);
    field_open(p, id, label, label_class, NULL, error);
    html_lit(p->h, "<textarea class=\"govuk-textarea");
    if (error)
        html_lit(p->h, " govuk-textarea--error");
    field_control_attrs(p, id, NULL, error);
    html_lit(p->h, " rows=\"");
    html_attr(p->h, rows_text);
    html_lit(p->h, "\">");
    html_text(p->h, value);
    html_lit(p->h, "</textarea></div>");
}

void
widget_option(struct web_page *p, const char *value, const char *label,
              bool selected)
{
    html_lit(p->h, "<option value=\"");
    html_attr(p->h, value);
    html_lit(p->h, "\"");
    if (selected)
        html_lit(p->h, " selected");
    html_lit(p->h, ">");
    html_text(p->h, label);
    html_lit(p->h, "</option>");
}

void
page_download(struct web_page *p, char *text, size_t len, const char *type,
              const char *name)
{
    p->res->content_type = type;
    p->res->owned = (unsigned char *)text;
    p->res->fixed = (unsigned char *)text;
    p->res->fixed_len = len;
    p->res->disposition = web_attachment(name);
}

void
page_download_csv(struct web_page *p, char *text, size_t len, const char *name)
{
    char *with_bom = xmalloc(len + 3);
    memcpy(with_bom, "\xEF\xBB\xBF", 3);
    if (len)
        memcpy(with_bom + 3, text, len);
    free(text);
    page_download(p, with_bom, len + 3, "text/csv; charset=utf-8", name);
}

void
widget_rag_tag(struct web_page *p, enum gt_rag rag)
{
    static const char *const classes[] = {
        [GT_RAG_GREY] = "govuk-tag govuk-tag--grey",
        [GT_RAG_RED] = "govuk-tag govuk-tag--red",
        [GT_RAG_AMBER] = "govuk-tag govuk-tag--orange",
        [GT_RAG_GREEN] = "govuk-tag govuk-tag--green",
    };
    html_lit(p->h, "<strong class=\"");
    html_attr(p->h, classes[rag]);
    html_lit(p->h, "\">");
    html_text(p->h, gt_rag_word(rag));
    html_lit(p->h, "</strong>");
}

static void
date_part(struct web_page *p, const char *prefix, const char *name,
          const char *label, const char *value, int width, bool error)
{
    html_lit(p->h, "<div class=\"govuk-date-input__item\"><div "
                   "class=\"govuk-form-group\"><label class=\"govuk-label "
                   "govuk-date-input__label\" for=\"");
    html_attr(p->h, prefix);
    html_lit(p->h, "-");
    html_attr(p->h, name);
    html_lit(p->h, "\">");
    html_text(p->h, label);
    html_lit(p->h, "</label><input class=\"govuk-input "
                   "govuk-date-input__input govuk-input--width-");
    html_int(p->h, width);
    if (error)
        html_lit(p->h, " govuk-input--error");
    html_lit(p->h, "\" id=\"");
    html_attr(p->h, prefix);
    html_lit(p->h, "-");
    html_attr(p->h, name);
    html_lit(p->h, "\" name=\"");
    html_attr(p->h, prefix);
    html_lit(p->h, "-");
    html_attr(p->h, name);
    html_lit(p->h, "\" type=\"text\" inputmode=\"numeric\" value=\"");
    html_attr(p->h, value);
    html_lit(p->h, "\"></div></div>");
}

void
widget_date_input(struct web_page *p, const char *prefix, const char *legend,
                  const char *legend_class, const char *day, const char *month,
                  const char *year, const char *error)
{
    html_lit(p->h, "<div class=\"govuk-form-group");
    if (error)
        html_lit(p->h, " govuk-form-group--error");
    html_lit(p->h, "\"><fieldset class=\"govuk-fieldset\" role=\"group\" "
                   "aria-describedby=\"");
    html_attr(p->h, prefix);
    html_lit(p->h, "-hint");
    if (error) {
        html_lit(p->h, " ");
        html_attr(p->h, prefix);
        html_lit(p->h, "-day-error");
    }
    html_lit(p->h, "\"><legend class=\"govuk-fieldset__legend ");
    html_attr(p->h, legend_class);
    html_lit(p->h, "\">");
    html_text(p->h, legend);
    html_lit(p->h, "</legend><div id=\"");
    html_attr(p->h, prefix);
    html_lit(p->h, "-hint\" class=\"govuk-hint\">For example, 31 1 "
                   "2027</div>");
    if (error) {
        char *field = xasprintf("%s-day", prefix);
        widget_error_message(p, field, error);
        free(field);
    }
    html_lit(p->h, "<div class=\"govuk-date-input\">");
    date_part(p, prefix, "day", "Day", day, 2, error != NULL);
    date_part(p, prefix, "month", "Month", month, 2, error != NULL);
    date_part(p, prefix, "year", "Year", year, 4, error != NULL);
    html_lit(p->h, "</div></fieldset></div>");
}

bool
web_read_date(const char *day, const char *month, const char *year,
              int32_t *out)
{
    char *end;
    if (!day || !month || !year)
        return false;
    long d = strtol(day, &end, 10);
    if (end == day || *end)
        return false;
    long m = strtol(month, &end, 10);
    if (end == month || *end)
        m = gt_month_from_name(month, strlen(month));
    long y = strtol(year, &end, 10);
    if (end == year || *end || y < 1900 || y > 2200)
        return false;
    *out = gt_date_from_ymd((int)y, (int)m, (int)d);
    return *out != GT_NO_DATE;
}

void
widget_cell(struct web_page *p, const char *text, bool numeric)
{
    if (numeric)
        html_lit(p->h, "<td class=\"govuk-table__cell "
                       "govuk-table__cell--numeric\">");
    else
        html_lit(p->h, "<td class=\"govuk-table__cell\">");
    html_text(p->h, text);
    html_lit(p->h, "</td>");
}

void
page_begin_under_plan(struct web_page *p, const struct gt_plan *plan,
                      const char *title)
{
    page_begin(p, title);
    html_lit(p->h, "<div class=\"govuk-breadcrumbs\"><ol "
                   "class=\"govuk-breadcrumbs__list\"><li "
                   "class=\"govuk-breadcrumbs__list-item\"><a "
                   "class=\"govuk-breadcrumbs__link\" href=\"/plans/");
    html_url_arg(p->h, plan->code);
    html_lit(p->h, "\">");
    html_text(p->h, plan->title);
    html_lit(p->h, "</a></li></ol></div><h1 class=\"govuk-heading-l\">");
    html_text(p->h, title);
    html_lit(p->h, "</h1>");
}

/* The whole of a file into *text, up to max bytes; false when it cannot
 * be read or is longer. */
static bool
slurp(const char *path, size_t max, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct buf b;
    buf_init(&b, max);
    bool ok = f && buf_read_all(&b, f) == 1;
    if (f)
        fclose(f);
    *len = b.len;
    *text = buf_take(&b);
    buf_finish(&b);
    return ok;
}

bool
page_file_render(struct web_page *p,
                 enum gt_rc (*write)(const char *path, void *arg,
                                     struct gt_ctx *ctx),
                 void *arg, size_t max, char **text, size_t *len)
{
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/goldthread-XXXXXX", dir ? dir : "/tmp");
    bool ok = false;
    int fd = mkstemp(path);
    *text = NULL;
    *len = 0;
    if (fd >= 0) {
        close(fd);
        ok = write(path, arg, &p->ctx) == GT_OK && slurp(path, max, text, len);
        unlink(path);
    }
    free(path);
    return ok;
}

static void
show_kept(void *arg, const char *title, const char *body, size_t len)
{
    struct web_page *p = arg;
    page_begin(p, title);
    html_raw_n(p->h, body, len);
    page_end(p);
    p->res->from_cache = true;
}

bool
page_kept(struct web_page *p, struct page_keeping *k, char *key,
          const char *plan_code)
{
    memset(k, 0, sizeof *k);
    k->key = key;
    k->at.rest = -1;
    if (!p->cache)
        return false; /* nothing is kept: no need to read the counts */
    /* read before the page's data: a change between the two retires what
     * is kept at once rather than keeping it too long */
    k->at = gt_db_changes(p->db, plan_code);
    return page_cache_show(p->cache, key, k->at, show_kept, p);
}

void
page_keep_begin(struct web_page *p, struct page_keeping *k, const char *title)
{
    page_begin(p, title);
    k->from = p->h->b.len;
    k->begun = true;
}

void
page_keep_end(struct web_page *p, struct page_keeping *k, const char *title)
{
    if (k->begun && p->res->status == 200 && !p->h->overflowed &&
        p->h->b.len >= k->from)
        page_cache_put(p->cache, k->key, k->at, title, p->h->b.p + k->from,
                       p->h->b.len - k->from);
    page_end(p);
}

void
page_keeping_finish(struct page_keeping *k)
{
    free(k->key);
    k->key = NULL;
}

void
widget_summary_row(struct web_page *p, const char *key, const char *value)
{
    html_lit(p->h, "<div class=\"govuk-summary-list__row\"><dt "
                   "class=\"govuk-summary-list__key\">");
    html_text(p->h, key);
    html_lit(p->h, "</dt><dd class=\"govuk-summary-list__value\">");
    if (value) {
        html_text(p->h, value);
        html_lit(p->h, "</dd></div>");
    }
}

void
widget_form_text(struct web_page *p, const char *id, const char *label,
                 const char *hint, const struct field_error *errors, size_t n)
{
    widget_text_input(p, id, label, hint, web_form_get(&p->form, id), "text",
                      widget_error_for(errors, n, id));
}
