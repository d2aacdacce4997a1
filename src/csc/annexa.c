/*
 * annexa: reading Annex A lists. See annexa.h.
 */
#include "csc/annexa.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "core/mem.h"
#include "io/csv.h"
#include "io/xlsx_read.h"

/* What a column means to us. */
enum field {
    F_IGNORE = 0, /* known, not needed */
    F_DROP,       /* names or addresses: never read */
    F_CHILD,
    F_DOB,
    F_AGE,
    F_TEAM,
    F_WORKER,
    F_CONTACT,
    F_REFERRAL,
    F_PRIOR,
    F_NFA,
    F_ASSESS_START,
    F_ASSESS_DONE,
    F_S47_START,
    F_ICPC_UNNECESSARY,
    F_ICPC,
    F_ICPC_PLAN,
    F_CPP_START,
    F_CPP_END,
    F_CPP_REVIEW,
    F_CPP_PREVIOUS,
    F_CLA_START,
    F_LEGAL,
    F_CLA_REVIEW,
    F_PLACEMENTS,
    F_CEASED,
    F_PLACED,
    F_IN_TOUCH,
    F_SUITABLE,
    F_ACTIVITY,
    F_COUNT
};

struct heading {
    const char *text; /* normalised: lower case, straight quotes, single
                       * spaces, no trailing punctuation */
    enum field field;
};

/* Headings shared by every child list. */
#define COMMON                                                                 \
    {"child unique id", F_CHILD}, {"gender", F_IGNORE},                        \
        {"ethnicity", F_IGNORE}, {"date of birth", F_DOB},                     \
        {"age of child (years)", F_AGE}, {"age", F_AGE},                       \
        {"does the child have a disability", F_IGNORE},                        \
        {"allocated team", F_TEAM},                                            \
    {                                                                          \
        "allocated worker", F_WORKER                                           \
    }

struct list_spec {
    int number;
    const char *mark; /* a heading only this list has */
    struct heading headings[40];
    enum field required[6]; /* ends at F_IGNORE */
};

static const struct list_spec lists[] = {
    {1,
     "date of contact",
     {COMMON, {"date of contact", F_CONTACT}, {"contact source", F_IGNORE}},
     {F_CHILD, F_CONTACT}},
    {2,
     "organisation completing assessment",
     {COMMON,
      {"assessment start date", F_IGNORE},
      {"assessment completion date", F_IGNORE},
      {"organisation completing assessment", F_IGNORE}},
     {F_CHILD}},
    {3,
     "date of referral",
     {COMMON,
      {"date of referral", F_REFERRAL},
      {"referral source", F_IGNORE},
      {"referral nfa", F_NFA},
      {"number of referrals in last 12 months", F_PRIOR}},
     {F_CHILD, F_REFERRAL}},
    {4,
     "continuous assessment start date",
     {COMMON,
      {"continuous assessment start date", F_ASSESS_START},
      {"child seen during continuous assessment", F_IGNORE},
      {"continuous assessment date of authorisation", F_ASSESS_DONE},
      {"was the child assessed as requiring la children's social care "
       "support",
       F_IGNORE}},
     {F_CHILD, F_ASSESS_START, F_ASSESS_DONE}},
    {5,
     "strategy discussion initiating section 47 enquiry start date",
     {COMMON,
      {"strategy discussion initiating section 47 enquiry start date",
       F_S47_START},
      {"was an initial child protection conference deemed unnecessary",
       F_ICPC_UNNECESSARY},
      {"date of initial child protection conference", F_ICPC},
      {"did the initial child protection conference result in a child "
       "protection plan",
       F_ICPC_PLAN},
      {"number of section 47 enquiries in the last 12 months", F_IGNORE},
      {"number of icpcs in the last 12 months", F_IGNORE}},
     {F_CHILD, F_S47_START, F_ICPC}},
    {6,
     "cin start date",
     {COMMON,
      {"cin start date", F_IGNORE},
      {"primary need code", F_IGNORE},
      {"date child was last seen", F_IGNORE},
      {"cin closure date", F_IGNORE},
      {"reason for closure", F_IGNORE},
      {"case status", F_IGNORE}},
     {F_CHILD}},
    {7,
     "child protection plan start date",
     {COMMON,
      {"child protection plan start date", F_CPP_START},
      {"initial category of abuse", F_IGNORE},
      {"latest category of abuse", F_IGNORE},
      {"date of the last statutory visit", F_IGNORE},
      {"was the child seen alone", F_IGNORE},
      {"date of latest review conference", F_CPP_REVIEW},
      {"child protection plan end date", F_CPP_END},
      {"subject to emergency protection order or protected under police "
       "powers in last six months (y/n)",
       F_IGNORE},
      {"number of previous child protection plans", F_CPP_PREVIOUS}},
     {F_CHILD, F_CPP_START, F_CPP_END}},
    {8,
     "date started to be looked after",
     {COMMON,
      {"unaccompanied asylum seeking child (uasc) within the last 12 months "
       "(y/n)",
       F_IGNORE},
      {"date started to be looked after", F_CLA_START},
      {"child's category of need", F_IGNORE},
      {"is this a second or subsequent period of being a looked after child "
       "within the last 12 months (y/n)",
       F_IGNORE},
      {"start date of current legal status", F_IGNORE},
      {"child's legal status", F_LEGAL},
      {"date of latest statutory review", F_CLA_REVIEW},
      {"date of last social work visit", F_IGNORE},
      {"what is the permanence plan for this child", F_IGNORE},
      {"date of last iro visit / contact to the child", F_IGNORE},
      {"date of last health assessment", F_IGNORE},
      {"date of last dental check", F_IGNORE},
      {"number of placements in the last 12 months", F_PLACEMENTS},
      {"date ceased to be looked after", F_CEASED},
      {"reason ceased to be looked after", F_IGNORE},
      {"start date of most recent placement", F_PLACED},
      {"placement type", F_IGNORE},
      {"placement provider", F_IGNORE},
      {"placement postcode", F_DROP},
      {"urn of placement", F_IGNORE},
      {"placement location", F_IGNORE},
      {"la of placement", F_IGNORE},
      {"number of episodes the child has been 'missing' from their placement "
       "in the last 12 months",
       F_IGNORE},
      {"number of episodes the child has been 'absent' from their placement "
       "in the last 12 months",
       F_IGNORE},
      {"was the child offered a return interview after their last missing "
       "episode (y/n)",
       F_IGNORE},
      {"did the child accept a return interview after their last missing "
       "episode (y/n)",
       F_IGNORE}},
     {F_CHILD, F_CLA_START, F_CEASED}},
    {9,
     "eligibility category",
     {COMMON,
      {"unaccompanied asylum seeking child (uasc), or formerly uasc if 18 or "
       "over (y/n)",
       F_IGNORE},
      {"allocated personal advisor", F_DROP},
      {"eligibility category", F_IGNORE},
      {"latest pathway plan review date", F_IGNORE},
      {"la in touch", F_IN_TOUCH},
      {"latest date of contact", F_IGNORE},
      {"type of accommodation", F_IGNORE},
      {"suitability of accommodation", F_SUITABLE},
      {"activity status", F_ACTIVITY}},
     {F_CHILD, F_DOB, F_SUITABLE, F_ACTIVITY}},
    {10,
     "date of decision that child should be placed for adoption",
     {COMMON, {"family identifier", F_IGNORE}},
     {F_CHILD}},
    {11, "individual adopter identifier", {{NULL, F_IGNORE}}, {F_IGNORE}},
};
#define N_LISTS (sizeof lists / sizeof lists[0])

