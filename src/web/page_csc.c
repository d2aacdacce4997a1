/*
 * page_csc: the statutory indicators computed from the child-level records
 * csc load stored, and the rows behind each timeliness indicator (child as
 * a keyed hash, team, worker, dates, working days), with a CSV download.
 * The router lets only admin and analyst here: these are the only pages
 * that show anything about single children.
 *
 * The records are read and the indicators computed on each request (a
 * large council's records read in a fraction of a second), so the page
 * always agrees with the latest load and nothing is cached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/mem.h"
#include "core/period.h"
#include "csc/indicators.h"
#include "web/page.h"

/* What a request asks for and what it needs: the period (from the query,
 * or the last whole financial year), the calendar and the records. */
struct csc_view {
    char period_text[64];
    struct gt_period period;
    const char *period_error; /* NULL when the period reads */
    struct gt_calendar cal;
    struct csc_records records;
    bool loaded;
};

/* The last financial year that has ended by today, as "2025/26". */
static void
default_period(int32_t today, char *out, size_t len)
{
    int y, m, d;
    gt_date_to_ymd(today, &y, &m, &d);
    int end_year = m >= 4 ? y : y - 1; /* its 31 March */
    snprintf(out, len, "%d/%02d", end_year - 1, end_year % 100);
}

/* false when a page (500) is already written. */
static bool
view_open(struct web_page *p, struct csc_view *v)
{
    memset(v, 0, sizeof *v);
    const char *period = web_form_get(&p->query, "period");
    if (period && *period)
        snprintf(v->period_text, sizeof v->period_text, "%s", period);
    else
        default_period(p->today, v->period_text, sizeof v->period_text);
    v->period_error = gt_period_parse(v->period_text, &v->period);
    if (gt_calendar_default(&v->cal, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        return false;
    }
    enum gt_rc rc = gt_db_csc_read(p->db, &v->records, &p->ctx);
    if (rc != GT_OK && rc != GT_NOTFOUND) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        return false;
    }
    v->loaded = rc == GT_OK;
    return true;
}

static void
view_close(struct csc_view *v)
{
    csc_records_finish(&v->records);
    gt_calendar_finish(&v->cal);
}

/* When the records were loaded, by whom, from what. */
static bool
load_summary(struct web_page *p)
{
    struct gt_csc_loaded l;
    enum gt_rc rc = gt_db_csc_last_load(p->db, &l, &p->ctx);
    if (rc != GT_OK)
        return false;
    char when[GT_DATE_LONG_LEN], count[64];
    gt_timestamp_day_long(l.loaded_at, when);
    html_lit(p->h, "<dl class=\"govuk-summary-list\">");
    widget_summary_row(p, "Loaded",
                       *when ? when : (l.loaded_at ? l.loaded_at : ""));
    widget_summary_row(p, "By", l.actor ? l.actor : "");
    widget_summary_row(p, "From", l.source ? l.source : "");
    snprintf(count, sizeof count, "%ld", l.children);
    widget_summary_row(p, "Children", count);
    snprintf(count, sizeof count, "%ld kept, %ld not loaded", l.rows,
             l.rejected);
    widget_summary_row(p, "Rows", count);
    html_lit(p->h, "</dl>");
    gt_csc_loaded_finish(&l);
    return true;
}

static void
period_form(struct web_page *p, const char *action, const struct csc_view *v)
{
    html_lit(p->h, "<form method=\"get\" action=\"");
    html_attr(p->h, action);
    html_lit(p->h, "\" class=\"govuk-!-margin-bottom-6\" novalidate>");
    widget_text_input(p, "period", "Period",
                      "A financial year (2025/26), a quarter (Q3 2025/26) or "
                      "a month (April 2025)",
                      v->period_text, "text", v->period_error);
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button "
                   "govuk-button--secondary\" data-module=\"govuk-button\">"
                   "Show</button></form>");
}

/* The period's error, as the summary at the top and a 400. */
static bool
period_problem(struct web_page *p, const struct csc_view *v)
{
    if (!v->period_error)
        return false;
    struct field_error e = {"period", v->period_error};
    p->res->status = 400;
    page_error_summary(p, &e, 1);
    return true;
}

static void
not_loaded(struct web_page *p)
{
    html_lit(p->h, "<p class=\"govuk-body\">No child-level records are "
                   "loaded yet. They are loaded from the Annex A lists with "
                   "<code>goldthread csc load</code>.</p>");
}

