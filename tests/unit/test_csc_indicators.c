/* Unit tests for csc/indicators: each indicator on records built here row
 * by row, at the edges its definition draws (csc-data.md section 5), with
 * answers worked out by hand in the comments: the period is 2016/17 and
 * counts are at 31 March 2017 unless a test says otherwise. Bank holidays
 * that matter: 30 May 2016 (spring), 29 August 2016 (summer), 26 and 27
 * December 2016 and 2 January 2017 (Christmas and New Year in lieu). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "csc/indicators.h"

#define D(y, m, d) gt_date_from_ymd(y, m, d)
#define NONE GT_NO_DATE

struct fx {
    struct csc_records r;
    struct gt_calendar cal;
};

static int
setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    if (!f || gt_calendar_default(&f->cal, &ctx) != GT_OK)
        return -1;
    gt_ctx_finish(&ctx);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *f = *state;
    csc_records_finish(&f->r);
    gt_calendar_finish(&f->cal);
    free(f);
    return 0;
}

static int32_t
child(struct fx *f, const char *id)
{
    return csc_intern(&f->r.children, id, strlen(id));
}

static void
nobody(struct csc_alloc *who, size_t i)
{
    who->team[i] = who->worker[i] = -1;
}

static void
contact(struct fx *f, const char *id, int32_t date)
{
    size_t i = csc_contacts_add(&f->r.contacts);
    f->r.contacts.child[i] = child(f, id);
    f->r.contacts.date[i] = date;
}

static void
referral(struct fx *f, const char *id, int32_t date, int prior)
{
    struct csc_referrals *l = &f->r.referrals;
    size_t i = csc_referrals_add(l);
    l->child[i] = child(f, id);
    l->date[i] = date;
    l->prior[i] = (int16_t)prior;
    l->nfa[i] = CSC_NO;
    nobody(&l->who, i);
}

static void
assessment(struct fx *f, const char *id, int32_t start, int32_t done)
{
    struct csc_assessments *l = &f->r.assessments;
    size_t i = csc_assessments_add(l);
    l->child[i] = child(f, id);
    l->start[i] = start;
    l->done[i] = done;
    nobody(&l->who, i);
}

static void
enquiry(struct fx *f, const char *id, int32_t start, int32_t icpc)
{
    struct csc_s47 *l = &f->r.s47;
    size_t i = csc_s47_add(l);
    l->child[i] = child(f, id);
    l->start[i] = start;
    l->icpc[i] = icpc;
    l->unnecessary[i] = icpc == NONE ? CSC_YES : CSC_NO;
    l->to_plan[i] = CSC_UNKNOWN;
    nobody(&l->who, i);
}

static void
plan(struct fx *f, const char *id, int32_t start, int32_t end, int32_t review,
     int previous)
{
    struct csc_plans *l = &f->r.plans;
    size_t i = csc_plans_add(l);
    l->child[i] = child(f, id);
    l->start[i] = start;
    l->end[i] = end;
    l->review[i] = review;
    l->previous[i] = (int16_t)previous;
    nobody(&l->who, i);
}

struct care_row {
    int32_t dob, start, ceased, placed, review;
    const char *legal;
    int placements;
};

static void
care(struct fx *f, const char *id, struct care_row c)
{
    struct csc_care *l = &f->r.care;
    size_t i = csc_care_add(l);
    l->child[i] = child(f, id);
    l->dob[i] = c.dob;
    l->start[i] = c.start;
    l->ceased[i] = c.ceased;
    l->placed[i] = c.placed;
    l->review[i] = c.review;
    snprintf(l->legal[i], 3, "%s", c.legal);
    l->placements[i] = (int16_t)c.placements;
    nobody(&l->who, i);
}

static void
leaver(struct fx *f, const char *id, int32_t born_month, bool suitable,
       const char *activity)
{
    struct csc_leavers *l = &f->r.leavers;
    size_t i = csc_leavers_add(l);
    l->child[i] = child(f, id);
    l->dob[i] = born_month;
    l->suitable[i] = suitable ? CSC_YES : CSC_NO;
    snprintf(l->activity[i], 3, "%s", activity);
    l->in_touch[i] = CSC_YES;
}

/* The indicator id for 2016/17, counted at at. */
static struct csc_result
result(struct fx *f, enum csc_id id, int32_t at)
{
    struct csc_result out[CSC_N];
    csc_compute(&f->r, &f->cal, D(2016, 4, 1), D(2017, 3, 31), at, out);
    return out[id];
}