/* Lower case, straight quotes, one space between words, no trailing
 * "?", ".", ":" or spaces; a doubled closing bracket (a typo in the 2024
 * sample) is made single. */
static void
normalise(const char *s, char *out, size_t len)
{
    size_t o = 0;
    bool space = false;
    for (; *s && o + 2 < len; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c == 0xE2 && (unsigned char)s[1] == 0x80) &&
            ((unsigned char)s[2] >= 0x98 && (unsigned char)s[2] <= 0x9D)) {
            c = (unsigned char)s[2] <= 0x9B ? '\'' : '"';
            s += 2;
        } else if (c == 0xC2 && (unsigned char)s[1] == 0xA0) { /* nbsp */
            c = ' ';
            s += 1;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    while (o && strchr("?.: ", out[o - 1]))
        o--;
    if (o >= 2 && out[o - 1] == ')' && out[o - 2] == ')')
        o--;
    out[o] = '\0';
}

int
csc_parse_date(const char *s, int32_t *out)
{
    while (*s == ' ')
        s++;
    if (!*s || (*s == '#' && strcasecmp(s, "#N/A") == 0))
        return 0;
    char *end;
    /* ISO, optionally with a time after it */
    if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-') {
        char iso[11];
        memcpy(iso, s, 10);
        iso[10] = '\0';
        if ((s[10] == '\0' || s[10] == ' ' || s[10] == 'T') &&
            gt_date_parse_iso(iso, out))
            return 1;
        return -1;
    }
    /* DD/MM/YYYY, the common case, without strtol */
    if (strlen(s) == 10 && s[2] == '/' && s[5] == '/' && s[0] >= '0' &&
        s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[3] >= '0' &&
        s[3] <= '9' && s[4] >= '0' && s[4] <= '9') {
        int y = 0;
        for (int k = 6; k < 10; k++) {
            if (s[k] < '0' || s[k] > '9')
                return -1;
            y = y * 10 + (s[k] - '0');
        }
        *out = gt_date_from_ymd(y, (s[3] - '0') * 10 + (s[4] - '0'),
                                (s[0] - '0') * 10 + (s[1] - '0'));
        return *out == GT_NO_DATE ? -1 : 1;
    }
    /* D/M/YYYY and the like */
    if (strchr(s, '/')) {
        long d = strtol(s, &end, 10);
        if (end == s || *end != '/')
            return -1;
        const char *m_at = end + 1;
        long m = strtol(m_at, &end, 10);
        if (end == m_at || *end != '/')
            return -1;
        const char *y_at = end + 1;
        long y = strtol(y_at, &end, 10);
        if (end - y_at != 4 || (*end && *end != ' '))
            return -1;
        *out = gt_date_from_ymd((int)y, (int)m, (int)d);
        return *out == GT_NO_DATE ? -1 : 1;
    }
    /* an Excel serial number: day 0 is 30 December 1899 */
    double serial = strtod(s, &end);
    if (end != s && *end == '\0' && serial >= 1 && serial < 2958466) {
        *out = gt_date_from_ymd(1899, 12, 30) + (int32_t)serial;
        return 1;
    }
    return -1;
}

/* The code in "a) V2: Single period under S20", "V2: ...", "V2". */
static void
code_of(const char *s, char out[3])
{
    while (*s == ' ')
        s++;
    /* an Ofsted letter prefix: one or two letters and ")" */
    const char *paren = strchr(s, ')');
    if (paren && paren - s <= 2 && paren[1] == ' ')
        s = paren + 2;
    size_t n = strcspn(s, ": -");
    out[0] = out[1] = out[2] = '\0';
    if (n >= 1 && n <= 2) {
        out[0] = s[0];
        out[1] = n == 2 ? s[1] : '\0';
        for (int i = 0; i < 2; i++)
            if (out[i] >= 'a' && out[i] <= 'z')
                out[i] = (char)(out[i] - 32);
    }
}

/* The word after any Ofsted letter prefix, lower case. */
static void
word_of(const char *s, char *out, size_t len)
{
    const char *paren = strchr(s, ')');
    if (paren && paren - s <= 3)
        s = paren + 1;
    normalise(s, out, len);
}

static enum csc_yn
yes_no(const char *s)
{
    char w[16];
    word_of(s, w, sizeof w);
    if (!strcmp(w, "yes") || !strcmp(w, "y") || !strcmp(w, "1") ||
        !strcmp(w, "true"))
        return CSC_YES;
    if (!strcmp(w, "no") || !strcmp(w, "n") || !strcmp(w, "0") ||
        !strcmp(w, "false"))
        return CSC_NO;
    return CSC_UNKNOWN;
}

