/*
 * svg: server-drawn charts. See svg.h.
 *
 * Coordinates are written with one decimal place, so the same data gives
 * the same bytes on every machine.
 */
#include "report/svg.h"

#include "core/risk.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FONT "font-family=\"arial, sans-serif\""
#define INK "#0b0c0c"

/* The trend chart's frame. */
enum {
    TREND_W = 640,
    TREND_H = 320,
    PLOT_L = 64,
    PLOT_R = 624,
    PLOT_T = 16,
    PLOT_B = 236,
};

/* The value's line and then each comparator's: colour, dash, marker. */
static const struct {
    const char *colour, *dash;
    bool marker;
} line_styles[] = {
    {"#12436D", NULL, true},        /* the council */
    {"#28A197", "8 4", false},      /* England */
    {"#801650", "2 4", false},      /* region */
    {"#F46A25", "10 4 2 4", false}, /* statistical neighbours */
};
#define TARGET_COLOUR "#3D3D3D"
#define TARGET_DASH "6 4"

struct scale {
    double lo, hi, step;
    int places; /* for tick labels */
};

static void
widen(double v, bool *any, double *lo, double *hi)
{
    if (!isfinite(v))
        return;
    if (!*any || v < *lo)
        *lo = v;
    if (!*any || v > *hi)
        *hi = v;
    *any = true;
}

static void
widen_series(const struct svg_series *s, size_t n, bool *any, double *lo,
             double *hi)
{
    for (size_t i = 0; s->y && i < n; i++)
        if (s->has[i])
            widen(s->y[i], any, lo, hi);
}

/* Round numbers for the axis: about four steps of 1, 2 or 5 times a power
 * of ten, from zero when every number is at or above zero and near it. */
static struct scale
nice_scale(const struct svg_trend *c)
{
    bool any = false;
    double lo = 0, hi = 0;
    widen_series(&c->value, c->n, &any, &lo, &hi);
    for (size_t k = 0; k < c->n_comparators; k++)
        widen_series(&c->comparators[k], c->n, &any, &lo, &hi);
    for (size_t i = 0; c->target && i < c->n; i++)
        if (c->has_target[i]) {
            widen(c->target[i], &any, &lo, &hi);
            if (c->target_high)
                widen(c->target_high[i], &any, &lo, &hi);
        }
    if (!any)
        lo = 0, hi = 1;
    if (lo >= 0 && lo < (hi - lo))
        lo = 0;
    if (hi - lo < 1e-9)
        lo -= 1, hi += 1;
    double raw = (hi - lo) / 4, mag = pow(10, floor(log10(raw)));
    double norm = raw / mag;
    double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
    struct scale s = {floor(lo / step) * step, ceil(hi / step) * step, step, 0};
    int places = (int)-floor(log10(step) + 1e-9);
    s.places = places < 0 ? 0 : places > 4 ? 4 : places;
    return s;
}

static double
x_at(const struct svg_trend *c, size_t i)
{
    if (c->n <= 1)
        return (PLOT_L + PLOT_R) / 2.0;
    return PLOT_L + 16 +
           (PLOT_R - PLOT_L - 32) * (double)i / (double)(c->n - 1);
}

static double
y_at(const struct scale *s, double v)
{
    return PLOT_B - (PLOT_B - PLOT_T) * (v - s->lo) / (s->hi - s->lo);
}

static void
point(struct markup *m, double x, double y)
{
    markup_num(m, x, 1);
    markup_lit(m, " ");
    markup_num(m, y, 1);
}

static void
stroke(struct markup *m, const char *colour, const char *dash, int width)
{
    markup_lit(m, " fill=\"none\" stroke=\"");
    markup_text(m, colour);
    markup_lit(m, "\" stroke-width=\"");
    markup_int(m, width);
    markup_lit(m, "\"");
    if (dash) {
        markup_lit(m, " stroke-dasharray=\"");
        markup_text(m, dash);
        markup_lit(m, "\"");
    }
}

