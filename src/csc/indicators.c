/*
 * indicators: the statutory indicators from child-level records. See
 * indicators.h; the definitions follow csc-data.md section 5 and are
 * written out, in the words a report shows, in csc_defs below.
 */
#include "csc/indicators.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/hash.h"
#include "core/judge.h"
#include "core/mem.h"
#include "io/csv.h"

const struct csc_def csc_defs[CSC_N] = {
    [CSC_CONTACTS] = {"CSC-CONTACTS", NULL, "Contacts received",
                      "Contacts (List 1 rows, one per child per contact) "
                      "dated in the period",
                      false, false},
    [CSC_CONVERSION] = {"CSC-CONVERSION", NULL,
                        "Contacts progressing to referral",
                        "Referrals (List 3 rows) in the period / contacts in "
                        "the period; a local measure with no national figure",
                        true, false},
    [CSC_REREFERRAL] = {"CSC-REREF", "history", "Re-referrals within 12 months",
                        "Referrals in the period whose child had an earlier "
                        "referral in the 12 months before (on or after the "
                        "same date a year earlier) / referrals in the "
                        "period; needs 12 months of referrals before it",
                        true, true},
    [CSC_REREFERRAL_LIST] = {"CSC-REREF-LIST", "list count",
                             "Re-referrals within 12 months (as the list "
                             "counts them)",
                             "Referrals in the period with \"Number of "
                             "Referrals in Last 12 Months\" of 1 or more / "
                             "referrals in the period with that column "
                             "filled in",
                             true, true},
    [CSC_ASSESS45] = {"CSC-ASSESS45", "from start",
                      "Assessments completed within 45 working days",
                      "Assessments authorised in the period within 45 "
                      "working days of their start (same day = 0) / "
                      "assessments authorised in the period",
                      true, false},
    [CSC_ASSESS45_REF] = {"CSC-ASSESS45-REF", "from referral",
                          "Assessments completed within 45 working days of "
                          "the referral",
                          "Assessments authorised in the period within 45 "
                          "working days of the child's latest referral on "
                          "or before the assessment started / such "
                          "assessments with a referral in List 3",
                          true, false},
    [CSC_ICPC15] = {"CSC-ICPC15", NULL,
                    "Initial child protection conferences within 15 working "
                    "days",
                    "ICPCs held in the period within 15 working days of the "
                    "strategy discussion that started the section 47 "
                    "enquiry / ICPCs in the period held on or after it",
                    true, false},
    [CSC_CPP] = {"CSC-CPP", NULL, "Children on a child protection plan",
                 "Plans open at the date: started on or before it and not "
                 "ended by it",
                 false, false},
    [CSC_CPP2Y_OPEN] = {"CSC-CPP2Y", "open at the date",
                        "Child protection plans lasting 2 years or more",
                        "Plans open at the date that started 2 years or more "
                        "before it / plans open at the date (DfE D5)",
                        true, true},
    [CSC_CPP2Y_ENDED] = {"CSC-CPP2Y-ENDED", "ended in the period",
                         "Child protection plans ended after 2 years or more",
                         "Plans ended in the period that had lasted 2 years "
                         "or more / plans ended in the period (former NI 64)",
                         true, true},
    [CSC_CPP_REPEAT] = {"CSC-CPP2ND", NULL,
                        "Child protection plans that are a second or "
                        "subsequent plan",
                        "Plans starting in the period whose child had an "
                        "earlier plan (Number of Previous Child Protection "
                        "Plans 1 or more) / plans starting in the period "
                        "with that column filled in (DfE D3)",
                        true, true},
    [CSC_CPP_REVIEWS] = {"CSC-CPPREV", "latest review",
                         "Child protection plans reviewed in timescale",
                         "Plans open at the date whose latest review "
                         "conference was within the last 6 months, or with "
                         "no review yet and started within the last 3 "
                         "months / plans open at the date",
                         true, false},
    [CSC_CLA] = {"CSC-CLA", NULL, "Children looked after",
                 "Children looked after at the date (started on or before "
                 "it, not ceased by it), leaving out short breaks (legal "
                 "status V3, V4)",
                 false, true},
    [CSC_STABILITY_SHORT] = {"CSC-STAB3", NULL,
                             "Children looked after with 3 or more "
                             "placements in 12 months",
                             "Children looked after at the date with 3 or "
                             "more placements in the last 12 months / "
                             "children looked after at the date with the "
                             "count filled in",
                             true, true},
    [CSC_STABILITY_LONG] = {"CSC-STABLT", NULL, "Long-term placement stability",
                            "Children under 16 looked after at the date for "
                            "2.5 years or more, in the same placement for 2 "
                            "years or more / children under 16 looked after "
                            "at the date for 2.5 years or more",
                            true, false},
    [CSC_LEAVERS_SUITABLE] = {"CSC-CLSUIT", NULL,
                              "Care leavers aged 19 to 21 in suitable "
                              "accommodation",
                              "Care leavers aged 19, 20 or 21 at the date in "
                              "accommodation recorded as suitable / all care "
                              "leavers of those ages (not in touch stays in)",
                              true, false},
    [CSC_LEAVERS_EET] = {"CSC-CLEET", NULL,
                         "Care leavers aged 19 to 21 in education, "
                         "employment or training",
                         "Care leavers aged 19, 20 or 21 at the date whose "
                         "activity is F1 to F5 or P1 to P5 / all care "
                         "leavers of those ages",
                         true, false},
    [CSC_CLA_REVIEWS] = {"CSC-CLAREV", "latest review",
                         "Children looked after reviewed in timescale",
                         "Children looked after at the date (not short "
                         "breaks) whose latest review was within the last 6 "
                         "months, or with no review yet and looked after "
                         "for 20 working days or fewer / children looked "
                         "after at the date",
                         true, false},
};

