/*
 * raw: HTTP/1.1 requests and responses as bytes, for `goldthread http`,
 * which answers one request read from standard input so that web tests
 * need no sockets. The live server (http.c) uses libmicrohttpd instead;
 * both hand the same struct web_request to web_handle.
 */
#ifndef GT_WEB_RAW_H
#define GT_WEB_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "web/web.h"

struct web_raw {
    char *copy;             /* the request's bytes, split in place; owned */
    struct web_request req; /* points into copy */
    int status;             /* 0, or 400 when the request is malformed */
    const char *why;        /* what was malformed */
};

/* Parse len bytes at data into raw (initialised here). Returns false and
 * sets raw->status and raw->why when the request cannot be read. */
bool web_raw_parse(struct web_raw *raw, const char *data, size_t len,
                   const char *address);
void web_raw_finish(struct web_raw *raw);

/* Call add(name, value, arg) for every header the response carries:
 * security headers on every response, then its own. */
void web_response_headers(const struct web_response *res,
                          void (*add)(const char *name, const char *value,
                                      void *arg),
                          void *arg);
/* Write the response as HTTP/1.1 bytes; without the body when head. */
bool web_response_write(FILE *f, const struct web_response *res, bool head);

#endif
