/*
 * records: child-level records in memory. See records.h.
 */
#include "csc/records.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/mem.h"

/* A fast hash of a short string, eight bytes at a time. */
static uint32_t
hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ len;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
        s += 8;
        len -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, len);
    /* a full avalanche, so a change in the last character (high bits of
     * the word) reaches the low bits that pick the slot */
    h ^= w;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    h ^= h >> 33;
    return (uint32_t)h;
}

/* A zeroed table of n slots. A big one is asked for in huge pages: its
 * probes land anywhere, and in small pages most would also miss the TLB. */
static struct csc_slot *
new_table(size_t n)
{
    size_t bytes = n * sizeof(struct csc_slot);
    const size_t huge = (size_t)2 << 20;
    void *p = NULL;
    if (bytes < huge || posix_memalign(&p, huge, bytes) != 0)
        return xcalloc(n, sizeof(struct csc_slot));
    (void)madvise(p, bytes, MADV_HUGEPAGE); /* a hint; fine if refused */
    memset(p, 0, bytes);
    return p;
}

static void
rehash(struct csc_names *t)
{
    size_t size = t->size ? t->size * 2 : 1024;
    struct csc_slot *slot = new_table(size);
    for (size_t i = 0; i < t->size; i++) {
        if (!t->slot[i].number)
            continue;
        size_t at = t->slot[i].hash & (size - 1);
        while (slot[at].number)
            at = (at + 1) & (size - 1);
        slot[at] = t->slot[i];
    }
    free(t->slot);
    t->slot = slot;
    t->size = size;
}

#define BLOCK (1u << 20)

/* A copy of s (len bytes, then a NUL) in the current block, or a new one. */
static char *
pack(struct csc_names *t, const char *s, size_t len)
{
    if (len + 1 > t->left) {
        size_t want = len + 1 > BLOCK ? len + 1 : BLOCK;
        t->blocks = xrealloc(t->blocks, (t->n_blocks + 1) * sizeof *t->blocks);
        t->next = t->blocks[t->n_blocks++] = xmalloc(want);
        t->left = want;
    }
    char *copy = t->next;
    memcpy(copy, s, len);
    copy[len] = '\0';
    t->next += len + 1;
    t->left -= len + 1;
    return copy;
}

uint32_t
csc_hash(const char *s, size_t len)
{
    return hash_bytes(s, len);
}

void
csc_prefetch(const struct csc_names *t, uint32_t hash)
{
    if (t->size)
        __builtin_prefetch(&t->slot[hash & (t->size - 1)]);
}

int32_t
csc_intern(struct csc_names *t, const char *s, size_t len)
{
    return csc_intern_hashed(t, s, len, hash_bytes(s, len));
}

int32_t
csc_intern_hashed(struct csc_names *t, const char *s, size_t len, uint32_t h)
{
    if (4 * (t->n + 1) > 3 * t->size)
        rehash(t);
    size_t at = h & (t->size - 1);
    for (; t->slot[at].number; at = (at + 1) & (t->size - 1)) {
        if (t->slot[at].hash != h)
            continue;
        /* strncmp stops at the end of a shorter name */
        const char *have = t->text[t->slot[at].number - 1];
        if (strncmp(have, s, len) == 0 && have[len] == '\0')
            return t->slot[at].number - 1;
    }
    if (t->n == t->alloc) {
        t->alloc = t->alloc ? t->alloc + t->alloc / 2 : 1024;
        t->text = xrealloc(t->text, t->alloc * sizeof *t->text);
    }
    t->text[t->n] = pack(t, s, len);
    t->slot[at] = (struct csc_slot){h, (int32_t)++t->n};
    return (int32_t)t->n - 1;
}

