/* Fuzz the risk register reader. Oracles beyond the sanitizers: a
 * register that reads has risks, each with a ref, a title and scores from
 * 1 to 5 (a target either whole or absent), every mitigation an action,
 * and every link PLAN:REF. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "io/risk_io.h"

static bool
level(int v)
{
    return v >= 1 && v <= 5;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_ctx ctx;
    struct gt_risks risks = {0};
    gt_ctx_init(&ctx);
    struct gt_csv *rows = gt_csv_open_mem(data, size, "fuzz.csv", NULL);
    if (gt_risks_read(rows, &risks, &ctx) == GT_OK) {
        if (!risks.n)
            abort();
        for (size_t i = 0; i < risks.n; i++) {
            const struct gt_risk *r = &risks.v[i];
            if (!r->ref || !r->title || !level(r->inherent.likelihood) ||
                !level(r->inherent.impact) || !level(r->residual.likelihood) ||
                !level(r->residual.impact) ||
                (r->target.likelihood != 0) != (r->target.impact != 0))
                abort();
            for (size_t k = 0; k < r->n_mitigations; k++)
                if (!r->mitigations[k].action)
                    abort();
            for (size_t k = 0; k < r->n_links; k++)
                if (!strchr(r->links[k], ':'))
                    abort();
        }
    }
    gt_csv_close(rows);
    gt_risks_finish(&risks);
    gt_ctx_finish(&ctx);
    return 0;
}