static enum csc_yn
suitable(const char *s)
{
    char w[24];
    word_of(s, w, sizeof w);
    if (!strcmp(w, "suitable") || !strcmp(w, "1"))
        return CSC_YES;
    if (!strcmp(w, "unsuitable") || !strcmp(w, "not suitable") ||
        !strcmp(w, "2"))
        return CSC_NO;
    return CSC_UNKNOWN;
}

/* A small whole number: *out, or false. Blank gives -1. */
static bool
count_of(const char *s, int16_t *out)
{
    char *end;
    while (*s == ' ')
        s++;
    if (!*s) {
        *out = -1;
        return true;
    }
    long v = strtol(s, &end, 10);
    if (*end == '.' && end[1] == '0' && end[2] == '\0')
        end += 2; /* 3.0 from a spreadsheet */
    if (end == s || *end || v < 0 || v > 9999)
        return false;
    *out = (int16_t)v;
    return true;
}

/* A row's fingerprint: two independent 64-bit hashes of its fields, its
 * line, and where it went in its list (SIZE_MAX for lists not kept).
 * Repeats are found after the file is read, by sorting the fingerprints:
 * a sequential pass, where a table probed row by row missed the cache on
 * nearly every row. A fingerprint is 24 bytes: a folder of five million
 * children holds millions of them at once. */
struct fingerprint {
    uint64_t a, b;
    uint32_t line; /* the file's line (none comes near 4G lines) */
    uint32_t row;  /* the row's index in its list, or NO_ROW */
};

#define NO_ROW UINT32_MAX

struct fingerprints {
    struct fingerprint *v;
    size_t n, alloc;
};

/* Two independent 64-bit hashes of the row's fields (the reader's run of
 * NUL-terminated fields), eight bytes at a time; the last word overlaps
 * the one before rather than being assembled byte by byte, which would
 * stall on every row. */
static void
row_hash(struct gt_csv *c, uint64_t *a, uint64_t *b)
{
    size_t len;
    const char *p = gt_csv_row_text(c, &len);
    uint64_t x = 0xcbf29ce484222325u ^ len, y = 0x84222325cbf29ce4u;
    uint64_t w;
#define MIX(w)                                                                 \
    do {                                                                       \
        x = (x ^ (w)) * 0xBF58476D1CE4E5B9u;                                   \
        x ^= x >> 31;                                                          \
        y = (y + (w)) * 0x94D049BB133111EBu;                                   \
        y ^= y >> 29;                                                          \
    } while (0)
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, p + i, 8);
        MIX(w);
    }
    if (i < len) {
        w = 0;
        if (len >= 8)
            memcpy(&w, p + len - 8, 8);
        else
            memcpy(&w, p, len);
        MIX(w);
    }
#undef MIX
    x ^= x >> 33; /* avalanche: the low bits pick the slot */
    x *= 0xFF51AFD7ED558CCDu;
    x ^= x >> 33;
    *a = x;
    *b = y | 1; /* never 0: 0 marks an empty slot */
}

/* A name and its number, remembered. */
struct last_name {
    char text[64];
    int32_t number;
};

struct reader {
    struct csc_records *r;
    struct gt_csv *csv;
    const struct list_spec *spec;
    struct csc_load *load;
    struct gt_ctx *ctx;
    long col_of[F_COUNT]; /* field index, -1 when absent */
    char *heading[F_COUNT];
    bool bad; /* the current row has a problem */
    struct fingerprints prints;
    /* the last child's ID and number: lists usually run child by child */
    char last_id[64];
    int32_t last_child;
    /* the last team's and worker's: a child's rows usually share them */
    struct last_name last_name[2];
};

static void row_error(struct reader *rd, enum field f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
row_error(struct reader *rd, enum field f, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!rd->bad)
        rd->load->rejected[rd->spec->number]++;
    rd->bad = true;
    gt_err(rd->ctx, GT_INVALID, "%s:%ld: %s: %s (row not loaded)",
           gt_csv_name(rd->csv), gt_csv_line(rd->csv),
           f == F_COUNT ? "row" : rd->heading[f], msg);
}

static const char *
cell(struct reader *rd, enum field f)
{
    return rd->col_of[f] < 0 ? ""
                             : gt_csv_field(rd->csv, (size_t)rd->col_of[f]);
}

static int32_t
date_cell(struct reader *rd, enum field f)
{
    int32_t d = GT_NO_DATE;
    const char *s = cell(rd, f);
    int got = csc_parse_date(s, &d);
    if (got < 0)
        row_error(rd, f,
                  "\"%s\" is not a date (expected 31/03/2017, "
                  "2017-03-31 or a spreadsheet date number)",
                  s);
    else if (got > 0 && !gt_date_plausible(d)) {
        row_error(rd, f,
                  "\"%s\" is not a plausible date (it must be "
                  "" GT_DATE_PLAUSIBLE_WORDS ")",
                  s);
        d = GT_NO_DATE;
    }
    return d;
}

static int32_t
name_cell(struct reader *rd, enum field f)
{
    const char *s = cell(rd, f);
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    if (!n)
        return -1;
    struct last_name *last = &rd->last_name[f == F_WORKER];
    if (n < sizeof last->text && memcmp(last->text, s, n) == 0 &&
        last->text[n] == '\0')
        return last->number;
    int32_t number = csc_intern(&rd->r->people, s, n);
    if (n < sizeof last->text) {
        memcpy(last->text, s, n);
        last->text[n] = '\0';
        last->number = number;
    }
    return number;
}

/* The event date must not be before the child's birth (an unborn child,
 * age -1, is recorded with the expected date). */
static void
after_birth(struct reader *rd, enum field f, int32_t date, int32_t dob)
{
    const char *age = cell(rd, F_AGE);
    if (date != GT_NO_DATE && dob != GT_NO_DATE && date < dob &&
        strcmp(age, "-1") != 0)
        row_error(rd, f, "is before the child's date of birth");
}

static void
not_before(struct reader *rd, enum field f, int32_t end, int32_t start)
{
    if (end != GT_NO_DATE && start != GT_NO_DATE && end < start)
        row_error(rd, f, "is before the start (%s)",
                  rd->heading[f == F_CPP_END ? F_CPP_START : F_CLA_START]);
}

static int16_t
count_cell(struct reader *rd, enum field f)
{
    int16_t v = -1;
    if (!count_of(cell(rd, f), &v))
        row_error(rd, f, "\"%s\" is not a whole number", cell(rd, f));
    return v;
}

