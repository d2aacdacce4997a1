/* Fuzz the CSV reader with small caps. Oracle: rows that read cleanly,
 * written back by the writer and read again, are the same rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "io/csv.h"

#define MAX_ROWS 64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_csv_limits lim = {
        .max_field = 256, .max_row = 4096, .max_fields = 16};
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    struct gt_csv *c = gt_csv_open_mem(data, size, "fuzz.csv", &lim);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    size_t rows = 0, fields = 0;
    enum gt_rc rc;
    while (rows < MAX_ROWS && (rc = gt_csv_next(c, &ctx)) == GT_OK) {
        const char *row[16];
        fields = gt_csv_n_fields(c);
        for (size_t i = 0; i < fields; i++)
            row[i] = gt_csv_field(c, i);
        /* a single empty field is a blank line, which the reader skips */
        if (!(fields == 1 && row[0][0] == '\0'))
            gt_csv_write_row(out, row, fields);
        rows++;
    }
    fclose(out);
    gt_csv_close(c);

    /* read the written copy alongside the original and compare */
    struct gt_csv *a = gt_csv_open_mem(data, size, "a", &lim);
    struct gt_csv *b = gt_csv_open_mem(text, len, "b", NULL);
    for (size_t r = 0; r < rows; r++) {
        if (gt_csv_next(a, &ctx) != GT_OK)
            break;
        if (gt_csv_n_fields(a) == 1 && gt_csv_field(a, 0)[0] == '\0')
            continue;
        if (gt_csv_next(b, &ctx) != GT_OK ||
            gt_csv_n_fields(a) != gt_csv_n_fields(b))
            abort();
        for (size_t i = 0; i < gt_csv_n_fields(a); i++)
            if (strcmp(gt_csv_field(a, i),
                       gt_csv_unguard(gt_csv_field(b, i))) != 0)
                abort();
    }
    gt_csv_close(a);
    gt_csv_close(b);
    free(text);
    gt_ctx_finish(&ctx);
    return 0;
}
