/*
 * page_kpi: one indicator: its latest judgement, definition and what it
 * measures in the golden thread; its trend as a chart with the same
 * figures in a table beside it and as a CSV download; and, for its owner,
 * planners and administrators, a form to enter a period's value or
 * target, checked by the same rules as an imported file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scorecard.h"
#include "io/kpi_io.h"
#include "report/svg.h"
#include "web/page.h"

/* The form's fields, in the import's column order. */
static const char *const field_ids[GT_KPI_VALUE_COLUMNS] = {
    NULL, "period", "value", "numerator", "denominator", "target", "note"};

/* Whether the signed-in user may enter values for the indicator. */
static bool
may_enter(const struct web_page *p, const struct gt_kpi *k)
{
    if (gt_role_may_plan(p->user.role))
        return true;
    return p->user.role == GT_ROLE_LEAD && p->user.person && k->owner &&
           strcmp(p->user.person, k->owner) == 0;
}

static void
latest_row(struct web_page *p, const struct gt_kpi_card *c)
{
    char period[GT_PERIOD_TEXT_LEN], value[80], target[160];
    widget_summary_row(p, "Latest", NULL);
    if (!c->has_latest) {
        html_lit(p->h, "No values yet</dd></div>");
        return;
    }
    const struct gt_kpi_value *v = &c->values.v[c->latest];
    gt_period_format(&v->period, period);
    gt_kpi_value_text(&c->kpi, v, value, sizeof value);
    gt_kpi_target_text(&c->kpi, &v->target, target, sizeof target);
    widget_rag_tag(p, c->judgement.rag);
    html_lit(p->h, " ");
    html_text(p->h, *value ? value : "x");
    html_lit(p->h, " in ");
    html_text(p->h, period);
    html_lit(p->h, " against a target of ");
    html_text(p->h, *target ? target : "none");
    html_lit(p->h, ": ");
    html_text(p->h, gt_rag_words(c->judgement.rag, c->kpi.polarity));
    html_lit(p->h, ". ");
    html_text(p->h, gt_direction_word(c->judgement.since_previous));
    html_lit(p->h, " since the period before.</dd></div>");
}

static void
details(struct web_page *p, const struct gt_kpi_card *c)
{
    const struct gt_kpi *k = &c->kpi;
    char tol[32];
    gt_tolerance_format(&k->tolerance, tol, sizeof tol);
    html_lit(p->h, "<dl class=\"govuk-summary-list\">");
    latest_row(p, c);
    widget_summary_row(p, "Definition",
                       k->definition ? k->definition : "Not given");
    widget_summary_row(p, "Unit", gt_kpi_unit_word(k->unit));
    widget_summary_row(p, "Which way is better", gt_polarity_word(k->polarity));
    widget_summary_row(p, "How often", gt_frequency_code(k->frequency));
    widget_summary_row(p, "Tolerance", tol);
    widget_summary_row(p, "Owner", k->owner ? k->owner : "None");
    widget_summary_row(p, "Measures", NULL);
    if (!c->items.n)
        html_lit(p->h, "Nothing in the golden thread yet");
    else
        html_lit(p->h, "<ul class=\"govuk-list\">");
    for (size_t i = 0; i < c->items.n; i++) {
        html_lit(p->h, "<li>");
        widget_item_link(p, &c->items.v[i], true);
        html_lit(p->h, "</li>");
    }
    if (c->items.n)
        html_lit(p->h, "</ul>");
    html_lit(p->h, "</dd></div></dl>");
}

/* The comparator types with a figure beside any period, in order. */
static size_t
comparator_types(const struct gt_kpi_card *c, enum gt_area_type *out)
{
    size_t n = 0;
    for (int t = GT_AREA_ENGLAND; t < GT_AREA_AUTHORITY; t++) {
        bool any = false;
        for (size_t i = 0; !any && i < c->values.n; i++)
            any = gt_comparator_for(&c->comparators, (enum gt_area_type)t,
                                    &c->values.v[i].period) != NULL;
        if (any)
            out[n++] = (enum gt_area_type)t;
    }
    return n;
}

/* A comparator type's name for a legend or heading: the area loaded
 * ("North West", "Statistical neighbours (10)"). */
static const char *
comparator_name(const struct gt_kpi_card *c, enum gt_area_type t)
{
    for (size_t i = c->comparators.n; i-- > 0;)
        if (c->comparators.v[i].type == t)
            return c->comparators.v[i].area;
    return gt_area_type_word(t);
}

struct chart_data {
    char (*labels)[GT_PERIOD_TEXT_LEN];
    const char **label_ptrs;
    double *y, *target, *high, *cy;
    bool *has, *has_target, *chas;
};

