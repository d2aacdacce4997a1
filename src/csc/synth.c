/*
 * synth: synthetic Annex A lists with expected answers. See synth.h.
 *
 * Dates after the period's end are not yet known on that day, so the lists
 * show them blank (an assessment not yet authorised, a plan still open),
 * as a council's lists drawn up then would. Each child's contacts fall on
 * different days, so no row repeats another.
 */
#include "csc/synth.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mem.h"
#include "csc/annexa.h"
#include "csc/indicators.h"
#include "io/csv.h"
#include "io/xlsx_write.h"

struct rng {
    uint64_t s;
};

static uint64_t
next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15u); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A whole number in [lo, hi]. */
static int32_t
uniform(struct rng *r, int32_t lo, int32_t hi)
{
    return lo + (int32_t)(next(r) % (uint64_t)(hi - lo + 1));
}

static bool
chance(struct rng *r, double p)
{
    return (double)(next(r) >> 11) * (1.0 / 9007199254740992.0) < p;
}

/* The generator's own working-day arithmetic, a day at a time: the day
 * reached after n working days from start (convention A: the first day
 * that ends a run of n), and the working days in [a, b). */
static int32_t
after_working_days(const struct gt_calendar *cal, int32_t start, int n)
{
    int32_t d = start;
    for (int counted = 0; counted < n; d++)
        counted += gt_calendar_is_working_day(cal, d);
    return d;
}

static int32_t
count_working_days(const struct gt_calendar *cal, int32_t a, int32_t b)
{
    int32_t n = 0;
    for (int32_t d = a; d < b; d++)
        n += gt_calendar_is_working_day(cal, d);
    return n;
}

struct out {
    FILE *list[10]; /* by list number; 0, 2 and 6 unused */
    char path[10][512];
};

static const char *const headers[10] = {
    [1] = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child "
          "(Years),Date of Contact,Contact Source",
    [3] = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child "
          "(Years),Date of referral,Referral Source,Referral NFA?,Number of "
          "Referrals in Last 12 Months,Allocated Team,Allocated Worker",
    [4] = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child "
          "(Years),Does the Child have a Disability,Continuous Assessment "
          "Start Date,Child Seen During Continuous Assessment,Continuous "
          "Assessment Date of Authorisation,Allocated Team,Allocated Worker",
    [5] = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child "
          "(Years),Strategy discussion initiating Section 47 Enquiry Start "
          "Date,Was an Initial Child Protection Conference deemed "
          "unnecessary?,Date of Initial Child Protection Conference,Did the "
          "Initial Child Protection Conference Result in a Child Protection "
          "Plan,Allocated Team,Allocated Worker",
    [7] = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child "
          "(Years),Child Protection Plan Start Date,Date of latest review "
          "conference,Child Protection Plan End Date,Number of Previous Child "
          "Protection Plans,Allocated Team,Allocated Worker",
    [8] = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child "
          "(Years),Date Started to be Looked After,Child's Legal Status,Date "
          "of Latest Statutory Review,Number of Placements in the Last 12 "
          "months,Date Ceased to be Looked After,Start Date of Most Recent "
          "Placement,Allocated Team,Allocated Worker",
    [9] = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child "
          "(Years),Eligibility Category,LA In Touch,Suitability of "
          "Accommodation,Activity Status",
};

/* "31/03/2017", or "" for none. */
static const char *
dmy(int32_t date, char buf[16])
{
    int y, m, d;
    if (date == GT_NO_DATE)
        return "";
    gt_date_to_ymd(date, &y, &m, &d);
    snprintf(buf, 16, "%02d/%02d/%04d", d, m, y);
    return buf;
}

/* The columns every list starts with. */
static void
person(FILE *f, long child, int32_t dob, int32_t at)
{
    char b[16];
    int by, bm, bd, y, m, d;
    gt_date_to_ymd(dob, &by, &bm, &bd);
    gt_date_to_ymd(at, &y, &m, &d);
    int age = y - by - (m < bm || (m == bm && d < bd));
    fprintf(f, "C%08ld,%s,a) WBRI,%s,%d", child,
            child % 2 ? "a) Male" : "b) Female", dmy(dob, b), age);
}

static void
team(FILE *f, long child)
{
    fprintf(f, ",Team %ld,Worker %ld\n", child % 12 + 1, child % 400 + 1);
}

/* What a child's earlier rows used, so no later row repeats one. */
struct child {
    long id;
    int32_t dob;
    int32_t last_assessment, last_enquiry, last_plan;
    int plans;
};

