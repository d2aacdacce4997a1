/* Fuzz the deadline, date and period parsers. Oracles: whatever parses
 * renders to a canonical text that parses back to the same deadline or
 * period; a recurring deadline's next due date is never before the day
 * asked about; a period never ends before it starts. */
#include <stdlib.h>
#include <string.h>

#include "core/deadline.h"
#include "core/period.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct gt_deadline dl, again;
    if (gt_deadline_parse(text, &dl) == NULL) {
        char out[GT_DEADLINE_TEXT_LEN];
        gt_deadline_format(&dl, out);
        if (gt_deadline_parse(strcmp(out, "-") ? out : "", &again) != NULL ||
            again.due != dl.due || again.start != dl.start ||
            again.every_months != dl.every_months ||
            again.ongoing != dl.ongoing)
            abort();
        int32_t as_of = gt_date_from_ymd(2026, 11, 27);
        if (dl.every_months && gt_deadline_next_due(&dl, as_of) < as_of)
            abort();
    }
    int32_t day;
    if (gt_date_parse(text, &day)) {
        char iso[GT_DATE_ISO_LEN];
        int32_t back;
        gt_date_iso(day, iso);
        if (!gt_date_parse_iso(iso, &back) || back != day)
            abort();
    }
    struct gt_period period, back;
    if (gt_period_parse(text, &period) == NULL) {
        char out[GT_PERIOD_TEXT_LEN];
        gt_period_format(&period, out);
        if (period.end < period.start || gt_period_parse(out, &back) != NULL ||
            !gt_period_equal(&period, &back))
            abort();
    }
    free(text);
    return 0;
}