#define ASSERT_RESULT(f, id, num, den)                                         \
    do {                                                                       \
        struct csc_result got_ = result((f), (id), D(2017, 3, 31));            \
        assert_int_equal(got_.numerator, (num));                               \
        assert_int_equal(got_.denominator, (den));                             \
    } while (0)

/* 1: contacts on the period's first and last days count, the days either
 * side do not; conversion is referrals over contacts. */
static void
contacts_and_conversion(void **state)
{
    struct fx *f = *state;
    contact(f, "A", D(2016, 3, 31));
    contact(f, "A", D(2016, 4, 1));
    contact(f, "B", D(2017, 3, 31));
    contact(f, "C", D(2017, 4, 1));
    referral(f, "B", D(2017, 3, 31), 0);
    ASSERT_RESULT(f, CSC_CONTACTS, 2, 0);
    ASSERT_RESULT(f, CSC_CONVERSION, 1, 2);
}

/* 2: a referral exactly 12 months after the last is a re-referral, one a
 * day later is not; two on the same day are not re-referrals of each
 * other. The list's own count is the other version: blank is left out. */
static void
rereferrals_at_twelve_months(void **state)
{
    struct fx *f = *state;
    referral(f, "A", D(2015, 6, 10), -1);
    referral(f, "A", D(2016, 6, 10), 1); /* 12 months to the day: yes */
    referral(f, "B", D(2015, 6, 9), -1);
    referral(f, "B", D(2016, 6, 10), 1); /* a day over: no (the list: 1) */
    referral(f, "C", D(2016, 9, 1), -1); /* the same day twice: no */
    referral(f, "C", D(2016, 9, 1), -1);
    referral(f, "D", D(2017, 2, 1), 0);
    ASSERT_RESULT(f, CSC_REREFERRAL, 1, 5);
    ASSERT_RESULT(f, CSC_REREFERRAL_LIST, 2, 3);
}

/* 3: 45 working days from the start: Monday 6 June to Monday 8 August
 * 2016 is nine whole weeks, 45 (in time); to Tuesday 9 August, 46 (late).
 * Over Christmas, 14 November 2016 to 19 January 2017 is 48 weekdays but
 * 45 working days (in time); to 20 January, 46 (late). A start on a
 * Saturday counts from Monday; the same day is 0. Unauthorised or
 * authorised outside the period: not counted. */
static void
assessments_in_working_days(void **state)
{
    struct fx *f = *state;
    assessment(f, "A", D(2016, 6, 6), D(2016, 8, 8));
    assessment(f, "B", D(2016, 6, 6), D(2016, 8, 9));
    assessment(f, "C", D(2016, 11, 14), D(2017, 1, 19));
    assessment(f, "D", D(2016, 11, 14), D(2017, 1, 20));
    assessment(f, "E", D(2016, 6, 4), D(2016, 6, 6));
    assessment(f, "F", D(2016, 7, 1), D(2016, 7, 1));
    assessment(f, "G", D(2016, 7, 1), NONE);
    assessment(f, "H", D(2017, 2, 1), D(2017, 4, 3));
    ASSERT_RESULT(f, CSC_ASSESS45, 4, 6);
    /* no referrals: the version from the referral has nothing to count */
    ASSERT_RESULT(f, CSC_ASSESS45_REF, 0, 0);
    size_t n;
    struct csc_row *rows = csc_rows(&f->r, &f->cal, CSC_ASSESS45, D(2016, 4, 1),
                                    D(2017, 3, 31), &n);
    assert_int_equal(n, 6);
    int late = 0;
    for (size_t i = 0; i < n; i++) {
        late += rows[i].late;
        if (rows[i].child == child(f, "C"))
            assert_int_equal(rows[i].days, 45);
        if (rows[i].child == child(f, "D"))
            assert_true(rows[i].late && rows[i].days == 46);
    }
    assert_int_equal(late, 2);
    free(rows);
}

