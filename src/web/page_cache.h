/*
 * page_cache: rendered parts of pages kept for as long as the data they
 * show has not changed, so a page many people open (a large plan) is
 * built once per change to it rather than once per request.
 *
 * One cache serves the whole server, every connection and thread, under
 * its own lock: the counts it is checked against are kept by the store
 * (gt_db_changes), so what one connection built is good for all. An
 * entry is found by a key the page makes from everything its part
 * depends on (plan, filters, today, what the role may do) and is good
 * only while the counts of changes it was made at are the store's: a
 * plan's page is retired by a change to that plan or to what every plan
 * shows, not by a status update in another plan. Never keyed on anything
 * secret: the parts kept carry no user's name and no form token.
 */
#ifndef GT_WEB_PAGE_CACHE_H
#define GT_WEB_PAGE_CACHE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"

#define PAGE_CACHE_ENTRIES 64
#define PAGE_CACHE_MAX_BYTES (4u << 20)    /* one entry's part */
#define PAGE_CACHE_TOTAL_BYTES (64u << 20) /* all parts together */

struct page_cache_entry {
    char *key;   /* owned; NULL when free */
    char *title; /* the page's title; owned */
    char *body;  /* the kept part; owned */
    size_t len;
    struct gt_db_changes made_at;
    uint64_t used; /* when last used, for replacing the oldest */
};

struct page_cache {
    pthread_mutex_t lock;
    struct page_cache_entry e[PAGE_CACHE_ENTRIES];
    size_t bytes; /* of the parts kept */
    uint64_t clock;
    uint64_t hits, misses;
};

void page_cache_init(struct page_cache *c);
/* If key is kept at counts now, hand its title and body to show (under
 * the cache's lock: show copies what it needs and returns) and say true.
 * An entry made at other counts is dropped for good. */
bool page_cache_show(struct page_cache *c, const char *key,
                     struct gt_db_changes now,
                     void (*show)(void *arg, const char *title,
                                  const char *body, size_t len),
                     void *arg);
/* Keep len bytes of body (copied) and title under key, made at counts
 * made_at, replacing an entry for key, and the least recently used
 * while there is no free entry or the parts together would pass
 * PAGE_CACHE_TOTAL_BYTES. Parts too large or made at unreadable counts
 * are not kept. */
void page_cache_put(struct page_cache *c, const char *key,
                    struct gt_db_changes made_at, const char *title,
                    const char *body, size_t len);
void page_cache_finish(struct page_cache *c);

#endif
