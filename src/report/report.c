/*
 * report: building the committee report from the data. See report.h.
 */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/deadline.h"
#include "core/mem.h"
#include "core/period.h"
#include "core/plan.h"
#include "core/budget.h"
#include "core/caseload.h"
#include "core/version.h"
#include "core/risk.h"
#include "core/workforce.h"
#include "core/scorecard.h"

/* How far ahead "next deadlines" looks: the coming quarter. */
#define AHEAD_DAYS 92

const struct gt_report_part gt_report_parts[GT_N_PARTS] = {
    [GT_PART_SUMMARY] = {"summary", "Summary"},
    [GT_PART_PLAN] = {"plan", "The plan in brief"},
    [GT_PART_PRIORITIES] = {"priorities", "Progress by priority"},
    [GT_PART_ACHIEVEMENTS] = {"achievements", "Key achievements"},
    [GT_PART_DEVELOPMENT] = {"development", "Areas for development"},
    [GT_PART_OVERDUE] = {"overdue", "Overdue work"},
    [GT_PART_INDICATORS] = {"indicators", "Indicator scorecard"},
    [GT_PART_BUDGET] = {"budget", "Budget"},
    [GT_PART_RISKS] = {"risks", "Risks"},
    [GT_PART_WORKFORCE] = {"workforce", "Workforce"},
    [GT_PART_CASELOADS] = {"caseloads", "Caseloads"},
    [GT_PART_DEADLINES] = {"deadlines", "Next deadlines"},
};

void
gt_report_part_keys(char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < GT_N_PARTS && used < len; i++)
        used += (size_t)snprintf(out + used, len - used, "%s%s", i ? ", " : "",
                                 gt_report_parts[i].key);
}

/* A new part of d, as the table names it. */
static struct doc_part *
part(struct doc *d, enum gt_report_part_id id)
{
    return doc_part(d, gt_report_parts[id].key, gt_report_parts[id].title);
}

/* Whether key is in the comma-separated list. */
static bool
listed(const char *list, const char *key)
{
    size_t len = strlen(key);
    for (const char *s = list; s && *s;) {
        while (*s == ' ' || *s == ',')
            s++;
        size_t n = strcspn(s, ",");
        while (n && s[n - 1] == ' ')
            n--;
        if (n == len && strncmp(s, key, n) == 0)
            return true;
        s += strcspn(s, ",");
    }
    return false;
}

int32_t
gt_report_default_since(int32_t as_of)
{
    return gt_period_quarter_of(as_of).start - 1;
}

bool
gt_report_parts_valid(const char *list, char *bad, size_t bad_len)
{
    for (const char *s = list; s && *s;) {
        while (*s == ' ' || *s == ',')
            s++;
        size_t n = strcspn(s, ",");
        while (n && s[n - 1] == ' ')
            n--;
        bool known = n == 0;
        for (size_t k = 0; !known && k < GT_N_PARTS; k++)
            known = strlen(gt_report_parts[k].key) == n &&
                    !strncmp(s, gt_report_parts[k].key, n);
        if (!known) {
            snprintf(bad, bad_len, "%.*s", (int)n, s);
            return false;
        }
        s += strcspn(s, ",");
    }
    return true;
}

static enum doc_tone
brag_tone(enum gt_brag b)
{
    static const enum doc_tone tones[] = {
        [GT_NOT_RATED] = DOC_GREY, [GT_RED] = DOC_RED,   [GT_AMBER] = DOC_AMBER,
        [GT_GREEN] = DOC_GREEN,    [GT_BLUE] = DOC_BLUE,
    };
    return tones[b];
}

static enum doc_tone
rag_tone(enum gt_rag r)
{
    static const enum doc_tone tones[] = {
        [GT_RAG_GREY] = DOC_GREY,
        [GT_RAG_RED] = DOC_RED,
        [GT_RAG_AMBER] = DOC_AMBER,
        [GT_RAG_GREEN] = DOC_GREEN,
    };
    return tones[r];
}

/* What the report reads, loaded once: counts of the whole plan, and of
 * each list of work the rows the report shows (o->shown). */
struct source {
    struct gt_plan plan;
    struct gt_report_tally tally;
    struct gt_items achieved, red, amber, overdue;
    struct gt_report_dues dues;
    struct gt_items due; /* the first of dues shown, in order */
    struct gt_scorecard kpis;
    struct gt_names codes;
    char *org;
    struct gt_budget budget; /* n_lines 0 when the plan has none */
    struct gt_risks risks;
    struct gt_workforce_list workforce;
    struct gt_caseloads caseloads;
    struct gt_caseload_policy policy;
    struct gt_versions versions;
    struct gt_sections sections;
};