/* d, or the day after last when d is not after it. */
static int32_t
after(int32_t d, int32_t *last)
{
    if (*last != GT_NO_DATE && d <= *last)
        d = *last + 1;
    *last = d;
    return d;
}

struct gen {
    const struct csc_synth *s;
    const struct gt_calendar *cal;
    struct rng rng;
    struct out *out;
    int32_t hist; /* history starts here */
    struct csc_result e[CSC_N];
};

static bool
in_period(const struct gen *g, int32_t d)
{
    return d != GT_NO_DATE && d >= g->s->from && d <= g->s->to;
}

/* Blank when not yet happened on the period's last day. */
static int32_t
known(const struct gen *g, int32_t d)
{
    return d == GT_NO_DATE || d > g->s->to ? GT_NO_DATE : d;
}

static void
plan(struct gen *g, struct child *c, int32_t start, int previous)
{
    long child = c->id;
    int32_t dob = c->dob, to = g->s->to;
    int32_t end =
        chance(&g->rng, 0.15) ? GT_NO_DATE : start + uniform(&g->rng, 40, 1000);
    int32_t last = end == GT_NO_DATE || end > to ? to : end;
    /* reviews at three months, then every six, until one is missed */
    int32_t review = GT_NO_DATE;
    for (int32_t r = gt_date_add_months(start, 3); r <= last;
         r = gt_date_add_months(r, 6)) {
        if (chance(&g->rng, 0.08))
            break;
        review = r;
    }
    char b1[16], b2[16], b3[16];
    person(g->out->list[7], child, dob, to);
    fprintf(g->out->list[7], ",%s,%s,%s,%d", dmy(start, b1), dmy(review, b2),
            dmy(known(g, end), b3), previous);
    team(g->out->list[7], child);
    bool open = end == GT_NO_DATE || end > to;
    if (open) {
        g->e[CSC_CPP].numerator++;
        g->e[CSC_CPP2Y_OPEN].denominator++;
        g->e[CSC_CPP2Y_OPEN].numerator += start <= gt_date_add_months(to, -24);
        g->e[CSC_CPP_REVIEWS].denominator++;
        g->e[CSC_CPP_REVIEWS].numerator +=
            review != GT_NO_DATE ? to <= gt_date_add_months(review, 6)
                                 : to <= gt_date_add_months(start, 3);
    } else if (in_period(g, end)) {
        g->e[CSC_CPP2Y_ENDED].denominator++;
        g->e[CSC_CPP2Y_ENDED].numerator += end >= gt_date_add_months(start, 24);
    }
    if (in_period(g, start)) {
        g->e[CSC_CPP_REPEAT].denominator++;
        g->e[CSC_CPP_REPEAT].numerator += previous >= 1;
    }
}

/* The enquiry and conference after an assessment that starts one. */
static void
enquiry(struct gen *g, struct child *c, int32_t from)
{
    long child = c->id;
    int32_t dob = c->dob, to = g->s->to;
    int32_t start = after(from + uniform(&g->rng, 0, 10), &c->last_enquiry);
    if (start > to)
        return;
    int32_t icpc = GT_NO_DATE;
    int days = -1;
    if (chance(&g->rng, 0.02)) {
        icpc = start - uniform(&g->rng, 1, 5); /* recorded before the S47 */
    } else if (chance(&g->rng, 0.7)) {
        days = chance(&g->rng, 0.8) ? uniform(&g->rng, 0, 15)
                                    : uniform(&g->rng, 16, 30);
        icpc = after_working_days(g->cal, start, days);
    }
    /* a second plan on the day of an earlier one would repeat its row */
    bool to_plan = icpc != GT_NO_DATE && icpc <= to && icpc >= start &&
                   (c->last_plan == GT_NO_DATE || icpc > c->last_plan) &&
                   chance(&g->rng, 0.8);
    char b1[16], b2[16];
    person(g->out->list[5], child, dob, to);
    fprintf(g->out->list[5], ",%s,%s,%s,%s", dmy(start, b1),
            icpc == GT_NO_DATE ? "a) Yes" : "b) No", dmy(known(g, icpc), b2),
            to_plan ? "a) Yes" : "b) No");
    team(g->out->list[5], child);
    if (days >= 0 && in_period(g, icpc)) {
        g->e[CSC_ICPC15].denominator++;
        g->e[CSC_ICPC15].numerator += days <= 15;
    }
    if (to_plan) {
        int previous = c->plans + (chance(&g->rng, 0.2) ? 1 : 0);
        c->last_plan = icpc;
        plan(g, c, icpc, previous);
        c->plans++;
    }
}

