/* Fuzz the workbook reader (zip package, relationships, shared strings,
 * styles, sheets). Oracles beyond the sanitizers: every row handed on has
 * a line above the one before in its sheet, at least one field and no
 * more than the cap, and no field with invalid UTF-8 (the row checks the
 * CSV reader makes apply to sheets too); and the caps hold, so a small
 * input never makes the reader hold or unpack much more. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "io/xlsx_read.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_workbook_limits lim = gt_workbook_default_limits;
    lim.max_part = 4u << 20;
    lim.max_strings = 1u << 20;
    lim.max_sheets = 16;
    lim.cells.max_fields = 64;
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    struct gt_workbook *book = NULL;
    if (gt_workbook_open_mem(data, size, "fuzz.xlsx", &lim, &book, &ctx) ==
        GT_OK) {
        for (size_t s = 0; s < gt_workbook_n_sheets(book); s++) {
            if (!gt_workbook_sheet_name(book, s))
                abort();
            struct gt_csv *c = gt_workbook_sheet(book, s, &ctx);
            if (!c)
                continue;
            long last = 0;
            while (gt_csv_next(c, &ctx) == GT_OK) {
                size_t n = gt_csv_n_fields(c);
                if (gt_csv_line(c) <= last || n == 0 ||
                    n > lim.cells.max_fields)
                    abort();
                last = gt_csv_line(c);
                for (size_t i = 0; i < n; i++)
                    if (strlen(gt_csv_field(c, i)) > lim.cells.max_field)
                        abort();
            }
            gt_csv_close(c);
        }
    }
    gt_workbook_close(book);
    gt_ctx_finish(&ctx);
    return 0;
}
