/*
 * page_cache: rendered parts of pages, kept while the data is unchanged.
 * See page_cache.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "web/page_cache.h"

static int
same(struct gt_db_version a, struct gt_db_version b)
{
    return a.others == b.others && a.own == b.own;
}

static void
clear(struct page_cache_entry *e)
{
    free(e->key);
    free(e->title);
    free(e->body);
    memset(e, 0, sizeof *e);
}

const struct page_cache_entry *
page_cache_get(struct page_cache *c, const char *key, struct gt_db_version v)
{
    for (size_t i = 0; c && i < PAGE_CACHE_ENTRIES; i++) {
        struct page_cache_entry *e = &c->e[i];
        if (!e->key || strcmp(e->key, key) != 0)
            continue;
        if (!same(e->version, v) || v.others < 0) {
            clear(e); /* made before a change: never good again */
            break;
        }
        e->used = ++c->clock;
        c->hits++;
        return e;
    }
    if (c)
        c->misses++;
    return NULL;
}

void
page_cache_put(struct page_cache *c, const char *key, struct gt_db_version v,
               const char *title, const char *body, size_t len)
{
    if (!c || v.others < 0 || len > PAGE_CACHE_MAX_BYTES)
        return;
    struct page_cache_entry *slot = NULL;
    for (size_t i = 0; i < PAGE_CACHE_ENTRIES && !slot; i++)
        if (c->e[i].key && strcmp(c->e[i].key, key) == 0)
            slot = &c->e[i];
    for (size_t i = 0; i < PAGE_CACHE_ENTRIES && !slot; i++)
        if (!c->e[i].key)
            slot = &c->e[i];
    if (!slot) {
        slot = &c->e[0];
        for (size_t i = 1; i < PAGE_CACHE_ENTRIES; i++)
            if (c->e[i].used < slot->used)
                slot = &c->e[i];
    }
    clear(slot);
    slot->key = xstrdup(key);
    slot->title = xstrdup(title);
    slot->body = xmalloc(len + 1);
    memcpy(slot->body, body, len);
    slot->body[len] = '\0';
    slot->len = len;
    slot->version = v;
    slot->used = ++c->clock;
}

void
page_cache_finish(struct page_cache *c)
{
    for (size_t i = 0; i < PAGE_CACHE_ENTRIES; i++)
        clear(&c->e[i]);
}
