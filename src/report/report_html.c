/*
 * report_html: the committee report as HTML, the accessible primary: a
 * whole document with A4 print styles for the committee, or its parts in
 * GOV.UK's classes for a page of the web application. See report.h.
 */
#include <string.h>

#include "report/report.h"
#include "report/svg.h"

/* GOV.UK Frontend's tag colours, so the paper reads like the service;
 * the word is always there, the colour only repeats it. */
#define REPORT_CSS                                                             \
    "@page{size:A4;margin:16mm 14mm}"                                          \
    "body{font-family:arial,sans-serif;color:#0b0c0c;line-height:1.4;"         \
    "max-width:62em;margin:2em auto;padding:0 1em}"                            \
    "h1{font-size:1.8em;margin:0 0 .6em}"                                      \
    "h2{font-size:1.35em;margin:1.6em 0 .5em;break-after:avoid}"               \
    "table{border-collapse:collapse;width:100%;margin:0 0 1.5em;"              \
    "font-size:.9em}"                                                          \
    "caption{text-align:left;font-weight:bold;padding:.3em 0}"                 \
    "th,td{border-bottom:1px solid #b1b4b6;padding:.35em .5em;"                \
    "text-align:left;vertical-align:top}"                                      \
    ".num{text-align:right;font-variant-numeric:tabular-nums}"                 \
    ".tag{font-weight:bold;padding:0 .3em}"                                    \
    ".tag-red{background:#f4cdc6;color:#2a0b06}"                               \
    ".tag-amber{background:#fcd6c3;color:#6e3619}"                             \
    ".tag-green{background:#cce2d8;color:#005a30}"                             \
    ".tag-blue{background:#bbd4ea;color:#0c2d4a}"                              \
    ".tag-grey{background:#e5e6e7;color:#282d30}"                              \
    ".exempt{border-left:5px solid #d4351c;padding-left:.6em}"                 \
    "svg{max-width:100%;height:auto}"                                          \
    "tr{break-inside:avoid}thead{display:table-header-group}"                  \
    "@media print{body{margin:0;max-width:none;font-size:10pt}}"

static void
tag(struct markup *m, const struct doc_cell *c, bool govuk)
{
    static const char *const plain[] = {
        [DOC_RED] = "tag tag-red",     [DOC_AMBER] = "tag tag-amber",
        [DOC_GREEN] = "tag tag-green", [DOC_BLUE] = "tag tag-blue",
        [DOC_GREY] = "tag tag-grey",
    };
    static const char *const gov[] = {
        [DOC_RED] = "govuk-tag govuk-tag--red",
        [DOC_AMBER] = "govuk-tag govuk-tag--orange",
        [DOC_GREEN] = "govuk-tag govuk-tag--green",
        [DOC_BLUE] = "govuk-tag",
        [DOC_GREY] = "govuk-tag govuk-tag--grey",
    };
    markup_lit(m, "<strong class=\"");
    markup_text(m, govuk ? gov[c->tone] : plain[c->tone]);
    markup_lit(m, "\">");
    markup_text(m, c->text);
    markup_lit(m, "</strong>");
}

static void
cell_open(struct markup *m, bool header, bool numeric, bool govuk)
{
    if (header)
        markup_lit(m, "<th scope=\"col\" class=\"");
    else
        markup_lit(m, "<td class=\"");
    if (govuk && header)
        markup_lit(m, "govuk-table__header");
    else if (govuk)
        markup_lit(m, "govuk-table__cell");
    if (govuk && numeric && header)
        markup_lit(m, " govuk-table__header--numeric");
    else if (govuk && numeric)
        markup_lit(m, " govuk-table__cell--numeric");
    else if (numeric)
        markup_lit(m, "num");
    markup_lit(m, "\">");
}

