/*
 * page_kpi: the scorecard, every indicator's latest period judged against
 * its target, with direction of travel. RAG is a word in a tag, never a
 * colour alone; the arrow beside the direction is hidden from screen
 * readers because the word already says it.
 */
#include <string.h>

#include "core/kpi.h"
#include "web/page.h"

static void
rag_tag(struct web_page *p, enum gt_rag rag)
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
direction_cell(struct web_page *p, const struct gt_kpi *k,
               const struct gt_kpi_value *now,
               const struct gt_kpi_value *before, enum gt_direction d)
{
    html_lit(p->h, "<td class=\"govuk-table__cell\">");
    html_text(p->h, gt_direction_word(d));
    const char *arrow =
        before ? gt_direction_arrow(&now->value, &before->value, k->no_change)
               : "";
    if (d != GT_DIR_UNKNOWN && *arrow) {
        html_lit(p->h, " <span aria-hidden=\"true\">");
        html_text(p->h, arrow);
        html_lit(p->h, "</span>");
    }
    html_lit(p->h, "</td>");
}

static void
text_cell(struct web_page *p, const char *text, bool numeric)
{
    if (numeric)
        html_lit(p->h, "<td class=\"govuk-table__cell "
                       "govuk-table__cell--numeric\">");
    else
        html_lit(p->h, "<td class=\"govuk-table__cell\">");
    html_text(p->h, text);
    html_lit(p->h, "</td>");
}

static void
scorecard_row(struct web_page *p, const struct gt_kpi *k,
              const struct gt_kpi_values *values)
{
    html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                   "class=\"govuk-table__header\">");
    html_text(p->h, k->title);
    html_lit(p->h, " <span class=\"govuk-caption-s\">");
    html_text(p->h, k->code);
    html_lit(p->h, "</span></th>");
    if (values->n == 0) {
        html_lit(p->h, "<td class=\"govuk-table__cell\" colspan=\"6\">No "
                       "values yet</td></tr>");
        return;
    }
    size_t i = gt_kpi_latest(values);
    const struct gt_kpi_value *v = &values->v[i];
    struct gt_kpi_judgement j = gt_kpi_judge(k, values, i);
    char period[GT_PERIOD_TEXT_LEN], value[80], target[160];
    gt_period_format(&v->period, period);
    gt_kpi_value_text(k, v, value, sizeof value);
    gt_kpi_target_text(k, &v->target, target, sizeof target);
    text_cell(p, period, false);
    text_cell(p, *value ? value : "x", true);
    text_cell(p, *target ? target : "None set", true);
    html_lit(p->h, "<td class=\"govuk-table__cell\">");
    rag_tag(p, j.rag);
    html_lit(p->h, "</td>");
    direction_cell(p, k, v, j.previous, j.since_previous);
    direction_cell(p, k, v, j.last_year, j.since_last_year);
    html_lit(p->h, "</tr>");
}

void
page_scorecard(struct web_page *p)
{
    struct gt_kpis kpis = {0};
    struct gt_kpi_values values = {0};
    bool ok = gt_db_kpi_list(p->db, &kpis, &p->ctx) == GT_OK;
    if (!ok)
        goto fail;
    page_begin(p, "Indicators");
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">Indicators</h1>");
    if (kpis.n == 0) {
        html_lit(p->h, "<p class=\"govuk-body\">No indicators have been "
                       "defined yet.</p>");
        page_end(p);
        goto out;
    }
    html_lit(p->h,
             "<table class=\"govuk-table\"><caption "
             "class=\"govuk-table__caption govuk-table__caption--m\">Each "
             "indicator's latest period against its target</caption><thead "
             "class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
             "<th scope=\"col\" class=\"govuk-table__header\">Indicator</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">Period</th>"
             "<th scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Value</th>"
             "<th scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">Target</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">RAG</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">Since the "
             "period before</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">Since a year "
             "earlier</th></tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; ok && i < kpis.n; i++) {
        ok = gt_db_kpi_values(p->db, kpis.v[i].id, &values, &p->ctx) == GT_OK;
        if (ok)
            scorecard_row(p, &kpis.v[i], &values);
        gt_kpi_values_finish(&values);
    }
    html_lit(p->h, "</tbody></table>");
    page_end(p);
    if (ok)
        goto out;
fail:
    page_error(p, 500, "Sorry, there is a problem with the service",
               "Try again later.");
out:
    gt_kpis_finish(&kpis);
}