static void
axes(struct markup *m, const struct svg_trend *c, const struct scale *s)
{
    markup_lit(m, "<g " FONT " font-size=\"12\" fill=\"" INK "\">");
    for (double v = s->lo; v <= s->hi + s->step / 2; v += s->step) {
        double y = y_at(s, v);
        markup_lit(m, "<line x1=\""
                      "64"
                      "\" x2=\""
                      "624"
                      "\" y1=\"");
        markup_num(m, y, 1);
        markup_lit(m, "\" y2=\"");
        markup_num(m, y, 1);
        markup_lit(m, "\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>"
                      "<text x=\"58\" y=\"");
        markup_num(m, y + 4, 1);
        markup_lit(m, "\" text-anchor=\"end\">");
        markup_num(m, fabs(v) < s->step / 1e6 ? 0 : v, s->places);
        markup_text(m, c->suffix);
        markup_lit(m, "</text>");
    }
    /* label every period while they fit, else every second or more */
    size_t every = c->n > 8 ? (c->n + 7) / 8 : 1;
    for (size_t i = 0; i < c->n; i++) {
        if ((c->n - 1 - i) % every)
            continue;
        markup_lit(m, "<text x=\"");
        markup_num(m, x_at(c, i), 1);
        markup_lit(m, "\" y=\"256\" text-anchor=\"middle\">");
        markup_text(m, c->labels[i]);
        markup_lit(m, "</text>");
    }
    markup_lit(m, "</g>");
}

/* The next point of a path: its start, a line on, or a move after a gap. */
static void
move_or_line(struct markup *m, bool started, bool open)
{
    if (!started)
        markup_lit(m, "<path d=\"M ");
    else if (open)
        markup_lit(m, " L ");
    else
        markup_lit(m, " M ");
}

/* The series as a path, a new stroke after each gap. */
static void
series_path(struct markup *m, const struct svg_trend *c, const struct scale *s,
            const double *y, const bool *has, const char *colour,
            const char *dash, int width)
{
    bool open = false, any = false;
    for (size_t i = 0; i < c->n; i++) {
        if (!has[i] || !isfinite(y[i])) {
            open = false;
            continue;
        }
        move_or_line(m, any, open);
        point(m, x_at(c, i), y_at(s, y[i]));
        open = any = true;
    }
    if (!any)
        return;
    markup_lit(m, "\"");
    stroke(m, colour, dash, width);
    markup_lit(m, "/>");
}

static void
markers(struct markup *m, const struct svg_trend *c, const struct scale *s,
        const struct svg_series *v, const char *colour)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!v->has[i] || !isfinite(v->y[i]))
            continue;
        markup_lit(m, "<circle r=\"4\" cx=\"");
        markup_num(m, x_at(c, i), 1);
        markup_lit(m, "\" cy=\"");
        markup_num(m, y_at(s, v->y[i]), 1);
        markup_lit(m, "\" fill=\"");
        markup_text(m, colour);
        markup_lit(m, "\"/>");
    }
}

/* The band between the target's low and high ends, shaded. */
static void
band(struct markup *m, const struct svg_trend *c, const struct scale *s)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!c->has_target[i])
            continue;
        double half = c->n > 1 ? (x_at(c, 1) - x_at(c, 0)) / 2 : 40;
        double x0 = fmax(PLOT_L, x_at(c, i) - half),
               x1 = fmin(PLOT_R, x_at(c, i) + half);
        double top = y_at(s, c->target_high[i]), bottom = y_at(s, c->target[i]);
        markup_lit(m, "<rect x=\"");
        markup_num(m, x0, 1);
        markup_lit(m, "\" y=\"");
        markup_num(m, top, 1);
        markup_lit(m, "\" width=\"");
        markup_num(m, x1 - x0, 1);
        markup_lit(m, "\" height=\"");
        markup_num(m, bottom - top, 1);
        markup_lit(m, "\" fill=\"" TARGET_COLOUR "\" fill-opacity=\"0.12\"/>");
    }
}