/* Read the current row into the list's arrays; a rejected row is taken
 * back off. */
static void
read_row(struct reader *rd, int32_t child)
{
    struct csc_records *r = rd->r;
    int32_t dob = date_cell(rd, F_DOB);
    size_t i;
    switch (rd->spec->number) {
    case 1:
        i = csc_contacts_add(&r->contacts);
        r->contacts.child[i] = child;
        r->contacts.date[i] = date_cell(rd, F_CONTACT);
        if (r->contacts.date[i] == GT_NO_DATE && !rd->bad)
            row_error(rd, F_CONTACT, "blank");
        after_birth(rd, F_CONTACT, r->contacts.date[i], dob);
        if (rd->bad)
            r->contacts.n--;
        break;
    case 3:
        i = csc_referrals_add(&r->referrals);
        r->referrals.child[i] = child;
        r->referrals.date[i] = date_cell(rd, F_REFERRAL);
        if (r->referrals.date[i] == GT_NO_DATE && !rd->bad)
            row_error(rd, F_REFERRAL, "blank");
        after_birth(rd, F_REFERRAL, r->referrals.date[i], dob);
        r->referrals.prior[i] = count_cell(rd, F_PRIOR);
        r->referrals.nfa[i] = (uint8_t)yes_no(cell(rd, F_NFA));
        r->referrals.who.team[i] = name_cell(rd, F_TEAM);
        r->referrals.who.worker[i] = name_cell(rd, F_WORKER);
        if (rd->bad)
            r->referrals.n--;
        break;
    case 4:
        i = csc_assessments_add(&r->assessments);
        r->assessments.child[i] = child;
        r->assessments.start[i] = date_cell(rd, F_ASSESS_START);
        r->assessments.done[i] = date_cell(rd, F_ASSESS_DONE);
        if (r->assessments.start[i] == GT_NO_DATE && !rd->bad)
            row_error(rd, F_ASSESS_START, "blank");
        after_birth(rd, F_ASSESS_START, r->assessments.start[i], dob);
        if (r->assessments.done[i] != GT_NO_DATE &&
            r->assessments.done[i] < r->assessments.start[i])
            row_error(rd, F_ASSESS_DONE, "is before the start (%s)",
                      rd->heading[F_ASSESS_START]);
        r->assessments.who.team[i] = name_cell(rd, F_TEAM);
        r->assessments.who.worker[i] = name_cell(rd, F_WORKER);
        if (rd->bad)
            r->assessments.n--;
        break;
    case 5:
        i = csc_s47_add(&r->s47);
        r->s47.child[i] = child;
        r->s47.start[i] = date_cell(rd, F_S47_START);
        /* an ICPC dated before the S47 stays: DfE counts it among ICPCs
         * but leaves it out of the timeliness rate */
        r->s47.icpc[i] = date_cell(rd, F_ICPC);
        if (r->s47.start[i] == GT_NO_DATE && !rd->bad)
            row_error(rd, F_S47_START, "blank");
        after_birth(rd, F_S47_START, r->s47.start[i], dob);
        r->s47.unnecessary[i] = (uint8_t)yes_no(cell(rd, F_ICPC_UNNECESSARY));
        r->s47.to_plan[i] = (uint8_t)yes_no(cell(rd, F_ICPC_PLAN));
        r->s47.who.team[i] = name_cell(rd, F_TEAM);
        r->s47.who.worker[i] = name_cell(rd, F_WORKER);
        if (rd->bad)
            r->s47.n--;
        break;
    case 7:
        i = csc_plans_add(&r->plans);
        r->plans.child[i] = child;
        r->plans.start[i] = date_cell(rd, F_CPP_START);
        r->plans.end[i] = date_cell(rd, F_CPP_END);
        r->plans.review[i] = date_cell(rd, F_CPP_REVIEW);
        if (r->plans.start[i] == GT_NO_DATE && !rd->bad)
            row_error(rd, F_CPP_START, "blank");
        after_birth(rd, F_CPP_START, r->plans.start[i], dob);
        not_before(rd, F_CPP_END, r->plans.end[i], r->plans.start[i]);
        r->plans.previous[i] = count_cell(rd, F_CPP_PREVIOUS);
        r->plans.who.team[i] = name_cell(rd, F_TEAM);
        r->plans.who.worker[i] = name_cell(rd, F_WORKER);
        if (rd->bad)
            r->plans.n--;
        break;
    case 8:
        i = csc_care_add(&r->care);
        r->care.child[i] = child;
        r->care.dob[i] = dob;
        r->care.start[i] = date_cell(rd, F_CLA_START);
        r->care.ceased[i] = date_cell(rd, F_CEASED);
        r->care.placed[i] = date_cell(rd, F_PLACED);
        r->care.review[i] = date_cell(rd, F_CLA_REVIEW);
        if (r->care.start[i] == GT_NO_DATE && !rd->bad)
            row_error(rd, F_CLA_START, "blank");
        after_birth(rd, F_CLA_START, r->care.start[i], dob);
        not_before(rd, F_CEASED, r->care.ceased[i], r->care.start[i]);
        code_of(cell(rd, F_LEGAL), r->care.legal[i]);
        r->care.placements[i] = count_cell(rd, F_PLACEMENTS);
        r->care.who.team[i] = name_cell(rd, F_TEAM);
        r->care.who.worker[i] = name_cell(rd, F_WORKER);
        if (rd->bad)
            r->care.n--;
        break;
    case 9:
        i = csc_leavers_add(&r->leavers);
        r->leavers.child[i] = child;
        r->leavers.dob[i] = dob;
        if (dob == GT_NO_DATE && !rd->bad)
            row_error(rd, F_DOB, "blank; a care leaver's age needs it");
        r->leavers.suitable[i] = (uint8_t)suitable(cell(rd, F_SUITABLE));
        code_of(cell(rd, F_ACTIVITY), r->leavers.activity[i]);
        r->leavers.in_touch[i] = (uint8_t)yes_no(cell(rd, F_IN_TOUCH));
        if (rd->bad)
            r->leavers.n--;
        break;
    default:
        break; /* read for checking; the indicators do not use it */
    }
}