static void
source_finish(struct source *s)
{
    gt_plan_finish(&s->plan);
    gt_report_tally_finish(&s->tally);
    gt_items_finish(&s->achieved);
    gt_items_finish(&s->red);
    gt_items_finish(&s->amber);
    gt_items_finish(&s->overdue);
    free(s->dues.v);
    gt_items_finish(&s->due);
    gt_scorecard_finish(&s->kpis);
    gt_names_finish(&s->codes);
    free(s->org);
    gt_budget_finish(&s->budget);
    gt_risks_finish(&s->risks);
    gt_workforce_list_finish(&s->workforce);
    gt_caseloads_finish(&s->caseloads);
    gt_versions_finish(&s->versions);
    gt_sections_finish(&s->sections);
}

/* How many rows of a list of n the report shows. */
static size_t
shown(const struct gt_report_options *o, size_t n)
{
    return o->shown && o->shown < n ? o->shown : n;
}

/* The lists of work, each up to the rows shown; Amber after Red. */
static enum gt_rc
load_lists(struct gt_db *db, const struct gt_report_options *o,
           struct source *s, struct gt_ctx *ctx)
{
    int64_t plan = s->plan.id;
    size_t all = o->shown ? o->shown : SIZE_MAX,
           red_shown = shown(o, (size_t)s->tally.counts.n[GT_RED]);
    enum gt_rc rc;
    if ((rc = gt_db_report_list(db, plan, GT_REPORT_ACHIEVED, o->as_of,
                                o->since, all, &s->achieved, ctx)) != GT_OK ||
        (rc = gt_db_report_list(db, plan, GT_REPORT_RED, o->as_of, o->since,
                                all, &s->red, ctx)) != GT_OK ||
        (rc = gt_db_report_list(db, plan, GT_REPORT_OVERDUE, o->as_of, o->since,
                                all, &s->overdue, ctx)) != GT_OK ||
        (rc = gt_db_report_due(db, plan, o->as_of, o->as_of + AHEAD_DAYS,
                               &s->dues, ctx)) != GT_OK)
        return rc;
    if (!o->shown || red_shown < o->shown)
        rc = gt_db_report_list(db, plan, GT_REPORT_AMBER, o->as_of, o->since,
                               o->shown ? o->shown - red_shown : SIZE_MAX,
                               &s->amber, ctx);
    if (rc == GT_OK)
        rc = gt_db_report_due_items(db, s->dues.v, shown(o, s->dues.n),
                                    o->as_of, &s->due, ctx);
    return rc;
}

static enum gt_rc
load(struct gt_db *db, const char *plan_code, const struct gt_report_options *o,
     struct source *s, struct gt_ctx *ctx)
{
    enum gt_rc rc;
    struct gt_scorecard_filter f = {.codes = &s->codes};
    if ((rc = gt_db_plan_get(db, plan_code, &s->plan, ctx)) != GT_OK ||
        (rc = gt_db_report_tally(db, s->plan.id, o->as_of, o->since, &s->tally,
                                 ctx)) != GT_OK ||
        (rc = load_lists(db, o, s, ctx)) != GT_OK ||
        (rc = gt_db_plan_kpis(db, plan_code, &s->codes, ctx)) != GT_OK ||
        /* a report is circulated: small counts of children never show */
        (rc = gt_scorecard_load(db, o->as_of, &f, false, &s->kpis, ctx)) !=
            GT_OK ||
        (rc = gt_db_org_name(db, &s->org, ctx)) != GT_OK ||
        (rc = gt_db_budget_current(db, plan_code, o->as_of, &s->budget, ctx)) !=
            GT_OK ||
        (rc = gt_db_risks(db, plan_code, &s->risks, ctx)) != GT_OK ||
        (rc = gt_db_workforce(db, plan_code, o->as_of, &s->workforce, ctx)) !=
            GT_OK ||
        (rc = gt_db_caseload_policy(db, &s->policy, ctx)) != GT_OK ||
        (rc = gt_db_caseloads(db, plan_code, o->as_of, &s->caseloads, ctx)) !=
            GT_OK ||
        (rc = gt_db_versions(db, plan_code, &s->versions, ctx)) != GT_OK ||
        (rc = gt_db_sections(db, plan_code, &s->sections, ctx)) != GT_OK)
        return rc;
    return GT_OK;
}

static void
date_text(int32_t date, char out[GT_DATE_LONG_LEN])
{
    if (date == GT_NO_DATE)
        snprintf(out, GT_DATE_LONG_LEN, "Not set");
    else
        gt_date_long(date, out);
}

/* The version the report is of: the published one, else the latest. */
static const struct gt_version *
reported_version(const struct source *s)
{
    for (size_t i = 0; i < s->versions.n; i++)
        if (s->versions.v[i].status == GT_VERSION_PUBLISHED)
            return &s->versions.v[i];
    return s->versions.n ? &s->versions.v[s->versions.n - 1] : NULL;
}

