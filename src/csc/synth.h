/*
 * synth: synthetic Annex A lists with known answers, for tests and
 * benchmarks. Each child gets a whole journey (contacts, referrals,
 * assessments, section 47 enquiries and conferences, child protection
 * plans with reviews, periods of care), and a cohort of care leavers; the
 * rates are near the national ones. The same seed gives the same files.
 *
 * While it writes, the generator counts every indicator of the period
 * from its own event log (it knows each duration it drew, each date it
 * placed), and writes those counts to expected.csv beside the lists: a
 * second computation, independent of csc/indicators.c, for the tests to
 * compare with.
 *
 * The lists are CSV files, or one Excel workbook as councils send them.
 */
#ifndef GT_CSC_SYNTH_H
#define GT_CSC_SYNTH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/ctx.h"
#include "csc/calendar.h"

struct csc_synth {
    long children;
    uint64_t seed;
    int32_t from, to; /* the period the expected values are for */
    const char *dir;  /* where the lists go (must exist) */
    bool workbook;    /* one workbook, annex-a.xlsx, a sheet a list, with
                       * dates as Excel dates, in place of the CSV files */
};

enum gt_rc csc_synth(const struct csc_synth *s, const struct gt_calendar *cal,
                     struct gt_ctx *ctx) GT_MUST;

#endif
