/* Fuzz the caseload reader. Oracles beyond the sanitizers: caseloads
 * that read have a team and a worker, a band, 0 to 1000 cases, no worker
 * twice in a team, and the team sums add up to the whole. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "io/caseload_io.h"

static void
check(const struct gt_caseloads *list)
{
    for (size_t i = 0; i < list->n; i++) {
        const struct gt_caseload *c = &list->v[i];
        if (!c->team[0] || !c->worker[0] || c->band >= GT_BAND_COUNT ||
            c->cases < 0 || c->cases > 1000)
            abort();
        for (size_t k = 0; k < i; k++)
            if (!strcmp(list->v[k].team, c->team) &&
                !strcmp(list->v[k].worker, c->worker))
                abort();
    }
    size_t n;
    struct gt_caseload_team *t =
        gt_caseload_teams(&gt_caseload_default_policy, list, &n);
    if (t[n - 1].workers != list->n)
        abort();
    free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_ctx ctx;
    struct gt_caseloads list = {0};
    gt_ctx_init(&ctx);
    struct gt_csv *rows = gt_csv_open_mem(data, size, "fuzz.csv", NULL);
    if (gt_caseload_read(rows, &list, &ctx) == GT_OK)
        check(&list);
    gt_csv_close(rows);
    gt_caseloads_finish(&list);
    gt_ctx_finish(&ctx);
    return 0;
}