/* 3, from the referral: the latest referral on or before the start is the
 * clock's start; one after the start does not count; no referral, no row.
 * Wednesday 1 June to Monday 8 August 2016 is 48 working days: late. */
static void
assessments_from_the_referral(void **state)
{
    struct fx *f = *state;
    referral(f, "A", D(2016, 5, 1), -1);
    referral(f, "A", D(2016, 6, 1), -1);
    assessment(f, "A", D(2016, 6, 6), D(2016, 8, 8));
    referral(f, "B", D(2016, 6, 6), -1); /* the same day as the start */
    assessment(f, "B", D(2016, 6, 6), D(2016, 8, 8));
    referral(f, "C", D(2016, 6, 7), -1); /* after the start */
    assessment(f, "C", D(2016, 6, 6), D(2016, 8, 8));
    ASSERT_RESULT(f, CSC_ASSESS45, 3, 3);
    ASSERT_RESULT(f, CSC_ASSESS45_REF, 1, 2);
}

/* 4: 15 working days from the strategy discussion. From Monday 9 May 2016
 * a conference on Monday 30 May (a bank holiday) or Tuesday 31 May is 15
 * (in time); on Wednesday 1 June, 16 (late). A conference before its
 * enquiry is left out of the rate; none held, or held after the period,
 * is not counted. */
static void
conferences_in_working_days(void **state)
{
    struct fx *f = *state;
    enquiry(f, "A", D(2016, 5, 9), D(2016, 5, 30));
    enquiry(f, "B", D(2016, 5, 9), D(2016, 5, 31));
    enquiry(f, "C", D(2016, 5, 9), D(2016, 6, 1));
    enquiry(f, "D", D(2016, 5, 9), D(2016, 5, 6));
    enquiry(f, "E", D(2016, 5, 9), NONE);
    enquiry(f, "F", D(2017, 3, 20), D(2017, 4, 3));
    ASSERT_RESULT(f, CSC_ICPC15, 2, 3);
}

/* 5 to 8: plans open at the date started on or before it and end after
 * it (one ending on 31 March 2017 is not open). Two years: started on or
 * before 31 March 2015. Ended in the period after two years: from 1 June
 * 2014 to 1 June 2016 is two years exactly. Second plans: of those
 * starting in the period with the count given. Reviews: within 6 months
 * of the latest review (30 September 2016 is a day too early), or with
 * none, started within 3 months. */
static void
protection_plans(void **state)
{
    struct fx *f = *state;
    plan(f, "A", D(2017, 3, 31), NONE, NONE, 0);            /* open, new */
    plan(f, "B", D(2016, 1, 5), D(2017, 3, 31), NONE, -1);  /* ended at */
    plan(f, "C", D(2015, 3, 31), NONE, D(2016, 10, 1), -1); /* 2 years */
    plan(f, "D", D(2015, 4, 1), NONE, D(2016, 9, 30), 2);   /* late review */
    plan(f, "E", D(2016, 12, 30), NONE, NONE, 1);           /* no review */
    plan(f, "F", D(2014, 6, 1), D(2016, 6, 1), NONE, -1);   /* 2 years */
    plan(f, "G", D(2014, 6, 2), D(2016, 6, 1), NONE, -1);   /* a day short */
    plan(f, "H", D(2016, 3, 1), D(2016, 4, 15), NONE, 1);   /* across March */
    ASSERT_RESULT(f, CSC_CPP, 4, 0);                        /* A, C, D, E */
    ASSERT_RESULT(f, CSC_CPP2Y_OPEN, 1, 4);                 /* C */
    ASSERT_RESULT(f, CSC_CPP2Y_ENDED, 1, 4); /* F; B, G, H short */
    ASSERT_RESULT(f, CSC_CPP_REPEAT, 1, 2);  /* A (0), E (1); B, H before */
    ASSERT_RESULT(f, CSC_CPP_REVIEWS, 2, 4); /* A (new), C; D, E late */
}

