/*
 * mem: allocation that aborts on exhaustion, a growable byte buffer
 * with a cap fixed at creation, and the string hash of in-memory tables.
 *
 * goldthread is an application, like tmux and Fossil: running out of memory
 * ends the process with a message rather than threading NULL checks through
 * every caller. This is the only file that calls malloc directly. It does not
 * own any domain data.
 */
#ifndef GT_MEM_H
#define GT_MEM_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Allocate n bytes; never returns NULL. Caller frees with free(). */
void *xmalloc(size_t n);
/* Allocate n zeroed elements of size each; never returns NULL. */
void *xcalloc(size_t n, size_t size);
/* Resize p to n bytes; never returns NULL. */
void *xrealloc(void *p, size_t n);
/* Copy of s (NULL gives NULL); caller frees. */
char *xstrdup(const char *s);
/* Copy of the first len bytes of s, NUL-terminated; caller frees. */
char *xstrndup(const char *s, size_t len);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list. */
char *xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* FNV-1a of s: the hash of every open-addressing table kept in memory. */
size_t gt_str_hash(const char *s);

/* A byte buffer that refuses to grow past cap. Always NUL-terminated. */
struct buf {
    char *p;      /* contents, NUL-terminated; owned */
    size_t len;   /* bytes used, excluding the NUL */
    size_t cap;   /* largest len allowed */
    size_t alloc; /* bytes allocated */
};

/* Start an empty buffer that may hold up to cap bytes. Allocates lazily. */
void buf_init(struct buf *b, size_t cap);
/* Free the contents; b may be reused after buf_init. */
void buf_finish(struct buf *b);
/* Forget the contents but keep the allocation. */
void buf_reset(struct buf *b);
/* Append len bytes; false (and b unchanged) when that would pass the cap. */
bool buf_add(struct buf *b, const char *p, size_t len)
    __attribute__((warn_unused_result));
/* Append one byte; false when at the cap. */
bool buf_addc(struct buf *b, char c) __attribute__((warn_unused_result));
/* Append a NUL-terminated string; false when that would pass the cap. */
bool buf_adds(struct buf *b, const char *s) __attribute__((warn_unused_result));
/* Hand the contents to the caller (never NULL) and reset b to empty. */
char *buf_take(struct buf *b);
/* Append everything left in f (borrowed) to b: 1 when it all fitted, 0 when
 * b's cap was reached first, -1 on a read error. */
int buf_read_all(struct buf *b, FILE *f) __attribute__((warn_unused_result));

#endif