/* A sample of the line, then its name; returns the next entry's x. */
static double
legend_entry(struct markup *m, double x, double y, const char *name,
             const char *colour, const char *dash, bool marker)
{
    markup_lit(m, "<line x1=\"");
    markup_num(m, x, 1);
    markup_lit(m, "\" x2=\"");
    markup_num(m, x + 28, 1);
    markup_lit(m, "\" y1=\"");
    markup_num(m, y, 1);
    markup_lit(m, "\" y2=\"");
    markup_num(m, y, 1);
    markup_lit(m, "\"");
    stroke(m, colour, dash, 3);
    markup_lit(m, "/>");
    if (marker) {
        markup_lit(m, "<circle r=\"4\" cx=\"");
        markup_num(m, x + 14, 1);
        markup_lit(m, "\" cy=\"");
        markup_num(m, y, 1);
        markup_lit(m, "\" fill=\"");
        markup_text(m, colour);
        markup_lit(m, "\"/>");
    }
    markup_lit(m, "<text x=\"");
    markup_num(m, x + 34, 1);
    markup_lit(m, "\" y=\"");
    markup_num(m, y + 4, 1);
    markup_lit(m, "\">");
    markup_text(m, name);
    markup_lit(m, "</text>");
    /* about 7 units a character at this size */
    return x + 34 + 7.0 * (double)strlen(name) + 20;
}

static void
legend(struct markup *m, const struct svg_trend *c)
{
    double x = PLOT_L, y = 284;
    markup_lit(m, "<g " FONT " font-size=\"13\" fill=\"" INK "\">");
    x = legend_entry(m, x, y, c->value.name, line_styles[0].colour, NULL, true);
    if (c->target)
        x = legend_entry(m, x, y, c->target_high ? "Target band" : "Target",
                         TARGET_COLOUR, TARGET_DASH, false);
    for (size_t k = 0; k < c->n_comparators; k++) {
        if (x > PLOT_R - 120)
            x = PLOT_L, y += 22;
        x = legend_entry(m, x, y, c->comparators[k].name,
                         line_styles[k + 1].colour, line_styles[k + 1].dash,
                         false);
    }
    markup_lit(m, "</g>");
}

static void
open_svg(struct markup *m, const char *id, int w, int h, const char *title,
         const char *desc)
{
    markup_lit(m, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                  "class=\"app-chart\" role=\"img\" viewBox=\"0 0 ");
    markup_int(m, w);
    markup_lit(m, " ");
    markup_int(m, h);
    markup_lit(m, "\" aria-labelledby=\"");
    markup_text(m, id);
    markup_lit(m, "-title ");
    markup_text(m, id);
    markup_lit(m, "-desc\"><title id=\"");
    markup_text(m, id);
    markup_lit(m, "-title\">");
    markup_text(m, title);
    markup_lit(m, "</title><desc id=\"");
    markup_text(m, id);
    markup_lit(m, "-desc\">");
    markup_text(m, desc);
    markup_lit(m, "</desc>");
}

void
svg_trend(struct markup *m, const struct svg_trend *c)
{
    struct scale s = nice_scale(c);
    size_t n_comparators = c->n_comparators < SVG_MAX_COMPARATORS
                               ? c->n_comparators
                               : SVG_MAX_COMPARATORS;
    open_svg(m, c->id, TREND_W, TREND_H, c->title, c->desc);
    if (c->target && c->target_high)
        band(m, c, &s);
    axes(m, c, &s);
    if (c->target) {
        series_path(m, c, &s, c->target, c->has_target, TARGET_COLOUR,
                    TARGET_DASH, 2);
        if (c->target_high)
            series_path(m, c, &s, c->target_high, c->has_target, TARGET_COLOUR,
                        TARGET_DASH, 2);
    }
    for (size_t k = 0; k < n_comparators; k++)
        series_path(m, c, &s, c->comparators[k].y, c->comparators[k].has,
                    line_styles[k + 1].colour, line_styles[k + 1].dash, 2);
    series_path(m, c, &s, c->value.y, c->value.has, line_styles[0].colour, NULL,
                3);
    markers(m, c, &s, &c->value, line_styles[0].colour);
    struct svg_trend shown = *c;
    shown.n_comparators = n_comparators;
    legend(m, &shown);
    markup_lit(m, "</svg>");
}