static void
chart_data_finish(struct chart_data *d)
{
    free(d->labels);
    free(d->label_ptrs);
    free(d->y);
    free(d->target);
    free(d->high);
    free(d->cy);
    free(d->has);
    free(d->has_target);
    free(d->chas);
}

static void
chart(struct web_page *p, const struct gt_kpi_card *c,
      const enum gt_area_type *types, size_t n_types, const char *org)
{
    size_t n = c->values.n;
    struct chart_data d = {
        .labels = xcalloc(n, sizeof *d.labels),
        .label_ptrs = xcalloc(n, sizeof *d.label_ptrs),
        .y = xcalloc(n, sizeof *d.y),
        .target = xcalloc(n, sizeof *d.target),
        .high = xcalloc(n, sizeof *d.high),
        .cy = xcalloc(n * SVG_MAX_COMPARATORS, sizeof *d.cy),
        .has = xcalloc(n, sizeof *d.has),
        .has_target = xcalloc(n, sizeof *d.has_target),
        .chas = xcalloc(n * SVG_MAX_COMPARATORS, sizeof *d.chas),
    };
    struct svg_trend t = {
        .id = "trend",
        .title = c->kpi.title,
        .n = n,
        .labels = d.label_ptrs,
        .value = {org, d.y, d.has},
        .decimals = c->kpi.decimals,
        .suffix = gt_kpi_unit_suffix(c->kpi.unit),
    };
    bool any_target = false;
    for (size_t i = 0; i < n; i++) {
        const struct gt_kpi_value *v = &c->values.v[i];
        gt_period_format(&v->period, d.labels[i]);
        d.label_ptrs[i] = d.labels[i];
        d.has[i] = v->has_value && gt_value_usable(&v->value);
        d.y[i] = v->value.number;
        d.has_target[i] = v->target.set;
        d.target[i] = v->target.value;
        d.high[i] = v->target.high;
        any_target |= v->target.set;
        for (size_t k = 0; k < n_types && k < SVG_MAX_COMPARATORS; k++) {
            const struct gt_comparator *x =
                gt_comparator_for(&c->comparators, types[k], &v->period);
            d.chas[k * n + i] = x && gt_value_usable(&x->value);
            d.cy[k * n + i] = x ? x->value.number : 0;
        }
    }
    if (any_target) {
        t.target = d.target;
        t.has_target = d.has_target;
        t.target_high = c->kpi.polarity == GT_WITHIN_BAND ? d.high : NULL;
    }
    for (size_t k = 0; k < n_types && k < SVG_MAX_COMPARATORS; k++)
        t.comparators[t.n_comparators++] = (struct svg_series){
            comparator_name(c, types[k]), d.cy + k * n, d.chas + k * n};
    char *desc = xasprintf(
        "%s for %zu %s from %s to %s%s%s. The table below gives the same "
        "figures.",
        gt_kpi_unit_word(c->kpi.unit), n, n == 1 ? "period" : "periods",
        d.labels[0], d.labels[n - 1], any_target ? ", against the target" : "",
        n_types ? ", with comparators" : "");
    desc[0] = (char)(desc[0] >= 'a' && desc[0] <= 'z' ? desc[0] - 32 : desc[0]);
    t.desc = desc;
    struct markup m;
    markup_init(&m, 256 * 1024);
    svg_trend(&m, &t);
    html_lit(p->h, "<h2 class=\"govuk-heading-m\">Trend</h2><figure "
                   "class=\"app-figure\">");
    html_markup(p->h, &m);
    html_lit(p->h, "</figure>");
    markup_finish(&m);
    free(desc);
    chart_data_finish(&d);
}

static void
heading(struct web_page *p, const char *text, bool numeric)
{
    if (numeric)
        html_lit(p->h, "<th scope=\"col\" class=\"govuk-table__header "
                       "govuk-table__header--numeric\">");
    else
        html_lit(p->h, "<th scope=\"col\" class=\"govuk-table__header\">");
    html_text(p->h, text);
    html_lit(p->h, "</th>");
}

