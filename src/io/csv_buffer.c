/*
 * csv_buffer: every remaining row of a reader, read at once into memory
 * and handed out again through the same interface. See csv.h.
 *
 * An import reads and checks the whole file this way before it takes the
 * database's write lock, so the lock is held only while it writes: a
 * large file (or a slow workbook) never keeps other writers waiting for
 * its reading.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "io/csv.h"

struct kept_row {
    long line;
    size_t n_fields;
    size_t start; /* offset in the text of its first field */
};

struct kept {
    struct kept_row *rows;
    size_t n, alloc, next;
    struct buf text; /* every field, each followed by its NUL */
};

static enum gt_rc
replay(void *state, struct gt_csv *c, struct gt_ctx *ctx)
{
    struct kept *k = state;
    if (k->next == k->n)
        return GT_DONE;
    const struct kept_row *r = &k->rows[k->next++];
    const char *p = k->text.p + r->start;
    gt_csv_row_start(c, r->line);
    for (size_t i = 0; i < r->n_fields; i++) {
        size_t len = strlen(p);
        if (gt_csv_row_put(c, i, p, len, ctx) != GT_OK)
            return GT_INVALID;
        p += len + 1;
    }
    return GT_OK;
}

static void
forget(void *state)
{
    struct kept *k = state;
    if (!k)
        return;
    free(k->rows);
    buf_finish(&k->text);
    free(k);
}

struct gt_csv *
gt_csv_read_all(struct gt_csv *in, size_t cap, struct gt_ctx *ctx)
{
    struct kept *k = xcalloc(1, sizeof *k);
    buf_init(&k->text, cap);
    enum gt_rc rc;
    while ((rc = gt_csv_next(in, ctx)) == GT_OK) {
        size_t len = 0;
        const char *text = gt_csv_row_text(in, &len);
        if (k->n == k->alloc) {
            k->alloc = k->alloc ? k->alloc * 2 : 256;
            k->rows = xrealloc(k->rows, k->alloc * sizeof *k->rows);
        }
        k->rows[k->n++] = (struct kept_row){gt_csv_line(in),
                                            gt_csv_n_fields(in), k->text.len};
        if (!buf_add(&k->text, text, len)) {
            gt_err(ctx, GT_INVALID, "%s: larger than %zu MiB in all",
                   gt_csv_name(in), cap >> 20);
            rc = GT_INVALID;
            break;
        }
    }
    if (rc != GT_DONE) {
        forget(k);
        return NULL;
    }
    struct gt_csv_source source = {replay, forget, k, true};
    return gt_csv_open_source(&source, gt_csv_name(in), NULL);
}