/* 9 to 11 and 14: looked after at the date, short breaks (V3, V4) left
 * out, one ceasing on the date not counted. Stability: 3 placements or
 * more, of those with the count given; long term: under 16, in care since
 * 30 September 2014 or before, placed since 31 March 2015 or before.
 * Reviews within 6 months, or none yet and in care 20 working days or
 * fewer (from 3 March 2017 to the date is 20). */
static void
children_looked_after(void **state)
{
    struct fx *f = *state;
    care(f, "A",
         (struct care_row){D(2005, 6, 1), D(2014, 9, 30), NONE, D(2015, 3, 31),
                           D(2016, 10, 1), "C2", 1});
    care(f, "B",
         (struct care_row){D(2005, 6, 1), D(2014, 9, 30), NONE, D(2015, 4, 1),
                           D(2016, 9, 30), "C2", 3});
    care(f, "C",
         (struct care_row){D(2000, 1, 1), D(2014, 1, 1), NONE, D(2014, 1, 1),
                           NONE, "E1", -1});
    care(f, "D",
         (struct care_row){D(2010, 2, 1), D(2017, 3, 3), NONE, D(2017, 3, 3),
                           NONE, "V2", 2});
    care(f, "E",
         (struct care_row){D(2010, 2, 1), D(2016, 1, 1), NONE, D(2016, 1, 1),
                           D(2017, 1, 1), "V3", 9});
    care(f, "F",
         (struct care_row){D(2010, 2, 1), D(2016, 1, 1), NONE, D(2016, 1, 1),
                           D(2017, 1, 1), "V4", 9});
    care(f, "G",
         (struct care_row){D(2010, 2, 1), D(2016, 1, 1), D(2017, 3, 31),
                           D(2016, 1, 1), NONE, "C2", 9});
    ASSERT_RESULT(f, CSC_CLA, 4, 0);             /* A, B, C, D */
    ASSERT_RESULT(f, CSC_STABILITY_SHORT, 1, 3); /* B; C blank */
    ASSERT_RESULT(f, CSC_STABILITY_LONG, 1, 2);  /* A; B placed a day late;
                                                  * C is 17 */
    ASSERT_RESULT(f, CSC_CLA_REVIEWS, 2, 4);     /* A, D; B late, C none */
}

/* 12 and 13: care leavers 19, 20 or 21 at the date, by month of birth:
 * born April 1997 is 19, March 1995 is 22, April 1998 is 18. */
static void
care_leavers(void **state)
{
    struct fx *f = *state;
    leaver(f, "A", D(1997, 4, 1), true, "F1");
    leaver(f, "B", D(1996, 5, 1), false, "G4");
    leaver(f, "C", D(1995, 4, 1), true, "P5");
    leaver(f, "D", D(1995, 3, 1), true, "F1");
    leaver(f, "E", D(1998, 4, 1), true, "F1");
    leaver(f, "F", D(1996, 8, 1), true, "");
    ASSERT_RESULT(f, CSC_LEAVERS_SUITABLE, 3, 4); /* A, C, F of A, B, C, F */
    ASSERT_RESULT(f, CSC_LEAVERS_EET, 2, 4);      /* A, C */
}

/* The counts at a date other than the period's end: a plan ended on 1
 * March 2017 was open at 28 February. */
static void
counts_at_another_date(void **state)
{
    struct fx *f = *state;
    plan(f, "A", D(2016, 6, 1), D(2017, 3, 1), D(2017, 1, 10), 0);
    assert_int_equal(result(f, CSC_CPP, D(2017, 2, 28)).numerator, 1);
    assert_int_equal(result(f, CSC_CPP, D(2017, 3, 1)).numerator, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(contacts_and_conversion, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(rereferrals_at_twelve_months, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(assessments_in_working_days, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(assessments_from_the_referral, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(conferences_in_working_days, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(protection_plans, setup, teardown),
        cmocka_unit_test_setup_teardown(children_looked_after, setup, teardown),
        cmocka_unit_test_setup_teardown(care_leavers, setup, teardown),
        cmocka_unit_test_setup_teardown(counts_at_another_date, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
