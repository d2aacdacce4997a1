/* Unit tests for web/page_cache: a part is found only under its key and
 * at the counts of changes it was made at (an older entry is dropped for
 * good), the least recently used entry makes room, by entries and by
 * bytes, what is too large or made at unreadable counts is never kept,
 * and threads sharing the cache each see whole entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/page_cache.h"

static const struct gt_db_changes v1 = {10, 3}, v2 = {10, 4}, v3 = {11, 3};

/* What show was handed, copied. */
struct seen {
    char title[64];
    char *body;
    size_t len;
};

static void
see(void *arg, const char *title, const char *body, size_t len)
{
    struct seen *s = arg;
    snprintf(s->title, sizeof s->title, "%s", title);
    free(s->body);
    s->body = malloc(len + 1);
    memcpy(s->body, body, len);
    s->body[len] = '\0';
    s->len = len;
}

static bool
shown(struct page_cache *c, const char *key, struct gt_db_changes now,
      struct seen *s)
{
    return page_cache_show(c, key, now, see, s);
}

static void
found_by_key_and_counts(void **state)
{
    (void)state;
    struct page_cache c;
    struct seen s = {0};
    page_cache_init(&c);
    page_cache_put(&c, "plan\nimp", v1, "Improvement plan", "<p>x</p>", 8);
    assert_true(shown(&c, "plan\nimp", v1, &s));
    assert_string_equal(s.title, "Improvement plan");
    assert_int_equal(s.len, 8);
    assert_memory_equal(s.body, "<p>x</p>", 8);
    assert_false(shown(&c, "plan\nother", v1, &s));
    /* a change to the plan, or to what every plan shows, retires it */
    assert_false(shown(&c, "plan\nimp", v2, &s));
    assert_false(shown(&c, "plan\nimp", v1, &s));
    page_cache_put(&c, "plan\nimp", v1, "t", "a", 1);
    assert_false(shown(&c, "plan\nimp", v3, &s));
    assert_int_equal(c.bytes, 0);
    free(s.body);
    page_cache_finish(&c);
}

static void
oldest_makes_room(void **state)
{
    (void)state;
    struct page_cache c;
    struct seen s = {0};
    char key[32];
    page_cache_init(&c);
    for (int i = 0; i < PAGE_CACHE_ENTRIES; i++) {
        snprintf(key, sizeof key, "k%d", i);
        page_cache_put(&c, key, v1, "t", key, strlen(key));
    }
    /* k0 is used, so k1 is now the oldest */
    assert_true(shown(&c, "k0", v1, &s));
    page_cache_put(&c, "new", v1, "t", "n", 1);
    assert_true(shown(&c, "k0", v1, &s));
    assert_false(shown(&c, "k1", v1, &s));
    assert_true(shown(&c, "new", v1, &s));
    /* the same key again replaces its entry rather than taking another */
    page_cache_put(&c, "new", v1, "t", "m", 1);
    assert_true(shown(&c, "new", v1, &s));
    assert_memory_equal(s.body, "m", 1);
    assert_true(shown(&c, "k2", v1, &s));
    free(s.body);
    page_cache_finish(&c);
}

static void
bytes_make_room(void **state)
{
    (void)state;
    struct page_cache c;
    struct seen s = {0};
    char key[32];
    size_t part = PAGE_CACHE_MAX_BYTES;
    int fit = (int)(PAGE_CACHE_TOTAL_BYTES / part);
    char *body = calloc(part, 1);
    page_cache_init(&c);
    for (int i = 0; i <= fit; i++) {
        snprintf(key, sizeof key, "big%d", i);
        page_cache_put(&c, key, v1, "t", body, part);
        assert_true(c.bytes <= PAGE_CACHE_TOTAL_BYTES);
    }
    /* the first made room for the last */
    assert_false(shown(&c, "big0", v1, &s));
    assert_true(shown(&c, "big1", v1, &s));
    snprintf(key, sizeof key, "big%d", fit);
    assert_true(shown(&c, key, v1, &s));
    assert_int_equal(c.bytes, (size_t)fit * part);
    free(body);
    free(s.body);
    page_cache_finish(&c);
}

static void
never_kept(void **state)
{
    (void)state;
    struct page_cache c;
    struct seen s = {0};
    struct gt_db_changes unread = {-1, 0};
    page_cache_init(&c);
    page_cache_put(&c, "a", unread, "t", "x", 1);
    assert_false(shown(&c, "a", unread, &s));
    char *big = calloc(PAGE_CACHE_MAX_BYTES + 1, 1);
    page_cache_put(&c, "b", v1, "t", big, PAGE_CACHE_MAX_BYTES + 1);
    assert_false(shown(&c, "b", v1, &s));
    free(big);
    /* no cache (a one-off request) keeps nothing and finds nothing */
    page_cache_put(NULL, "c", v1, "t", "x", 1);
    assert_false(shown(NULL, "c", v1, &s));
    assert_null(s.body);
    page_cache_finish(&c);
}

/* Threads put and show parts whose bodies say their key and counts: a
 * part shown is always whole and the one asked for. */
struct worker {
    struct page_cache *c;
    int id;
    int wrong;
};

static void *
work(void *arg)
{
    struct worker *w = arg;
    struct seen s = {0};
    char key[32], body[64];
    for (int i = 0; i < 20000; i++) {
        int k = (i * 7 + w->id) % (PAGE_CACHE_ENTRIES * 2);
        struct gt_db_changes at = {1, i % 3};
        snprintf(key, sizeof key, "k%d", k);
        snprintf(body, sizeof body, "%s at %lld", key, (long long)at.plan);
        if (i % 2)
            page_cache_put(w->c, key, at, key, body, strlen(body));
        else if (shown(w->c, key, at, &s) &&
                 (strcmp(s.body, body) != 0 || strcmp(s.title, key) != 0))
            w->wrong++;
    }
    free(s.body);
    return NULL;
}

static void
shared_by_threads(void **state)
{
    (void)state;
    struct page_cache c;
    pthread_t t[4];
    struct worker w[4];
    page_cache_init(&c);
    for (int i = 0; i < 4; i++) {
        w[i] = (struct worker){&c, i, 0};
        assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].wrong, 0);
    }
    assert_true(c.hits > 0);
    page_cache_finish(&c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(found_by_key_and_counts),
        cmocka_unit_test(oldest_makes_room),
        cmocka_unit_test(bytes_make_room),
        cmocka_unit_test(never_kept),
        cmocka_unit_test(shared_by_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
