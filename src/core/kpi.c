/*
 * kpi: the indicator model, its words and the judgement of a period. See
 * kpi.h.
 */
#include "core/kpi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

void
gt_kpi_init(struct gt_kpi *k)
{
    memset(k, 0, sizeof *k);
}

void
gt_kpi_finish(struct gt_kpi *k)
{
    free(k->code);
    free(k->title);
    free(k->definition);
    free(k->owner);
    gt_kpi_init(k);
}

void
gt_kpis_finish(struct gt_kpis *list)
{
    for (size_t i = 0; i < list->n; i++)
        gt_kpi_finish(&list->v[i]);
    free(list->v);
    memset(list, 0, sizeof *list);
}

struct gt_kpi *
gt_kpis_push(struct gt_kpis *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_kpi *k = &list->v[list->n++];
    gt_kpi_init(k);
    return k;
}

void
gt_kpi_value_finish(struct gt_kpi_value *v)
{
    free(v->note);
    free(v->entered_by);
    free(v->entered_at);
    memset(v, 0, sizeof *v);
}

void
gt_kpi_values_finish(struct gt_kpi_values *list)
{
    for (size_t i = 0; i < list->n; i++)
        gt_kpi_value_finish(&list->v[i]);
    free(list->v);
    memset(list, 0, sizeof *list);
}

struct gt_kpi_value *
gt_kpi_values_push(struct gt_kpi_values *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_kpi_value *v = &list->v[list->n++];
    memset(v, 0, sizeof *v);
    return v;
}

/* code, word, suffix for each unit, in enum order */
static const char *const units[][3] = {
    {"count", "count", ""},
    {"percent", "per cent", "%"},
    {"rate10k", "rate per 10,000 children", ""},
    {"days", "days", " days"},
    {"gbp000", "£000", ""},
    {"ratio", "ratio", ""},
};
static const char *const polarities[][2] = {
    {"higher", "Higher is better"},
    {"lower", "Lower is better"},
    {"band", "Within a band is better"},
};
static const char *const frequencies[] = {"monthly", "quarterly", "annual",
                                          "snapshot"};