static void
assessment(struct gen *g, struct child *c, int32_t referral,
           const int32_t *refs, int n_refs)
{
    long child = c->id;
    int32_t dob = c->dob, to = g->s->to;
    int32_t start =
        after(referral + uniform(&g->rng, 0, 5), &c->last_assessment);
    if (start > to)
        return;
    int days = chance(&g->rng, 0.85) ? uniform(&g->rng, 0, 45)
                                     : uniform(&g->rng, 46, 80);
    int32_t done = after_working_days(g->cal, start, days);
    char b1[16], b2[16];
    person(g->out->list[4], child, dob, to);
    fprintf(g->out->list[4], ",b) No,%s,a) Yes,%s", dmy(start, b1),
            dmy(known(g, done), b2));
    team(g->out->list[4], child);
    if (in_period(g, done)) {
        g->e[CSC_ASSESS45].denominator++;
        g->e[CSC_ASSESS45].numerator += days <= 45;
        /* the child's latest referral on or before the start */
        int32_t from = GT_NO_DATE;
        for (int k = 0; k < n_refs; k++)
            if (refs[k] <= start)
                from = refs[k];
        g->e[CSC_ASSESS45_REF].denominator++;
        g->e[CSC_ASSESS45_REF].numerator +=
            count_working_days(g->cal, from, done) <= 45;
    }
    if (chance(&g->rng, 0.25))
        enquiry(g, c, start);
}

static int
cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

/* Contacts and what follows them. */
static void
front_door(struct gen *g, struct child *c)
{
    long child = c->id;
    int32_t dob = c->dob;
    int32_t to = g->s->to, first = dob > g->hist ? dob : g->hist;
    int32_t contacts[4], refs[4];
    int n = 1 + chance(&g->rng, 0.3) + chance(&g->rng, 0.1), n_refs = 0;
    for (int i = 0; i < n; i++) {
        bool again;
        do { /* different days, so no row repeats */
            contacts[i] = uniform(&g->rng, first, to);
            again = false;
            for (int k = 0; k < i; k++)
                again |= contacts[k] == contacts[i];
        } while (again);
    }
    qsort(contacts, (size_t)n, sizeof *contacts, cmp_i32);
    for (int i = 0; i < n; i++) {
        char b[16];
        person(g->out->list[1], child, dob, to);
        fprintf(g->out->list[1], ",%s,q) 6: Police\n", dmy(contacts[i], b));
        g->e[CSC_CONTACTS].numerator += in_period(g, contacts[i]);
        if (chance(&g->rng, 0.6))
            refs[n_refs++] = contacts[i];
    }
    for (int i = 0; i < n_refs; i++) {
        int prior = 0;
        for (int k = 0; k < i; k++)
            prior += refs[k] >= gt_date_add_months(refs[i], -12);
        char b[16];
        person(g->out->list[3], child, dob, to);
        fprintf(g->out->list[3], ",%s,q) 6: Police,b) No,%d", dmy(refs[i], b),
                prior);
        team(g->out->list[3], child);
        if (in_period(g, refs[i])) {
            g->e[CSC_CONVERSION].numerator++;
            g->e[CSC_REREFERRAL].denominator++;
            g->e[CSC_REREFERRAL].numerator += prior >= 1;
            g->e[CSC_REREFERRAL_LIST].denominator++;
            g->e[CSC_REREFERRAL_LIST].numerator += prior >= 1;
        }
        if (chance(&g->rng, 0.85))
            assessment(g, c, refs[i], refs, n_refs);
    }
}