/* Version, approvals and circulation, as plans' document control gives
 * them; --version overrides the number. */
static void
version_control(struct doc *d, const struct source *s,
                const struct gt_report_options *o)
{
    const struct gt_version *v = reported_version(s);
    char text[512] = "";
    if (o->version || !v) {
        /* a plan nobody has kept a version of has no number to give */
        doc_control(d, "Version",
                    o->version ? o->version
                               : "None kept yet: the plan as it stands");
        return;
    }
    snprintf(text, sizeof text, "%d (%s)", v->number,
             gt_version_status_code(v->status));
    doc_control(d, "Version", text);
    text[0] = '\0';
    for (size_t i = 0; i < v->n_approvals; i++) {
        char on[GT_DATE_LONG_LEN];
        size_t len = strlen(text);
        gt_date_long(v->approvals[i].on, on);
        snprintf(text + len, sizeof text - len, "%s%s, %s", i ? "; " : "",
                 v->approvals[i].body, on);
    }
    doc_control(d, "Approvals", *text ? text : "Not yet approved");
    doc_control(d, "Circulation", v->circulation ? v->circulation : "Not set");
}

static void
control(struct doc *d, const struct source *s,
        const struct gt_report_options *o)
{
    char as_of[GT_DATE_LONG_LEN], since[GT_DATE_LONG_LEN],
        review[GT_DATE_LONG_LEN];
    date_text(o->as_of, as_of);
    date_text(o->since, since);
    date_text(s->plan.review_date, review);
    doc_control(d, "Title", d->title);
    doc_control(d, "Council", s->org ? s->org : "Not set");
    doc_control(d, "Owner",
                s->plan.owner_unit ? s->plan.owner_unit : "Not set");
    version_control(d, s, o);
    doc_control(d, "Data as at", as_of);
    doc_control(d, "Changes since", since);
    doc_control(d, "Plan review date", review);
    doc_control(d, "Publication",
                o->public_ ? "Public version: exempt parts are left out"
                : o->exempt && *o->exempt
                    ? "Full version: includes parts exempt from publication"
                    : "Full version: no part is exempt");
}

