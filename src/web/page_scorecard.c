/*
 * page_scorecard: every indicator's latest period judged against its
 * target, with direction of travel, England's figure and a sparkline of
 * its trend; filtered by plan, owner and RAG with a plain GET form. RAG is
 * a word in a tag, never a colour alone; the arrow beside a direction is
 * hidden from screen readers because the word already says it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scorecard.h"
#include "report/svg.h"
#include "web/page.h"

/* Periods a sparkline shows, the latest last. */
#define SPARK_PERIODS 8

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

/* The last SPARK_PERIODS values as a sparkline, labelled in words. */
static void
sparkline_cell(struct web_page *p, const struct gt_kpi_card *c)
{
    double y[SPARK_PERIODS];
    bool has[SPARK_PERIODS];
    size_t from = c->values.n > SPARK_PERIODS ? c->values.n - SPARK_PERIODS : 0;
    size_t n = c->values.n - from;
    char label[SPARK_PERIODS * 24 + 64];
    size_t used =
        (size_t)snprintf(label, sizeof label, "Trend over %zu %s: ", n,
                         n == 1 ? "period" : "periods");
    for (size_t i = 0; i < n; i++) {
        const struct gt_kpi_value *v = &c->values.v[from + i];
        char text[80];
        has[i] = v->has_value && gt_value_usable(&v->value);
        y[i] = v->value.number;
        gt_kpi_value_text(&c->kpi, v, text, sizeof text);
        if (used < sizeof label)
            used += (size_t)snprintf(label + used, sizeof label - used, "%s%s",
                                     i ? ", " : "", *text ? text : "none");
    }
    struct markup m;
    markup_init(&m, 16 * 1024);
    svg_sparkline(&m, y, has, n, label);
    html_lit(p->h, "<td class=\"govuk-table__cell\">");
    html_markup(p->h, &m);
    html_lit(p->h, "</td>");
    markup_finish(&m);
}

static void
scorecard_row(struct web_page *p, const struct gt_kpi_card *c)
{
    const struct gt_kpi *k = &c->kpi;
    html_lit(p->h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                   "class=\"govuk-table__header\"><a class=\"govuk-link\" "
                   "href=\"/kpis/");
    html_url_arg(p->h, k->code);
    html_lit(p->h, "\">");
    html_text(p->h, k->title);
    html_lit(p->h, "</a> <span class=\"govuk-caption-s\">");
    html_text(p->h, k->code);
    html_lit(p->h, "</span></th>");
    if (!c->has_latest) {
        html_lit(p->h, "<td class=\"govuk-table__cell\" colspan=\"8\">No "
                       "values yet</td></tr>");
        return;
    }
    const struct gt_kpi_value *v = &c->values.v[c->latest];
    const struct gt_kpi_judgement *j = &c->judgement;
    char period[GT_PERIOD_TEXT_LEN], value[80], target[160], england[80] = "";
    gt_period_format(&v->period, period);
    gt_kpi_value_text(k, v, value, sizeof value);
    gt_kpi_target_text(k, &v->target, target, sizeof target);
    const struct gt_comparator *e = gt_kpi_card_comparator(c, GT_AREA_ENGLAND);
    if (e)
        gt_kpi_number_text(k, &e->value, england, sizeof england);
    widget_cell(p, period, false);
    widget_cell(p, *value ? value : "x", true);
    widget_cell(p, *target ? target : "None set", true);
    html_lit(p->h, "<td class=\"govuk-table__cell\">");
    widget_rag_tag(p, j->rag);
    html_lit(p->h, "</td>");
    direction_cell(p, k, v, j->previous, j->since_previous);
    direction_cell(p, k, v, j->last_year, j->since_last_year);
    widget_cell(p, *england ? england : "x", true);
    sparkline_cell(p, c);
    html_lit(p->h, "</tr>");
}

static void
select_open(struct web_page *p, const char *id, const char *label)
{
    html_lit(p->h, "<div class=\"govuk-grid-column-one-third\"><div "
                   "class=\"govuk-form-group\"><label class=\"govuk-label\" "
                   "for=\"");
    html_attr(p->h, id);
    html_lit(p->h, "\">");
    html_text(p->h, label);
    html_lit(p->h, "</label><select class=\"govuk-select\" id=\"");
    html_attr(p->h, id);
    html_lit(p->h, "\" name=\"");
    html_attr(p->h, id);
    html_lit(p->h, "\">");
}

