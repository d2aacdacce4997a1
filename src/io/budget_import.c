/*
 * budget_import: a revenue budget table read. See budget_io.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "io/budget_io.h"

#define NAME_COLUMN (-1)

struct reading {
    struct gt_csv *rows;
    struct gt_ctx *ctx;
    struct gt_budget *b;
    int col_of[GT_BUDGET_COLUMNS]; /* field index, -1 when absent */
    char *heading[GT_BUDGET_COLUMNS];
    char *first_heading; /* the name column's, to spot repeated headers */
    bool brackets;       /* income is written negative */
    size_t area_from;    /* the first line of the open area */
    int errors;
    /* each line's own total income and funding as written, checked once
     * the table's sign convention is known */
    struct written {
        long line;
        bool has[2];
        int64_t v[2];
    } * written;
};

/* s lower-cased and trimmed into out. */
static void
fold(const char *s, char *out, size_t len)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = 0;
    for (; *s && n + 1 < len; s++)
        out[n++] = (char)tolower((unsigned char)*s);
    while (n && isspace((unsigned char)out[n - 1]))
        n--;
    out[n] = '\0';
}

static int
column_kind(const char *h, int previous)
{
    if (strstr(h, "funding") || strstr(h, "net budget"))
        return GT_BUDGET_FUNDING;
    if (strstr(h, "total income"))
        return GT_BUDGET_INCOME;
    if (strstr(h, "grant"))
        return GT_BUDGET_GRANTS;
    if (strstr(h, "income"))
        return GT_BUDGET_OTHER;
    if (strstr(h, "gross") || strstr(h, "expenditure"))
        return GT_BUDGET_GROSS;
    if (!*h && previous == GT_BUDGET_OTHER)
        return GT_BUDGET_INCOME; /* the blank heading plans give it */
    return -1;
}

static enum gt_rc
read_header(struct reading *rd)
{
    struct gt_csv *c = rd->rows;
    char h[256];
    int previous = -1;
    rd->b->unit = 1;
    for (int k = 0; k < GT_BUDGET_COLUMNS; k++)
        rd->col_of[k] = -1;
    rd->first_heading = xstrdup(gt_csv_field(c, 0));
    for (size_t i = 1; i < gt_csv_n_fields(c); i++) {
        const char *raw = gt_csv_field(c, i);
        fold(raw, h, sizeof h);
        if (strstr(h, "\xc2\xa3"
                      "000") ||
            strstr(h, "\xc2\xa3k") || strstr(h, "000s"))
            rd->b->unit = 1000;
        int kind = column_kind(h, previous);
        previous = kind;
        if (*raw && strcasecmp(raw, rd->first_heading) == 0) {
            /* which of two name columns holds the names is a guess */
            rd->errors++;
            gt_err(rd->ctx, GT_INVALID, "%s:%ld: %s: a second name column",
                   gt_csv_name(c), gt_csv_line(c), raw);
            continue;
        }
        if (kind < 0) {
            if (*h)
                gt_err(rd->ctx, GT_OK,
                       "%s:%ld: %s: not a budget column; ignored",
                       gt_csv_name(c), gt_csv_line(c), raw);
            continue;
        }
        if (rd->col_of[kind] >= 0) {
            rd->errors++;
            gt_err(rd->ctx, GT_INVALID, "%s:%ld: %s: a second %s column",
                   gt_csv_name(c), gt_csv_line(c), raw,
                   gt_budget_column_word((enum gt_budget_column)kind));
            continue;
        }
        rd->col_of[kind] = (int)i;
        rd->heading[kind] = xstrdup(
            *raw ? raw : gt_budget_column_word((enum gt_budget_column)kind));
    }
    if (rd->col_of[GT_BUDGET_GROSS] < 0) {
        rd->errors++;
        gt_err(rd->ctx, GT_INVALID,
               "%s:%ld: no gross expenditure column (a heading with "
               "\"gross\" or \"expenditure\" in it)",
               gt_csv_name(c), gt_csv_line(c));
    }
    return rd->errors ? GT_INVALID : GT_OK;
}

/* An amount as tables write it: "1,234", "(358)", "-358", "1,234.5";
 * blank or a dash is none (false, *has = false). false with *bad when it
 * is not an amount. */
