/*
 * workforce_import: workforce figures read. See workforce_io.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "io/csv_header.h"
#include "io/workforce_io.h"

enum col { C_UNIT, C_PERIOD, C_EST, C_FILLED, C_AGENCY, C_SICK, C_N };

static const struct gt_csv_column columns[C_N] = {
    [C_UNIT] = {"Unit", {"team", "service"}, true},
    [C_PERIOD] = {"Period", {NULL}, true},
    [C_EST] = {"Establishment FTE", {"establishment"}, true},
    [C_FILLED] = {"Filled FTE", {"filled", "in post", "staff in post"}, true},
    [C_AGENCY] = {"Agency FTE", {"agency"}, false},
    [C_SICK] = {"Sickness days", {"days lost", "sickness days lost"}, false},
};

struct reading {
    struct gt_csv *rows;
    struct gt_csv_header h;
    struct gt_ctx *ctx;
    struct gt_workforce_list *out;
};

/* The row's cell in column c is wrong; counted by the header. */
#define fail(rd, c, ...)                                                       \
    gt_csv_cell_error(&(rd)->h, (rd)->rows, (c), (rd)->ctx, __VA_ARGS__)

/* A number 0 or more; false (with an error when required or malformed)
 * when blank or bad. */
static bool
number(struct reading *rd, int c, bool required, double *out)
{
    size_t n;
    const char *s = gt_csv_cell(&rd->h, rd->rows, c, &n);
    char text[64], *end;
    if (!n) {
        if (required)
            fail(rd, c, "blank (a number of full-time equivalents)");
        return false;
    }
    snprintf(text, sizeof text, "%.*s", (int)(n < 63 ? n : 63), s);
    *out = strtod(text, &end);
    if (end == text || *end || !(*out >= 0) || *out > 1e6) {
        fail(rd, c, "\"%s\" is not a number of 0 or more", text);
        return false;
    }
    return true;
}

static void
read_row(void *arg)
{
    struct reading *rd = arg;
    struct gt_workforce_list *out = rd->out;
    size_t n;
    const char *unit = gt_csv_cell(&rd->h, rd->rows, C_UNIT, &n);
    char *unit_text = n ? xstrndup(unit, n) : NULL;
    const char *period = gt_csv_cell(&rd->h, rd->rows, C_PERIOD, &n);
    char period_text[128];
    struct gt_period p;
    const char *msg;
    bool ok = true;
    snprintf(period_text, sizeof period_text, "%.*s", (int)(n < 127 ? n : 127),
             period);
    if (!unit_text) {
        fail(rd, C_UNIT, "blank (the team or service)");
        ok = false;
    }
    if ((msg = gt_period_parse(period_text, &p))) {
        fail(rd, C_PERIOD, "\"%s\": %s", period_text, msg);
        ok = false;
    }
    double est = 0, filled = 0, agency = 0, sick = 0;
    ok = number(rd, C_EST, true, &est) && ok;
    ok = number(rd, C_FILLED, true, &filled) && ok;
    bool has_agency = number(rd, C_AGENCY, false, &agency);
    bool has_sick = number(rd, C_SICK, false, &sick);
    if (has_agency && ok && agency > filled) {
        fail(rd, C_AGENCY, "%g is more than the %g in post", agency, filled);
        ok = false;
    }
    for (size_t i = 0; ok && i < out->n; i++)
        if (strcmp(out->v[i].unit, unit_text) == 0 &&
            out->v[i].period.kind == p.kind &&
            out->v[i].period.start == p.start &&
            out->v[i].period.end == p.end) {
            fail(rd, C_PERIOD, "%s is given twice for %s", period_text,
                 unit_text);
            ok = false;
        }
    if (!ok) {
        free(unit_text);
        return;
    }
    struct gt_workforce *w = gt_workforce_push(out);
    w->unit = unit_text;
    w->period = p;
    w->establishment = est;
    w->filled = filled;
    w->agency = has_agency ? agency : 0;
    w->has_sickness = has_sick;
    w->sickness_days = sick;
}

enum gt_rc
gt_workforce_read(struct gt_csv *rows, struct gt_workforce_list *out,
                  struct gt_ctx *ctx)
{
    struct reading rd = {.rows = rows, .ctx = ctx, .out = out};
    return gt_csv_read_table(&rd.h, rows, columns, C_N, read_row, &rd, "rows",
                             ctx);
}