/* Each child's referral dates, in order: the referrals of child c are
 * dates[first[c] .. first[c + 1]). A counting sort by child, then each
 * child's few dates sorted in place. */
struct by_child {
    size_t *first;
    int32_t *dates;
};

static int
cmp_date(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

static void
group_referrals(const struct csc_records *r, struct by_child *g)
{
    size_t n_children = r->children.n, n = r->referrals.n;
    g->first = xcalloc(n_children + 1, sizeof *g->first);
    g->dates = xcalloc(n ? n : 1, sizeof *g->dates);
    for (size_t i = 0; i < n; i++)
        g->first[r->referrals.child[i] + 1]++;
    for (size_t c = 0; c < n_children; c++)
        g->first[c + 1] += g->first[c];
    size_t *fill = xcalloc(n_children + 1, sizeof *fill);
    memcpy(fill, g->first, (n_children + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        g->dates[fill[r->referrals.child[i]]++] = r->referrals.date[i];
    free(fill);
    for (size_t c = 0; c < n_children; c++) {
        size_t k = g->first[c + 1] - g->first[c];
        if (k > 1)
            qsort(&g->dates[g->first[c]], k, sizeof *g->dates, cmp_date);
    }
}

/* The latest referral of child on or before date, or GT_NO_DATE. */
static int32_t
referral_before(const struct by_child *g, int32_t child, int32_t date,
                bool strictly)
{
    int32_t found = GT_NO_DATE;
    for (size_t i = g->first[child]; i < g->first[child + 1]; i++) {
        int32_t d = g->dates[i];
        if (strictly ? d >= date : d > date)
            break;
        found = d;
    }
    return found;
}

static bool
in(int32_t d, int32_t start, int32_t end)
{
    return d != GT_NO_DATE && d >= start && d <= end;
}

static bool
open_at(int32_t start, int32_t end, int32_t at)
{
    return start != GT_NO_DATE && start <= at &&
           (end == GT_NO_DATE || end > at);
}

/* Whole years from dob to at. */
static int
age_at(int32_t dob, int32_t at)
{
    int by, bm, bd, y, m, d;
    gt_date_to_ymd(dob, &by, &bm, &bd);
    gt_date_to_ymd(at, &y, &m, &d);
    return y - by - (m < bm || (m == bm && d < bd));
}

static bool
short_break(const char legal[3])
{
    return legal[0] == 'V' && (legal[1] == '3' || legal[1] == '4');
}

static bool
eet(const char a[3])
{
    return (a[0] == 'F' || a[0] == 'P') && a[1] >= '1' && a[1] <= '5' &&
           a[2] == '\0';
}

static void
referral_indicators(const struct csc_records *r, const struct by_child *g,
                    int32_t start, int32_t end, struct csc_result *out)
{
    for (size_t i = 0; i < r->contacts.n; i++)
        out[CSC_CONTACTS].numerator += in(r->contacts.date[i], start, end);
    for (size_t i = 0; i < r->referrals.n; i++) {
        int32_t d = r->referrals.date[i];
        if (!in(d, start, end))
            continue;
        out[CSC_CONVERSION].numerator++;
        out[CSC_REREFERRAL].denominator++;
        int32_t before = referral_before(g, r->referrals.child[i], d, true);
        if (before != GT_NO_DATE && before >= gt_date_add_months(d, -12))
            out[CSC_REREFERRAL].numerator++;
        if (r->referrals.prior[i] >= 0) {
            out[CSC_REREFERRAL_LIST].denominator++;
            out[CSC_REREFERRAL_LIST].numerator += r->referrals.prior[i] >= 1;
        }
    }
    out[CSC_CONVERSION].denominator = out[CSC_CONTACTS].numerator;
}

static void
assessment_indicators(const struct csc_records *r, const struct by_child *g,
                      const struct gt_calendar *cal, int32_t start, int32_t end,
                      struct csc_result *out)
{
    const struct csc_assessments *a = &r->assessments;
    for (size_t i = 0; i < a->n; i++) {
        if (!in(a->done[i], start, end))
            continue;
        out[CSC_ASSESS45].denominator++;
        out[CSC_ASSESS45].numerator +=
            gt_working_days(cal, a->start[i], a->done[i]) <= 45;
        int32_t ref = referral_before(g, a->child[i], a->start[i], false);
        if (ref != GT_NO_DATE) {
            out[CSC_ASSESS45_REF].denominator++;
            out[CSC_ASSESS45_REF].numerator +=
                gt_working_days(cal, ref, a->done[i]) <= 45;
        }
    }
    const struct csc_s47 *s = &r->s47;
    for (size_t i = 0; i < s->n; i++) {
        if (!in(s->icpc[i], start, end) || s->icpc[i] < s->start[i])
            continue;
        out[CSC_ICPC15].denominator++;
        out[CSC_ICPC15].numerator +=
            gt_working_days(cal, s->start[i], s->icpc[i]) <= 15;
    }
}

static void
plan_indicators(const struct csc_records *r, int32_t start, int32_t end,
                int32_t at, struct csc_result *out)
{
    const struct csc_plans *p = &r->plans;
    int32_t two_years_before = gt_date_add_months(at, -24);
    for (size_t i = 0; i < p->n; i++) {
        if (open_at(p->start[i], p->end[i], at)) {
            out[CSC_CPP].numerator++;
            out[CSC_CPP2Y_OPEN].denominator++;
            out[CSC_CPP2Y_OPEN].numerator += p->start[i] <= two_years_before;
            out[CSC_CPP_REVIEWS].denominator++;
            out[CSC_CPP_REVIEWS].numerator +=
                p->review[i] != GT_NO_DATE
                    ? at <= gt_date_add_months(p->review[i], 6)
                    : at <= gt_date_add_months(p->start[i], 3);
        }
        if (in(p->end[i], start, end)) {
            out[CSC_CPP2Y_ENDED].denominator++;
            out[CSC_CPP2Y_ENDED].numerator +=
                p->end[i] >= gt_date_add_months(p->start[i], 24);
        }
        if (in(p->start[i], start, end) && p->previous[i] >= 0) {
            out[CSC_CPP_REPEAT].denominator++;
            out[CSC_CPP_REPEAT].numerator += p->previous[i] >= 1;
        }
    }
}

static void
care_indicators(const struct csc_records *r, const struct gt_calendar *cal,
                int32_t at, struct csc_result *out)
{
    const struct csc_care *c = &r->care;
    int32_t long_in_care = gt_date_add_months(at, -30);
    int32_t long_placed = gt_date_add_months(at, -24);
    for (size_t i = 0; i < c->n; i++) {
        if (!open_at(c->start[i], c->ceased[i], at) || short_break(c->legal[i]))
            continue;
        out[CSC_CLA].numerator++;
        if (c->placements[i] >= 0) {
            out[CSC_STABILITY_SHORT].denominator++;
            out[CSC_STABILITY_SHORT].numerator += c->placements[i] >= 3;
        }
        if (c->dob[i] != GT_NO_DATE && age_at(c->dob[i], at) < 16 &&
            c->start[i] <= long_in_care) {
            out[CSC_STABILITY_LONG].denominator++;
            out[CSC_STABILITY_LONG].numerator +=
                c->placed[i] != GT_NO_DATE && c->placed[i] <= long_placed;
        }
        out[CSC_CLA_REVIEWS].denominator++;
        out[CSC_CLA_REVIEWS].numerator +=
            c->review[i] != GT_NO_DATE
                ? at <= gt_date_add_months(c->review[i], 6)
                : gt_working_days(cal, c->start[i], at) <= 20;
    }
    const struct csc_leavers *l = &r->leavers;
    for (size_t i = 0; i < l->n; i++) {
        int age = age_at(l->dob[i], at);
        if (age < 19 || age > 21)
            continue;
        out[CSC_LEAVERS_SUITABLE].denominator++;
        out[CSC_LEAVERS_SUITABLE].numerator += l->suitable[i] == CSC_YES;
        out[CSC_LEAVERS_EET].denominator++;
        out[CSC_LEAVERS_EET].numerator += eet(l->activity[i]);
    }
}

void
csc_compute(const struct csc_records *r, const struct gt_calendar *cal,
            int32_t start, int32_t end, int32_t as_at,
            struct csc_result out[CSC_N])
{
    struct by_child g;
    memset(out, 0, CSC_N * sizeof *out);
    group_referrals(r, &g);
    referral_indicators(r, &g, start, end, out);
    assessment_indicators(r, &g, cal, start, end, out);
    plan_indicators(r, start, end, as_at, out);
    care_indicators(r, cal, as_at, out);
    free(g.first);
    free(g.dates);
}

static int
cmp_row(const void *a, const void *b)
{
    const struct csc_row *x = a, *y = b;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return x->child < y->child ? -1 : x->child > y->child;
}

struct csc_row *
csc_rows(const struct csc_records *r, const struct gt_calendar *cal,
         enum csc_id id, int32_t start, int32_t end, size_t *n)
{
    struct csc_row *rows = NULL;
    size_t alloc = 0;
    struct by_child g = {0};
    *n = 0;
    if (id != CSC_ASSESS45 && id != CSC_ASSESS45_REF && id != CSC_ICPC15)
        return NULL;
    if (id == CSC_ASSESS45_REF)
        group_referrals(r, &g);
    size_t count = id == CSC_ICPC15 ? r->s47.n : r->assessments.n;
    for (size_t i = 0; i < count; i++) {
        struct csc_row row;
        int limit = id == CSC_ICPC15 ? 15 : 45;
        if (id == CSC_ICPC15) {
            const struct csc_s47 *s = &r->s47;
            if (!in(s->icpc[i], start, end) || s->icpc[i] < s->start[i])
                continue;
            row =
                (struct csc_row){s->child[i], s->who.team[i], s->who.worker[i],
                                 s->start[i], s->icpc[i],     0,
                                 false};
        } else {
            const struct csc_assessments *a = &r->assessments;
            if (!in(a->done[i], start, end))
                continue;
            int32_t from = a->start[i];
            if (id == CSC_ASSESS45_REF &&
                (from = referral_before(&g, a->child[i], a->start[i], false)) ==
                    GT_NO_DATE)
                continue;
            row = (struct csc_row){
                a->child[i], a->who.team[i], a->who.worker[i], from, a->done[i],
                0,           false};
        }
        row.days = gt_working_days(cal, row.from, row.to);
        row.late = row.days > limit;
        if (*n == alloc) {
            alloc = alloc ? alloc * 2 : 64;
            rows = xrealloc(rows, alloc * sizeof *rows);
        }
        rows[(*n)++] = row;
    }
    free(g.first);
    free(g.dates);
    qsort(rows, *n, sizeof *rows, cmp_row);
    return rows;
}

bool
csc_find(const char *code, enum csc_id *out)
{
    for (int i = 0; i < CSC_N; i++)
        if (strcasecmp(code, csc_defs[i].code) == 0) {
            *out = (enum csc_id)i;
            return true;
        }
    return false;
}

bool
csc_has_rows(enum csc_id id)
{
    return id == CSC_ASSESS45 || id == CSC_ASSESS45_REF || id == CSC_ICPC15;
}

void
csc_value_text(const struct csc_def *d, const struct csc_result *r, char *out,
               size_t len)
{
    if (!d->percent)
        snprintf(out, len, "%ld", r->numerator);
    else if (!r->denominator)
        snprintf(out, len, "x");
    else
        snprintf(out, len, "%.1f%%",
                 gt_round_half_away(
                     100.0 * (double)r->numerator / (double)r->denominator, 1));
}

bool
csc_rows_csv(FILE *f, const struct csc_records *r, const struct csc_row *rows,
             size_t n, bool all, const char *key_hex)
{
    static const char *const heading[] = {
        "child", "team",         "worker",          "from",
        "to",    "working days", "within timescale"};
    if (!gt_csv_write_row(f, heading, 7))
        return false;
    for (size_t i = 0; i < n; i++) {
        const struct csc_row *row = &rows[i];
        char from[GT_DATE_ISO_LEN], to[GT_DATE_ISO_LEN], child[GT_KEYED_ID_LEN],
            days[16];
        if (!all && !row->late)
            continue;
        const char *raw = r->children.text[row->child];
        if (r->hashed)
            snprintf(child, sizeof child, "%s", raw);
        else if (!gt_keyed_id(key_hex, raw, strlen(raw), child))
            return false;
        gt_date_iso(row->from, from);
        gt_date_iso(row->to, to);
        snprintf(days, sizeof days, "%d", row->days);
        const char *cells[] = {child,
                               row->team >= 0 ? r->people.text[row->team] : "",
                               row->worker >= 0 ? r->people.text[row->worker]
                                                : "",
                               from,
                               to,
                               days,
                               row->late ? "no" : "yes"};
        if (!gt_csv_write_row(f, cells, 7))
            return false;
    }
    return true;
}
