/*
 * calendar: working days. See calendar.h.
 */
#include "csc/calendar.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/embedded.h"
#include "core/mem.h"

static int
weekday(int32_t date)
{
    /* 1 January 1970 was a Thursday; 0 is Monday */
    int w = (int)((date + 3) % 7);
    return w < 0 ? w + 7 : w;
}

static enum gt_rc
read_events(const char *json, size_t len, const char *name, int32_t **days,
            size_t *n, struct gt_ctx *ctx)
{
    json_error_t err;
    json_t *root = json_loadb(json, len, 0, &err);
    if (!root)
        return gt_err(ctx, GT_INVALID, "%s:%d: %s", name, err.line, err.text);
    json_t *events =
        json_object_get(json_object_get(root, "england-and-wales"), "events");
    enum gt_rc rc = GT_OK;
    if (!json_is_array(events)) {
        rc = gt_err(ctx, GT_INVALID,
                    "%s: no \"england-and-wales\" division with \"events\"",
                    name);
        goto out;
    }
    *n = json_array_size(events);
    *days = xcalloc(*n ? *n : 1, sizeof **days);
    for (size_t i = 0; i < *n; i++) {
        const char *date = json_string_value(
            json_object_get(json_array_get(events, i), "date"));
        if (!date || !gt_date_parse_iso(date, &(*days)[i])) {
            rc = gt_err(ctx, GT_INVALID,
                        "%s: event %zu: \"date\" is not a date like 2026-12-25",
                        name, i + 1);
            break;
        }
    }
out:
    json_decref(root);
    return rc;
}

enum gt_rc
gt_calendar_load(struct gt_calendar *c, const char *json, size_t len,
                 const char *name, struct gt_ctx *ctx)
{
    int32_t *days = NULL;
    size_t n = 0;
    memset(c, 0, sizeof *c);
    enum gt_rc rc = read_events(json, len, name, &days, &n, ctx);
    if (rc != GT_OK) {
        free(days);
        return rc;
    }
    c->first = gt_date_from_ymd(1990, 1, 1);
    c->n_days = gt_date_from_ymd(2061, 1, 1) - c->first;
    c->before = xcalloc((size_t)c->n_days + 1, sizeof *c->before);
    unsigned char *holiday = xcalloc((size_t)c->n_days, 1);
    int y, m, d;
    c->known_from = c->known_to = GT_NO_DATE;
    for (size_t i = 0; i < n; i++) {
        int32_t at = days[i] - c->first;
        if (at < 0 || at >= c->n_days)
            continue;
        holiday[at] = 1;
        c->n_holidays++;
        gt_date_to_ymd(days[i], &y, &m, &d);
        int32_t from = gt_date_from_ymd(y, 1, 1),
                to = gt_date_from_ymd(y, 12, 31);
        if (c->known_from == GT_NO_DATE || from < c->known_from)
            c->known_from = from;
        if (c->known_to == GT_NO_DATE || to > c->known_to)
            c->known_to = to;
    }
    for (int32_t i = 0; i < c->n_days; i++)
        c->before[i + 1] =
            c->before[i] + (weekday(c->first + i) < 5 && !holiday[i]);
    free(holiday);
    free(days);
    return GT_OK;
}

enum gt_rc
gt_calendar_default(struct gt_calendar *c, struct gt_ctx *ctx)
{
    for (size_t i = 0; i < gt_data_count; i++)
        if (strcmp(gt_data[i].name, "bank-holidays.json") == 0)
            return gt_calendar_load(c, (const char *)gt_data[i].data,
                                    gt_data[i].len, gt_data[i].name, ctx);
    return gt_err(ctx, GT_NOTFOUND, "the built-in bank holidays are missing");
}

void
gt_calendar_finish(struct gt_calendar *c)
{
    free(c->before);
    memset(c, 0, sizeof *c);
}

bool
gt_calendar_covers(const struct gt_calendar *c, int32_t date)
{
    return c->known_from != GT_NO_DATE && date >= c->known_from &&
           date <= c->known_to;
}

static int32_t
index_of(const struct gt_calendar *c, int32_t date)
{
    int32_t i = date - c->first;
    return i < 0 ? 0 : i > c->n_days ? c->n_days : i;
}

bool
gt_calendar_is_working_day(const struct gt_calendar *c, int32_t date)
{
    int32_t i = index_of(c, date);
    return i < c->n_days && c->before[i + 1] > c->before[i];
}

int32_t
gt_working_days(const struct gt_calendar *c, int32_t start, int32_t end)
{
    return c->before[index_of(c, end)] - c->before[index_of(c, start)];
}

int32_t
gt_working_deadline_b(const struct gt_calendar *c, int32_t start, int n)
{
    /* day 1 is start if it is a working day, else the next working day */
    int32_t day = start;
    while (!gt_calendar_is_working_day(c, day) && day - c->first < c->n_days)
        day++;
    for (int k = 1; k < n; k++) {
        day++;
        while (!gt_calendar_is_working_day(c, day) &&
               day - c->first < c->n_days)
            day++;
    }
    return day;
}