void
svg_sparkline(struct markup *m, const double *y, const bool *has, size_t n,
              const char *label)
{
    struct svg_trend c = {.n = n, .value = {NULL, y, has}};
    bool any = false;
    double lo = 0, hi = 0;
    widen_series(&c.value, n, &any, &lo, &hi);
    if (hi - lo < 1e-9)
        lo -= 1, hi += 1;
    markup_lit(m, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                  "class=\"app-sparkline\" role=\"img\" width=\"96\" "
                  "height=\"24\" viewBox=\"0 0 96 24\"><title>");
    markup_text(m, label);
    markup_lit(m, "</title>");
    bool open = false, started = false;
    double last_x = 0, last_y = 0;
    for (size_t i = 0; i < n; i++) {
        if (!has[i] || !isfinite(y[i])) {
            open = false;
            continue;
        }
        last_x = n > 1 ? 4 + 88.0 * (double)i / (double)(n - 1) : 48;
        last_y = 20 - 16 * (y[i] - lo) / (hi - lo);
        move_or_line(m, started, open);
        point(m, last_x, last_y);
        open = started = true;
    }
    if (started) {
        markup_lit(m, "\"");
        stroke(m, line_styles[0].colour, NULL, 2);
        markup_lit(m, "/><circle r=\"3\" cx=\"");
        markup_num(m, last_x, 1);
        markup_lit(m, "\" cy=\"");
        markup_num(m, last_y, 1);
        markup_lit(m, "\" fill=\"#12436D\"/>");
    }
    markup_lit(m, "</svg>");
}

/* BRAG colours as GOV.UK's tags draw them, in the order bars are split. */
static const struct {
    enum gt_brag status;
    const char *fill, *ink;
} brag_styles[] = {
    {GT_RED, "#d4351c", "#ffffff"},   {GT_AMBER, "#f47738", INK},
    {GT_GREEN, "#00703c", "#ffffff"}, {GT_BLUE, "#1d70b8", "#ffffff"},
    {GT_NOT_RATED, "#b1b4b6", INK},
};
#define BRAG_STYLES (sizeof brag_styles / sizeof brag_styles[0])

enum { BAR_L = 220, BAR_R = 620, BAR_ROW = 30 };

static void
brag_row(struct markup *m, const struct svg_brag_row *row, double y, long most)
{
    char label[40];
    size_t len = strlen(row->label);
    /* long titles are cut at a character boundary; the table has them whole */
    if (len > 30) {
        size_t cut = 28;
        while (cut && ((unsigned char)row->label[cut] & 0xC0) == 0x80)
            cut--;
        snprintf(label, sizeof label, "%.*s…", (int)cut, row->label);
    } else {
        snprintf(label, sizeof label, "%s", row->label);
    }
    markup_lit(m, "<text x=\"212\" y=\"");
    markup_num(m, y + 19, 1);
    markup_lit(m, "\" text-anchor=\"end\">");
    markup_text(m, label);
    markup_lit(m, "</text>");
    double x = BAR_L;
    for (size_t k = 0; k < BRAG_STYLES; k++) {
        long count = row->counts.n[brag_styles[k].status];
        if (!count)
            continue;
        double w = (BAR_R - BAR_L) * (double)count / (double)most;
        markup_lit(m, "<rect x=\"");
        markup_num(m, x, 1);
        markup_lit(m, "\" y=\"");
        markup_num(m, y + 4, 1);
        markup_lit(m, "\" width=\"");
        markup_num(m, w, 1);
        markup_lit(m, "\" height=\"22\" fill=\"");
        markup_text(m, brag_styles[k].fill);
        markup_lit(m, "\"/>");
        if (w >= 20) {
            markup_lit(m, "<text x=\"");
            markup_num(m, x + w / 2, 1);
            markup_lit(m, "\" y=\"");
            markup_num(m, y + 19, 1);
            markup_lit(m, "\" text-anchor=\"middle\" fill=\"");
            markup_text(m, brag_styles[k].ink);
            markup_lit(m, "\">");
            markup_int(m, count);
            markup_lit(m, "</text>");
        }
        x += w;
    }
}