void
csc_names_finish(struct csc_names *t)
{
    for (size_t i = 0; i < t->n_blocks; i++)
        free(t->blocks[i]);
    free(t->blocks);
    free(t->text);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* Grow every column named to hold alloc rows. */
#define GROW(p, alloc) ((p) = xrealloc((p), (alloc) * sizeof *(p)))

static size_t
next_size(size_t n, size_t *alloc)
{
    if (n < *alloc)
        return 0;
    /* by half again: a list of millions of rows wastes less at its end */
    *alloc = *alloc ? *alloc + *alloc / 2 : 1024;
    return *alloc;
}

size_t
csc_contacts_add(struct csc_contacts *l)
{
    if (next_size(l->n, &l->alloc)) {
        GROW(l->child, l->alloc);
        GROW(l->date, l->alloc);
    }
    return l->n++;
}

static void
grow_alloc(struct csc_alloc *w, size_t alloc)
{
    GROW(w->team, alloc);
    GROW(w->worker, alloc);
}

size_t
csc_referrals_add(struct csc_referrals *l)
{
    if (next_size(l->n, &l->alloc)) {
        GROW(l->child, l->alloc);
        GROW(l->date, l->alloc);
        GROW(l->prior, l->alloc);
        GROW(l->nfa, l->alloc);
        grow_alloc(&l->who, l->alloc);
    }
    return l->n++;
}

size_t
csc_assessments_add(struct csc_assessments *l)
{
    if (next_size(l->n, &l->alloc)) {
        GROW(l->child, l->alloc);
        GROW(l->start, l->alloc);
        GROW(l->done, l->alloc);
        grow_alloc(&l->who, l->alloc);
    }
    return l->n++;
}

size_t
csc_s47_add(struct csc_s47 *l)
{
    if (next_size(l->n, &l->alloc)) {
        GROW(l->child, l->alloc);
        GROW(l->start, l->alloc);
        GROW(l->icpc, l->alloc);
        GROW(l->unnecessary, l->alloc);
        GROW(l->to_plan, l->alloc);
        grow_alloc(&l->who, l->alloc);
    }
    return l->n++;
}

size_t
csc_plans_add(struct csc_plans *l)
{
    if (next_size(l->n, &l->alloc)) {
        GROW(l->child, l->alloc);
        GROW(l->start, l->alloc);
        GROW(l->end, l->alloc);
        GROW(l->review, l->alloc);
        GROW(l->previous, l->alloc);
        grow_alloc(&l->who, l->alloc);
    }
    return l->n++;
}

size_t
csc_care_add(struct csc_care *l)
{
    if (next_size(l->n, &l->alloc)) {
        GROW(l->child, l->alloc);
        GROW(l->dob, l->alloc);
        GROW(l->start, l->alloc);
        GROW(l->ceased, l->alloc);
        GROW(l->placed, l->alloc);
        GROW(l->review, l->alloc);
        GROW(l->legal, l->alloc);
        GROW(l->placements, l->alloc);
        grow_alloc(&l->who, l->alloc);
    }
    return l->n++;
}

size_t
csc_leavers_add(struct csc_leavers *l)
{
    if (next_size(l->n, &l->alloc)) {
        GROW(l->child, l->alloc);
        GROW(l->dob, l->alloc);
        GROW(l->suitable, l->alloc);
        GROW(l->activity, l->alloc);
        GROW(l->in_touch, l->alloc);
    }
    return l->n++;
}

static void
alloc_finish(struct csc_alloc *w)
{
    free(w->team);
    free(w->worker);
}

void
csc_records_finish(struct csc_records *r)
{
    csc_names_finish(&r->children);
    csc_names_finish(&r->people);
    free(r->contacts.child);
    free(r->contacts.date);
    free(r->referrals.child);
    free(r->referrals.date);
    free(r->referrals.prior);
    free(r->referrals.nfa);
    alloc_finish(&r->referrals.who);
    free(r->assessments.child);
    free(r->assessments.start);
    free(r->assessments.done);
    alloc_finish(&r->assessments.who);
    free(r->s47.child);
    free(r->s47.start);
    free(r->s47.icpc);
    free(r->s47.unnecessary);
    free(r->s47.to_plan);
    alloc_finish(&r->s47.who);
    free(r->plans.child);
    free(r->plans.start);
    free(r->plans.end);
    free(r->plans.review);
    free(r->plans.previous);
    alloc_finish(&r->plans.who);
    free(r->care.child);
    free(r->care.dob);
    free(r->care.start);
    free(r->care.ceased);
    free(r->care.placed);
    free(r->care.review);
    free(r->care.legal);
    free(r->care.placements);
    alloc_finish(&r->care.who);
    free(r->leavers.child);
    free(r->leavers.dob);
    free(r->leavers.suitable);
    free(r->leavers.activity);
    free(r->leavers.in_touch);
    memset(r, 0, sizeof *r);
}

/* A number of from's names as to numbers it; -1 stays -1. */
static int32_t *
renumber(struct csc_names *to, const struct csc_names *from)
{
    int32_t *map = xmalloc((from->n ? from->n : 1) * sizeof *map);
    for (size_t i = 0; i < from->n; i++)
        map[i] = csc_intern(to, from->text[i], strlen(from->text[i]));
    return map;
}

static void
merge_who(struct csc_alloc *to, size_t j, const struct csc_alloc *from,
          size_t i, const int32_t *person)
{
    to->team[j] = from->team[i] >= 0 ? person[from->team[i]] : -1;
    to->worker[j] = from->worker[i] >= 0 ? person[from->worker[i]] : -1;
}

static bool
holds_nothing(const struct csc_records *r)
{
    return !r->children.n && !r->people.n && !r->contacts.n &&
           !r->referrals.n && !r->assessments.n && !r->s47.n && !r->plans.n &&
           !r->care.n && !r->leavers.n;
}

void
csc_records_merge(struct csc_records *to, struct csc_records *from)
{
    if (holds_nothing(to) && to->hashed == from->hashed) {
        csc_records_finish(to); /* the empty tables it may have made */
        *to = *from;
        memset(from, 0, sizeof *from);
        return;
    }
    int32_t *child = renumber(&to->children, &from->children);
    int32_t *person = renumber(&to->people, &from->people);
    for (size_t i = 0; i < from->contacts.n; i++) {
        size_t j = csc_contacts_add(&to->contacts);
        to->contacts.child[j] = child[from->contacts.child[i]];
        to->contacts.date[j] = from->contacts.date[i];
    }
    const struct csc_referrals *f = &from->referrals;
    for (size_t i = 0; i < f->n; i++) {
        size_t j = csc_referrals_add(&to->referrals);
        to->referrals.child[j] = child[f->child[i]];
        to->referrals.date[j] = f->date[i];
        to->referrals.prior[j] = f->prior[i];
        to->referrals.nfa[j] = f->nfa[i];
        merge_who(&to->referrals.who, j, &f->who, i, person);
    }
    const struct csc_assessments *a = &from->assessments;
    for (size_t i = 0; i < a->n; i++) {
        size_t j = csc_assessments_add(&to->assessments);
        to->assessments.child[j] = child[a->child[i]];
        to->assessments.start[j] = a->start[i];
        to->assessments.done[j] = a->done[i];
        merge_who(&to->assessments.who, j, &a->who, i, person);
    }
    const struct csc_s47 *s = &from->s47;
    for (size_t i = 0; i < s->n; i++) {
        size_t j = csc_s47_add(&to->s47);
        to->s47.child[j] = child[s->child[i]];
        to->s47.start[j] = s->start[i];
        to->s47.icpc[j] = s->icpc[i];
        to->s47.unnecessary[j] = s->unnecessary[i];
        to->s47.to_plan[j] = s->to_plan[i];
        merge_who(&to->s47.who, j, &s->who, i, person);
    }
    const struct csc_plans *p = &from->plans;
    for (size_t i = 0; i < p->n; i++) {
        size_t j = csc_plans_add(&to->plans);
        to->plans.child[j] = child[p->child[i]];
        to->plans.start[j] = p->start[i];
        to->plans.end[j] = p->end[i];
        to->plans.review[j] = p->review[i];
        to->plans.previous[j] = p->previous[i];
        merge_who(&to->plans.who, j, &p->who, i, person);
    }
    const struct csc_care *c = &from->care;
    for (size_t i = 0; i < c->n; i++) {
        size_t j = csc_care_add(&to->care);
        to->care.child[j] = child[c->child[i]];
        to->care.dob[j] = c->dob[i];
        to->care.start[j] = c->start[i];
        to->care.ceased[j] = c->ceased[i];
        to->care.placed[j] = c->placed[i];
        to->care.review[j] = c->review[i];
        memcpy(to->care.legal[j], c->legal[i], sizeof c->legal[i]);
        to->care.placements[j] = c->placements[i];
        merge_who(&to->care.who, j, &c->who, i, person);
    }
    const struct csc_leavers *l = &from->leavers;
    for (size_t i = 0; i < l->n; i++) {
        size_t j = csc_leavers_add(&to->leavers);
        to->leavers.child[j] = child[l->child[i]];
        to->leavers.dob[j] = l->dob[i];
        to->leavers.suitable[j] = l->suitable[i];
        memcpy(to->leavers.activity[j], l->activity[i], sizeof l->activity[i]);
        to->leavers.in_touch[j] = l->in_touch[i];
    }
    free(child);
    free(person);
    csc_records_finish(from);
}