static const char *
plural(long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void
summary(struct doc *d, const struct source *s,
        const struct gt_report_options *o)
{
    const struct gt_brag_counts c = s->tally.counts;
    long achieved = s->tally.achieved, overdue = s->tally.overdue;
    long total = gt_brag_total(&c);
    struct doc_part *p = part(d, GT_PART_SUMMARY);
    if (!total) {
        doc_para(p, "The plan has no actions or milestones yet.");
    } else {
        doc_para(p,
                 "Of the %ld %s in this plan, %ld %s complete (Blue), %ld "
                 "on track (Green), %ld at risk (Amber), %ld off track (Red) "
                 "and %ld not yet rated. %ld %s overdue.",
                 total,
                 plural(total, "action or milestone", "actions and milestones"),
                 c.n[GT_BLUE], plural(c.n[GT_BLUE], "is", "are"), c.n[GT_GREEN],
                 c.n[GT_AMBER], c.n[GT_RED], c.n[GT_NOT_RATED], overdue,
                 plural(overdue, "is", "are"));
        char since[GT_DATE_LONG_LEN];
        date_text(o->since, since);
        doc_para(p, "%ld %s completed since %s.", achieved,
                 plural(achieved, "piece of work was", "pieces of work were"),
                 since);
    }
    long rag[4] = {0};
    for (size_t i = 0; i < s->kpis.n; i++)
        rag[s->kpis.v[i].has_latest ? s->kpis.v[i].judgement.rag
                                    : GT_RAG_GREY]++;
    if (s->kpis.n)
        doc_para(p,
                 "Of the %zu %s that measure this plan's work, %ld %s on "
                 "target, %ld within tolerance, %ld off target and %ld %s "
                 "no target or value.",
                 s->kpis.n, s->kpis.n == 1 ? "indicator" : "indicators",
                 rag[GT_RAG_GREEN], plural(rag[GT_RAG_GREEN], "is", "are"),
                 rag[GT_RAG_AMBER], rag[GT_RAG_RED], rag[GT_RAG_GREY],
                 plural(rag[GT_RAG_GREY], "has", "have"));
}

/* The departmental template's sections the plan has written: each
 * line a paragraph, the first led by the section's title. */
static void
plan_sections(struct doc *d, const struct source *s)
{
    struct doc_part *p = NULL;
    for (int k = 0; k < GT_SECTION_COUNT; k++) {
        const char *body = s->sections.body[k];
        bool first = true;
        if (!body)
            continue;
        if (!p)
            p = part(d, GT_PART_PLAN);
        while (*body) {
            int n = (int)strcspn(body, "\n");
            if (n && first)
                doc_para(p, "%s: %.*s", gt_section_title((enum gt_section)k), n,
                         body);
            else if (n)
                doc_para(p, "%.*s", n, body);
            first = first && !n;
            body += n + (body[n] == '\n');
        }
    }
}

static void
priorities(struct doc *d, const struct source *s)
{
    static const char *const headings[] = {"Priority", "#Red",  "#Amber",
                                           "#Green",   "#Blue", "#Not rated",
                                           "#Total"};
    static const enum gt_brag order[] = {GT_RED, GT_AMBER, GT_GREEN, GT_BLUE,
                                         GT_NOT_RATED};
    struct doc_part *p = part(d, GT_PART_PRIORITIES);
    const struct gt_report_tally *t = &s->tally;
    if (!t->n_tops) {
        doc_para(p, "The plan has no priorities or themes yet.");
        return;
    }
    doc_para(p, "Actions and milestones under each priority or theme, by "
                "status. Blue is complete; Green, Amber and Red are on track, "
                "at risk and off track.");
    doc_table(p, "Status of the work under each priority", 7, headings);
    p->bars = xcalloc(t->n_tops, sizeof *p->bars);
    for (size_t i = 0; i < t->n_tops; i++) {
        const struct gt_report_top *top = &t->tops[i];
        const struct gt_brag_counts *c = &top->counts;
        char *label = xasprintf("%s %s", top->ref, top->title);
        doc_row(p);
        doc_text(p, label, DOC_PLAIN);
        for (size_t b = 0; b < 5; b++) {
            char n[24];
            snprintf(n, sizeof n, "%ld", c->n[order[b]]);
            doc_number(p, (double)c->n[order[b]], n);
        }
        char total[24];
        snprintf(total, sizeof total, "%ld", gt_brag_total(c));
        doc_number(p, (double)gt_brag_total(c), total);
        p->bars[p->n_bars++] = (struct svg_brag_row){label, *c};
    }
}

/* A row of Ref, Title, Lead, then the given cells. */
static void
item_cells(struct doc_part *p, const struct gt_item *it)
{
    doc_row(p);
    doc_text(p, it->ref, DOC_PLAIN);
    doc_text(p, it->title, DOC_PLAIN);
    doc_text(p, it->lead ? it->lead : "", DOC_PLAIN);
}

/* When a list is longer than the report shows, say so. */
static void
shown_note(struct doc_part *p, const struct gt_report_options *o, long total)
{
    if (o->shown && (size_t)total > o->shown)
        doc_para(p,
                 "Only the first %zu of %ld are shown here: download the "
                 "report to see them all.",
                 o->shown, total);
}

static void
achievements(struct doc *d, const struct source *s,
             const struct gt_report_options *o)
{
    static const char *const headings[] = {"Ref", "Title", "Lead",
                                           "Marked complete on"};
    struct doc_part *p = part(d, GT_PART_ACHIEVEMENTS);
    char since[GT_DATE_LONG_LEN];
    date_text(o->since, since);
    doc_para(p, "Work that became complete (Blue) after %s.", since);
    if (!s->achieved.n) {
        doc_para(p, "No work was completed in this time.");
        return;
    }
    shown_note(p, o, s->tally.achieved);
    doc_table(p, "Work completed since the last report", 4, headings);
    for (size_t i = 0; i < s->achieved.n; i++) {
        const struct gt_item *it = &s->achieved.v[i];
        char when[GT_DATE_LONG_LEN];
        date_text(it->status_as_of, when);
        item_cells(p, it);
        doc_text(p, when, DOC_PLAIN);
    }
}

static void
development(struct doc *d, const struct source *s,
            const struct gt_report_options *o)
{
    static const char *const headings[] = {"Ref", "Title", "Lead", "Status",
                                           "Commentary"};
    struct doc_part *p = part(d, GT_PART_DEVELOPMENT);
    doc_para(p, "Work rated Red (off track) or Amber (at risk), with its "
                "latest commentary.");
    if (!s->red.n && !s->amber.n) {
        doc_para(p, "No work is rated Red or Amber.");
        return;
    }
    shown_note(p, o, s->tally.counts.n[GT_RED] + s->tally.counts.n[GT_AMBER]);
    doc_table(p, "Red and Amber work", 5, headings);
    const struct gt_items *lists[] = {&s->red, &s->amber};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < lists[l]->n; i++) {
            const struct gt_item *it = &lists[l]->v[i];
            item_cells(p, it);
            doc_text(p, gt_brag_word(it->status), brag_tone(it->status));
            doc_text(p, it->commentary ? it->commentary : "No commentary",
                     DOC_PLAIN);
        }
}

