/* Unit tests for web/page_cache: a part is found only under its key and
 * at the data version it was made at (an older entry is dropped for
 * good), the least recently used entry makes room, and what is too large
 * or made at an unreadable version is never kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/page_cache.h"

static const struct gt_db_version v1 = {10, 3}, v2 = {10, 4}, v3 = {11, 3};

static void
found_by_key_and_version(void **state)
{
    (void)state;
    struct page_cache c = {0};
    page_cache_put(&c, "plan\nimp", v1, "Improvement plan", "<p>x</p>", 8);
    const struct page_cache_entry *e = page_cache_get(&c, "plan\nimp", v1);
    assert_non_null(e);
    assert_string_equal(e->title, "Improvement plan");
    assert_int_equal(e->len, 8);
    assert_memory_equal(e->body, "<p>x</p>", 8);
    assert_null(page_cache_get(&c, "plan\nother", v1));
    /* a write on this connection, or a commit by another, retires it */
    assert_null(page_cache_get(&c, "plan\nimp", v2));
    assert_null(page_cache_get(&c, "plan\nimp", v1));
    page_cache_put(&c, "plan\nimp", v1, "t", "a", 1);
    assert_null(page_cache_get(&c, "plan\nimp", v3));
    page_cache_finish(&c);
}

static void
oldest_makes_room(void **state)
{
    (void)state;
    struct page_cache c = {0};
    char key[32];
    for (int i = 0; i < PAGE_CACHE_ENTRIES; i++) {
        snprintf(key, sizeof key, "k%d", i);
        page_cache_put(&c, key, v1, "t", key, strlen(key));
    }
    /* k0 is used, so k1 is now the oldest */
    assert_non_null(page_cache_get(&c, "k0", v1));
    page_cache_put(&c, "new", v1, "t", "n", 1);
    assert_non_null(page_cache_get(&c, "k0", v1));
    assert_null(page_cache_get(&c, "k1", v1));
    assert_non_null(page_cache_get(&c, "new", v1));
    /* the same key again replaces its entry rather than taking another */
    page_cache_put(&c, "new", v1, "t", "m", 1);
    const struct page_cache_entry *e = page_cache_get(&c, "new", v1);
    assert_non_null(e);
    assert_memory_equal(e->body, "m", 1);
    assert_non_null(page_cache_get(&c, "k2", v1));
    page_cache_finish(&c);
}

static void
never_kept(void **state)
{
    (void)state;
    struct page_cache c = {0};
    struct gt_db_version unread = {-1, 0};
    page_cache_put(&c, "a", unread, "t", "x", 1);
    assert_null(page_cache_get(&c, "a", unread));
    char *big = calloc(PAGE_CACHE_MAX_BYTES + 1, 1);
    page_cache_put(&c, "b", v1, "t", big, PAGE_CACHE_MAX_BYTES + 1);
    assert_null(page_cache_get(&c, "b", v1));
    free(big);
    /* no cache (a one-off request) keeps nothing and finds nothing */
    page_cache_put(NULL, "c", v1, "t", "x", 1);
    assert_null(page_cache_get(NULL, "c", v1));
    page_cache_finish(&c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(found_by_key_and_version),
        cmocka_unit_test(oldest_makes_room),
        cmocka_unit_test(never_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