static void
values_table(struct web_page *p, const struct gt_kpi_card *c,
             const enum gt_area_type *types, size_t n_types)
{
    const struct gt_kpi *k = &c->kpi;
    html_lit(p->h, "<table class=\"govuk-table\" id=\"values\"><caption "
                   "class=\"govuk-table__caption govuk-table__caption--m\">"
                   "Values by period</caption><thead "
                   "class=\"govuk-table__head\"><tr "
                   "class=\"govuk-table__row\">");
    heading(p, "Period", false);
    heading(p, "Value", true);
    heading(p, "Target", true);
    heading(p, "RAG", false);
    heading(p, "Since the period before", false);
    for (size_t t = 0; t < n_types; t++)
        heading(p, comparator_name(c, types[t]), true);
    bool councils = false;
    for (size_t i = 0; !councils && i < c->comparators.n; i++)
        councils = c->comparators.v[i].type == GT_AREA_AUTHORITY;
    if (councils)
        heading(p, "Among councils", false);
    heading(p, "Note", false);
    html_lit(p->h, "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = c->values.n; i-- > 0;) {
        const struct gt_kpi_value *v = &c->values.v[i];
        struct gt_kpi_judgement j = gt_kpi_judge(k, &c->values, i);
        char period[GT_PERIOD_TEXT_LEN], value[80], target[160];
        gt_period_format(&v->period, period);
        gt_kpi_value_text(k, v, value, sizeof value);
        gt_kpi_target_text(k, &v->target, target, sizeof target);
        html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                       "class=\"govuk-table__header\">");
        html_text(p->h, period);
        html_lit(p->h, "</th>");
        widget_cell(p, *value ? value : "x", true);
        widget_cell(p, *target ? target : "None set", true);
        html_lit(p->h, "<td class=\"govuk-table__cell\">");
        widget_rag_tag(p, j.rag);
        html_lit(p->h, "</td>");
        widget_cell(p, gt_direction_word(j.since_previous), false);
        for (size_t t = 0; t < n_types; t++) {
            const struct gt_comparator *x =
                gt_comparator_for(&c->comparators, types[t], &v->period);
            char text[80] = "x";
            if (x)
                gt_kpi_number_text(k, &x->value, text, sizeof text);
            widget_cell(p, text, true);
        }
        if (councils)
            widget_cell(p,
                        gt_quartile_words(v->has_value
                                              ? gt_comparator_quartile(
                                                    &c->comparators, &v->period,
                                                    &v->value, k->polarity)
                                              : 0),
                        false);
        widget_cell(p, v->note ? v->note : "", false);
        html_lit(p->h, "</tr>");
    }
    html_lit(p->h, "</tbody></table><p class=\"govuk-body\"><a "
                   "class=\"govuk-link\" href=\"/kpis/");
    html_url_arg(p->h, k->code);
    html_lit(p->h, "/export\" download>Download these values (CSV)</a></p>");
}

static void
entry_form(struct web_page *p, const struct gt_kpi *k,
           const struct field_error *errors, size_t n_errors)
{
    static const char *const labels[GT_KPI_VALUE_COLUMNS] = {
        NULL, "Period", "Value", "Numerator", "Denominator", "Target", NULL};
    const char *hints[GT_KPI_VALUE_COLUMNS] = {
        NULL,
        "Like Q2 2026/27, 2025/26, April 2026 or 30 September 2026",
        "A number, or x (not available), z (not applicable), c "
        "(confidential) or low",
        "For a rate: the count that meets the measure",
        "For a rate: the count it is out of",
        k->polarity == GT_WITHIN_BAND ? "A band, like 60 to 70" : NULL,
        NULL};
    html_lit(p->h, "<h2 class=\"govuk-heading-m\" id=\"enter\">Enter a value "
                   "or target</h2><form method=\"post\" action=\"/kpis/");
    html_url_arg(p->h, k->code);
    html_lit(p->h, "/values\" novalidate>");
    page_csrf_input(p);
    for (int c = 1; c < GT_KPI_VALUE_COLUMNS - 1; c++)
        widget_text_input(p, field_ids[c], labels[c], hints[c],
                          web_form_get(&p->form, field_ids[c]), "text",
                          widget_error_for(errors, n_errors, field_ids[c]));
    widget_textarea(p, "note", "Note", "govuk-label",
                    web_form_get(&p->form, "note"), 3,
                    widget_error_for(errors, n_errors, "note"));
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Save</button></form>");
}

