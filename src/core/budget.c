/*
 * budget: revenue budget tables and their reconciliation. See budget.h.
 */
#include "core/budget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

const char *
gt_budget_column_word(enum gt_budget_column c)
{
    static const char *const words[GT_BUDGET_COLUMNS] = {
        "Gross expenditure", "Grants", "Other income", "Total income",
        "Council funding"};
    return (unsigned)c < GT_BUDGET_COLUMNS ? words[c] : "";
}

void
gt_budget_finish(struct gt_budget *b)
{
    for (size_t i = 0; i < b->n_lines; i++) {
        free(b->lines[i].area);
        free(b->lines[i].name);
    }
    for (size_t i = 0; i < b->n_stated; i++)
        free(b->stated[i].area);
    for (size_t i = 0; i < b->n_forecasts; i++)
        free(b->forecasts[i].area);
    free(b->forecasts);
    free(b->lines);
    free(b->stated);
    memset(b, 0, sizeof *b);
}

struct gt_budget_line *
gt_budget_add_line(struct gt_budget *b, const char *area, const char *name)
{
    if (b->n_lines == b->alloc_lines) {
        b->alloc_lines = b->alloc_lines ? b->alloc_lines * 2 : 32;
        b->lines = xrealloc(b->lines, b->alloc_lines * sizeof *b->lines);
    }
    struct gt_budget_line *l = &b->lines[b->n_lines++];
    memset(l, 0, sizeof *l);
    l->area = xstrdup(area);
    l->name = xstrdup(name);
    return l;
}

struct gt_budget_stated *
gt_budget_add_stated(struct gt_budget *b, const char *area)
{
    if (b->n_stated == b->alloc_stated) {
        b->alloc_stated = b->alloc_stated ? b->alloc_stated * 2 : 8;
        b->stated = xrealloc(b->stated, b->alloc_stated * sizeof *b->stated);
    }
    struct gt_budget_stated *s = &b->stated[b->n_stated++];
    memset(s, 0, sizeof *s);
    s->area = xstrdup(area);
    return s;
}

static void
line_values(const struct gt_budget_line *l, int64_t v[GT_BUDGET_COLUMNS])
{
    v[GT_BUDGET_GROSS] = l->gross;
    v[GT_BUDGET_GRANTS] = l->grants;
    v[GT_BUDGET_OTHER] = l->other;
    v[GT_BUDGET_INCOME] = l->grants + l->other;
    v[GT_BUDGET_FUNDING] = l->gross - l->grants - l->other;
}

static const struct gt_budget_stated *
stated_for(const struct gt_budget *b, const char *area)
{
    for (size_t i = 0; i < b->n_stated; i++)
        if (strcmp(b->stated[i].area, area) == 0)
            return &b->stated[i];
    return NULL;
}

void
gt_budget_amount_text(int64_t pounds, int64_t unit, bool income, char *out,
                      size_t len)
{
    if (unit < 1)
        unit = 1;
    /* round half away from zero to the unit */
    int64_t shown =
        (pounds >= 0 ? pounds + unit / 2 : pounds - unit / 2) / unit;
    if (income)
        shown = -shown;
    int64_t mag = shown < 0 ? -shown : shown;
    char digits[32], grouped[48];
    int n = snprintf(digits, sizeof digits, "%lld", (long long)mag);
    size_t g = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    if (shown < 0)
        snprintf(out, len, "(%s)", grouped);
    else
        snprintf(out, len, "%s", grouped);
}

/* Show the stated total where it is within rounding of what the lines
 * give (tolerance in pounds), else the computed one; note any difference. */
static void
reconcile(const struct gt_budget *b, const char *label,
          const struct gt_budget_stated *s, const int64_t computed[],
          int64_t tolerance, int64_t shown[], struct gt_ctx *notes)
{
    for (int c = 0; c < GT_BUDGET_COLUMNS; c++) {
        shown[c] = computed[c];
        if (!s || !s->has[c] || s->v[c] == computed[c])
            continue;
        int64_t diff = s->v[c] - computed[c];
        int64_t mag = diff < 0 ? -diff : diff;
        bool income = c == GT_BUDGET_GRANTS || c == GT_BUDGET_OTHER ||
                      c == GT_BUDGET_INCOME;
        char stated[48], sum[48];
        gt_budget_amount_text(s->v[c], b->unit, income, stated, sizeof stated);
        gt_budget_amount_text(computed[c], b->unit, income, sum, sizeof sum);
        if (mag <= tolerance) {
            shown[c] = s->v[c];
            gt_err(notes, GT_OK,
                   "%s, %s: stated %s, the lines add up to %s (rounding; "
                   "the stated figure is shown)",
                   label, gt_budget_column_word((enum gt_budget_column)c),
                   stated, sum);
        } else {
            gt_err(notes, GT_OK,
                   "%s, %s: stated %s, but the lines add up to %s (a "
                   "difference beyond rounding; the sum is shown)",
                   label, gt_budget_column_word((enum gt_budget_column)c),
                   stated, sum);
        }
    }
}

static struct gt_budget_row *
push_row(struct gt_budget_table *t, size_t *alloc)
{
    if (t->n == *alloc) {
        *alloc = *alloc ? *alloc * 2 : 32;
        t->rows = xrealloc(t->rows, *alloc * sizeof *t->rows);
    }
    struct gt_budget_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    return r;
}

