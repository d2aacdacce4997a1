/*
 * http: the live server, on libmicrohttpd (this file is the only one that
 * sees it). epoll with a pool of threads sized to the cores, worker
 * threads for heavy requests, a pool of database connections, limits on
 * connections per address and in all, caps on bodies and headers, and a
 * clean stop on SIGINT or SIGTERM: requests in progress finish, and a
 * write is answered only after its transaction has committed.
 */
#ifndef GT_WEB_HTTP_H
#define GT_WEB_HTTP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/ctx.h"
#include "web/web.h"

struct http_options {
    const char *bind; /* IPv4 or IPv6 address: "127.0.0.1", "::1", "::" */
    int port;
    const char *socket_path; /* listen on this Unix socket instead */
    FILE *log;               /* the request log (web_log_request), or NULL */
    const char *db_path;
    int threads; /* 0: one per core, four on a database server */
};

/* Serve until SIGINT or SIGTERM. ready (may be NULL) is called once the
 * socket listens. GT_IO with a message when it cannot start. */
enum gt_rc http_serve(const struct http_options *opts,
                      const struct web_config *cfg,
                      void (*ready)(const struct http_options *opts),
                      struct gt_ctx *ctx) GT_MUST;

#endif