static void
render(struct web_page *p, const struct gt_kpi_card *c,
       const struct field_error *errors, size_t n_errors)
{
    enum gt_area_type types[GT_AREA_TYPES];
    size_t n_types = comparator_types(c, types);
    char *org = NULL;
    if (gt_db_org_name(p->db, &org, &p->ctx) != GT_OK || !org)
        org = xstrdup("This council");
    page_begin(p, c->kpi.title);
    html_lit(p->h, "<div class=\"govuk-breadcrumbs\"><ol "
                   "class=\"govuk-breadcrumbs__list\"><li "
                   "class=\"govuk-breadcrumbs__list-item\"><a "
                   "class=\"govuk-breadcrumbs__link\" href=\"/kpis\">"
                   "Indicators</a></li></ol></div>");
    page_error_summary(p, errors, n_errors);
    html_lit(p->h, "<span class=\"govuk-caption-l\">");
    html_text(p->h, c->kpi.code);
    html_lit(p->h, "</span><h1 class=\"govuk-heading-l\">");
    html_text(p->h, c->kpi.title);
    html_lit(p->h, "</h1>");
    details(p, c);
    if (c->values.n) {
        chart(p, c, types, n_types, org);
        values_table(p, c, types, n_types);
    }
    if (may_enter(p, &c->kpi))
        entry_form(p, &c->kpi, errors, n_errors);
    page_end(p);
    free(org);
}

static bool
load(struct web_page *p, struct gt_kpi_card *c)
{
    enum gt_rc rc =
        gt_kpi_card_load(p->db, p->param, p->today,
                         gt_role_may_see_children(p->user.role), c, &p->ctx);
    if (rc == GT_NOTFOUND)
        page_error(p, 404, "Page not found", "There is no such indicator.");
    else if (rc != GT_OK)
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
    return rc == GT_OK;
}

void
page_kpi(struct web_page *p)
{
    struct gt_kpi_card c;
    if (!load(p, &c))
        return;
    render(p, &c, NULL, 0);
    gt_kpi_card_finish(&c);
}

void
page_kpi_values_csv(struct web_page *p)
{
    char *text = NULL, *name = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    enum gt_rc rc =
        f ? gt_kpi_export(p->db, p->param,
                          gt_role_may_see_children(p->user.role), f, &p->ctx)
          : GT_IO;
    if (f)
        fclose(f);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such indicator.");
    } else if (rc != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
    } else {
        name = xasprintf("%s.csv", p->param);
        page_download_csv(p, text, len, name);
        text = NULL;
    }
    free(name);
    free(text);
}

/* The importer's messages ("form:2: Value: ...") as errors on the form's
 * fields; the texts are kept in msgs, which the caller frees. */
static size_t
form_errors(const struct gt_ctx *ctx, struct field_error *errors, size_t max,
            char **msgs)
{
    const char *headings[GT_KPI_VALUE_COLUMNS];
    size_t n = 0;
    gt_kpi_value_headings(headings);
    for (size_t i = 0; i < ctx->n_errors && n < max; i++) {
        const char *m = ctx->errors[i];
        const char *field = "period";
        const char *rest = strstr(m, ": ");
        /* skip "form:2: " to the heading */
        rest = rest ? rest + 2 : m;
        for (int c = 1; c < GT_KPI_VALUE_COLUMNS; c++) {
            size_t len = strlen(headings[c]);
            if (strncmp(rest, headings[c], len) == 0 &&
                strncmp(rest + len, ": ", 2) == 0) {
                field = field_ids[c];
                rest += len + 2;
                break;
            }
        }
        msgs[n] = xstrdup(rest);
        if (msgs[n][0] >= 'a' && msgs[n][0] <= 'z')
            msgs[n][0] = (char)(msgs[n][0] - 32);
        errors[n] = (struct field_error){field, msgs[n]};
        n++;
    }
    return n;
}

void
page_kpi_value_post(struct web_page *p)
{
    struct gt_kpi_card c;
    struct field_error errors[8];
    char *msgs[8] = {NULL};
    const char *cells[GT_KPI_VALUE_COLUMNS];
    char *to = NULL;
    size_t n = 0;
    if (!load(p, &c))
        return;
    if (!may_enter(p, &c.kpi)) {
        page_error(p, 403, "You cannot enter values for this indicator",
                   "Only its owner, planners and administrators can.");
        goto out;
    }
    cells[0] = c.kpi.code;
    for (int i = 1; i < GT_KPI_VALUE_COLUMNS; i++) {
        const char *v = web_form_get(&p->form, field_ids[i]);
        cells[i] = v ? v : "";
    }
    if (!*cells[1]) {
        errors[n++] = (struct field_error){"period", "Enter the period"};
    } else if (gt_kpi_set(p->db, cells, "form",
                          p->user.person ? p->user.person
                                         : p->user.display_name,
                          &p->ctx) != GT_OK) {
        n = form_errors(&p->ctx, errors, 8, msgs);
    }
    if (n) {
        p->res->status = 400;
        render(p, &c, errors, n);
        goto out;
    }
    to = xasprintf("/kpis/%s#values", c.kpi.code);
    page_redirect(p, to);
out:
    for (size_t i = 0; i < 8; i++)
        free(msgs[i]);
    free(to);
    gt_kpi_card_finish(&c);
}