static bool
amount(const char *s, double *out, bool *has)
{
    char buf[64];
    size_t n = 0;
    bool neg = false, bracket = false;
    *has = false;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s || strcmp(s, "-") == 0 || strcmp(s, "\xe2\x80\x93") == 0)
        return true;
    if (*s == '(') {
        neg = bracket = true;
        s++;
    } else if (*s == '-') {
        neg = true;
        s++;
    }
    if (strncmp(s, "\xc2\xa3", 2) == 0)
        s += 2;
    for (; *s && *s != ')' && n + 1 < sizeof buf; s++) {
        if (*s == ',')
            continue;
        if (!isdigit((unsigned char)*s) && *s != '.')
            return false;
        buf[n++] = *s;
    }
    if ((*s == ')') != bracket)
        return false; /* a bracket opened and not closed, or the reverse */
    if (bracket)
        s++;
    while (isspace((unsigned char)*s))
        s++;
    buf[n] = '\0';
    if (*s || !n || strcmp(buf, ".") == 0)
        return false;
    *out = strtod(buf, NULL) * (neg ? -1 : 1);
    *has = true;
    return true;
}

static const char *
cell(const struct reading *rd, int kind)
{
    return rd->col_of[kind] < 0
               ? ""
               : gt_csv_field(rd->rows, (size_t)rd->col_of[kind]);
}

/* The row's amounts in pounds, as written (income negative when the table
 * uses brackets). false after an error for a cell that is not one. */
static bool
row_amounts(struct reading *rd, int64_t v[], bool has[])
{
    bool ok = true;
    for (int k = 0; k < GT_BUDGET_COLUMNS; k++) {
        double d = 0;
        v[k] = 0;
        if (!amount(cell(rd, k), &d, &has[k])) {
            rd->errors++;
            ok = false;
            gt_err(rd->ctx, GT_INVALID,
                   "%s:%ld: %s: \"%s\" is not an amount (such as 1,234 or "
                   "(358))",
                   gt_csv_name(rd->rows), gt_csv_line(rd->rows), rd->heading[k],
                   cell(rd, k));
            continue;
        }
        double pounds = d * (double)rd->b->unit;
        /* a trillion pounds is past any council's budget, and keeps every
         * sum far inside 64 bits */
        if (fabs(pounds) > 1e12) {
            rd->errors++;
            ok = false;
            gt_err(rd->ctx, GT_INVALID,
                   "%s:%ld: %s: \"%s\" is too large for a budget",
                   gt_csv_name(rd->rows), gt_csv_line(rd->rows), rd->heading[k],
                   cell(rd, k));
            continue;
        }
        v[k] = (int64_t)llround(pounds);
    }
    return ok;
}

/* Once the whole table is read: income held positive, whichever way the
 * table wrote it, and each line's own totals checked against its parts. */
static void
settle(struct reading *rd)
{
    struct gt_budget *b = rd->b;
    int sign = rd->brackets ? -1 : 1;
    for (size_t i = 0; i < b->n_lines; i++) {
        b->lines[i].grants *= sign;
        b->lines[i].other *= sign;
    }
    for (size_t i = 0; i < b->n_stated; i++)
        for (int k = GT_BUDGET_GRANTS; k <= GT_BUDGET_INCOME; k++)
            b->stated[i].v[k] *= sign;
    for (size_t i = 0; i < b->n_lines; i++) {
        const struct gt_budget_line *l = &b->lines[i];
        const struct written *w = &rd->written[i];
        int64_t made[2] = {l->grants + l->other,
                           l->gross - l->grants - l->other};
        for (int k = 0; k < 2; k++) {
            int64_t stated = k == 0 ? w->v[k] * sign : w->v[k];
            if (!w->has[k] || stated == made[k])
                continue;
            enum gt_budget_column col =
                k == 0 ? GT_BUDGET_INCOME : GT_BUDGET_FUNDING;
            char x[48], y[48];
            gt_budget_amount_text(stated, b->unit, k == 0, x, sizeof x);
            gt_budget_amount_text(made[k], b->unit, k == 0, y, sizeof y);
            gt_err(rd->ctx, GT_OK,
                   "%s:%ld: %s: %s is stated as %s, but its parts make %s "
                   "(the parts are kept)",
                   gt_csv_name(rd->rows), w->line, rd->heading[col], l->name, x,
                   y);
        }
    }
}

/* A row's first cell names a total: "Grand total" (or just "Total"), or
 * "AREA total". */
