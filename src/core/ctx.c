/*
 * ctx: error messages collected for the front end. See ctx.h.
 */
#include "core/ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"

void
gt_ctx_init(struct gt_ctx *ctx)
{
    ctx->n_errors = 0;
    ctx->n_dropped = 0;
}

void
gt_ctx_clear(struct gt_ctx *ctx)
{
    for (size_t i = 0; i < ctx->n_errors; i++)
        free(ctx->errors[i]);
    ctx->n_errors = 0;
    ctx->n_dropped = 0;
}

void
gt_ctx_finish(struct gt_ctx *ctx)
{
    if (ctx)
        gt_ctx_clear(ctx);
}

enum gt_rc
gt_err(struct gt_ctx *ctx, enum gt_rc rc, const char *fmt, ...)
{
    if (ctx->n_errors == GT_CTX_MAX_ERRORS) {
        ctx->n_dropped++;
        return rc;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    msg[0] = '\0';
    if (n > 0) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    ctx->errors[ctx->n_errors++] = msg;
    return rc;
}

const char *
gt_ctx_last(const struct gt_ctx *ctx)
{
    return ctx->n_errors ? ctx->errors[ctx->n_errors - 1] : "";
}
