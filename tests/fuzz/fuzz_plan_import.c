/* Fuzz reading a plan CSV into a draft, with no database (the store's
 * half is fuzz_plan_roundtrip). Oracles: a draft's items name only
 * parents before them, sit at positions from 1, and have refs, no two
 * alike; a refused file says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "io/csv.h"
#include "io/plan_io.h"

static int
by_ref(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
check_draft(const struct gt_plan_draft *d)
{
    size_t n = gt_plan_draft_items(d);
    char **refs = calloc(n ? n : 1, sizeof *refs);
    if (!refs)
        return;
    for (size_t i = 0; i < n; i++) {
        const struct gt_item *it = gt_plan_draft_item(d, i);
        if (it->parent_id < 0 || (size_t)it->parent_id > i ||
            it->position < 1 || !it->ref || !*it->ref || !it->title)
            abort();
        refs[i] = it->ref;
    }
    qsort(refs, n, sizeof *refs, by_ref);
    for (size_t i = 1; i < n; i++)
        if (strcmp(refs[i - 1], refs[i]) == 0)
            abort();
    free(refs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_ctx ctx;
    struct gt_plan_draft *draft = NULL;
    if (size == 0)
        return 0;
    gt_ctx_init(&ctx);
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "rb");
    struct gt_csv *rows = gt_csv_open(f, "fuzz.csv", NULL);
    enum gt_rc rc = gt_plan_draft_read(rows, &draft, &ctx);
    if (rc != GT_OK && ctx.n_errors == 0)
        abort(); /* a refusal always says why */
    if (draft)
        check_draft(draft);
    gt_plan_draft_free(draft);
    gt_csv_close(rows);
    fclose(f);
    gt_ctx_finish(&ctx);
    return 0;
}
