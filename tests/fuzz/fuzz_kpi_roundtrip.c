/* Fuzz the indicator value and comparator imports into the store and back
 * (slow: the parse alone is fuzz_kpi_import), each on fresh in-memory
 * databases holding one indicator of each polarity. Oracles: a failed
 * import records nothing; a successful one, exported and imported into a
 * second database, exports the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/kpi.h"
#include "fuzz.h"
#include "io/kpi_io.h"
#include "kpi_fixture.h"

static bool
define(struct gt_db *db, struct gt_ctx *ctx)
{
    struct gt_kpi list[FUZZ_KPI_COUNT];
    fuzz_kpi_fixture(list);
    for (int i = 0; i < FUZZ_KPI_COUNT; i++) {
        list[i].id = 0; /* the store numbers them */
        if (gt_db_kpi_add(db, &list[i], ctx) != GT_OK)
            return false;
    }
    return true;
}

static char *
export_csv(struct gt_db *db, bool comparators, struct gt_ctx *ctx)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if ((comparators ? gt_comparator_export(db, NULL, f, ctx)
                     : gt_kpi_export(db, NULL, true, f, ctx)) != GT_OK)
        abort();
    fclose(f);
    return text;
}

static enum gt_rc
import(struct gt_db *db, const void *data, size_t size, bool comparators,
       struct gt_ctx *ctx)
{
    long rows;
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "rb");
    enum gt_rc rc =
        comparators ? gt_comparator_import(db, f, "fuzz.csv", &rows, ctx)
                    : gt_kpi_import(db, f, "fuzz.csv", "fuzzer", &rows, ctx);
    fclose(f);
    return rc;
}

static void
round_trip(const uint8_t *data, size_t size, bool comparators)
{
    struct gt_ctx ctx;
    struct gt_db *a = NULL, *b = NULL;
    char *first = NULL, *second = NULL;
    long values = -1;
    enum gt_rc rc;
    gt_ctx_init(&ctx);
    if (size == 0 || gt_db_open(":memory:", &a, &ctx) != GT_OK ||
        gt_db_open(":memory:", &b, &ctx) != GT_OK || !define(a, &ctx) ||
        !define(b, &ctx))
        goto out;
    rc = import(a, data, size, comparators, &ctx);
    if (gt_db_count(a, comparators ? "kpi_comparator" : "kpi_value", &values,
                    &ctx) != GT_OK)
        abort();
    if (rc != GT_OK) {
        if (values != 0)
            abort();
        goto out;
    }
    first = export_csv(a, comparators, &ctx);
    if (import(b, first, strlen(first), comparators, &ctx) != GT_OK)
        abort();
    second = export_csv(b, comparators, &ctx);
    if (strcmp(first, second) != 0)
        abort();
out:
    free(first);
    free(second);
    gt_db_close(a);
    gt_db_close(b);
    gt_ctx_finish(&ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    round_trip(data, size, false);
    round_trip(data, size, true);
    return 0;
}
