/* The indicators both indicator fuzz targets read files against: one of
 * each polarity, coded A, B and C (the round trip stores them, the parse
 * target finds them in this list). */
#ifndef GT_FUZZ_KPI_FIXTURE_H
#define GT_FUZZ_KPI_FIXTURE_H

#include <stdint.h>

#include "core/kpi.h"

#define FUZZ_KPI_COUNT 3

/* Fill list with the fixture's indicators (ids 1 to 3); the strings are
 * static, so list needs no finishing. */
static inline void
fuzz_kpi_fixture(struct gt_kpi list[FUZZ_KPI_COUNT])
{
    static const struct {
        const char *code;
        enum gt_kpi_unit unit;
        enum gt_polarity polarity;
    } defs[FUZZ_KPI_COUNT] = {
        {"A", GT_UNIT_PERCENT, GT_HIGHER_BETTER},
        {"B", GT_UNIT_COUNT, GT_WITHIN_BAND},
        {"C", GT_UNIT_RATE10K, GT_LOWER_BETTER},
    };
    for (int i = 0; i < FUZZ_KPI_COUNT; i++) {
        gt_kpi_init(&list[i]);
        list[i].id = i + 1;
        list[i].code = (char *)(uintptr_t)defs[i].code;
        list[i].title = (char *)(uintptr_t)defs[i].code;
        list[i].unit = defs[i].unit;
        list[i].polarity = defs[i].polarity;
    }
}

#endif