/* Keep a date of birth to its month, so the day is never held. */
static int32_t
month_of(int32_t date)
{
    int y, m, d;
    if (date == GT_NO_DATE)
        return date;
    gt_date_to_ymd(date, &y, &m, &d);
    return gt_date_from_ymd(y, m, 1);
}

/* Rows in the list numbered l that the indicators keep. */
static size_t
list_length(const struct csc_records *r, int l)
{
    switch (l) {
    case 1:
        return r->contacts.n;
    case 3:
        return r->referrals.n;
    case 4:
        return r->assessments.n;
    case 5:
        return r->s47.n;
    case 7:
        return r->plans.n;
    case 8:
        return r->care.n;
    case 9:
        return r->leavers.n;
    default:
        return SIZE_MAX;
    }
}

/* The child column of the list numbered l, or NULL when it is not kept. */
static int32_t *
child_column(struct csc_records *r, int l)
{
    switch (l) {
    case 1:
        return r->contacts.child;
    case 3:
        return r->referrals.child;
    case 4:
        return r->assessments.child;
    case 5:
        return r->s47.child;
    case 7:
        return r->plans.child;
    case 8:
        return r->care.child;
    case 9:
        return r->leavers.child;
    default:
        return NULL;
    }
}

/* Note the current, accepted row's fingerprint. */
static void
remember(struct reader *rd)
{
    struct fingerprints *f = &rd->prints;
    if (f->n == f->alloc) {
        f->alloc = f->alloc ? f->alloc + f->alloc / 2 : 4096;
        f->v = xrealloc(f->v, f->alloc * sizeof *f->v);
    }
    struct fingerprint *p = &f->v[f->n++];
    row_hash(rd->csv, &p->a, &p->b);
    p->line = (uint32_t)gt_csv_line(rd->csv);
    size_t n = list_length(rd->r, rd->spec->number);
    p->row = n == SIZE_MAX || n - 1 >= NO_ROW ? NO_ROW : (uint32_t)(n - 1);
}

static int
by_print(const void *x, const void *y)
{
    const struct fingerprint *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return p->line < q->line ? -1 : p->line > q->line;
}

static int
by_line(const void *x, const void *y)
{
    const struct fingerprint *p = x, *q = y;
    return p->line < q->line ? -1 : p->line > q->line;
}

/* Sort by (a, b, line): a least-significant-digit radix sort on a, eight
 * bits a pass (qsort's calls cost more than the sort's reading), then the
 * rare runs of equal a put in order. */
static void
sort_prints(struct fingerprints *f)
{
    struct fingerprint *tmp = xmalloc((f->n ? f->n : 1) * sizeof *tmp);
    struct fingerprint *from = f->v, *to = tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < f->n; i++)
            count[((from[i].a >> shift) & 0xff) + 1]++;
        for (int k = 0; k < 256; k++)
            count[k + 1] += count[k];
        for (size_t i = 0; i < f->n; i++)
            to[count[(from[i].a >> shift) & 0xff]++] = from[i];
        struct fingerprint *t = from;
        from = to;
        to = t;
    }
    /* eight passes: the sorted rows are back in f->v */
    free(tmp);
    for (size_t i = 0; i < f->n;) {
        size_t j = i + 1;
        while (j < f->n && f->v[j].a == f->v[i].a)
            j++;
        if (j - i > 1)
            qsort(&f->v[i], j - i, sizeof *f->v, by_print);
        i = j;
    }
}

/* Keep the rows of columns from index from whose drop flag is 0. */
#define COMPACT(col, n, from, drop)                                            \
    do {                                                                       \
        size_t kept_ = (from);                                                 \
        for (size_t i_ = (from); i_ < (n); i_++)                               \
            if (!(drop)[i_ - (from)])                                          \
                (col)[kept_++] = (col)[i_];                                    \
    } while (0)

static void
compact(struct csc_records *r, int l, size_t from, const unsigned char *drop,
        size_t dropped)
{
    switch (l) {
    case 1:
        COMPACT(r->contacts.child, r->contacts.n, from, drop);
        COMPACT(r->contacts.date, r->contacts.n, from, drop);
        r->contacts.n -= dropped;
        break;
    case 3:
        COMPACT(r->referrals.child, r->referrals.n, from, drop);
        COMPACT(r->referrals.date, r->referrals.n, from, drop);
        COMPACT(r->referrals.prior, r->referrals.n, from, drop);
        COMPACT(r->referrals.nfa, r->referrals.n, from, drop);
        COMPACT(r->referrals.who.team, r->referrals.n, from, drop);
        COMPACT(r->referrals.who.worker, r->referrals.n, from, drop);
        r->referrals.n -= dropped;
        break;
    case 4:
        COMPACT(r->assessments.child, r->assessments.n, from, drop);
        COMPACT(r->assessments.start, r->assessments.n, from, drop);
        COMPACT(r->assessments.done, r->assessments.n, from, drop);
        COMPACT(r->assessments.who.team, r->assessments.n, from, drop);
        COMPACT(r->assessments.who.worker, r->assessments.n, from, drop);
        r->assessments.n -= dropped;
        break;
    case 5:
        COMPACT(r->s47.child, r->s47.n, from, drop);
        COMPACT(r->s47.start, r->s47.n, from, drop);
        COMPACT(r->s47.icpc, r->s47.n, from, drop);
        COMPACT(r->s47.unnecessary, r->s47.n, from, drop);
        COMPACT(r->s47.to_plan, r->s47.n, from, drop);
        COMPACT(r->s47.who.team, r->s47.n, from, drop);
        COMPACT(r->s47.who.worker, r->s47.n, from, drop);
        r->s47.n -= dropped;
        break;
    case 7:
        COMPACT(r->plans.child, r->plans.n, from, drop);
        COMPACT(r->plans.start, r->plans.n, from, drop);
        COMPACT(r->plans.end, r->plans.n, from, drop);
        COMPACT(r->plans.review, r->plans.n, from, drop);
        COMPACT(r->plans.previous, r->plans.n, from, drop);
        COMPACT(r->plans.who.team, r->plans.n, from, drop);
        COMPACT(r->plans.who.worker, r->plans.n, from, drop);
        r->plans.n -= dropped;
        break;
    case 8: {
        struct csc_care *c = &r->care;
        COMPACT(c->child, c->n, from, drop);
        COMPACT(c->dob, c->n, from, drop);
        COMPACT(c->start, c->n, from, drop);
        COMPACT(c->ceased, c->n, from, drop);
        COMPACT(c->placed, c->n, from, drop);
        COMPACT(c->review, c->n, from, drop);
        for (size_t i = from, k = from; i < c->n; i++)
            if (!drop[i - from])
                memcpy(c->legal[k++], c->legal[i], 3);
        COMPACT(c->placements, c->n, from, drop);
        COMPACT(c->who.team, c->n, from, drop);
        COMPACT(c->who.worker, c->n, from, drop);
        c->n -= dropped;
        break;
    }
    case 9: {
        struct csc_leavers *v = &r->leavers;
        COMPACT(v->child, v->n, from, drop);
        COMPACT(v->dob, v->n, from, drop);
        COMPACT(v->suitable, v->n, from, drop);
        for (size_t i = from, k = from; i < v->n; i++)
            if (!drop[i - from])
                memcpy(v->activity[k++], v->activity[i], 3);
        COMPACT(v->in_touch, v->n, from, drop);
        v->n -= dropped;
        break;
    }
    default:
        break;
    }
}

