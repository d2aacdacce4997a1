/*
 * page_cache: rendered parts of pages kept for as long as the data they
 * show has not changed, so a page many people open (a large plan) is
 * built once per change rather than once per request.
 *
 * A cache belongs to one database connection of the server's pool and is
 * used only by the request holding that connection, so it needs no lock.
 * An entry is found by a key the page makes from everything its part
 * depends on (plan, filters, today, what the role may do) and is good
 * only while the connection's data version (gt_db_data_version) is the
 * one it was made at; any commit, by any connection, retires every entry.
 * Never keyed on anything secret: the parts kept carry no user's name and
 * no form token.
 */
#ifndef GT_WEB_PAGE_CACHE_H
#define GT_WEB_PAGE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/db.h"

#define PAGE_CACHE_ENTRIES 16
#define PAGE_CACHE_MAX_BYTES (2u << 20) /* one entry's part */

struct page_cache_entry {
    char *key;   /* owned; NULL when free */
    char *title; /* the page's title; owned */
    char *body;  /* the kept part; owned */
    size_t len;
    struct gt_db_version version;
    uint64_t used; /* when last used, for replacing the oldest */
};

struct page_cache {
    struct page_cache_entry e[PAGE_CACHE_ENTRIES];
    uint64_t clock;
    uint64_t hits, misses;
};

/* The entry for key made at version v, or NULL. Borrowed until the next
 * call. */
const struct page_cache_entry *
page_cache_get(struct page_cache *c, const char *key, struct gt_db_version v);
/* Keep len bytes of body (copied) and title under key at version v,
 * replacing an entry for key or the least recently used. Parts too large
 * or made at an unreadable version are not kept. */
void page_cache_put(struct page_cache *c, const char *key,
                    struct gt_db_version v, const char *title, const char *body,
                    size_t len);
void page_cache_finish(struct page_cache *c);

#endif
