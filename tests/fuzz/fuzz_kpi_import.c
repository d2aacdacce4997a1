/* Fuzz reading indicator values and comparators into drafts, with no
 * database: the indicators come from a fixed list of one of each
 * polarity (the store's half is fuzz_kpi_roundtrip). Oracles: a refusal
 * says why; a draft holds no more rows than the file had. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/kpi.h"
#include "fuzz.h"
#include "io/csv.h"
#include "io/kpi_io.h"
#include "kpi_fixture.h"

static const struct gt_kpi *
find(void *arg, const char *code)
{
    struct gt_kpi *list = arg;
    for (int i = 0; i < FUZZ_KPI_COUNT; i++)
        if (strcmp(list[i].code, code) == 0)
            return &list[i];
    return NULL;
}

static void
read_draft(const uint8_t *data, size_t size, bool comparators,
           struct gt_kpi *list)
{
    struct gt_ctx ctx;
    struct gt_kpi_draft *draft = NULL;
    gt_ctx_init(&ctx);
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "rb");
    struct gt_csv *rows = gt_csv_open(f, "fuzz.csv", NULL);
    enum gt_rc rc =
        gt_kpi_draft_read(rows, comparators, find, list, &draft, &ctx);
    if (rc != GT_OK && ctx.n_errors == 0)
        abort(); /* a refusal always says why */
    long lines = gt_csv_line(rows);
    if (draft && (long)gt_kpi_draft_rows(draft) > lines)
        abort();
    gt_kpi_draft_free(draft);
    gt_csv_close(rows);
    fclose(f);
    gt_ctx_finish(&ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_kpi list[FUZZ_KPI_COUNT];
    if (size == 0)
        return 0;
    fuzz_kpi_fixture(list);
    read_draft(data, size, false, list);
    read_draft(data, size, true, list);
    return 0;
}
