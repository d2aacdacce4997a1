/*
 * csv_header: named columns of an imported CSV. See csv_header.h.
 */
#include "io/csv_header.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

/* A copy of s with surrounding white space trimmed, lower-cased, inner runs
 * of space collapsed and a trailing colon or full stop dropped. */
static void
normalise_header(const char *s, char *out, size_t len)
{
    size_t n = 0;
    bool space = false;
    while (*s && isspace((unsigned char)*s))
        s++;
    for (; *s && n + 1 < len; s++) {
        if (isspace((unsigned char)*s)) {
            space = true;
            continue;
        }
        if (space && n)
            out[n++] = ' ';
        space = false;
        if (n + 1 < len)
            out[n++] = (char)tolower((unsigned char)*s);
    }
    while (n && (out[n - 1] == ':' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
}

static int
column_for(const struct gt_csv_header *h, const char *heading)
{
    char norm[64];
    normalise_header(heading, norm, sizeof norm);
    for (size_t c = 0; c < h->n; c++) {
        if (strcasecmp(norm, h->columns[c].name) == 0)
            return (int)c;
        for (int a = 0; a < 3 && h->columns[c].alias[a]; a++)
            if (strcmp(norm, h->columns[c].alias[a]) == 0)
                return (int)c;
    }
    return -1;
}

/* "A, B, and optionally C, D": the required columns, then the others. */
static void
expected_columns(const struct gt_csv_header *h, char *out, size_t len)
{
    size_t n = 0;
    bool any = false;
    out[0] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        bool first_optional = pass == 1;
        for (size_t c = 0; c < h->n && n < len; c++) {
            if (h->columns[c].required != (pass == 0))
                continue;
            n +=
                (size_t)snprintf(out + n, len - n, "%s%s%s", any ? ", " : "",
                                 first_optional && any ? "and optionally " : "",
                                 h->columns[c].name);
            any = true;
            first_optional = false;
        }
    }
}

enum gt_rc
gt_csv_header_read(struct gt_csv_header *h, struct gt_csv *c,
                   const struct gt_csv_column *columns, size_t n,
                   struct gt_ctx *ctx)
{
    long errors = 0;
    char expected[512];
    memset(h, 0, sizeof *h);
    h->columns = columns;
    h->n = n < GT_CSV_MAX_COLUMNS ? n : GT_CSV_MAX_COLUMNS;
    for (size_t i = 0; i < GT_CSV_MAX_COLUMNS; i++)
        h->col_of[i] = -1;
    enum gt_rc rc = gt_csv_next(c, ctx);
    if (rc == GT_DONE)
        return gt_err(ctx, GT_INVALID, "%s: the file is empty", gt_csv_name(c));
    if (rc != GT_OK)
        return rc;
    expected_columns(h, expected, sizeof expected);
    for (size_t i = 0; i < gt_csv_n_fields(c); i++) {
        const char *heading = gt_csv_field(c, i);
        int col = column_for(h, heading);
        if (col < 0) {
            gt_err(ctx, GT_INVALID,
                   "%s:%ld: column %zu: unknown column \"%s\" (expected %s)",
                   gt_csv_name(c), gt_csv_line(c), i + 1, heading, expected);
            errors++;
        } else if (h->col_of[col] >= 0) {
            gt_err(ctx, GT_INVALID,
                   "%s:%ld: column %zu: column \"%s\" appears twice",
                   gt_csv_name(c), gt_csv_line(c), i + 1, heading);
            errors++;
        } else {
            h->col_of[col] = (long)i;
            h->heading[col] = xstrdup(heading);
        }
    }
    for (size_t col = 0; col < h->n; col++)
        if (h->columns[col].required && h->col_of[col] < 0) {
            gt_err(ctx, GT_INVALID, "%s:%ld: required column \"%s\" is missing",
                   gt_csv_name(c), gt_csv_line(c), h->columns[col].name);
            errors++;
        }
    return errors ? GT_INVALID : GT_OK;
}

void
gt_csv_header_finish(struct gt_csv_header *h)
{
    for (size_t i = 0; i < GT_CSV_MAX_COLUMNS; i++)
        free(h->heading[i]);
    memset(h, 0, sizeof *h);
}

const char *
gt_csv_heading(const struct gt_csv_header *h, int col)
{
    return h->heading[col] ? h->heading[col] : h->columns[col].name;
}

const char *
gt_csv_cell(const struct gt_csv_header *h, const struct gt_csv *c, int col,
            size_t *len)
{
    if (h->col_of[col] < 0) {
        *len = 0;
        return "";
    }
    const char *s = gt_csv_unguard(gt_csv_field(c, (size_t)h->col_of[col]));
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    *len = n;
    return s;
}

void
gt_csv_cell_error(struct gt_csv_header *h, const struct gt_csv *c, int col,
                  struct gt_ctx *ctx, const char *fmt, ...)
{
    h->cell_errors++;
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gt_err(ctx, GT_INVALID, "%s:%ld: %s: %s", gt_csv_name(c), gt_csv_line(c),
           gt_csv_heading(h, col), msg);
}

enum gt_rc
gt_csv_read_table(struct gt_csv_header *h, struct gt_csv *c,
                  const struct gt_csv_column *columns, size_t n,
                  void (*row)(void *arg), void *arg, const char *what,
                  struct gt_ctx *ctx)
{
    long rows = 0;
    enum gt_rc rc = gt_csv_header_read(h, c, columns, n, ctx);
    while (rc == GT_OK && (rc = gt_csv_next(c, ctx)) == GT_OK) {
        row(arg);
        rows++;
    }
    if (rc == GT_DONE)
        rc = h->cell_errors ? GT_INVALID
             : rows
                 ? GT_OK
                 : gt_err(ctx, GT_INVALID, "%s: no %s", gt_csv_name(c), what);
    gt_csv_header_finish(h);
    return rc;
}