static void
in_care(struct gen *g, long child, int32_t dob)
{
    int32_t to = g->s->to;
    int32_t earliest = gt_date_add_months(to, -72);
    int32_t start = uniform(&g->rng, dob > earliest ? dob : earliest, to);
    int32_t ceased =
        chance(&g->rng, 0.3) ? start + uniform(&g->rng, 1, 1500) : GT_NO_DATE;
    int32_t last = ceased == GT_NO_DATE || ceased > to ? to : ceased;
    const char *legal = chance(&g->rng, 0.03) ? "V3"
                        : chance(&g->rng, 0.3)
                            ? "e) V2: Single period under S20"
                            : "b) C2: FCO";
    int placements = uniform(&g->rng, 1, 4);
    int32_t placed = uniform(&g->rng, start, last);
    int32_t review = last - uniform(&g->rng, 0, 240);
    if (review < start || chance(&g->rng, 0.05))
        review = GT_NO_DATE;
    char b1[16], b2[16], b3[16], b4[16];
    person(g->out->list[8], child, dob, to);
    fprintf(g->out->list[8], ",%s,%s,%s,%d,%s,%s", dmy(start, b1), legal,
            dmy(review, b2), placements, dmy(known(g, ceased), b3),
            dmy(placed, b4));
    team(g->out->list[8], child);
    bool open = ceased == GT_NO_DATE || ceased > to;
    if (!open || (legal[0] == 'V' && legal[1] == '3'))
        return;
    g->e[CSC_CLA].numerator++;
    g->e[CSC_STABILITY_SHORT].denominator++;
    g->e[CSC_STABILITY_SHORT].numerator += placements >= 3;
    /* ages run from the first of the month of birth: the day is not kept */
    int by, bm, bd, y, m, d;
    gt_date_to_ymd(dob, &by, &bm, &bd);
    gt_date_to_ymd(to, &y, &m, &d);
    int age = y - by - (m < bm);
    if (age < 16 && start <= gt_date_add_months(to, -30)) {
        g->e[CSC_STABILITY_LONG].denominator++;
        g->e[CSC_STABILITY_LONG].numerator +=
            placed <= gt_date_add_months(to, -24);
    }
    g->e[CSC_CLA_REVIEWS].denominator++;
    g->e[CSC_CLA_REVIEWS].numerator +=
        review != GT_NO_DATE ? to <= gt_date_add_months(review, 6)
                             : count_working_days(g->cal, start, to) <= 20;
}

static void
care_leaver(struct gen *g, long child)
{
    int32_t to = g->s->to;
    /* aged 17 to 22 at the period's end */
    int32_t dob = uniform(&g->rng, gt_date_add_months(to, -23 * 12 + 1),
                          gt_date_add_months(to, -17 * 12));
    bool touch = chance(&g->rng, 0.93);
    bool suitable = touch && chance(&g->rng, 0.9);
    static const char *const eet[] = {"F1", "P1", "F2", "P2", "F4", "P4", "F5"};
    static const char *const neet[] = {"G4", "G5", "G6"};
    const char *activity = !touch ? ""
                           : chance(&g->rng, 0.56)
                               ? eet[uniform(&g->rng, 0, 6)]
                               : neet[uniform(&g->rng, 0, 2)];
    person(g->out->list[9], child, dob, to);
    fprintf(g->out->list[9], ",b) Former relevant child,%s,%s,%s\n",
            touch ? "a) Yes" : "b) No",
            !touch     ? ""
            : suitable ? "a) Suitable"
                       : "b) Unsuitable",
            activity);
    int by, bm, bd, y, m, d;
    gt_date_to_ymd(dob, &by, &bm, &bd);
    gt_date_to_ymd(to, &y, &m, &d);
    int age = y - by - (m < bm);
    if (age < 19 || age > 21)
        return;
    g->e[CSC_LEAVERS_SUITABLE].denominator++;
    g->e[CSC_LEAVERS_SUITABLE].numerator += suitable;
    g->e[CSC_LEAVERS_EET].denominator++;
    g->e[CSC_LEAVERS_EET].numerator += activity[0] == 'F' || activity[0] == 'P';
}

static enum gt_rc
open_lists(const struct csc_synth *s, struct out *o, struct gt_ctx *ctx)
{
    static const int used[] = {1, 3, 4, 5, 7, 8, 9};
    for (size_t i = 0; i < sizeof used / sizeof used[0]; i++) {
        int l = used[i];
        snprintf(o->path[l], sizeof o->path[l], "%s/list%d.csv", s->dir, l);
        if (!(o->list[l] = fopen(o->path[l], "w")))
            return gt_err(ctx, GT_IO, "%s: %s", o->path[l], strerror(errno));
        fprintf(o->list[l], "%s\n", headers[l]);
    }
    return GT_OK;
}

static enum gt_rc
write_expected(const struct gen *g, struct gt_ctx *ctx)
{
    char *path = xasprintf("%s/expected.csv", g->s->dir);
    FILE *f = fopen(path, "w");
    enum gt_rc rc = GT_OK;
    if (!f) {
        rc = gt_err(ctx, GT_IO, "%s: %s", path, strerror(errno));
    } else {
        fprintf(f, "Code,Numerator,Denominator\n");
        for (int i = 0; i < CSC_N; i++)
            fprintf(f, "%s,%ld,%ld\n", csc_defs[i].code, g->e[i].numerator,
                    g->e[i].denominator);
        if (fclose(f) != 0)
            rc = gt_err(ctx, GT_IO, "%s: cannot write", path);
    }
    free(path);
    return rc;
}

