/*
 * ctx: result codes and the error context that fallible core functions fill.
 *
 * A core function that can fail returns enum gt_rc and leaves a message on
 * the context; front ends decide how to show it (a printed message and an exit
 * code, or an HTTP status and a page). An import collects many messages before
 * it gives up, so the context holds a list, capped so a hostile file cannot
 * exhaust memory with errors. The context does not print anything.
 */
#ifndef GT_CTX_H
#define GT_CTX_H

#include <stddef.h>

enum gt_rc {
    GT_OK = 0,
    GT_DONE,      /* iteration finished; not an error */
    GT_NOTFOUND,  /* the named thing does not exist */
    GT_INVALID,   /* bad input; messages say where */
    GT_CONFLICT,  /* would break a rule of the data (duplicate, cycle) */
    GT_IO,        /* a file or the database could not be read or written */
    GT_FORBIDDEN, /* the one acting may not do this */
};

#define GT_MUST __attribute__((warn_unused_result))

/* Errors kept in full; further ones are only counted. */
#define GT_CTX_MAX_ERRORS 200

struct gt_ctx {
    char *errors[GT_CTX_MAX_ERRORS]; /* messages, oldest first; owned */
    size_t n_errors;                 /* messages kept */
    size_t n_dropped;                /* messages past the cap */
};

/* Start an empty context. */
void gt_ctx_init(struct gt_ctx *ctx);
/* Free every message; ctx may be reused after gt_ctx_init. */
void gt_ctx_finish(struct gt_ctx *ctx);
/* Drop every message but keep ctx ready for use. */
void gt_ctx_clear(struct gt_ctx *ctx);
/* Add a printf-formatted message. Returns rc so callers can write
 * `return gt_err(ctx, GT_INVALID, "...")`. */
enum gt_rc gt_err(struct gt_ctx *ctx, enum gt_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The newest message, or "" when there is none; borrowed. */
const char *gt_ctx_last(const struct gt_ctx *ctx);

#endif