/* A legend's key at *x: a square of fill (outlined, for pale fills) and
 * its word; *x moves on past it. */
static void
legend_key(struct markup *m, double *x, double y, const char *fill,
           bool outline, const char *word)
{
    markup_lit(m, "<rect width=\"14\" height=\"14\" ");
    if (outline)
        markup_lit(m, "stroke=\"" INK "\" ");
    markup_lit(m, "x=\"");
    markup_num(m, *x, 1);
    markup_lit(m, "\" y=\"");
    markup_num(m, y - 7, 1);
    markup_lit(m, "\" fill=\"");
    markup_text(m, fill);
    markup_lit(m, "\"/><text x=\"");
    markup_num(m, *x + 18, 1);
    markup_lit(m, "\" y=\"");
    markup_num(m, y + 5, 1);
    markup_lit(m, "\">");
    markup_text(m, word);
    markup_lit(m, "</text>");
    *x += 18 + 7.0 * (double)strlen(word) + 16;
}

void
svg_brag_bars(struct markup *m, const char *id, const char *title,
              const char *desc, const struct svg_brag_row *rows, size_t n)
{
    long most = 1;
    for (size_t i = 0; i < n; i++) {
        long total = gt_brag_total(&rows[i].counts);
        if (total > most)
            most = total;
    }
    int height = (int)n * BAR_ROW + 48;
    open_svg(m, id, 640, height, title, desc);
    markup_lit(m, "<g " FONT " font-size=\"13\" fill=\"" INK "\">");
    for (size_t i = 0; i < n; i++)
        brag_row(m, &rows[i], (double)i * BAR_ROW, most);
    double x = BAR_L, y = (double)n * BAR_ROW + 20;
    for (size_t k = 0; k < BRAG_STYLES; k++)
        legend_key(m, &x, y, brag_styles[k].fill, false,
                   gt_brag_word(brag_styles[k].status));
    markup_lit(m, "</g></svg>");
}

/* The heat map's frame: cells of HEAT_CELL, axes left and below. */
enum { HEAT_L = 96, HEAT_T = 16, HEAT_CELL = 88 };

static const struct {
    const char *band, *fill;
} heat_styles[] = {
    {"Low", "#cce2d8"},
    {"Medium", "#fff7bf"},
    {"High", "#fcd6c3"},
    {"Very high", "#f4b7ae"},
};

static const char *
heat_fill(int value)
{
    const char *band = gt_risk_band(value);
    for (size_t k = 0; k < sizeof heat_styles / sizeof heat_styles[0]; k++)
        if (strcmp(heat_styles[k].band, band) == 0)
            return heat_styles[k].fill;
    return "#ffffff";
}