static void
overdue(struct doc *d, const struct source *s,
        const struct gt_report_options *o)
{
    static const char *const headings[] = {"Ref", "Title", "Lead", "Deadline",
                                           "Status"};
    struct doc_part *p = part(d, GT_PART_OVERDUE);
    if (!s->overdue.n) {
        doc_para(p, "No work is overdue.");
        return;
    }
    shown_note(p, o, s->tally.overdue);
    doc_table(p, "Work past its deadline and not complete", 5, headings);
    for (size_t i = 0; i < s->overdue.n; i++) {
        const struct gt_item *it = &s->overdue.v[i];
        char when[GT_DEADLINE_TEXT_LEN];
        gt_deadline_format(&it->deadline, when);
        item_cells(p, it);
        doc_text(p, when, DOC_PLAIN);
        doc_text(p, gt_brag_word(it->status), brag_tone(it->status));
    }
}

static void
value_cell(struct doc_part *p, const struct gt_kpi *k, const struct gt_value *v)
{
    char text[80];
    if (!v) {
        doc_text(p, "x", DOC_PLAIN);
        return;
    }
    gt_kpi_number_text(k, v, text, sizeof text);
    if (v->kind == GT_VALUE_NUMBER)
        doc_number(p, v->number, text);
    else
        doc_text(p, text, DOC_PLAIN);
}

static void
comparator_cell(struct doc_part *p, const struct gt_kpi_card *c,
                enum gt_area_type t)
{
    const struct gt_comparator *x = gt_kpi_card_comparator(c, t);
    value_cell(p, &c->kpi, x ? &x->value : NULL);
}

static void
direction_text(const struct gt_kpi_card *c, char *out, size_t len)
{
    const struct gt_kpi_judgement *j = &c->judgement;
    const struct gt_kpi_value *v = &c->values.v[c->latest];
    const char *arrow = j->previous
                            ? gt_direction_arrow(&v->value, &j->previous->value,
                                                 c->kpi.no_change)
                            : "";
    snprintf(out, len, "%s%s%s", gt_direction_word(j->since_previous),
             *arrow && j->since_previous != GT_DIR_UNKNOWN ? " " : "",
             j->since_previous != GT_DIR_UNKNOWN ? arrow : "");
}

static void
indicators(struct doc *d, const struct source *s)
{
    static const char *const headings[] = {
        "Indicator", "Better",  "Period",      "#Value",
        "#Target",   "RAG",     "#Previous",   "Direction",
        "#England",  "#Region", "#Neighbours", "Commentary"};
    struct doc_part *p = part(d, GT_PART_INDICATORS);
    if (!s->kpis.n) {
        doc_para(p, "No indicators measure this plan's work yet.");
        return;
    }
    doc_para(p, "Each indicator's latest period against its target. RAG: "
                "Green is on target, Amber within tolerance, Red off "
                "target, Grey no target or value. Direction compares with "
                "the period before. Quarters are of the financial year: Q1 "
                "is April to June.");
    doc_table(p, "Indicators that measure this plan's work", 12, headings);
    for (size_t i = 0; i < s->kpis.n; i++) {
        const struct gt_kpi_card *c = &s->kpis.v[i];
        const struct gt_kpi *k = &c->kpi;
        char *name = xasprintf("%s (%s)", k->title, k->code);
        static const char *const better[] = {"Higher", "Lower", "Band"};
        doc_row(p);
        doc_text(p, name, DOC_PLAIN);
        free(name);
        doc_text(p, better[k->polarity], DOC_PLAIN);
        if (!c->has_latest) {
            for (int col = 2; col < 12; col++)
                doc_text(p, col == 5 ? "Grey" : "",
                         col == 5 ? DOC_GREY : DOC_PLAIN);
            continue;
        }
        const struct gt_kpi_value *v = &c->values.v[c->latest];
        char period[GT_PERIOD_TEXT_LEN], target[160], dir[48];
        gt_period_format(&v->period, period);
        gt_kpi_target_text(k, &v->target, target, sizeof target);
        doc_text(p, period, DOC_PLAIN);
        value_cell(p, k, v->has_value ? &v->value : NULL);
        if (v->target.set && k->polarity != GT_WITHIN_BAND)
            doc_number(p, v->target.value, target);
        else
            doc_text(p, *target ? target : "None set", DOC_PLAIN);
        doc_text(p, gt_rag_word(c->judgement.rag), rag_tone(c->judgement.rag));
        const struct gt_kpi_value *before = c->judgement.previous;
        value_cell(p, k, before && before->has_value ? &before->value : NULL);
        direction_text(c, dir, sizeof dir);
        doc_text(p, dir, DOC_PLAIN);
        comparator_cell(p, c, GT_AREA_ENGLAND);
        comparator_cell(p, c, GT_AREA_REGION);
        comparator_cell(p, c, GT_AREA_NEIGHBOURS);
        doc_text(p, v->note ? v->note : "", DOC_PLAIN);
    }
}

