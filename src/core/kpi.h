/*
 * kpi: the key performance indicator model. An indicator has a code, a
 * title, a unit, how many decimals it is shown with, which way is better,
 * how often it is measured, an owner, a tolerance and the smallest change
 * that counts as a change. Each period carries a value (or a missing-value
 * symbol), the numerator and denominator of a rate, a target and a note.
 *
 * This module owns those structures, the words for their codes, and the
 * judgement of one period against its target and earlier periods; the
 * store keeps them (db.h) and the importers fill them (io/kpi_import.h).
 */
#ifndef GT_KPI_H
#define GT_KPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/judge.h"
#include "core/period.h"

enum gt_kpi_unit {
    GT_UNIT_COUNT = 0,
    GT_UNIT_PERCENT,
    GT_UNIT_RATE10K, /* rate per 10,000 children */
    GT_UNIT_DAYS,
    GT_UNIT_GBP000, /* £000 */
    GT_UNIT_RATIO,
};

enum gt_frequency {
    GT_FREQ_MONTHLY = 0,
    GT_FREQ_QUARTERLY,
    GT_FREQ_ANNUAL,
    GT_FREQ_SNAPSHOT,
};

struct gt_kpi {
    int64_t id;
    char *code;       /* owned */
    char *title;      /* owned */
    char *definition; /* owned; may be NULL */
    char *owner;      /* a person's name; owned; may be NULL */
    enum gt_kpi_unit unit;
    int decimals; /* 0 to 4 */
    enum gt_polarity polarity;
    enum gt_frequency frequency;
    struct gt_tolerance tolerance;
    double no_change; /* a smaller movement is "no change" */
    bool child_level; /* counted from child-level records: see
                       * gt_kpi_values_suppress */
};

struct gt_kpis {
    struct gt_kpi *v;
    size_t n;
    size_t alloc;
};

/* One period of an indicator. */
struct gt_kpi_value {
    int64_t id;
    struct gt_period period;
    bool has_value; /* false when only a target is set */
    struct gt_value value;
    bool has_ratio; /* numerator and denominator are known */
    double numerator, denominator;
    struct gt_target target;
    char *note;       /* owned; may be NULL */
    char *entered_by; /* owned; may be NULL */
    char *entered_at; /* UTC ISO 8601; owned; NULL before it is stored */
};

struct gt_kpi_values {
    struct gt_kpi_value *v; /* in period order */
    size_t n;
    size_t alloc;
};

/* How one period is judged. */
struct gt_kpi_judgement {
    enum gt_rag rag;
    enum gt_direction since_previous;  /* against the period before (for a
                                        * snapshot, the latest earlier one) */
    enum gt_direction since_last_year; /* against the same period a year ago */
    const struct gt_kpi_value *previous;  /* borrowed; NULL when none */
    const struct gt_kpi_value *last_year; /* borrowed; NULL when none */
};

void gt_kpi_init(struct gt_kpi *k);
void gt_kpi_finish(struct gt_kpi *k);
void gt_kpis_finish(struct gt_kpis *list);
/* A new zeroed indicator at the end of list; borrowed from the list. */
struct gt_kpi *gt_kpis_push(struct gt_kpis *list);

void gt_kpi_value_finish(struct gt_kpi_value *v);
void gt_kpi_values_finish(struct gt_kpi_values *list);
/* A new zeroed value at the end of list; borrowed from the list. */
struct gt_kpi_value *gt_kpi_values_push(struct gt_kpi_values *list);

/* Codes as stored and accepted on the command line, and words for people.
 * The parse functions accept the code or the word, any case. */
const char *gt_kpi_unit_code(enum gt_kpi_unit u);   /* "percent" */
const char *gt_kpi_unit_word(enum gt_kpi_unit u);   /* "per cent" */
const char *gt_kpi_unit_suffix(enum gt_kpi_unit u); /* "%", " days", "" */
bool gt_kpi_unit_parse(const char *s, enum gt_kpi_unit *out);
const char *gt_polarity_code(enum gt_polarity p); /* "higher" */
const char *gt_polarity_word(enum gt_polarity p); /* "Higher is better" */
bool gt_polarity_parse(const char *s, enum gt_polarity *out);
const char *gt_frequency_code(enum gt_frequency f); /* "quarterly" */
bool gt_frequency_parse(const char *s, enum gt_frequency *out);
const char *gt_period_kind_code(enum gt_period_kind k); /* "quarter" */
bool gt_period_kind_parse(const char *s, enum gt_period_kind *out);

/* A tolerance as written: "2" (in the indicator's units) or "5%" (of the
 * target). NULL on success, else a static message. */
const char *gt_tolerance_parse(const char *s, struct gt_tolerance *out);
/* "2", "5%" or "none". */
void gt_tolerance_format(const struct gt_tolerance *t, char *out, size_t len);

/* The value of a rate from its parts, in the unit's scale (a percentage
 * for percent, per 10,000 for rate10k); false when the denominator is 0. */
bool gt_kpi_rate(enum gt_kpi_unit unit, double numerator, double denominator,
                 double *out);
/* The value with the indicator's decimals and unit ("67.6%", "12 days"),
 * or its missing-value symbol; "" when there is none. */
void gt_kpi_value_text(const struct gt_kpi *k, const struct gt_kpi_value *v,
                       char *out, size_t len);
/* Any value (a comparator's) the same way. */
void gt_kpi_number_text(const struct gt_kpi *k, const struct gt_value *v,
                        char *out, size_t len);
/* The target as text ("70%", "60% to 70%"), or "" when none is set. */
void gt_kpi_target_text(const struct gt_kpi *k, const struct gt_target *t,
                        char *out, size_t len);

/* The index of the latest period with a value, else of the last period;
 * values must not be empty. */
size_t gt_kpi_latest(const struct gt_kpi_values *values);

/* Judge values->v[i] against its target and the earlier periods in
 * values (which must be in period order). */
struct gt_kpi_judgement gt_kpi_judge(const struct gt_kpi *k,
                                     const struct gt_kpi_values *values,
                                     size_t i);

/* Whether showing v would disclose a small number of children: an
 * indicator counted from child-level records whose count, numerator or
 * denominator is from 1 to 5. */
bool gt_kpi_value_disclosive(const struct gt_kpi *k,
                             const struct gt_kpi_value *v);
/* Show every disclosive value as c (suppressed), as the DfE publishes
 * them: no number, no numerator or denominator, no note (it may give
 * them). For everyone who may not see child-level records. */
void gt_kpi_values_suppress(const struct gt_kpi *k, struct gt_kpi_values *vs);

#endif