/* Reject every row that repeats an earlier one exactly, reporting them in
 * line order; from is the list's length before this file. True when any
 * was found. */
static bool
drop_repeats(struct reader *rd, size_t from)
{
    struct fingerprints *f = &rd->prints;
    struct fingerprint *dups = NULL;
    size_t n_dups = 0;
    sort_prints(f);
    for (size_t i = 1; i < f->n; i++) {
        if (f->v[i].a != f->v[i - 1].a || f->v[i].b != f->v[i - 1].b)
            continue;
        /* the group's first row (lowest line) is the one kept */
        size_t first = i;
        while (first > 0 && f->v[first - 1].a == f->v[i].a &&
               f->v[first - 1].b == f->v[i].b)
            first--;
        dups = xrealloc(dups, (n_dups + 1) * sizeof *dups);
        dups[n_dups] = f->v[i];
        dups[n_dups].a = (uint64_t)f->v[first].line; /* the earlier line */
        n_dups++;
    }
    if (!n_dups)
        return false;
    qsort(dups, n_dups, sizeof *dups, by_line);
    size_t len = list_length(rd->r, rd->spec->number);
    unsigned char *drop =
        len == SIZE_MAX ? NULL : xcalloc(len - from + 1, sizeof *drop);
    for (size_t i = 0; i < n_dups; i++) {
        gt_err(rd->ctx, GT_INVALID,
               "%s:%ld: row: repeats line %ld exactly (row not loaded)",
               gt_csv_name(rd->csv), (long)dups[i].line, (long)dups[i].a);
        rd->load->rejected[rd->spec->number]++;
        if (drop && dups[i].row != NO_ROW)
            drop[dups[i].row - from] = 1;
    }
    if (drop)
        compact(rd->r, rd->spec->number, from, drop, n_dups);
    free(drop);
    free(dups);
    return true;
}

static const struct list_spec *
which_list(struct gt_csv *c)
{
    char h[512];
    for (size_t i = 0; i < gt_csv_n_fields(c); i++) {
        normalise(gt_csv_field(c, i), h, sizeof h);
        for (size_t k = 0; k < N_LISTS; k++)
            if (strcmp(h, lists[k].mark) == 0)
                return &lists[k];
    }
    return NULL;
}

static enum gt_rc
read_header(struct reader *rd)
{
    char h[512];
    enum gt_rc rc = GT_OK;
    for (int f = 0; f < F_COUNT; f++)
        rd->col_of[f] = -1;
    for (size_t i = 0; i < gt_csv_n_fields(rd->csv); i++) {
        const char *raw = gt_csv_field(rd->csv, i);
        normalise(raw, h, sizeof h);
        const struct heading *found = NULL;
        for (size_t k = 0; rd->spec->headings[k].text && !found; k++)
            if (strcmp(h, rd->spec->headings[k].text) == 0)
                found = &rd->spec->headings[k];
        if (!found) {
            gt_err(rd->ctx, GT_OK, "%s:%ld: %s: not a List %d column; ignored",
                   gt_csv_name(rd->csv), gt_csv_line(rd->csv), raw,
                   rd->spec->number);
            rd->load->warnings++;
            continue;
        }
        if (found->field <= F_DROP)
            continue;
        if (rd->col_of[found->field] >= 0) {
            rc = gt_err(rd->ctx, GT_INVALID,
                        "%s:%ld: %s: the column is repeated",
                        gt_csv_name(rd->csv), gt_csv_line(rd->csv), raw);
            continue;
        }
        rd->col_of[found->field] = (long)i;
        /* as the file wrote it, without the stray spaces some carry */
        size_t len = strlen(raw);
        while (len && raw[len - 1] == ' ')
            len--;
        rd->heading[found->field] = xstrndup(raw, len);
    }
    for (size_t k = 0; k < 6 && rd->spec->required[k] != F_IGNORE; k++) {
        enum field f = rd->spec->required[k];
        if (rd->col_of[f] >= 0)
            continue;
        const char *name = "";
        for (size_t j = 0; rd->spec->headings[j].text; j++)
            if (rd->spec->headings[j].field == f) {
                name = rd->spec->headings[j].text;
                break;
            }
        rc = gt_err(rd->ctx, GT_INVALID,
                    "%s:%ld: List %d has no column \"%s\" (headings are "
                    "matched without regard to case, spaces, quotes or "
                    "trailing punctuation)",
                    gt_csv_name(rd->csv), gt_csv_line(rd->csv),
                    rd->spec->number, name);
    }
    return rc;
}

/* How far down a sheet the headings may be. */
#define HEADING_ROWS 10