/* The budget by service area, as the committee reads it: each area's
 * total and the grand total, in the unit imported, income negative; with
 * the latest month's forecast outturn, variance and RAG when there is
 * one. */
static void
budget(struct doc *d, const struct source *s)
{
    const struct gt_budget *b = &s->budget;
    if (!b->n_lines)
        return;
    static const char *const headings[] = {"Service area",
                                           "#Gross expenditure",
                                           "#Total income",
                                           "#Council funding",
                                           "#Forecast outturn",
                                           "#Variance",
                                           "RAG"};
    struct gt_budget_table t;
    struct gt_ctx notes;
    char caption[128], text[48];
    gt_ctx_init(&notes);
    gt_budget_lay_out(b, &t, &notes);
    struct gt_budget_watch *w = xcalloc(t.n + 1, sizeof *w);
    size_t n_watch;
    gt_budget_monitor(b, &t, w, &n_watch);
    struct doc_part *p = part(d, GT_PART_BUDGET);
    snprintf(caption, sizeof caption,
             "Revenue budget %d/%02d by service area%s", b->year,
             (b->year + 1) % 100,
             b->unit == 1000 ? " (\xc2\xa3"
                               "000)"
                             : " (\xc2\xa3)");
    if (n_watch) {
        char month[GT_DATE_LONG_LEN], amber[16], red[16];
        struct gt_budget_thresholds th = gt_budget_thresholds_of(b);
        gt_date_long(b->month_end, month);
        gt_budget_percent_text(th.amber, amber);
        gt_budget_percent_text(th.red, red);
        doc_para(p,
                 "Gross expenditure, income (in brackets) and the council's "
                 "net funding for each service area, with the forecast "
                 "outturn at %s: Green on or under budget or over by less "
                 "than %s, Amber over by up to %s, Red over by more.",
                 month, amber, red);
    } else {
        doc_para(p, "Gross expenditure, income (in brackets) and the "
                    "council's net funding for each service area.");
    }
    doc_table(p, caption, n_watch ? 7 : 4, headings);
    static const enum gt_budget_column cols[] = {
        GT_BUDGET_GROSS, GT_BUDGET_INCOME, GT_BUDGET_FUNDING};
    size_t k = 0;
    for (size_t i = 0; i < t.n; i++) {
        const struct gt_budget_row *r = &t.rows[i];
        if (!r->total)
            continue;
        doc_row(p);
        doc_text(p, *r->area ? r->area : "Total", DOC_PLAIN);
        for (size_t c = 0; c < 3; c++) {
            bool income = cols[c] == GT_BUDGET_INCOME;
            int64_t v = r->v[cols[c]];
            gt_budget_amount_text(v, b->unit, income, text, sizeof text);
            doc_number(p, (double)(income ? -v : v) / (double)b->unit, text);
        }
        if (k < n_watch) {
            const struct gt_budget_watch *x = &w[k++];
            gt_budget_amount_text(x->forecast, b->unit, false, text,
                                  sizeof text);
            doc_number(p, (double)x->forecast / (double)b->unit, text);
            gt_budget_amount_text(x->variance, b->unit, false, text,
                                  sizeof text);
            doc_number(p, (double)x->variance / (double)b->unit, text);
            doc_text(p, gt_rag_word(x->rag),
                     x->rag == GT_RAG_RED     ? DOC_RED
                     : x->rag == GT_RAG_AMBER ? DOC_AMBER
                                              : DOC_GREEN);
        }
    }
    if (notes.n_errors)
        doc_para(p,
                 "The budget table's own totals differ from its lines in %zu "
                 "%s; see the plan's budget page.",
                 notes.n_errors, notes.n_errors == 1 ? "place" : "places");
    free(w);
    gt_budget_table_finish(&t);
    gt_ctx_finish(&notes);
}

static int
by_residual(const void *a, const void *b)
{
    const struct gt_risk *x = *(const struct gt_risk *const *)a;
    const struct gt_risk *y = *(const struct gt_risk *const *)b;
    int vx = gt_risk_value(x->residual), vy = gt_risk_value(y->residual);
    if (vx != vy)
        return vx > vy ? -1 : 1;
    return strcmp(x->ref, y->ref);
}

