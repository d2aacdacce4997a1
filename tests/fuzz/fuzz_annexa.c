/* Fuzz the Annex A list reader and its date parser. Oracles: a date that
 * parses is a real date that prints as ISO and parses back the same; a
 * list that loads holds only rows whose dates are in order (an end never
 * before its start) and whose child IDs are not blank; counting the
 * loaded rows and the rejected rows gives the rows read; and the
 * indicators computed from it never have a numerator above their
 * denominator (but conversion, referrals over contacts, which can). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "csc/annexa.h"
#include "csc/indicators.h"
#include "fuzz.h"

static void
dates(const uint8_t *data, size_t size)
{
    char text[64];
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = '\0';
    int32_t d, back;
    if (csc_parse_date(text, &d) == 1) {
        char iso[GT_DATE_ISO_LEN];
        gt_date_iso(d, iso);
        if (csc_parse_date(iso, &back) != 1 || back != d)
            abort();
    }
}

static long
loaded(const struct csc_records *r)
{
    return (long)(r->contacts.n + r->referrals.n + r->assessments.n + r->s47.n +
                  r->plans.n + r->care.n + r->leavers.n);
}

static void
check(const struct csc_records *r)
{
    for (size_t i = 0; i < r->plans.n; i++)
        if (r->plans.end[i] != GT_NO_DATE &&
            r->plans.end[i] < r->plans.start[i])
            abort();
    for (size_t i = 0; i < r->care.n; i++)
        if (r->care.ceased[i] != GT_NO_DATE &&
            r->care.ceased[i] < r->care.start[i])
            abort();
    for (size_t i = 0; i < r->assessments.n; i++)
        if (r->assessments.done[i] != GT_NO_DATE &&
            r->assessments.done[i] < r->assessments.start[i])
            abort();
    for (size_t i = 0; i < r->children.n; i++)
        if (!r->children.text[i][0])
            abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csc_records r;
    struct csc_load load;
    struct gt_calendar cal;
    struct gt_ctx ctx;
    dates(data, size);
    memset(&r, 0, sizeof r);
    memset(&load, 0, sizeof load);
    gt_ctx_init(&ctx);
    if (gt_calendar_default(&cal, &ctx) != GT_OK)
        abort();
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "rb");
    if (f && csc_load_csv(&r, f, "fuzz.csv", &load, &ctx) == GT_OK) {
        check(&r);
        long read = 0, rejected = 0;
        for (int l = 1; l <= CSC_LISTS; l++) {
            read += load.rows[l];
            rejected += load.rejected[l];
        }
        /* lists 2, 6, 10 and 11 are read for checking but not kept */
        long unkept = load.rows[2] + load.rows[6] + load.rows[10] +
                      load.rows[11] - load.rejected[2] - load.rejected[6] -
                      load.rejected[10] - load.rejected[11];
        if (loaded(&r) + rejected + unkept != read)
            abort();
        struct csc_result res[CSC_N];
        csc_compute(&r, &cal, gt_date_from_ymd(2016, 4, 1),
                    gt_date_from_ymd(2017, 3, 31),
                    gt_date_from_ymd(2017, 3, 31), res);
        for (int i = 0; i < CSC_N; i++)
            if (csc_defs[i].percent && i != CSC_CONVERSION &&
                res[i].numerator > res[i].denominator)
                abort();
    }
    if (f)
        fclose(f);
    csc_records_finish(&r);
    gt_calendar_finish(&cal);
    gt_ctx_finish(&ctx);
    return 0;
}
