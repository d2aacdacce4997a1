/*
 * page_cache: rendered parts of pages, kept while the data they show is
 * unchanged. See page_cache.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "web/page_cache.h"

static bool
same(struct gt_db_changes a, struct gt_db_changes b)
{
    return a.rest == b.rest && a.plan == b.plan;
}

static void
clear(struct page_cache *c, struct page_cache_entry *e)
{
    c->bytes -= e->len;
    free(e->key);
    free(e->title);
    free(e->body);
    memset(e, 0, sizeof *e);
}

void
page_cache_init(struct page_cache *c)
{
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
}

static struct page_cache_entry *
entry_of(struct page_cache *c, const char *key)
{
    for (size_t i = 0; i < PAGE_CACHE_ENTRIES; i++)
        if (c->e[i].key && strcmp(c->e[i].key, key) == 0)
            return &c->e[i];
    return NULL;
}

static struct page_cache_entry *
free_entry(struct page_cache *c)
{
    for (size_t i = 0; i < PAGE_CACHE_ENTRIES; i++)
        if (!c->e[i].key)
            return &c->e[i];
    return NULL;
}

/* Called only when something is kept. */
static struct page_cache_entry *
oldest_entry(struct page_cache *c)
{
    struct page_cache_entry *oldest = NULL;
    for (size_t i = 0; i < PAGE_CACHE_ENTRIES; i++)
        if (c->e[i].key && (!oldest || c->e[i].used < oldest->used))
            oldest = &c->e[i];
    return oldest;
}

bool
page_cache_show(struct page_cache *c, const char *key, struct gt_db_changes now,
                void (*show)(void *arg, const char *title, const char *body,
                             size_t len),
                void *arg)
{
    if (!c)
        return false;
    bool shown = false;
    pthread_mutex_lock(&c->lock);
    struct page_cache_entry *e = entry_of(c, key);
    if (e && (!same(e->made_at, now) || now.rest < 0)) {
        clear(c, e); /* made before a change: never good again */
    } else if (e) {
        e->used = ++c->clock;
        show(arg, e->title, e->body, e->len);
        shown = true;
    }
    if (shown)
        c->hits++;
    else
        c->misses++;
    pthread_mutex_unlock(&c->lock);
    return shown;
}

void
page_cache_put(struct page_cache *c, const char *key,
               struct gt_db_changes made_at, const char *title,
               const char *body, size_t len)
{
    if (!c || made_at.rest < 0 || len > PAGE_CACHE_MAX_BYTES)
        return;
    /* copied before the lock is taken, so others wait for a swap only */
    char *key_copy = xstrdup(key), *title_copy = xstrdup(title);
    char *body_copy = xmalloc(len + 1);
    memcpy(body_copy, body, len);
    body_copy[len] = '\0';
    pthread_mutex_lock(&c->lock);
    struct page_cache_entry *slot = entry_of(c, key);
    if (slot)
        clear(c, slot);
    else
        slot = free_entry(c);
    /* room made by dropping the least recently used */
    while (!slot || c->bytes + len > PAGE_CACHE_TOTAL_BYTES) {
        struct page_cache_entry *oldest = oldest_entry(c);
        clear(c, oldest);
        if (!slot)
            slot = oldest;
    }
    slot->key = key_copy;
    slot->title = title_copy;
    slot->body = body_copy;
    slot->len = len;
    c->bytes += len;
    slot->made_at = made_at;
    slot->used = ++c->clock;
    pthread_mutex_unlock(&c->lock);
}

void
page_cache_finish(struct page_cache *c)
{
    for (size_t i = 0; i < PAGE_CACHE_ENTRIES; i++)
        clear(c, &c->e[i]);
    pthread_mutex_destroy(&c->lock);
}