static bool
total_row(const char *name, char *area, size_t len, bool *grand)
{
    char f[256];
    fold(name, f, sizeof f);
    size_t n = strlen(f);
    *grand = strncmp(f, "grand total", 11) == 0;
    if (*grand)
        return true;
    if (n < 5 || strcmp(f + n - 5, "total") != 0)
        return false;
    /* the area as written, without " total" */
    size_t keep = strlen(name);
    while (keep && isspace((unsigned char)name[keep - 1]))
        keep--;
    keep = keep >= 5 ? keep - 5 : 0;
    while (keep && isspace((unsigned char)name[keep - 1]))
        keep--;
    while (*name && isspace((unsigned char)*name) && keep) {
        name++;
        keep--;
    }
    snprintf(area, len, "%.*s", (int)keep, name);
    *grand = !*area; /* a bare "Total" is the whole table's */
    return true;
}

static void
state_total(struct reading *rd, const char *area, const int64_t v[],
            const bool has[])
{
    struct gt_budget_stated *s = gt_budget_add_stated(rd->b, area);
    for (int k = 0; k < GT_BUDGET_COLUMNS; k++) {
        s->has[k] = has[k] && rd->col_of[k] >= 0;
        s->v[k] = v[k];
    }
}

/* The lines since the last total get the area's name. */
static void
close_area(struct reading *rd, const char *area)
{
    for (size_t i = rd->area_from; i < rd->b->n_lines; i++) {
        free(rd->b->lines[i].area);
        rd->b->lines[i].area = xstrdup(area);
    }
    rd->area_from = rd->b->n_lines;
}

/* Whether the table writes income negative: any income cell below 0. */
static void
sign_convention(struct reading *rd, int64_t v[])
{
    if (v[GT_BUDGET_GRANTS] < 0 || v[GT_BUDGET_OTHER] < 0 ||
        v[GT_BUDGET_INCOME] < 0)
        rd->brackets = true;
}

static void
read_row(struct reading *rd)
{
    struct gt_csv *c = rd->rows;
    const char *name = gt_csv_field(c, 0);
    char area[256];
    bool grand, has[GT_BUDGET_COLUMNS];
    int64_t v[GT_BUDGET_COLUMNS];
    if (strcmp(name, rd->first_heading) == 0)
        return; /* the heading row again, after a page break */
    if (!row_amounts(rd, v, has))
        return;
    sign_convention(rd, v);
    if (total_row(name, area, sizeof area, &grand)) {
        if (!grand)
            close_area(rd, area);
        state_total(rd, grand ? "" : area, v, has);
        return;
    }
    char trimmed[256];
    snprintf(trimmed, sizeof trimmed, "%s", name);
    char *t = trimmed;
    while (isspace((unsigned char)*t))
        t++;
    size_t n = strlen(t);
    while (n && isspace((unsigned char)t[n - 1]))
        t[--n] = '\0';
    if (!*t) {
        rd->errors++;
        gt_err(rd->ctx, GT_INVALID,
               "%s:%ld: %s: blank (a budget line needs "
               "a name)",
               gt_csv_name(c), gt_csv_line(c), rd->first_heading);
        return;
    }
    struct gt_budget_line *l = gt_budget_add_line(rd->b, "", t);
    l->gross = v[GT_BUDGET_GROSS];
    l->grants = v[GT_BUDGET_GRANTS];
    l->other = v[GT_BUDGET_OTHER];
    rd->written =
        xrealloc(rd->written, rd->b->alloc_lines * sizeof *rd->written);
    rd->written[rd->b->n_lines - 1] = (struct written){
        gt_csv_line(c),
        {has[GT_BUDGET_INCOME] && rd->col_of[GT_BUDGET_INCOME] >= 0,
         has[GT_BUDGET_FUNDING] && rd->col_of[GT_BUDGET_FUNDING] >= 0},
        {v[GT_BUDGET_INCOME], v[GT_BUDGET_FUNDING]}};
}