static void
filter_form(struct web_page *p, const struct gt_plans *plans,
            const struct gt_scorecard *all, const char *plan,
            const struct gt_scorecard_filter *f)
{
    html_lit(p->h, "<form method=\"get\" action=\"/kpis\" "
                   "class=\"govuk-!-margin-bottom-6\"><div "
                   "class=\"govuk-grid-row\">");
    select_open(p, "plan", "Plan");
    widget_option(p, "", "Any plan", !plan);
    for (size_t i = 0; i < plans->n; i++)
        widget_option(p, plans->v[i].code, plans->v[i].title,
                      plan && strcmp(plan, plans->v[i].code) == 0);
    html_lit(p->h, "</select></div></div>");
    select_open(p, "owner", "Owner");
    widget_option(p, "", "Anyone", !f->owner);
    /* each owner once, in the order they first appear */
    for (size_t i = 0; i < all->n; i++) {
        const char *owner = all->v[i].kpi.owner;
        bool seen = !owner;
        for (size_t k = 0; !seen && k < i; k++)
            seen =
                all->v[k].kpi.owner && strcmp(all->v[k].kpi.owner, owner) == 0;
        if (!seen)
            widget_option(p, owner, owner,
                          f->owner && strcmp(f->owner, owner) == 0);
    }
    html_lit(p->h, "</select></div></div>");
    select_open(p, "rag", "RAG");
    widget_option(p, "", "Any", !f->by_rag);
    static const enum gt_rag order[] = {GT_RAG_RED, GT_RAG_AMBER, GT_RAG_GREEN,
                                        GT_RAG_GREY};
    for (size_t i = 0; i < 4; i++)
        widget_option(p, gt_rag_word(order[i]), gt_rag_word(order[i]),
                      f->by_rag && f->rag == order[i]);
    html_lit(p->h, "</select></div></div></div><button type=\"submit\" "
                   "class=\"govuk-button govuk-button--secondary\" "
                   "data-module=\"govuk-button\">Apply filters</button>"
                   "</form>");
}

/* The filter from the query (the plan's indicators are looked up into
 * codes); unknown values are ignored, as a plain GET form's stale link
 * should still show something. */
static bool
read_filter(struct web_page *p, const char *plan, struct gt_names *codes,
            struct gt_scorecard_filter *f)
{
    const char *owner = web_form_get(&p->query, "owner");
    const char *rag = web_form_get(&p->query, "rag");
    memset(f, 0, sizeof *f);
    if (plan) {
        if (gt_db_plan_kpis(p->db, plan, codes, &p->ctx) != GT_OK)
            return false;
        f->codes = codes;
    }
    f->owner = owner && *owner ? owner : NULL;
    for (int r = GT_RAG_GREY; rag && r <= GT_RAG_GREEN; r++)
        if (strcmp(rag, gt_rag_word((enum gt_rag)r)) == 0) {
            f->by_rag = true;
            f->rag = (enum gt_rag)r;
        }
    return true;
}

static void
table(struct web_page *p, const struct gt_scorecard *all,
      const struct gt_scorecard_filter *f)
{
    size_t shown = 0;
    for (size_t i = 0; i < all->n; i++)
        shown += gt_kpi_card_matches(&all->v[i], f);
    if (!shown) {
        html_lit(p->h, "<p class=\"govuk-body\">No indicators match these "
                       "filters.</p>");
        return;
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
             "earlier</th>"
             "<th scope=\"col\" class=\"govuk-table__header "
             "govuk-table__header--numeric\">England</th>"
             "<th scope=\"col\" class=\"govuk-table__header\">Trend</th>"
             "</tr></thead><tbody class=\"govuk-table__body\">");
    for (size_t i = 0; i < all->n; i++)
        if (gt_kpi_card_matches(&all->v[i], f))
            scorecard_row(p, &all->v[i]);
    html_lit(p->h, "</tbody></table>");
}

void
page_scorecard(struct web_page *p)
{
    struct gt_scorecard all = {0};
    struct gt_plans plans = {0};
    struct gt_names codes = {0};
    struct gt_scorecard_filter f;
    struct page_keeping kept;
    char today[GT_DATE_ISO_LEN];
    const char *plan = web_form_get(&p->query, "plan");
    if (plan && !*plan)
        plan = NULL;
    gt_date_iso(p->today, today);
    /* indicators are no one plan's; the filter is in the query */
    if (page_kept(p, &kept,
                  xasprintf("scorecard\n%s\n%d\n%s", today,
                            gt_role_may_see_children(p->user.role) ? 1 : 0,
                            p->req->query),
                  NULL))
        goto out;
    if (!read_filter(p, plan, &codes, &f) ||
        gt_scorecard_load(p->db, p->today, NULL,
                          gt_role_may_see_children(p->user.role), &all,
                          &p->ctx) != GT_OK ||
        gt_db_plan_list(p->db, &plans, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    page_keep_begin(p, &kept, "Indicators");
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">Indicators</h1>");
    if (all.n == 0) {
        html_lit(p->h, "<p class=\"govuk-body\">No indicators have been "
                       "defined yet.</p>");
    } else {
        filter_form(p, &plans, &all, plan, &f);
        table(p, &all, &f);
    }
    page_keep_end(p, &kept, "Indicators");
out:
    page_keeping_finish(&kept);
    gt_names_finish(&codes);
    gt_plans_finish(&plans);
    gt_scorecard_finish(&all);
}