static void
heat_cell(struct markup *m, int likelihood, int impact,
          const struct svg_risk_mark *risks, size_t n)
{
    double x = HEAT_L + (impact - 1) * HEAT_CELL;
    double y = HEAT_T + (5 - likelihood) * HEAT_CELL;
    markup_lit(m, "<rect x=\"");
    markup_num(m, x, 0);
    markup_lit(m, "\" y=\"");
    markup_num(m, y, 0);
    markup_lit(m, "\" width=\"");
    markup_int(m, HEAT_CELL);
    markup_lit(m, "\" height=\"");
    markup_int(m, HEAT_CELL);
    markup_lit(m, "\" fill=\"");
    markup_text(m, heat_fill(likelihood * impact));
    markup_lit(m, "\" stroke=\"#ffffff\" stroke-width=\"2\"/>");
    /* the score in the corner, the refs in the middle, a line each */
    markup_lit(m, "<text x=\"");
    markup_num(m, x + 6, 0);
    markup_lit(m, "\" y=\"");
    markup_num(m, y + 16, 0);
    markup_lit(m, "\" font-size=\"11\">");
    markup_int(m, likelihood * impact);
    markup_lit(m, "</text>");
    int line = 0;
    for (size_t i = 0; i < n && line < 4; i++) {
        if (risks[i].likelihood != likelihood || risks[i].impact != impact)
            continue;
        markup_lit(m, "<text x=\"");
        markup_num(m, x + HEAT_CELL / 2.0, 0);
        markup_lit(m, "\" y=\"");
        markup_num(m, y + 36 + line * 16, 0);
        markup_lit(m, "\" text-anchor=\"middle\" font-weight=\"bold\">");
        markup_text(m, risks[i].ref);
        markup_lit(m, "</text>");
        line++;
    }
}

void
svg_risk_heat_map(struct markup *m, const char *id, const char *title,
                  const char *desc, const struct svg_risk_mark *risks, size_t n)
{
    int w = HEAT_L + 5 * HEAT_CELL + 16, h = HEAT_T + 5 * HEAT_CELL + 88;
    open_svg(m, id, w, h, title, desc);
    markup_lit(m, "<g " FONT " font-size=\"13\" fill=\"" INK "\">");
    for (int l = 5; l >= 1; l--)
        for (int i = 1; i <= 5; i++)
            heat_cell(m, l, i, risks, n);
    for (int k = 1; k <= 5; k++) {
        markup_lit(m, "<text x=\"");
        markup_num(m, HEAT_L - 8, 0);
        markup_lit(m, "\" y=\"");
        markup_num(m, HEAT_T + (5 - k) * HEAT_CELL + HEAT_CELL / 2.0 + 4, 0);
        markup_lit(m, "\" text-anchor=\"end\">");
        markup_int(m, k);
        markup_lit(m, "</text><text x=\"");
        markup_num(m, HEAT_L + (k - 1) * HEAT_CELL + HEAT_CELL / 2.0, 0);
        markup_lit(m, "\" y=\"");
        markup_num(m, HEAT_T + 5 * HEAT_CELL + 18, 0);
        markup_lit(m, "\" text-anchor=\"middle\">");
        markup_int(m, k);
        markup_lit(m, "</text>");
    }
    markup_lit(m, "<text x=\"");
    markup_num(m, HEAT_L + 2.5 * HEAT_CELL, 0);
    markup_lit(m, "\" y=\"");
    markup_num(m, HEAT_T + 5 * HEAT_CELL + 38, 0);
    markup_lit(m, "\" text-anchor=\"middle\">Impact</text>");
    /* the likelihood axis's name runs up beside it */
    markup_lit(m, "<text x=\"40\" y=\"");
    markup_num(m, HEAT_T + 2.5 * HEAT_CELL, 0);
    markup_lit(m, "\" text-anchor=\"middle\" transform=\"rotate(-90 40 ");
    markup_num(m, HEAT_T + 2.5 * HEAT_CELL, 0);
    markup_lit(m, ")\">Likelihood</text>");
    double x = HEAT_L, y = HEAT_T + 5 * HEAT_CELL + 64;
    for (size_t k = 0; k < sizeof heat_styles / sizeof heat_styles[0]; k++)
        legend_key(m, &x, y, heat_styles[k].fill, true, heat_styles[k].band);
    markup_lit(m, "</g></svg>");
}
