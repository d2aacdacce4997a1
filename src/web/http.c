/*
 * http: libmicrohttpd wrapper. See http.h.
 *
 * libmicrohttpd calls the access handler several times per request: once
 * for the headers, then for each piece of the body, then once more with
 * no data. We answer on that last call, which is never the first: 0.9.75
 * answers "Connection: close" to responses queued on the first call.
 *
 * Debian's 0.9.75 predates the upstream fix for a request with two
 * Content-Length headers, or Content-Length and Transfer-Encoding; we
 * count them ourselves and refuse such requests (web_handle answers 400).
 */
#include "web/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/mem.h"
#include "web/page_cache.h"
#include "web/raw.h"

#define POOL_MAX 64

struct server {
    const struct web_config *cfg;
    struct gt_db *pool[POOL_MAX];
    struct page_cache caches[POOL_MAX]; /* each used with its connection */
    bool busy[POOL_MAX];
    int n_pool;
    pthread_mutex_t lock;
    pthread_cond_t freed;
};

/* What we keep for one request across the handler's calls. */
struct request_state {
    char *uri;       /* the raw URI with its query; owned */
    struct buf body; /* capped at WEB_MAX_BODY */
    bool too_large;
    bool seen; /* the first call has happened */
};

/* A free connection of the pool: its index. */
static int
acquire(struct server *s)
{
    pthread_mutex_lock(&s->lock);
    for (;;) {
        for (int i = 0; i < s->n_pool; i++) {
            if (!s->busy[i]) {
                s->busy[i] = true;
                pthread_mutex_unlock(&s->lock);
                return i;
            }
        }
        pthread_cond_wait(&s->freed, &s->lock);
    }
}

static void
release(struct server *s, int i)
{
    pthread_mutex_lock(&s->lock);
    s->busy[i] = false;
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->lock);
}

static void *
log_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    (void)cls;
    (void)con;
    struct request_state *st = xcalloc(1, sizeof *st);
    st->uri = xstrdup(uri);
    buf_init(&st->body, WEB_MAX_BODY);
    return st;
}

static void
completed(void *cls, struct MHD_Connection *con, void **con_cls,
          enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)con;
    (void)toe;
    struct request_state *st = *con_cls;
    if (!st)
        return;
    free(st->uri);
    buf_finish(&st->body);
    free(st);
    *con_cls = NULL;
}

struct framing {
    int lengths;
    bool transfer_encoding;
};

static enum MHD_Result
count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
              const char *value)
{
    (void)kind;
    (void)value;
    struct framing *f = cls;
    if (strcasecmp(key, "Content-Length") == 0)
        f->lengths++;
    if (strcasecmp(key, "Transfer-Encoding") == 0)
        f->transfer_encoding = true;
    return MHD_YES;
}

