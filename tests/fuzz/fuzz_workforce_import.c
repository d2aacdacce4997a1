/* Fuzz the workforce reader. Oracles beyond the sanitizers: figures that
 * read have a unit, FTE of 0 or more, agency no more than those in post,
 * and the worked-out figures are finite. */
#include <math.h>
#include <stdlib.h>

#include "fuzz.h"
#include "io/workforce_io.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_ctx ctx;
    struct gt_workforce_list list = {0};
    gt_ctx_init(&ctx);
    struct gt_csv *rows = gt_csv_open_mem(data, size, "fuzz.csv", NULL);
    if (gt_workforce_read(rows, &list, &ctx) == GT_OK) {
        for (size_t i = 0; i < list.n; i++) {
            const struct gt_workforce *w = &list.v[i];
            double d;
            if (!w->unit || !w->unit[0] || w->establishment < 0 ||
                w->filled < 0 || w->agency < 0 || w->agency > w->filled ||
                !isfinite(gt_workforce_agency_percent(w)) ||
                (gt_workforce_days_per_fte(w, &d) && !isfinite(d)))
                abort();
        }
    }
    gt_csv_close(rows);
    gt_workforce_list_finish(&list);
    gt_ctx_finish(&ctx);
    return 0;
}
