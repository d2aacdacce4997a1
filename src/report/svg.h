/*
 * svg: charts drawn on the server, as UI.md asks: an indicator's trend
 * with its target and comparators, BRAG bars per theme, and sparklines.
 * Each chart is an <svg role="img"> with a <title> and a <desc> that say
 * what it shows (the page puts the same data in a table beside it), text
 * in a named font, the Analysis Function palette, and lines told apart by
 * dash and marker as well as colour. Output depends only on the input.
 */
#ifndef GT_REPORT_SVG_H
#define GT_REPORT_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/brag.h"
#include "report/markup.h"

/* One line of a trend: a value per period, or a gap. */
struct svg_series {
    const char *name; /* for the legend: "Riverside", "England" */
    const double *y;  /* n values */
    const bool *has;  /* n flags: false leaves a gap */
};

#define SVG_MAX_COMPARATORS 3

struct svg_trend {
    const char *id;            /* unique on the page; prefixes element ids */
    const char *title;         /* what the chart is: the indicator's title */
    const char *desc;          /* what it shows, in a sentence */
    size_t n;                  /* periods */
    const char *const *labels; /* n short period names for the x axis */
    struct svg_series value;
    /* the target per period: a line, or a band from target to target_high */
    const double *target, *target_high; /* target_high NULL unless a band */
    const bool *has_target;
    struct svg_series comparators[SVG_MAX_COMPARATORS];
    size_t n_comparators;
    int decimals;       /* for axis labels */
    const char *suffix; /* "%" or "" */
};

/* A line chart, 640 by 320 units, scaled to its container. */
void svg_trend(struct markup *m, const struct svg_trend *c);

/* A small line of n values (gaps where has is false) for a table cell;
 * label says in words what it shows. */
void svg_sparkline(struct markup *m, const double *y, const bool *has, size_t n,
                   const char *label);

/* One bar per row (a theme or priority), split by BRAG status, with the
 * counts written on the bar where they fit. */
struct svg_brag_row {
    const char *label;
    struct gt_brag_counts counts;
};
void svg_brag_bars(struct markup *m, const char *id, const char *title,
                   const char *desc, const struct svg_brag_row *rows, size_t n);

/* A risk register's 5 x 5 heat map: impact across, likelihood up, each
 * cell shaded by its band (Low, Medium, High, Very high, with a legend in
 * words) and holding the refs of the risks scored there, so nothing is
 * told by colour alone. */
struct svg_risk_mark {
    const char *ref;
    int likelihood, impact; /* 1 to 5 */
};
void svg_risk_heat_map(struct markup *m, const char *id, const char *title,
                       const char *desc, const struct svg_risk_mark *risks,
                       size_t n);

#endif