static void
add_header(const char *name, const char *value, void *arg)
{
    MHD_add_response_header(arg, name, value);
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *con, const char *url,
       const char *method, const char *version, const char *upload_data,
       size_t *upload_data_size, void **con_cls)
{
    (void)url;
    (void)version;
    struct server *s = cls;
    struct request_state *st = *con_cls;
    if (!st)
        return MHD_NO;
    if (!st->seen) {
        st->seen = true;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!st->too_large &&
            !buf_add(&st->body, upload_data, *upload_data_size))
            st->too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }

    struct web_request req = {.method = method, .query = ""};
    char *path = xstrdup(st->uri);
    char *q = strchr(path, '?');
    if (q) {
        *q = '\0';
        req.query = q + 1;
    }
    req.path = path;
    req.host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Host");
    req.origin = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Origin");
    req.referer = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Referer");
    req.cookie = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Cookie");
    req.content_type =
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
    req.if_none_match =
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-None-Match");
    req.authorization =
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
    req.forwarded_for =
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-For");
    req.forwarded_proto =
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-Proto");
    struct framing framing = {0};
    MHD_get_connection_values(con, MHD_HEADER_KIND, count_framing, &framing);
    req.bad_framing =
        framing.lengths > 1 || (framing.lengths && framing.transfer_encoding);
    req.body = st->body.p;
    req.body_len = st->body.len;
    req.body_too_large = st->too_large;
    char address[INET6_ADDRSTRLEN] = "unknown";
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info && info->client_addr && info->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET,
                  &((const struct sockaddr_in *)(const void *)info->client_addr)
                       ->sin_addr,
                  address, sizeof address);
    req.address = address;

    struct web_response res;
    web_response_init(&res);
    int slot = acquire(s);
    web_handle(s->cfg, s->pool[slot], &s->caches[slot], &req, &res);
    release(s, slot);

    struct MHD_Response *r;
    if (res.owned) {
        /* a body made for this request (a download): libmicrohttpd sends
         * it after we return, so it takes the buffer and frees it */
        r = MHD_create_response_from_buffer(res.fixed_len, res.owned,
                                            MHD_RESPMEM_MUST_FREE);
        if (r)
            res.owned = NULL;
    } else if (res.fixed)
        r = MHD_create_response_from_buffer(res.fixed_len,
                                            (void *)(uintptr_t)res.fixed,
                                            MHD_RESPMEM_PERSISTENT);
    else if (res.status == 303 || res.status == 304)
        r = MHD_create_response_from_buffer(0, (void *)(uintptr_t) "",
                                            MHD_RESPMEM_PERSISTENT);
    else {
        /* the page is handed over rather than copied: large pages (a plan
         * of hundreds of items) are sent from the buffer they were built
         * in */
        size_t len = res.page.b.len;
        char *page = buf_take(&res.page.b);
        r = MHD_create_response_from_buffer(len, page, MHD_RESPMEM_MUST_FREE);
        if (!r)
            free(page);
    }
    enum MHD_Result ok = MHD_NO;
    if (r) {
        web_response_headers(&res, add_header, r);
        if (req.bad_framing)
            MHD_add_response_header(r, "Connection", "close");
        ok = MHD_queue_response(con, (unsigned)res.status, r);
        MHD_destroy_response(r);
    }
    web_response_finish(&res);
    free(path);
    return ok;
}

enum gt_rc
http_serve(const struct http_options *opts, const struct web_config *cfg,
           void (*ready)(const struct http_options *opts), struct gt_ctx *ctx)
{
    struct server s = {.cfg = cfg};
    struct sockaddr_in addr = {.sin_family = AF_INET};
    struct MHD_Daemon *d = NULL;
    enum gt_rc rc = GT_IO;
    sigset_t stop;
    int threads = opts->threads;
    if (threads <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores > 0 ? (int)cores : 2;
    }
    if (threads > POOL_MAX / 2)
        threads = POOL_MAX / 2;
    if (opts->port <= 0 || opts->port > 65535)
        return gt_err(ctx, GT_INVALID, "port %d is not a port", opts->port);
    addr.sin_port = htons((uint16_t)opts->port);
    if (inet_pton(AF_INET, opts->bind, &addr.sin_addr) != 1)
        return gt_err(ctx, GT_INVALID,
                      "cannot bind to \"%s\": not an IPv4 "
                      "address",
                      opts->bind);

    pthread_mutex_init(&s.lock, NULL);
    pthread_cond_init(&s.freed, NULL);
    /* Two connections a thread: one for the request, one to spare. */
    s.n_pool = threads * 2;
    for (int i = 0; i < s.n_pool; i++) {
        if (gt_db_open(opts->db_path, &s.pool[i], ctx) != GT_OK) {
            s.n_pool = i;
            goto out;
        }
    }
    /* Block the stop signals in every thread; this one waits for them. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0,
                         NULL, NULL, handle, &s, MHD_OPTION_SOCK_ADDR,
                         (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
                         (unsigned)threads, MHD_OPTION_URI_LOG_CALLBACK,
                         log_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED, completed,
                         NULL, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                         (size_t)(64 * 1024), MHD_OPTION_CONNECTION_TIMEOUT,
                         (unsigned)30, MHD_OPTION_END);
    if (!d) {
        gt_err(ctx, GT_IO, "cannot listen on %s:%d (is it in use?)", opts->bind,
               opts->port);
        goto out;
    }
    if (ready)
        ready(opts);
    int sig;
    sigwait(&stop, &sig);
    rc = GT_OK;
out:
    if (d)
        MHD_stop_daemon(d);
    for (int i = 0; i < s.n_pool; i++) {
        gt_db_close(s.pool[i]);
        page_cache_finish(&s.caches[i]);
    }
    pthread_cond_destroy(&s.freed);
    pthread_mutex_destroy(&s.lock);
    return rc;
}
