/*
 * judge: RAG and direction of travel. See judge.h.
 */
#include "core/judge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool
gt_value_parse(const char *s, struct gt_value *out)
{
    static const struct {
        const char *symbol;
        enum gt_value_kind kind;
    } symbols[] = {
        {"x", GT_VALUE_NOT_AVAILABLE},
        {"z", GT_VALUE_NOT_APPLICABLE},
        {"c", GT_VALUE_SUPPRESSED},
        {"low", GT_VALUE_LOW},
    };
    while (*s == ' ')
        s++;
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        if (strcasecmp(s, symbols[i].symbol) == 0) {
            out->kind = symbols[i].kind;
            out->number = 0;
            return true;
        }
    }
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s)
        return false;
    while (*end == ' ')
        end++;
    if (*end || !isfinite(v))
        return false;
    out->kind = GT_VALUE_NUMBER;
    out->number = v;
    return true;
}

double
gt_round_half_away(double v, int decimals)
{
    double scale = pow(10, decimals < 0 ? 0 : decimals);
    double scaled = v * scale;
    /* 2.675 is held as 2.67499999...: a nudge far below the last shown
     * place makes it round the way it was written */
    double nudge = copysign(1e-9 * fmax(1, fabs(scaled)), scaled);
    return round(scaled + nudge) / scale;
}

void
gt_value_format(const struct gt_value *v, int decimals, char *out, size_t len)
{
    switch (v->kind) {
    case GT_VALUE_NUMBER:
        snprintf(out, len, "%.*f", decimals < 0 ? 0 : decimals,
                 gt_round_half_away(v->number, decimals));
        break;
    case GT_VALUE_NOT_AVAILABLE:
        snprintf(out, len, "x");
        break;
    case GT_VALUE_NOT_APPLICABLE:
        snprintf(out, len, "z");
        break;
    case GT_VALUE_SUPPRESSED:
        snprintf(out, len, "c");
        break;
    case GT_VALUE_LOW:
    default:
        snprintf(out, len, "low");
        break;
    }
}

bool
gt_value_usable(const struct gt_value *v)
{
    return v->kind == GT_VALUE_NUMBER || v->kind == GT_VALUE_LOW;
}

static double
band_of(const struct gt_target *t, const struct gt_tolerance *tol)
{
    if (!tol)
        return 0;
    double width = tol->relative ? fabs(t->value) * tol->amount : tol->amount;
    return width < 0 ? 0 : width;
}

enum gt_rag
gt_judge_rag(const struct gt_value *v, const struct gt_target *t,
             enum gt_polarity polarity, const struct gt_tolerance *tol)
{
    if (!t || !t->set || !gt_value_usable(v))
        return GT_RAG_GREY;
    double x = v->number, width = band_of(t, tol);
    switch (polarity) {
    case GT_HIGHER_BETTER:
        return x >= t->value           ? GT_RAG_GREEN
               : x >= t->value - width ? GT_RAG_AMBER
                                       : GT_RAG_RED;
    case GT_LOWER_BETTER:
        return x <= t->value           ? GT_RAG_GREEN
               : x <= t->value + width ? GT_RAG_AMBER
                                       : GT_RAG_RED;
    case GT_WITHIN_BAND:
    default:
        if (x >= t->value && x <= t->high)
            return GT_RAG_GREEN;
        if (x >= t->value - width && x <= t->high + width)
            return GT_RAG_AMBER;
        return GT_RAG_RED;
    }
}

const char *
gt_rag_words(enum gt_rag rag, enum gt_polarity polarity)
{
    switch (rag) {
    case GT_RAG_GREEN:
        return polarity == GT_HIGHER_BETTER  ? "On or above target"
               : polarity == GT_LOWER_BETTER ? "On or below target"
                                             : "Within the target band";
    case GT_RAG_AMBER:
        return "Within tolerance";
    case GT_RAG_RED:
        return "Off target";
    case GT_RAG_GREY:
    default:
        return "No target or value";
    }
}

const char *
gt_rag_word(enum gt_rag rag)
{
    static const char *const words[] = {"Grey", "Red", "Amber", "Green"};
    return (unsigned)rag < 4 ? words[rag] : words[0];
}

/* How far x is from the band (0 inside it). */
static double
distance(double x, const struct gt_target *band)
{
    if (x < band->value)
        return band->value - x;
    if (x > band->high)
        return x - band->high;
    return 0;
}

enum gt_direction
gt_judge_direction(const struct gt_value *now, const struct gt_value *before,
                   enum gt_polarity polarity, const struct gt_target *band,
                   double no_change)
{
    if (!gt_value_usable(now) || !gt_value_usable(before))
        return GT_DIR_UNKNOWN;
    double change = now->number - before->number;
    if (polarity == GT_WITHIN_BAND) {
        if (!band || !band->set)
            return GT_DIR_UNKNOWN;
        change = distance(before->number, band) - distance(now->number, band);
    } else if (polarity == GT_LOWER_BETTER) {
        change = -change;
    }
    if (fabs(change) <= no_change)
        return GT_DIR_NO_CHANGE;
    return change > 0 ? GT_DIR_IMPROVING : GT_DIR_WORSENING;
}

const char *
gt_direction_word(enum gt_direction d)
{
    static const char *const words[] = {"Not known", "Worsening", "No change",
                                        "Improving"};
    return (unsigned)d < 4 ? words[d] : words[0];
}

const char *
gt_direction_arrow(const struct gt_value *now, const struct gt_value *before,
                   double no_change)
{
    if (!gt_value_usable(now) || !gt_value_usable(before))
        return "";
    double change = now->number - before->number;
    if (fabs(change) <= no_change)
        return "\xE2\x86\x92";
    return change > 0 ? "\xE2\x86\x91" : "\xE2\x86\x93";
}
