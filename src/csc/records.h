/*
 * records: child-level children's social care records in memory, in the
 * form the indicators read them: one array a column for each Annex A list
 * the indicators use, child IDs and team and worker names interned to
 * numbers. Names and addresses are never held; a date of birth is kept as
 * its month (the first of the month).
 *
 * This module owns the structures and the interning; csc/annexa.c fills
 * them from files and csc/indicators.c reads them.
 */
#ifndef GT_CSC_RECORDS_H
#define GT_CSC_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Strings interned once, numbered from 0 (child IDs; team and worker
 * names), with an open-addressing table whose slots carry each string's
 * hash, so a probe that misses touches nothing else. The table is kept at
 * most three quarters full, and the strings are packed one after another
 * in large blocks (never moved, so text[i] stays put): a million children
 * is two cache-friendly runs, not a million allocations. */
struct csc_slot {
    uint32_t hash;
    int32_t number; /* number + 1, or 0 when the slot is empty */
};

struct csc_names {
    char **text; /* by number; into blocks */
    size_t n, alloc;
    struct csc_slot *slot;
    size_t size;
    char **blocks; /* owned */
    size_t n_blocks;
    char *next; /* free space in the last block */
    size_t left;
};

/* The number of s (len bytes), added when new. */
int32_t csc_intern(struct csc_names *t, const char *s, size_t len);
/* The same in two steps, so the table's cache miss can overlap other work:
 * hash s and ask for its slot early, then intern with that hash. */
uint32_t csc_hash(const char *s, size_t len);
void csc_prefetch(const struct csc_names *t, uint32_t hash);
int32_t csc_intern_hashed(struct csc_names *t, const char *s, size_t len,
                          uint32_t hash);
void csc_names_finish(struct csc_names *t);

/* A yes/no answer as the lists give it. */
enum csc_yn { CSC_UNKNOWN = 0, CSC_YES, CSC_NO };

/* Columns shared by the lists that name the allocated team and worker;
 * -1 when blank. */
struct csc_alloc {
    int32_t *team, *worker;
};

struct csc_contacts { /* List 1 */
    int32_t *child, *date;
    size_t n, alloc;
};

struct csc_referrals { /* List 3 */
    int32_t *child, *date;
    int16_t *prior; /* Number of Referrals in Last 12 Months; -1 blank */
    uint8_t *nfa;   /* enum csc_yn */
    struct csc_alloc who;
    size_t n, alloc;
};

struct csc_assessments {           /* List 4 */
    int32_t *child, *start, *done; /* done: authorised, or GT_NO_DATE */
    struct csc_alloc who;
    size_t n, alloc;
};

struct csc_s47 {                    /* List 5 */
    int32_t *child, *start, *icpc;  /* icpc: GT_NO_DATE when none */
    uint8_t *unnecessary, *to_plan; /* enum csc_yn */
    struct csc_alloc who;
    size_t n, alloc;
};

struct csc_plans {                         /* List 7 */
    int32_t *child, *start, *end, *review; /* GT_NO_DATE when none */
    int16_t *previous;                     /* earlier plans; -1 blank */
    struct csc_alloc who;
    size_t n, alloc;
};

struct csc_care { /* List 8 */
    int32_t *child, *dob, *start, *ceased, *placed, *review;
    char (*legal)[3];    /* "C2", "V3", ...; "" when blank */
    int16_t *placements; /* in the last 12 months; -1 blank */
    struct csc_alloc who;
    size_t n, alloc;
};

struct csc_leavers { /* List 9 */
    int32_t *child, *dob;
    uint8_t *suitable;   /* enum csc_yn: Suitable, Unsuitable, blank */
    char (*activity)[3]; /* "F1", "G5", ...; "" when blank */
    uint8_t *in_touch;   /* enum csc_yn */
    size_t n, alloc;
};

struct csc_records {
    struct csc_names children, people; /* people: teams and workers */
    bool hashed; /* children holds keyed hashes (records read back from the
                  * store), not the IDs the lists gave */
    struct csc_contacts contacts;
    struct csc_referrals referrals;
    struct csc_assessments assessments;
    struct csc_s47 s47;
    struct csc_plans plans;
    struct csc_care care;
    struct csc_leavers leavers;
};

void csc_records_finish(struct csc_records *r);
/* Move every row of from to the end of to, renumbering its children, teams
 * and workers into to's; from is left empty (and finished). Into empty
 * records, from moves whole. */
void csc_records_merge(struct csc_records *to, struct csc_records *from);

/* Room for one more row in each list; returns the new row's index. */
size_t csc_contacts_add(struct csc_contacts *l);
size_t csc_referrals_add(struct csc_referrals *l);
size_t csc_assessments_add(struct csc_assessments *l);
size_t csc_s47_add(struct csc_s47 *l);
size_t csc_plans_add(struct csc_plans *l);
size_t csc_care_add(struct csc_care *l);
size_t csc_leavers_add(struct csc_leavers *l);

#endif