static void
indicator_table(struct web_page *p, const struct csc_view *v)
{
    struct csc_result res[CSC_N];
    csc_compute(&v->records, &v->cal, v->period.start, v->period.end,
                v->period.end, res);
    char period[GT_PERIOD_TEXT_LEN], at[GT_DATE_LONG_LEN];
    gt_period_format(&v->period, period);
    gt_date_long(v->period.end, at);
    html_lit(p->h, "<table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">");
    html_text(p->h, period);
    html_lit(p->h, ", counts at ");
    html_text(p->h, at);
    html_lit(p->h,
             "</caption><thead class=\"govuk-table__head\"><tr "
             "class=\"govuk-table__row\"><th scope=\"col\" "
             "class=\"govuk-table__header\">Indicator</th><th scope=\"col\" "
             "class=\"govuk-table__header govuk-table__header--numeric\">"
             "Numerator</th><th scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Denominator</th><th "
             "scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Value</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Rows</th></tr></thead><tbody "
             "class=\"govuk-table__body\">");
    for (int i = 0; i < CSC_N; i++) {
        const struct csc_def *d = &csc_defs[i];
        char num[24], den[24] = "", value[32];
        snprintf(num, sizeof num, "%ld", res[i].numerator);
        if (d->percent)
            snprintf(den, sizeof den, "%ld", res[i].denominator);
        csc_value_text(d, &res[i], value, sizeof value);
        html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                       "class=\"govuk-table__header\">");
        html_text(p->h, d->title);
        html_lit(p->h, " <span class=\"govuk-caption-s\">");
        html_text(p->h, d->code);
        if (d->version) {
            html_lit(p->h, ", ");
            html_text(p->h, d->version);
        }
        html_lit(p->h, "</span></th>");
        widget_cell(p, num, true);
        widget_cell(p, den, true);
        widget_cell(p, value, true);
        html_lit(p->h, "<td class=\"govuk-table__cell\">");
        if (csc_has_rows((enum csc_id)i)) {
            html_lit(p->h, "<a class=\"govuk-link\" href=\"/csc/");
            html_url_arg(p->h, d->code);
            html_lit(p->h, "?period=");
            html_url_arg(p->h, v->period_text);
            html_lit(p->h, "\">Breaches<span class=\"govuk-visually-hidden\">"
                           " of ");
            html_text(p->h, d->code);
            html_lit(p->h, "</span></a>");
        }
        html_lit(p->h, "</td></tr>");
    }
    html_lit(p->h, "</tbody></table>");
}

void
page_csc(struct web_page *p)
{
    struct csc_view v;
    if (!view_open(p, &v))
        goto out;
    page_begin(p, "Child-level records");
    period_problem(p, &v);
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">Child-level records</h1>");
    if (!v.loaded) {
        not_loaded(p);
    } else if (!load_summary(p)) {
        html_lit(p->h, "<p class=\"govuk-body\">The load could not be "
                       "read.</p>");
    } else {
        html_lit(p->h, "<p class=\"govuk-body\">The statutory indicators as "
                       "the Department for Education defines them, from the "
                       "records loaded. Children appear only as keyed "
                       "hashes of their IDs.</p>");
        period_form(p, "/csc", &v);
        if (!v.period_error)
            indicator_table(p, &v);
    }
    page_end(p);
out:
    view_close(&v);
}

/* The rows of the indicator named in the route; false (page written)
 * when it has none. */
static bool
rows_indicator(struct web_page *p, enum csc_id *id)
{
    if (!csc_find(p->param, id) || !csc_has_rows(*id)) {
        page_error(p, 404, "Page not found",
                   "Only the timeliness indicators have rows behind them.");
        return false;
    }
    return true;
}