/* A cell of a list as a spreadsheet would hold it: dates as dates, counts
 * as numbers, the rest as text. */
static void
workbook_cell(struct gt_xlsx *x, const char *text)
{
    int32_t date;
    size_t digits = strspn(text, "0123456789");
    if (strchr(text, '/') && csc_parse_date(text, &date) == 1)
        gt_xlsx_date(x, date);
    else if (digits && digits < 10 && !text[digits] &&
             (text[0] != '0' || !text[1]))
        gt_xlsx_number(x, strtod(text, NULL));
    else
        gt_xlsx_text(x, text);
}

/* The lists written as CSV, copied into one workbook and removed. */
static enum gt_rc
write_workbook(const struct csc_synth *s, struct out *o, struct gt_ctx *ctx)
{
    char *path = xasprintf("%s/annex-a.xlsx", s->dir);
    struct gt_xlsx_props props = {.title = "Annex A lists (synthetic)",
                                  .subject = "Children's social care",
                                  .company = "goldthread",
                                  .created = 0};
    struct gt_xlsx *x = gt_xlsx_open(path, &props, ctx);
    enum gt_rc rc = x ? GT_OK : GT_IO;
    for (int l = 0; l < 10 && rc == GT_OK; l++) {
        if (!o->path[l][0])
            continue;
        FILE *f = fopen(o->path[l], "rb");
        if (!f) {
            rc = gt_err(ctx, GT_IO, "%s: %s", o->path[l], strerror(errno));
            break;
        }
        struct gt_csv *c = gt_csv_open(f, o->path[l], NULL);
        char name[16];
        snprintf(name, sizeof name, "List %d", l);
        bool header = true;
        while ((rc = gt_csv_next(c, ctx)) == GT_OK) {
            size_t n = gt_csv_n_fields(c);
            if (header) {
                const char *headings[64];
                double widths[64];
                for (size_t i = 0; i < n && i < 64; i++) {
                    headings[i] = gt_csv_field(c, i);
                    widths[i] = 18;
                }
                gt_xlsx_sheet(x, name, n < 64 ? n : 64, headings, widths);
                header = false;
                continue;
            }
            gt_xlsx_row(x);
            for (size_t i = 0; i < n; i++)
                workbook_cell(x, gt_csv_field(c, i));
        }
        gt_csv_close(c);
        fclose(f);
        if (rc == GT_DONE)
            rc = GT_OK;
    }
    if (x && gt_xlsx_close(x, ctx) != GT_OK && rc == GT_OK)
        rc = GT_IO;
    for (int l = 0; l < 10 && rc == GT_OK; l++)
        if (o->path[l][0])
            remove(o->path[l]);
    free(path);
    return rc;
}

enum gt_rc
csc_synth(const struct csc_synth *s, const struct gt_calendar *cal,
          struct gt_ctx *ctx)
{
    struct out o;
    struct gen g = {.s = s, .cal = cal, .rng = {s->seed}, .out = &o};
    memset(&o, 0, sizeof o);
    g.hist = gt_date_add_months(s->from, -14);
    enum gt_rc rc = open_lists(s, &o, ctx);
    for (long child = 1; rc == GT_OK && child <= s->children; child++) {
        struct child c = {child,      GT_NO_DATE, GT_NO_DATE,
                          GT_NO_DATE, GT_NO_DATE, 0};
        c.dob = uniform(&g.rng, gt_date_add_months(s->to, -18 * 12 + 1),
                        s->to - 30);
        front_door(&g, &c);
        if (chance(&g.rng, 0.08))
            in_care(&g, child, c.dob);
        if (child % 20 == 0)
            care_leaver(&g, s->children + child / 20);
    }
    g.e[CSC_CONVERSION].denominator = g.e[CSC_CONTACTS].numerator;
    for (int l = 0; l < 10; l++)
        if (o.list[l] && fclose(o.list[l]) != 0 && rc == GT_OK)
            rc = gt_err(ctx, GT_IO, "%s: cannot write", o.path[l]);
    if (rc == GT_OK && s->workbook)
        rc = write_workbook(s, &o, ctx);
    return rc == GT_OK ? write_expected(&g, ctx) : rc;
}