/* Read one list from rows (a CSV file or a workbook's sheet). */
static enum gt_rc
load_rows(struct csc_records *r, struct gt_csv *rows, struct csc_load *load,
          struct gt_ctx *ctx)
{
    struct reader rd = {.r = r, .load = load, .ctx = ctx, .csv = rows};
    const char *name = gt_csv_name(rows);
    enum gt_rc rc;
    size_t first = 0; /* the list's length before this file */
    /* The headings are the first row, or (in a workbook made for people)
     * the first that names a list among the first few, below a title. */
    int seen = 0;
    while (seen < HEADING_ROWS && !rd.spec) {
        if ((rc = gt_csv_next(rd.csv, ctx)) != GT_OK)
            break;
        seen++;
        rd.spec = which_list(rd.csv);
    }
    if (rc == GT_DONE && load->in_dir && !seen) {
        gt_err(ctx, GT_OK, "%s: empty; skipped", name);
        load->warnings++;
        rc = GT_OK;
        goto out;
    }
    if (rc == GT_DONE && !seen)
        rc = gt_err(ctx, GT_INVALID, "%s: the file is empty", name);
    if (rc != GT_OK && rc != GT_DONE)
        goto out;
    if (!rd.spec) {
        if (load->in_dir) {
            /* a folder of lists may hold other files */
            gt_err(ctx, GT_OK, "%s: not an Annex A list; skipped", name);
            load->warnings++;
            rc = GT_OK;
            goto out;
        }
        rc = gt_err(ctx, GT_INVALID,
                    "%s: not an Annex A list: no heading in the first %d "
                    "rows names one (such as \"Date of Contact\" for List 1)",
                    name, HEADING_ROWS);
        goto out;
    }
    if ((rc = read_header(&rd)) != GT_OK)
        goto out;
    first = list_length(r, rd.spec->number);
    while ((rc = gt_csv_next(rd.csv, ctx)) == GT_OK) {
        rd.bad = false;
        load->rows[rd.spec->number]++;
        {
            const char *id = cell(&rd, F_CHILD);
            while (*id == ' ')
                id++;
            size_t n = strlen(id);
            while (n && id[n - 1] == ' ')
                n--;
            if (!n) {
                row_error(&rd, F_CHILD, "blank");
            } else {
                bool fresh = n >= sizeof rd.last_id ||
                             memcmp(rd.last_id, id, n) != 0 ||
                             rd.last_id[n] != '\0';
                if (!fresh) {
                    read_row(&rd, rd.last_child);
                } else {
                    /* the table's slot is fetched while the row is read,
                     * and the child's number filled in after */
                    uint32_t h = csc_hash(id, n);
                    csc_prefetch(&r->children, h);
                    read_row(&rd, -1);
                    rd.last_child = csc_intern_hashed(&r->children, id, n, h);
                    int32_t *col = child_column(r, rd.spec->number);
                    if (col && !rd.bad)
                        col[list_length(r, rd.spec->number) - 1] =
                            rd.last_child;
                    if (n < sizeof rd.last_id) {
                        memcpy(rd.last_id, id, n);
                        rd.last_id[n] = '\0';
                    } else {
                        rd.last_id[0] = '\0';
                    }
                }
            }
        }
        if (!rd.bad)
            remember(&rd);
        if (rd.bad && load->strict) {
            rc = GT_INVALID;
            break;
        }
    }
    if (rc == GT_DONE)
        rc = drop_repeats(&rd, first) && load->strict ? GT_INVALID : GT_OK;
    if (rd.spec->number == 8)
        for (size_t i = 0; i < r->care.n; i++)
            r->care.dob[i] = month_of(r->care.dob[i]);
    if (rd.spec->number == 9)
        for (size_t i = 0; i < r->leavers.n; i++)
            r->leavers.dob[i] = month_of(r->leavers.dob[i]);
out:
    for (int k = 0; k < F_COUNT; k++)
        free(rd.heading[k]);
    free(rd.prints.v);
    return rc;
}

/* The reader's caps: Annex A rows are short, and wide ones are mistakes. */
static const struct gt_csv_limits limits = {1 << 16, 1 << 20, 256};

enum gt_rc
csc_load_csv(struct csc_records *r, FILE *f, const char *name,
             struct csc_load *load, struct gt_ctx *ctx)
{
    struct gt_csv *rows = gt_csv_open(f, name, &limits);
    enum gt_rc rc = load_rows(r, rows, load, ctx);
    gt_csv_close(rows);
    return rc;
}

enum gt_rc
csc_load_workbook(struct csc_records *r, const char *path,
                  struct csc_load *load, struct gt_ctx *ctx)
{
    struct gt_workbook_limits lim = gt_workbook_default_limits;
    lim.cells = limits;
    struct gt_workbook *book = NULL;
    enum gt_rc rc = gt_workbook_open(path, &lim, &book, ctx);
    bool in_dir = load->in_dir;
    /* a workbook may hold other sheets (a cover page, notes) */
    load->in_dir = true;
    for (size_t i = 0; rc == GT_OK && i < gt_workbook_n_sheets(book); i++) {
        struct gt_csv *rows = gt_workbook_sheet(book, i, ctx);
        if (!rows) {
            rc = GT_INVALID;
            break;
        }
        rc = load_rows(r, rows, load, ctx);
        gt_csv_close(rows);
    }
    load->in_dir = in_dir;
    gt_workbook_close(book);
    return rc;
}

enum gt_rc
csc_load_file(struct csc_records *r, const char *path, struct csc_load *load,
              struct gt_ctx *ctx)
{
    if (gt_workbook_sniff(path))
        return csc_load_workbook(r, path, load, ctx);
    FILE *f = fopen(path, "rb");
    if (!f)
        return gt_err(ctx, GT_IO, "%s: %s", path, strerror(errno));
    enum gt_rc rc = csc_load_csv(r, f, path, load, ctx);
    fclose(f);
    return rc;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* At most this many files are read at once. */
#define MAX_WORKERS 4

/* One reader thread's share of a folder: its files (indices into the
 * name-ordered list), its own records, counts and a context per file, so
 * nothing is shared while they run and messages can be told in file
 * order afterwards. */
struct share {
    char **names;
    size_t *files, n;
    struct csc_records r;
    struct csc_load load;
    struct gt_ctx *ctx; /* by file index, shared array, own entries */
    enum gt_rc *rc;     /* by file index */
};

static void
add_counts(struct csc_load *to, const struct csc_load *from)
{
    for (int l = 0; l <= CSC_LISTS; l++) {
        to->rows[l] += from->rows[l];
        to->rejected[l] += from->rejected[l];
    }
    to->warnings += from->warnings;
    to->files_failed += from->files_failed;
}

static void *
read_share(void *arg)
{
    struct share *s = arg;
    for (size_t k = 0; k < s->n; k++) {
        size_t i = s->files[k];
        /* each file into records of its own, kept only when it is read
         * whole: a file that fails leaves no row behind */
        struct csc_records file = {0};
        struct csc_load counts = {.strict = s->load.strict, .in_dir = true};
        s->rc[i] = csc_load_file(&file, s->names[i], &counts, &s->ctx[i]);
        if (s->rc[i] == GT_OK) {
            csc_records_merge(&s->r, &file);
            add_counts(&s->load, &counts);
        }
        csc_records_finish(&file);
        if (s->rc[i] != GT_OK && s->load.strict)
            break; /* what follows would not be read one by one either */
    }
    return NULL;
}

static long
size_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : 0;
}