static void
score_cell(struct doc_part *p, struct gt_risk_score s)
{
    int v = gt_risk_value(s);
    char text[32];
    if (!v) {
        doc_text(p, "None set", DOC_PLAIN);
        return;
    }
    snprintf(text, sizeof text, "%d %s", v, gt_risk_band(v));
    doc_number(p, v, text);
}

/* The register, highest risk now first, as the committee reads it. */
static void
risks(struct doc *d, const struct source *s, const struct gt_report_options *o)
{
    if (!s->risks.n)
        return;
    static const char *const headings[] = {
        "Ref", "Risk", "Owner", "#Now", "#Target", "Review", "Mitigations"};
    struct doc_part *p = part(d, GT_PART_RISKS);
    const struct gt_risk **order = xcalloc(s->risks.n, sizeof *order);
    size_t overdue = 0;
    for (size_t i = 0; i < s->risks.n; i++) {
        order[i] = &s->risks.v[i];
        overdue += gt_risk_review_overdue(&s->risks.v[i], o->as_of);
    }
    qsort(order, s->risks.n, sizeof *order, by_residual);
    doc_para(p,
             "Scores are likelihood times impact, each 1 to 5: Low 1 to 4, "
             "Medium 5 to 9, High 10 to 16, Very high 20 and 25. Overdue "
             "for review: %zu of %zu.",
             overdue, s->risks.n);
    doc_table(p, "The risk register, highest risk now first", 7, headings);
    for (size_t i = 0; i < s->risks.n; i++) {
        const struct gt_risk *r = order[i];
        char review[GT_DATE_LONG_LEN + 12] = "None set", done[48];
        size_t n_done = 0;
        for (size_t k = 0; k < r->n_mitigations; k++)
            n_done += r->mitigations[k].status == GT_MITIGATION_DONE;
        if (r->review != GT_NO_DATE) {
            gt_date_long(r->review, review);
            if (gt_risk_review_overdue(r, o->as_of))
                snprintf(review + strlen(review),
                         sizeof review - strlen(review), " (overdue)");
        }
        snprintf(done, sizeof done, "%zu, %zu done", r->n_mitigations, n_done);
        doc_row(p);
        doc_text(p, r->ref, DOC_PLAIN);
        doc_text(p, r->title, DOC_PLAIN);
        doc_text(p, r->owner ? r->owner : "", DOC_PLAIN);
        score_cell(p, r->residual);
        score_cell(p, r->target);
        doc_text(p, review,
                 gt_risk_review_overdue(r, o->as_of) ? DOC_RED : DOC_PLAIN);
        doc_text(p, done, DOC_PLAIN);
    }
    free(order);
}

static void
workforce_row(struct doc_part *p, const struct gt_workforce *w)
{
    char text[48];
    double days;
    doc_row(p);
    doc_text(p, w->unit, DOC_PLAIN);
    snprintf(text, sizeof text, "%.1f", w->establishment);
    doc_number(p, w->establishment, text);
    snprintf(text, sizeof text, "%.1f", w->filled);
    doc_number(p, w->filled, text);
    snprintf(text, sizeof text, "%.1f", gt_workforce_vacancies(w));
    doc_number(p, gt_workforce_vacancies(w), text);
    snprintf(text, sizeof text, "%.1f%%", gt_workforce_agency_percent(w));
    doc_number(p, gt_workforce_agency_percent(w), text);
    if (!gt_workforce_days_per_fte(w, &days)) {
        doc_text(p, "x", DOC_PLAIN);
        doc_text(p, "Not known", DOC_GREY);
        return;
    }
    days = gt_round_half_away(days, 1);
    snprintf(text, sizeof text, "%.1f", days);
    doc_number(p, days, text);
    enum gt_rag rag = gt_workforce_sickness_rag(days, GT_SICKNESS_TARGET);
    doc_text(p, gt_rag_word(rag),
             rag == GT_RAG_RED     ? DOC_RED
             : rag == GT_RAG_AMBER ? DOC_AMBER
                                   : DOC_GREEN);
}

/* Each unit's latest workforce period and the total. */
static void
workforce(struct doc *d, const struct source *s)
{
    if (!s->workforce.n)
        return;
    static const char *const headings[] = {
        "Unit",          "#Establishment", "#In post",
        "#Vacancies",    "#Agency share",  "#Days lost per FTE a year",
        "Against 6 days"};
    struct doc_part *p = part(d, GT_PART_WORKFORCE);
    char period[GT_PERIOD_TEXT_LEN], caption[GT_PERIOD_TEXT_LEN + 64];
    gt_period_format(&s->workforce.v[0].period, period);
    snprintf(caption, sizeof caption, "Workforce, %s (full-time equivalents)",
             period);
    doc_para(p, "Establishment, staff in post, vacancies, the share of those "
                "in post who are agency staff, and working days lost to "
                "sickness per FTE, scaled to a year, against the target of "
                "6 days.");
    doc_table(p, caption, 7, headings);
    for (size_t i = 0; i < s->workforce.n; i++)
        workforce_row(p, &s->workforce.v[i]);
    struct gt_workforce all;
    gt_workforce_total(&s->workforce, &all);
    workforce_row(p, &all);
}