static void
rows_table(struct web_page *p, const struct csc_view *v,
           const struct csc_row *rows, size_t n, bool all)
{
    html_lit(p->h, "<table class=\"govuk-table\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">");
    if (all)
        html_lit(p->h, "Every row");
    else
        html_lit(p->h, "Rows outside the timescale");
    html_lit(p->h,
             "</caption><thead class=\"govuk-table__head\"><tr "
             "class=\"govuk-table__row\"><th scope=\"col\" "
             "class=\"govuk-table__header\">Child (hash)</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Team</th><th scope=\"col\" "
             "class=\"govuk-table__header\">Worker</th><th scope=\"col\" "
             "class=\"govuk-table__header\">From</th><th scope=\"col\" "
             "class=\"govuk-table__header\">To</th><th scope=\"col\" "
             "class=\"govuk-table__header govuk-table__header--numeric\">"
             "Working days</th><th scope=\"col\" "
             "class=\"govuk-table__header\">In time</th></tr></thead><tbody "
             "class=\"govuk-table__body\">");
    const struct csc_records *r = &v->records;
    for (size_t i = 0; i < n; i++) {
        const struct csc_row *row = &rows[i];
        if (!all && !row->late)
            continue;
        char days[16];
        snprintf(days, sizeof days, "%d", row->days);
        html_lit(p->h, "<tr class=\"govuk-table__row\"><td "
                       "class=\"govuk-table__cell\"><code>");
        html_text(p->h, r->children.text[row->child]);
        html_lit(p->h, "</code></td>");
        widget_cell(p, row->team >= 0 ? r->people.text[row->team] : "", false);
        widget_cell(p, row->worker >= 0 ? r->people.text[row->worker] : "",
                    false);
        html_lit(p->h, "<td class=\"govuk-table__cell\">");
        html_date(p->h, row->from);
        html_lit(p->h, "</td><td class=\"govuk-table__cell\">");
        html_date(p->h, row->to);
        html_lit(p->h, "</td>");
        widget_cell(p, days, true);
        html_lit(p->h, "<td class=\"govuk-table__cell\"><strong "
                       "class=\"govuk-tag govuk-tag--");
        if (row->late)
            html_lit(p->h, "red\">No");
        else
            html_lit(p->h, "green\">Yes");
        html_lit(p->h, "</strong></td></tr>");
    }
    html_lit(p->h, "</tbody></table>");
}

static void
rows_form(struct web_page *p, const struct csc_view *v, bool all)
{
    html_lit(p->h, "<form method=\"get\" action=\"/csc/");
    html_url_arg(p->h, p->param);
    html_lit(p->h, "\" class=\"govuk-!-margin-bottom-6\" novalidate>");
    widget_text_input(p, "period", "Period",
                      "A financial year (2025/26), a quarter (Q3 2025/26) or "
                      "a month (April 2025)",
                      v->period_text, "text", v->period_error);
    html_lit(p->h, "<div class=\"govuk-form-group\"><div "
                   "class=\"govuk-checkboxes govuk-checkboxes--small\" "
                   "data-module=\"govuk-checkboxes\"><div "
                   "class=\"govuk-checkboxes__item\"><input "
                   "class=\"govuk-checkboxes__input\" id=\"all\" name=\"all\" "
                   "type=\"checkbox\" value=\"yes\"");
    if (all)
        html_lit(p->h, " checked");
    html_lit(p->h, "><label class=\"govuk-label govuk-checkboxes__label\" "
                   "for=\"all\">Show the rows in time too</label></div></div>"
                   "</div><button type=\"submit\" class=\"govuk-button "
                   "govuk-button--secondary\" data-module=\"govuk-button\">"
                   "Show</button></form>");
}

void
page_csc_rows(struct web_page *p)
{
    enum csc_id id;
    struct csc_view v;
    struct csc_row *rows = NULL;
    size_t n = 0;
    const char *all_text = web_form_get(&p->query, "all");
    bool all = all_text && strcmp(all_text, "yes") == 0;
    if (!rows_indicator(p, &id))
        return;
    const struct csc_def *d = &csc_defs[id];
    if (!view_open(p, &v))
        goto out;
    page_begin(p, d->title);
    period_problem(p, &v);
    html_lit(p->h, "<div class=\"govuk-breadcrumbs\"><ol "
                   "class=\"govuk-breadcrumbs__list\"><li "
                   "class=\"govuk-breadcrumbs__list-item\"><a "
                   "class=\"govuk-breadcrumbs__link\" href=\"/csc?period=");
    html_url_arg(p->h, v.period_text);
    html_lit(p->h, "\">Child-level records</a></li></ol></div><span "
                   "class=\"govuk-caption-l\">");
    html_text(p->h, d->code);
    html_lit(p->h, "</span><h1 class=\"govuk-heading-l\">");
    html_text(p->h, d->title);
    html_lit(p->h, "</h1>");
    if (!v.loaded) {
        not_loaded(p);
        page_end(p);
        goto out;
    }
    html_lit(p->h, "<p class=\"govuk-body\">");
    html_text(p->h, d->definition);
    html_lit(p->h, ".</p>");
    rows_form(p, &v, all);
    if (!v.period_error) {
        rows =
            csc_rows(&v.records, &v.cal, id, v.period.start, v.period.end, &n);
        size_t late = 0;
        for (size_t i = 0; i < n; i++)
            late += rows[i].late;
        html_lit(p->h, "<p class=\"govuk-body\">");
        html_int(p->h, (long)late);
        html_lit(p->h, " of ");
        html_int(p->h, (long)n);
        html_lit(p->h, " outside the timescale. <a class=\"govuk-link\" "
                       "href=\"/csc/");
        html_url_arg(p->h, d->code);
        html_lit(p->h, "/export?period=");
        html_url_arg(p->h, v.period_text);
        if (all)
            html_lit(p->h, "&amp;all=yes");
        html_lit(p->h, "\" download>Download these rows (CSV)</a></p>");
        if (all ? n : late)
            rows_table(p, &v, rows, n, all);
    }
    page_end(p);
out:
    free(rows);
    view_close(&v);
}

void
page_csc_export(struct web_page *p)
{
    enum csc_id id;
    struct csc_view v;
    const char *all = web_form_get(&p->query, "all");
    struct csc_row *rows = NULL;
    char *text = NULL, *name = NULL;
    size_t n = 0, len = 0;
    FILE *f = NULL;
    bool ok;
    if (!rows_indicator(p, &id))
        return;
    if (!view_open(p, &v))
        goto out;
    if (!v.loaded || v.period_error) {
        page_error(p, v.loaded ? 400 : 404,
                   v.loaded ? "The period could not be read" : "Page not found",
                   v.loaded ? v.period_error : "No records are loaded.");
        goto out;
    }
    rows = csc_rows(&v.records, &v.cal, id, v.period.start, v.period.end, &n);
    f = open_memstream(&text, &len);
    ok = f && csc_rows_csv(f, &v.records, rows, n,
                           all && strcmp(all, "yes") == 0, NULL);
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    name = xasprintf("%s-rows.csv", csc_defs[id].code);
    page_download_csv(p, text, len, name);
    text = NULL;
out:
    free(name);
    free(text);
    free(rows);
    view_close(&v);
}