/* Deal the files to workers, largest first to the least loaded, so the
 * threads finish close together; the same folder is always dealt alike. */
static size_t
deal(char **names, size_t n, struct share *shares)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t workers = cores < 1 ? 1 : (size_t)cores;
    if (workers > MAX_WORKERS)
        workers = MAX_WORKERS;
    if (workers > n)
        workers = n;
    long *size = xcalloc(n, sizeof *size), load[MAX_WORKERS] = {0};
    bool *dealt = xcalloc(n, sizeof *dealt);
    for (size_t i = 0; i < n; i++)
        size[i] = size_of(names[i]);
    for (size_t w = 0; w < workers; w++)
        shares[w].files = xcalloc(n, sizeof *shares[w].files);
    for (size_t round = 0; round < n; round++) {
        size_t big = SIZE_MAX, least = 0;
        for (size_t i = 0; i < n; i++)
            if (!dealt[i] && (big == SIZE_MAX || size[i] > size[big]))
                big = i;
        for (size_t w = 1; w < workers; w++)
            if (load[w] < load[least])
                least = w;
        dealt[big] = true;
        load[least] += size[big];
        shares[least].files[shares[least].n++] = big;
    }
    /* each worker reads its files in name order */
    for (size_t w = 0; w < workers; w++)
        for (size_t a = 1; a < shares[w].n; a++)
            for (size_t b = a;
                 b > 0 && shares[w].files[b - 1] > shares[w].files[b]; b--) {
                size_t t = shares[w].files[b];
                shares[w].files[b] = shares[w].files[b - 1];
                shares[w].files[b - 1] = t;
            }
    free(size);
    free(dealt);
    return workers;
}

/* Read the files with a thread a share and gather the results as if read
 * one by one: messages in file order (up to the first file that failed,
 * when strict), the records of the files read whole merged, the counts
 * added up. */
static enum gt_rc
read_files(struct csc_records *r, char **names, size_t n, struct csc_load *load,
           struct gt_ctx *ctx)
{
    struct share shares[MAX_WORKERS];
    pthread_t threads[MAX_WORKERS];
    bool started[MAX_WORKERS] = {false};
    struct gt_ctx *file_ctx = xcalloc(n, sizeof *file_ctx);
    enum gt_rc *file_rc = xcalloc(n, sizeof *file_rc);
    memset(shares, 0, sizeof shares);
    for (size_t i = 0; i < n; i++) {
        gt_ctx_init(&file_ctx[i]);
        file_rc[i] = GT_DONE; /* not read */
    }
    size_t workers = deal(names, n, shares);
    for (size_t w = 0; w < workers; w++) {
        shares[w].names = names;
        shares[w].ctx = file_ctx;
        shares[w].rc = file_rc;
        shares[w].load.strict = load->strict;
        shares[w].load.in_dir = true;
        /* the first share is read here, the rest alongside */
        started[w] = w > 0 && pthread_create(&threads[w], NULL, read_share,
                                             &shares[w]) == 0;
        if (w > 0 && !started[w])
            read_share(&shares[w]);
    }
    if (workers)
        read_share(&shares[0]);
    for (size_t w = 1; w < workers; w++)
        if (started[w])
            pthread_join(threads[w], NULL);
    /* strict: the first file that failed fails the folder; otherwise a
     * file that failed is reported and the others load, unless none
     * did */
    enum gt_rc rc = GT_OK, failed = GT_OK;
    size_t loaded = 0;
    for (size_t i = 0; i < n && rc == GT_OK; i++) {
        for (size_t m = 0; m < file_ctx[i].n_errors; m++)
            gt_err(ctx, GT_OK, "%s", file_ctx[i].errors[m]);
        if (file_rc[i] == GT_OK) {
            loaded++;
        } else if (load->strict) {
            rc = file_rc[i];
        } else if (file_rc[i] != GT_DONE) {
            failed = file_rc[i];
            load->files_failed++;
            gt_err(ctx, GT_OK,
                   "%s: not loaded (see above); the folder's other files "
                   "were read",
                   names[i]);
        }
    }
    if (rc == GT_OK && loaded == 0 && failed != GT_OK)
        rc = gt_err(ctx, failed, "no file in the folder could be read");
    for (size_t w = 0; w < workers; w++) {
        add_counts(load, &shares[w].load);
        csc_records_merge(r, &shares[w].r);
        free(shares[w].files);
    }
    for (size_t i = 0; i < n; i++)
        gt_ctx_finish(&file_ctx[i]);
    free(file_ctx);
    free(file_rc);
    return rc;
}

enum gt_rc
csc_load_dir(struct csc_records *r, const char *dir, struct csc_load *load,
             struct gt_ctx *ctx)
{
    DIR *d = opendir(dir);
    if (!d)
        return gt_err(ctx, GT_IO, "%s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || e->d_name[0] == '~' ||
            !((len > 4 && strcasecmp(e->d_name + len - 4, ".csv") == 0) ||
              (len > 5 && strcasecmp(e->d_name + len - 5, ".xlsx") == 0)))
            continue;
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    enum gt_rc rc =
        n ? read_files(r, names, n, load, ctx)
          : gt_err(ctx, GT_NOTFOUND, "%s: no .csv or .xlsx files", dir);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}