static void
table(struct markup *m, const struct doc_table *t, bool govuk)
{
    if (govuk)
        markup_lit(m, "<table class=\"govuk-table\"><caption "
                      "class=\"govuk-table__caption "
                      "govuk-table__caption--s\">");
    else
        markup_lit(m, "<table><caption>");
    markup_text(m, t->caption);
    if (govuk)
        markup_lit(m, "</caption><thead class=\"govuk-table__head\"><tr "
                      "class=\"govuk-table__row\">");
    else
        markup_lit(m, "</caption><thead><tr>");
    for (size_t c = 0; c < t->n_cols; c++) {
        cell_open(m, true, t->numeric[c], govuk);
        markup_text(m, t->headings[c]);
        markup_lit(m, "</th>");
    }
    if (govuk)
        markup_lit(m, "</tr></thead><tbody class=\"govuk-table__body\">");
    else
        markup_lit(m, "</tr></thead><tbody>");
    for (size_t r = 0; r < t->n_rows; r++) {
        if (govuk)
            markup_lit(m, "<tr class=\"govuk-table__row\">");
        else
            markup_lit(m, "<tr>");
        for (size_t c = 0; c < t->n_cols; c++) {
            const struct doc_cell *x = doc_cell_at(t, r, c);
            cell_open(m, false, t->numeric[c], govuk);
            if (x->tone != DOC_PLAIN)
                tag(m, x, govuk);
            else
                markup_text(m, x->text);
            markup_lit(m, "</td>");
        }
        markup_lit(m, "</tr>");
    }
    markup_lit(m, "</tbody></table>");
}

static void
part(struct markup *m, const struct doc_part *p, size_t i, bool govuk)
{
    char id[32];
    snprintf(id, sizeof id, "part-%zu", i + 1);
    markup_lit(m, "<section aria-labelledby=\"");
    markup_text(m, id);
    if (govuk)
        markup_lit(m, "\"><h2 class=\"govuk-heading-m\" id=\"");
    else
        markup_lit(m, "\"><h2 id=\"");
    markup_text(m, id);
    markup_lit(m, "\">");
    markup_text(m, p->title);
    markup_lit(m, "</h2>");
    if (p->exempt && govuk)
        markup_lit(m, "<div class=\"govuk-inset-text\">This part is exempt "
                      "from publication.</div>");
    else if (p->exempt)
        markup_lit(m, "<p class=\"exempt\"><strong>This part is exempt from "
                      "publication.</strong></p>");
    for (size_t k = 0; k < p->n_paras; k++) {
        if (govuk)
            markup_lit(m, "<p class=\"govuk-body\">");
        else
            markup_lit(m, "<p>");
        markup_text(m, p->paras[k]);
        markup_lit(m, "</p>");
    }
    if (p->n_bars) {
        char chart_id[40];
        snprintf(chart_id, sizeof chart_id, "%s-chart", id);
        svg_brag_bars(m, chart_id, p->title,
                      "Bars of the work under each priority, split by "
                      "status; the table below gives the same counts.",
                      p->bars, p->n_bars);
    }
    if (p->table.n_cols)
        table(m, &p->table, govuk);
    markup_lit(m, "</section>");
}

static void
control(struct markup *m, const struct doc *d, bool govuk)
{
    if (govuk)
        markup_lit(m, "<dl class=\"govuk-summary-list\">");
    else
        markup_lit(m, "<table><caption>Document control</caption><tbody>");
    for (size_t i = 0; i < d->n_control; i++) {
        if (govuk)
            markup_lit(m, "<div class=\"govuk-summary-list__row\"><dt "
                          "class=\"govuk-summary-list__key\">");
        else
            markup_lit(m, "<tr><th scope=\"row\">");
        markup_text(m, d->control[i].key);
        if (govuk)
            markup_lit(m, "</dt><dd class=\"govuk-summary-list__value\">");
        else
            markup_lit(m, "</th><td>");
        markup_text(m, d->control[i].value);
        if (govuk)
            markup_lit(m, "</dd></div>");
        else
            markup_lit(m, "</td></tr>");
    }
    if (govuk)
        markup_lit(m, "</dl>");
    else
        markup_lit(m, "</tbody></table>");
}

void
gt_report_html_body(const struct doc *d, struct markup *m)
{
    control(m, d, true);
    for (size_t i = 0; i < d->n_parts; i++)
        part(m, &d->parts[i], i, true);
}

void
gt_report_html(const struct doc *d, struct markup *m)
{
    markup_lit(m, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta "
                  "charset=\"utf-8\"><meta name=\"viewport\" "
                  "content=\"width=device-width, initial-scale=1\"><title>");
    markup_text(m, d->title);
    markup_lit(m, "</title><style>" REPORT_CSS "</style></head>\n<body><main>"
                  "<h1>");
    markup_text(m, d->title);
    markup_lit(m, "</h1>");
    control(m, d, false);
    for (size_t i = 0; i < d->n_parts; i++)
        part(m, &d->parts[i], i, false);
    markup_lit(m, "</main></body></html>\n");
}