/* Each team's caseloads against the policy, and all teams; no names, as
 * the report is circulated. */
static void
caseloads(struct doc *d, const struct source *s)
{
    if (!s->caseloads.n)
        return;
    static const char *const headings[] = {
        "Team",     "#Workers",         "#Cases",
        "#Average", "#Over their band", "#Under their band"};
    struct doc_part *p = part(d, GT_PART_CASELOADS);
    const struct gt_caseload_policy *pol = &s->policy;
    char text[48], date[GT_DATE_LONG_LEN], caption[GT_DATE_LONG_LEN + 32];
    doc_para(p,
             "Social workers' caseloads against the policy: newly qualified "
             "%d to %d cases, after the first year %d to %d, more than two "
             "years %d to %d.",
             pol->low[0], pol->high[0], pol->low[1], pol->high[1], pol->low[2],
             pol->high[2]);
    gt_date_long(s->caseloads.as_at, date);
    snprintf(caption, sizeof caption, "Caseloads by team, %s", date);
    doc_table(p, caption, 6, headings);
    size_t n;
    struct gt_caseload_team *teams = gt_caseload_teams(pol, &s->caseloads, &n);
    for (size_t t = 0; t < n; t++) {
        double average = (double)teams[t].cases / (double)teams[t].workers;
        doc_row(p);
        doc_text(p, teams[t].team, DOC_PLAIN);
        snprintf(text, sizeof text, "%zu", teams[t].workers);
        doc_number(p, (double)teams[t].workers, text);
        snprintf(text, sizeof text, "%ld", teams[t].cases);
        doc_number(p, (double)teams[t].cases, text);
        snprintf(text, sizeof text, "%.1f", average);
        doc_number(p, gt_round_half_away(average, 1), text);
        snprintf(text, sizeof text, "%zu", teams[t].over);
        doc_number(p, (double)teams[t].over, text);
        snprintf(text, sizeof text, "%zu", teams[t].under);
        doc_number(p, (double)teams[t].under, text);
    }
    free(teams);
}

static void
deadlines(struct doc *d, const struct source *s,
          const struct gt_report_options *o)
{
    static const char *const headings[] = {"Ref", "Title", "Lead", "Due",
                                           "Status"};
    struct doc_part *p = part(d, GT_PART_DEADLINES);
    doc_para(p, "Work not yet complete that is due in the next three "
                "months.");
    if (!s->due.n) {
        doc_para(p, "No work is due in the next three months.");
        return;
    }
    shown_note(p, o, (long)s->dues.n);
    doc_table(p, "Work due in the next three months", 5, headings);
    for (size_t i = 0; i < s->due.n; i++) {
        const struct gt_item *it = &s->due.v[i];
        char when[GT_DATE_LONG_LEN];
        gt_date_long(s->dues.v[i].due, when);
        item_cells(p, it);
        doc_text(p, when, DOC_PLAIN);
        doc_text(p, gt_brag_word(it->status), brag_tone(it->status));
    }
}

/* Mark the exempt parts, and in the public version leave them out. */
static void
apply_exemptions(struct doc *d, const struct gt_report_options *o)
{
    for (size_t i = d->n_parts; i-- > 0;) {
        d->parts[i].exempt = listed(o->exempt, d->parts[i].key);
        if (d->parts[i].exempt && o->public_)
            doc_remove_part(d, i);
    }
}

enum gt_rc
gt_report_build(struct gt_db *db, const char *plan_code,
                const struct gt_report_options *o, struct doc *out,
                struct gt_ctx *ctx)
{
    struct source s;
    memset(&s, 0, sizeof s);
    memset(out, 0, sizeof *out);
    gt_plan_init(&s.plan);
    enum gt_rc rc = load(db, plan_code, o, &s, ctx);
    if (rc == GT_OK) {
        out->title = xasprintf("%s: progress report", s.plan.title);
        out->date = o->as_of;
        control(out, &s, o);
        summary(out, &s, o);
        plan_sections(out, &s);
        priorities(out, &s);
        achievements(out, &s, o);
        development(out, &s, o);
        overdue(out, &s, o);
        indicators(out, &s);
        budget(out, &s);
        risks(out, &s, o);
        workforce(out, &s);
        caseloads(out, &s);
        deadlines(out, &s, o);
        apply_exemptions(out, o);
    }
    source_finish(&s);
    return rc;
}