enum gt_rc
gt_budget_read(struct gt_csv *rows, int year, struct gt_budget *out,
               struct gt_ctx *ctx)
{
    struct reading rd = {.rows = rows, .ctx = ctx, .b = out};
    enum gt_rc rc = gt_csv_next(rows, ctx);
    out->year = year;
    if (rc == GT_DONE)
        rc =
            gt_err(ctx, GT_INVALID, "%s: the file is empty", gt_csv_name(rows));
    if (rc == GT_OK)
        rc = read_header(&rd);
    while (rc == GT_OK && (rc = gt_csv_next(rows, ctx)) == GT_OK)
        read_row(&rd);
    if (rc == GT_DONE)
        rc = rd.errors ? GT_INVALID : GT_OK;
    if (rc == GT_OK && rd.area_from < out->n_lines) {
        gt_err(ctx, GT_OK,
               "%s: %zu lines after the last area total are put in the area "
               "\"Other\"",
               gt_csv_name(rows), out->n_lines - rd.area_from);
        close_area(&rd, "Other");
    }
    if (rc == GT_OK && !out->n_lines)
        rc = gt_err(ctx, GT_INVALID, "%s: no budget lines", gt_csv_name(rows));
    if (rc == GT_OK)
        settle(&rd);
    free(rd.written);
    for (int k = 0; k < GT_BUDGET_COLUMNS; k++)
        free(rd.heading[k]);
    free(rd.first_heading);
    return rc;
}

/* The area of b whose name is s, any case, or NULL. */
static const char *
known_area(const struct gt_budget *b, const char *s)
{
    for (size_t i = 0; i < b->n_lines; i++)
        if (strcasecmp(b->lines[i].area, s) == 0)
            return b->lines[i].area;
    return NULL;
}

enum gt_rc
gt_budget_forecast_read(struct gt_csv *rows, struct gt_budget *b,
                        struct gt_ctx *ctx)
{
    enum gt_rc rc = gt_csv_next(rows, ctx);
    const char *name = gt_csv_name(rows);
    long col = -1;
    int64_t unit = 1;
    int errors = 0;
    char h[256], *heading = NULL;
    if (rc == GT_DONE)
        return gt_err(ctx, GT_INVALID, "%s: the file is empty", name);
    if (rc != GT_OK)
        return rc;
    for (size_t i = 1; i < gt_csv_n_fields(rows); i++) {
        fold(gt_csv_field(rows, i), h, sizeof h);
        if (col < 0 && (strstr(h, "forecast") || strstr(h, "outturn"))) {
            col = (long)i;
            heading = xstrdup(gt_csv_field(rows, i));
            if (strstr(h, "\xc2\xa3"
                          "000") ||
                strstr(h, "\xc2\xa3k") || strstr(h, "000s"))
                unit = 1000;
        }
    }
    if (col < 0) {
        return gt_err(ctx, GT_INVALID,
                      "%s:%ld: no forecast column (a heading with "
                      "\"forecast\" or \"outturn\" in it)",
                      name, gt_csv_line(rows));
    }
    while ((rc = gt_csv_next(rows, ctx)) == GT_OK) {
        char area_text[256], total[256];
        bool grand, has;
        double d = 0;
        fold(gt_csv_field(rows, 0), h, sizeof h);
        snprintf(area_text, sizeof area_text, "%s", gt_csv_field(rows, 0));
        if (!*h || total_row(area_text, total, sizeof total, &grand))
            continue;
        size_t n = strlen(area_text);
        while (n && isspace((unsigned char)area_text[n - 1]))
            area_text[--n] = '\0';
        const char *area = known_area(b, area_text);
        const char *cell_text = gt_csv_field(rows, (size_t)col);
        if (!area) {
            errors++;
            gt_err(ctx, GT_INVALID,
                   "%s:%ld: %s: \"%s\" is not a service area of the "
                   "budget",
                   name, gt_csv_line(rows), gt_csv_field(rows, 0), area_text);
            continue;
        }
        if (!amount(cell_text, &d, &has) || !has ||
            fabs(d * (double)unit) > 1e12) {
            errors++;
            gt_err(ctx, GT_INVALID,
                   "%s:%ld: %s: \"%s\" is not an amount (such as 1,234)", name,
                   gt_csv_line(rows), heading, cell_text);
            continue;
        }
        bool twice = false;
        for (size_t k = 0; k < b->n_forecasts && !twice; k++)
            twice = strcmp(b->forecasts[k].area, area) == 0;
        if (twice) {
            errors++;
            gt_err(ctx, GT_INVALID, "%s:%ld: %s: given twice", name,
                   gt_csv_line(rows), area);
            continue;
        }
        gt_budget_add_forecast(b, area, (int64_t)llround(d * (double)unit));
    }
    free(heading);
    if (rc != GT_DONE)
        return rc;
    if (errors)
        return GT_INVALID;
    if (!b->n_forecasts)
        return gt_err(ctx, GT_INVALID, "%s: no forecasts", name);
    return GT_OK;
}
