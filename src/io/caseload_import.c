/*
 * caseload_import: a caseload snapshot read. See caseload_io.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "io/caseload_io.h"
#include "io/csv_header.h"

enum col { C_TEAM, C_WORKER, C_BAND, C_CASES, C_N };

static const struct gt_csv_column columns[C_N] = {
    [C_TEAM] = {"Team", {"unit", "service"}, true},
    [C_WORKER] = {"Worker", {"social worker", "name"}, true},
    [C_BAND] = {"Experience",
                {"band", "experience band", "years qualified"},
                true},
    [C_CASES] = {"Cases", {"caseload", "open cases", "children"}, true},
};

struct reading {
    struct gt_csv *rows;
    struct gt_csv_header h;
    struct gt_ctx *ctx;
    struct gt_caseloads *out;
};

/* The row's cell in column c is wrong; counted by the header. */
#define fail(rd, c, ...)                                                       \
    gt_csv_cell_error(&(rd)->h, (rd)->rows, (c), (rd)->ctx, __VA_ARGS__)

/* Column c's cell into text: 1 when given, 0 when blank, -1 (reported)
 * when longer than 255 bytes. */
static int
cell(struct reading *rd, int c, char text[256])
{
    size_t n;
    const char *s = gt_csv_cell(&rd->h, rd->rows, c, &n);
    if (n > 255) {
        fail(rd, c, "longer than 255 characters");
        return -1;
    }
    snprintf(text, 256, "%.*s", (int)n, s);
    return n > 0;
}

static void
read_row(void *arg)
{
    struct reading *rd = arg;
    struct gt_caseloads *out = rd->out;
    char team[256], worker[256], band_text[256], cases_text[256], *end;
    enum gt_caseload_band band = GT_BAND_EXPERIENCED;
    int given;
    bool ok = true;
    if ((given = cell(rd, C_TEAM, team)) <= 0) {
        if (!given)
            fail(rd, C_TEAM, "blank (the worker's team)");
        ok = false;
    }
    if ((given = cell(rd, C_WORKER, worker)) <= 0) {
        if (!given)
            fail(rd, C_WORKER, "blank (the social worker's name)");
        ok = false;
    }
    if ((given = cell(rd, C_BAND, band_text)) <= 0) {
        if (!given)
            fail(rd, C_BAND,
                 "blank (Newly qualified, After first year, More "
                 "than two years, or years since qualifying)");
        ok = false;
    } else if (!gt_caseload_band_parse(band_text, &band)) {
        fail(rd, C_BAND,
             "\"%s\" is not a band (Newly qualified, After first year, More "
             "than two years) nor a number of years since qualifying",
             band_text);
        ok = false;
    }
    long cases = 0;
    if ((given = cell(rd, C_CASES, cases_text)) <= 0) {
        if (!given)
            fail(rd, C_CASES, "blank (the number of cases held)");
        ok = false;
    } else {
        cases = strtol(cases_text, &end, 10);
        if (end == cases_text || *end || cases < 0 || cases > 1000) {
            fail(rd, C_CASES, "\"%s\" is not a whole number from 0 to 1000",
                 cases_text);
            ok = false;
        }
    }
    for (size_t i = 0; ok && i < out->n; i++)
        if (strcmp(out->v[i].team, team) == 0 &&
            strcmp(out->v[i].worker, worker) == 0) {
            fail(rd, C_WORKER, "%s is given twice in %s", worker, team);
            ok = false;
        }
    if (!ok)
        return;
    struct gt_caseload *c = gt_caseloads_push(out);
    c->team = xstrdup(team);
    c->worker = xstrdup(worker);
    c->band = band;
    c->cases = (int)cases;
}

enum gt_rc
gt_caseload_read(struct gt_csv *rows, struct gt_caseloads *out,
                 struct gt_ctx *ctx)
{
    struct reading rd = {.rows = rows, .ctx = ctx, .out = out};
    return gt_csv_read_table(&rd.h, rows, columns, C_N, read_row, &rd, "rows",
                             ctx);
}
