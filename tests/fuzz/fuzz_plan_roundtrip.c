/* Fuzz the plan import into the store and back, on a fresh in-memory
 * database per input (slow: the parse alone is fuzz_plan_import). Oracles:
 * a failed import leaves no plan and no item behind; a successful one,
 * exported and imported into a second database, exports the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "fuzz.h"
#include "io/plan_io.h"

static char *
export_csv(struct gt_db *db, struct gt_ctx *ctx)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (gt_plan_export_csv(db, "f", GT_NO_DATE, f, ctx) != GT_OK) {
        /* shapes a CSV cannot hold are refused, not written wrongly */
        fclose(f);
        free(text);
        return NULL;
    }
    fclose(f);
    return text;
}

static enum gt_rc
import(struct gt_db *db, const void *data, size_t size, struct gt_ctx *ctx)
{
    struct gt_import_opts opts = {.plan_code = "f",
                                  .kind = GT_PLAN_IMPROVEMENT,
                                  .as_of = gt_date_from_ymd(2026, 11, 27)};
    struct gt_import_result res;
    FILE *f = fmemopen((void *)(uintptr_t)data, size ? size : 1, "rb");
    enum gt_rc rc = gt_plan_import_csv(db, f, "fuzz.csv", &opts, &res, ctx);
    fclose(f);
    return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_ctx ctx;
    struct gt_db *a = NULL, *b = NULL;
    char *first = NULL, *second = NULL;
    long plans = -1, items = -1;
    enum gt_rc rc;
    gt_ctx_init(&ctx);
    if (size == 0 || gt_db_open(":memory:", &a, &ctx) != GT_OK ||
        gt_db_open(":memory:", &b, &ctx) != GT_OK)
        goto out;
    rc = import(a, data, size, &ctx);
    if (gt_db_count(a, "plan", &plans, &ctx) != GT_OK ||
        gt_db_count(a, "item", &items, &ctx) != GT_OK)
        abort();
    if (rc != GT_OK) {
        if (plans != 0 || items != 0)
            abort();
        goto out;
    }
    first = export_csv(a, &ctx);
    if (first) {
        if (import(b, first, strlen(first), &ctx) != GT_OK)
            abort();
        second = export_csv(b, &ctx);
        if (!second || strcmp(first, second) != 0)
            abort();
    }
out:
    free(first);
    free(second);
    gt_db_close(a);
    gt_db_close(b);
    gt_ctx_finish(&ctx);
    return 0;
}