static const char *
own_label(struct gt_budget_table *t, char *label)
{
    t->labels = xrealloc(t->labels, (t->n_labels + 1) * sizeof *t->labels);
    t->labels[t->n_labels++] = label;
    return label;
}

void
gt_budget_lay_out(const struct gt_budget *b, struct gt_budget_table *t,
                  struct gt_ctx *notes)
{
    size_t alloc = 0;
    int64_t grand[GT_BUDGET_COLUMNS] = {0};
    size_t all_lines = 0;
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < b->n_lines; i++) {
        const char *area = b->lines[i].area;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(b->lines[k].area, area) == 0;
        if (seen)
            continue;
        /* the area's lines, in the order given, then its total */
        int64_t sum[GT_BUDGET_COLUMNS] = {0};
        size_t lines = 0;
        for (size_t k = i; k < b->n_lines; k++) {
            if (strcmp(b->lines[k].area, area) != 0)
                continue;
            struct gt_budget_row *r = push_row(t, &alloc);
            r->label = b->lines[k].name;
            r->area = area;
            line_values(&b->lines[k], r->v);
            for (int c = 0; c < GT_BUDGET_COLUMNS; c++)
                sum[c] += r->v[c];
            lines++;
        }
        struct gt_budget_row *r = push_row(t, &alloc);
        r->label = own_label(t, xasprintf("%s total", area));
        r->area = area;
        r->total = true;
        reconcile(b, r->label, stated_for(b, area), sum,
                  (int64_t)lines * (b->unit / 2), r->v, notes);
        for (int c = 0; c < GT_BUDGET_COLUMNS; c++)
            grand[c] += r->v[c];
        all_lines += lines;
    }
    struct gt_budget_row *r = push_row(t, &alloc);
    r->label = "Grand total";
    r->area = "";
    r->total = true;
    reconcile(b, "Grand total", stated_for(b, ""), grand,
              (int64_t)all_lines * (b->unit / 2), r->v, notes);
}

void
gt_budget_table_finish(struct gt_budget_table *t)
{
    for (size_t i = 0; i < t->n_labels; i++)
        free(t->labels[i]);
    free(t->labels);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

void
gt_budget_add_forecast(struct gt_budget *b, const char *area, int64_t forecast)
{
    b->forecasts =
        xrealloc(b->forecasts, (b->n_forecasts + 1) * sizeof *b->forecasts);
    b->forecasts[b->n_forecasts++] =
        (struct gt_budget_forecast){xstrdup(area), forecast};
}

const struct gt_budget_thresholds gt_budget_default_thresholds = {true, 50,
                                                                  200};

struct gt_budget_thresholds
gt_budget_thresholds_of(const struct gt_budget *b)
{
    return b->thresholds.set ? b->thresholds : gt_budget_default_thresholds;
}

void
gt_budget_percent_text(int basis_points, char out[16])
{
    snprintf(out, 16, "%d.%02d", basis_points / 100, basis_points % 100);
    size_t n = strlen(out);
    while (out[n - 1] == '0')
        out[--n] = '\0';
    if (out[n - 1] == '.')
        out[--n] = '\0';
    snprintf(out + n, 16 - n, "%%");
}

enum gt_rag
gt_budget_rag(int64_t budget, int64_t variance, struct gt_budget_thresholds th)
{
    if (variance <= 0)
        return GT_RAG_GREEN;
    if (budget <= 0)
        return GT_RAG_RED; /* any spend over a budget of nothing */
    /* compared in whole numbers, so the thresholds' edges are exact */
    if (variance * 10000 < budget * th.amber)
        return GT_RAG_GREEN;
    return variance * 10000 <= budget * th.red ? GT_RAG_AMBER : GT_RAG_RED;
}

void
gt_budget_monitor(const struct gt_budget *b, const struct gt_budget_table *t,
                  struct gt_budget_watch *out, size_t *n)
{
    struct gt_budget_thresholds th = gt_budget_thresholds_of(b);
    *n = 0;
    if (!b->n_forecasts)
        return;
    struct gt_budget_watch whole = {.area = "", .has = true};
    for (size_t i = 0; i < t->n; i++) {
        const struct gt_budget_row *r = &t->rows[i];
        if (!r->total || !*r->area)
            continue;
        struct gt_budget_watch w = {.area = r->area,
                                    .budget = r->v[GT_BUDGET_FUNDING]};
        for (size_t k = 0; k < b->n_forecasts; k++)
            if (strcmp(b->forecasts[k].area, r->area) == 0) {
                w.has = true;
                w.forecast = b->forecasts[k].forecast;
            }
        if (!w.has)
            w.forecast = w.budget; /* no forecast: on budget, as stated */
        w.variance = w.forecast - w.budget;
        w.percent =
            w.budget ? 100.0 * (double)w.variance / (double)w.budget : 0;
        w.rag = gt_budget_rag(w.budget, w.variance, th);
        whole.budget += w.budget;
        whole.forecast += w.forecast;
        out[(*n)++] = w;
    }
    whole.variance = whole.forecast - whole.budget;
    whole.percent = whole.budget
                        ? 100.0 * (double)whole.variance / (double)whole.budget
                        : 0;
    whole.rag = gt_budget_rag(whole.budget, whole.variance, th);
    out[(*n)++] = whole;
}