static const char *const period_kinds[] = {
    "year", "quarter", "month", "academic", "rolling", "part", "snapshot",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *
gt_kpi_unit_code(enum gt_kpi_unit u)
{
    return (size_t)u < COUNT(units) ? units[u][0] : "count";
}

const char *
gt_kpi_unit_word(enum gt_kpi_unit u)
{
    return (size_t)u < COUNT(units) ? units[u][1] : "count";
}

const char *
gt_kpi_unit_suffix(enum gt_kpi_unit u)
{
    return (size_t)u < COUNT(units) ? units[u][2] : "";
}

bool
gt_kpi_unit_parse(const char *s, enum gt_kpi_unit *out)
{
    for (size_t i = 0; s && i < COUNT(units); i++)
        if (strcasecmp(s, units[i][0]) == 0 ||
            strcasecmp(s, units[i][1]) == 0) {
            *out = (enum gt_kpi_unit)i;
            return true;
        }
    if (s && (strcmp(s, "%") == 0 || strcasecmp(s, "percentage") == 0)) {
        *out = GT_UNIT_PERCENT;
        return true;
    }
    return false;
}

const char *
gt_polarity_code(enum gt_polarity p)
{
    return (size_t)p < COUNT(polarities) ? polarities[p][0] : "higher";
}

const char *
gt_polarity_word(enum gt_polarity p)
{
    return (size_t)p < COUNT(polarities) ? polarities[p][1] : "";
}

bool
gt_polarity_parse(const char *s, enum gt_polarity *out)
{
    for (size_t i = 0; s && i < COUNT(polarities); i++)
        if (strcasecmp(s, polarities[i][0]) == 0 ||
            strcasecmp(s, polarities[i][1]) == 0) {
            *out = (enum gt_polarity)i;
            return true;
        }
    return false;
}

const char *
gt_frequency_code(enum gt_frequency f)
{
    return (size_t)f < COUNT(frequencies) ? frequencies[f] : "annual";
}

bool
gt_frequency_parse(const char *s, enum gt_frequency *out)
{
    for (size_t i = 0; s && i < COUNT(frequencies); i++)
        if (strcasecmp(s, frequencies[i]) == 0) {
            *out = (enum gt_frequency)i;
            return true;
        }
    return false;
}

const char *
gt_period_kind_code(enum gt_period_kind k)
{
    return (size_t)k < COUNT(period_kinds) ? period_kinds[k] : "snapshot";
}

bool
gt_period_kind_parse(const char *s, enum gt_period_kind *out)
{
    for (size_t i = 0; s && i < COUNT(period_kinds); i++)
        if (strcmp(s, period_kinds[i]) == 0) {
            *out = (enum gt_period_kind)i;
            return true;
        }
    return false;
}

const char *
gt_tolerance_parse(const char *s, struct gt_tolerance *out)
{
    char *end;
    struct gt_tolerance t = {0};
    if (!s || !*s || strcasecmp(s, "none") == 0) {
        *out = t;
        return NULL;
    }
    t.amount = strtod(s, &end);
    if (end == s || !isfinite(t.amount) || t.amount < 0)
        return "a tolerance is a number (in the indicator's units) or a "
               "percentage of the target, such as 2 or 5%";
    if (*end == '%') {
        t.relative = true;
        t.amount /= 100;
        end++;
    }
    if (*end)
        return "a tolerance is a number (in the indicator's units) or a "
               "percentage of the target, such as 2 or 5%";
    *out = t;
    return NULL;
}

void
gt_tolerance_format(const struct gt_tolerance *t, char *out, size_t len)
{
    if (t->amount == 0)
        snprintf(out, len, "none");
    else if (t->relative)
        snprintf(out, len, "%g%%", t->amount * 100);
    else
        snprintf(out, len, "%g", t->amount);
}

bool
gt_kpi_rate(enum gt_kpi_unit unit, double numerator, double denominator,
            double *out)
{
    if (denominator == 0 || !isfinite(numerator) || !isfinite(denominator))
        return false;
    double scale = unit == GT_UNIT_PERCENT   ? 100
                   : unit == GT_UNIT_RATE10K ? 10000
                                             : 1;
    *out = numerator / denominator * scale;
    return isfinite(*out);
}

/* "%.*f" with thousands separators: 1234.5 gives "1,234.5". */
static void
grouped(double v, int decimals, char *out, size_t len)
{
    char plain[64];
    snprintf(plain, sizeof plain, "%.*f", decimals,
             fabs(gt_round_half_away(v, decimals)));
    size_t digits = strcspn(plain, ".");
    size_t o = 0;
    for (size_t i = 0; plain[i] && o + 2 < len; i++) {
        if (i && i < digits && (digits - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = plain[i];
    }
    out[o] = '\0';
}

/* Negative money is bracketed and signed, as councils write it, so it is
 * told apart by more than colour. */
static void
number_text(const struct gt_kpi *k, double v, char *out, size_t len)
{
    char num[80];
    grouped(v, k->decimals, num, sizeof num);
    bool negative = v < 0 && strspn(num, "0.,") != strlen(num);
    if (k->unit == GT_UNIT_GBP000)
        snprintf(out, len, negative ? "(-£%sk)" : "£%sk", num);
    else
        snprintf(out, len, "%s%s%s", negative ? "-" : "", num,
                 gt_kpi_unit_suffix(k->unit));
}

void
gt_kpi_number_text(const struct gt_kpi *k, const struct gt_value *v, char *out,
                   size_t len)
{
    if (v->kind == GT_VALUE_NUMBER)
        number_text(k, v->number, out, len);
    else
        gt_value_format(v, k->decimals, out, len);
}

void
gt_kpi_value_text(const struct gt_kpi *k, const struct gt_kpi_value *v,
                  char *out, size_t len)
{
    if (!v || !v->has_value)
        snprintf(out, len, "%s", "");
    else
        gt_kpi_number_text(k, &v->value, out, len);
}

void
gt_kpi_target_text(const struct gt_kpi *k, const struct gt_target *t, char *out,
                   size_t len)
{
    char lo[64], hi[64];
    if (!t->set) {
        snprintf(out, len, "%s", "");
        return;
    }
    number_text(k, t->value, lo, sizeof lo);
    if (k->polarity != GT_WITHIN_BAND) {
        snprintf(out, len, "%s", lo);
        return;
    }
    number_text(k, t->high, hi, sizeof hi);
    snprintf(out, len, "%s to %s", lo, hi);
}

static const struct gt_kpi_value *
find_period(const struct gt_kpi_values *values, size_t before,
            const struct gt_period *p)
{
    for (size_t j = before; j-- > 0;)
        if (gt_period_equal(&values->v[j].period, p) && values->v[j].has_value)
            return &values->v[j];
    return NULL;
}

/* Snapshots are taken when they are taken (31 March, then 31 January):
 * the one before is the latest earlier snapshot with a value, not the day
 * before. */
static const struct gt_kpi_value *
latest_snapshot_before(const struct gt_kpi_values *values, size_t before)
{
    const struct gt_kpi_value *v = &values->v[before];
    for (size_t j = before; j-- > 0;)
        if (values->v[j].period.kind == GT_PERIOD_SNAPSHOT &&
            values->v[j].has_value && values->v[j].period.end < v->period.start)
            return &values->v[j];
    return NULL;
}

static enum gt_direction
direction(const struct gt_kpi *k, const struct gt_kpi_value *now,
          const struct gt_kpi_value *before)
{
    if (!now->has_value || !before)
        return GT_DIR_UNKNOWN;
    return gt_judge_direction(&now->value, &before->value, k->polarity,
                              &now->target, k->no_change);
}

struct gt_kpi_judgement
gt_kpi_judge(const struct gt_kpi *k, const struct gt_kpi_values *values,
             size_t i)
{
    struct gt_kpi_judgement j = {0};
    const struct gt_kpi_value *v = &values->v[i];
    struct gt_value none = {GT_VALUE_NOT_AVAILABLE, 0};
    j.rag = gt_judge_rag(v->has_value ? &v->value : &none, &v->target,
                         k->polarity, &k->tolerance);
    struct gt_period prev = gt_period_previous(&v->period);
    struct gt_period last = gt_period_year_earlier(&v->period);
    j.previous = v->period.kind == GT_PERIOD_SNAPSHOT
                     ? latest_snapshot_before(values, i)
                     : find_period(values, i, &prev);
    j.last_year = find_period(values, i, &last);
    j.since_previous = direction(k, v, j.previous);
    j.since_last_year = direction(k, v, j.last_year);
    return j;
}

size_t
gt_kpi_latest(const struct gt_kpi_values *values)
{
    for (size_t i = values->n; i-- > 0;)
        if (values->v[i].has_value)
            return i;
    return values->n - 1;
}

/* 1 to 5 children, as a count is rounded to show. */
static bool
few(double n)
{
    return n >= 0.5 && n < 5.5;
}

bool
gt_kpi_value_disclosive(const struct gt_kpi *k, const struct gt_kpi_value *v)
{
    if (!k->child_level || !v->has_value)
        return false;
    if (v->has_ratio && (few(v->numerator) || few(v->denominator)))
        return true;
    return k->unit == GT_UNIT_COUNT && v->value.kind == GT_VALUE_NUMBER &&
           few(v->value.number);
}

void
gt_kpi_values_suppress(const struct gt_kpi *k, struct gt_kpi_values *vs)
{
    for (size_t i = 0; i < vs->n; i++) {
        struct gt_kpi_value *v = &vs->v[i];
        if (!gt_kpi_value_disclosive(k, v))
            continue;
        v->value = (struct gt_value){GT_VALUE_SUPPRESSED, 0};
        v->has_ratio = false;
        v->numerator = v->denominator = 0;
        free(v->note);
        v->note = NULL;
    }
}
