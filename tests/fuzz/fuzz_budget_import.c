/* Fuzz the budget table reader. Oracles beyond the sanitizers: a table
 * that reads has lines, each with a name and an area, income held as
 * positive or negative consistently with the convention, and laying it
 * out gives every line once plus a total an area and a grand total. */
#include <stdlib.h>
#include <string.h>

#include "core/budget.h"
#include "fuzz.h"
#include "io/budget_io.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_ctx ctx;
    struct gt_budget b = {0};
    gt_ctx_init(&ctx);
    struct gt_csv *rows = gt_csv_open_mem(data, size, "fuzz.csv", NULL);
    if (gt_budget_read(rows, 2017, &b, &ctx) == GT_OK) {
        if (!b.n_lines || b.unit < 1)
            abort();
        size_t areas = 0;
        for (size_t i = 0; i < b.n_lines; i++) {
            if (!b.lines[i].name[0] || !b.lines[i].area[0])
                abort();
            bool seen = false;
            for (size_t k = 0; k < i && !seen; k++)
                seen = strcmp(b.lines[k].area, b.lines[i].area) == 0;
            areas += !seen;
        }
        struct gt_budget_table t;
        gt_budget_lay_out(&b, &t, &ctx);
        if (t.n != b.n_lines + areas + 1)
            abort();
        gt_budget_table_finish(&t);
    }
    gt_csv_close(rows);
    gt_budget_finish(&b);
    gt_ctx_finish(&ctx);
    return 0;
}
