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
 *
 * One client must not be able to stop the server answering others:
 * - each address may hold at most PER_ADDRESS connections (the trusted
 *   proxy excepted: it carries everyone), counted here because
 *   libmicrohttpd's own per-address limit cannot except the proxy;
 * - there are at most MAX_CONNECTIONS in all, with the file limit raised
 *   to match, and an idle connection is closed after IDLE_SECONDS;
 * - heavy requests (reports, exports, imports: web_route_heavy) are
 *   suspended and handed to worker threads of their own, at a lower
 *   priority and with database connections of their own, so the polling
 *   threads that serve every other connection are never held by them.
 */
#include "web/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/mem.h"
#include "web/page_cache.h"
#include "web/raw.h"

#define POOL_MAX 64
#define HEAVY_MAX 8
/* Polling threads a core when the store is a database server. */
#define SERVER_STORE_THREADS 4
#define PER_ADDRESS 64
#define MAX_CONNECTIONS 4000
#define IDLE_SECONDS 15
/* open addressing; far more slots than PER_ADDRESS-limited addresses
 * could fill at MAX_CONNECTIONS */
#define ADDRESS_SLOTS 8192

/* Connections held by one client address. */
struct address_count {
    unsigned char key[16]; /* IPv4 mapped into IPv6 form */
    unsigned n;            /* 0: free slot */
    bool used;             /* the slot was ever taken (keeps probing on) */
};

/* A heavy request waiting for, or being served by, a worker. */
struct job {
    struct request_state *st;
    struct MHD_Connection *con;
    struct job *next;
};

struct server {
    const struct web_config *cfg;
    FILE *log; /* the request log, or NULL */
    struct gt_db *pool[POOL_MAX];
    struct page_cache cache; /* the server's one, for every connection */
    bool busy[POOL_MAX];
    int n_pool;  /* light connections, then one per heavy worker */
    int n_light; /* connections for the polling threads */
    pthread_mutex_t lock;
    pthread_cond_t freed;
    /* one writer at a time among the pool (gt_db_share_writer) */
    pthread_mutex_t writer;

    /* heavy work */
    pthread_t workers[HEAVY_MAX];
    int n_workers;
    struct job *queue, *queue_tail;
    bool stopping;
    pthread_mutex_t queue_lock;
    pthread_cond_t queued;

    /* connections per address */
    struct address_count *addresses; /* ADDRESS_SLOTS; owned */
    unsigned char proxy[16];
    bool has_proxy;
    pthread_mutex_t address_lock;
};

/* What we keep for one request across the handler's calls. */
struct request_state {
    char *uri;       /* the raw URI with its query; owned */
    struct buf body; /* capped at WEB_MAX_BODY */
    bool too_large;
    bool seen; /* the first call has happened */
    /* for a heavy request, from its suspension to its answer */
    bool suspended;
    bool answered; /* res holds the answer, to be queued */
    char *path;    /* owned */
    char address[INET6_ADDRSTRLEN];
    struct timespec started; /* when the request had arrived whole */
    struct web_request req;
    struct web_response res;
};

/* A free light connection of the pool: its index. */
static int
acquire(struct server *s)
{
    pthread_mutex_lock(&s->lock);
    for (;;) {
        for (int i = 0; i < s->n_light; i++) {
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

/* The address as 16 bytes, IPv4 mapped; false for other families. */
static bool
address_key(const struct sockaddr *sa, unsigned char key[16])
{
    memset(key, 0, 16);
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const void *)sa;
        key[10] = key[11] = 0xff;
        memcpy(key + 12, &in->sin_addr, 4);
        return true;
    }
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const void *)sa;
        memcpy(key, &in6->sin6_addr, 16);
        return true;
    }
    return false;
}

/* The key of an address written as text (IPv4 or IPv6). Parsed into the
 * key's own bytes: filling a sockaddr_storage through a sockaddr_in and
 * reading it through a sockaddr broke the aliasing rules, and an
 * optimising build read the family as 0, so the proxy was never
 * recognised and was held to 64 connections like any client. */
static bool
text_address_key(const char *text, unsigned char key[16])
{
    unsigned char v4[4];
    memset(key, 0, 16);
    if (inet_pton(AF_INET, text, v4) == 1) {
        key[10] = key[11] = 0xff;
        memcpy(key + 12, v4, 4);
        return true;
    }
    return inet_pton(AF_INET6, text, key) == 1;
}

/* The slot for key (taken when new and take is set), or NULL. Called
 * with address_lock held. */
static struct address_count *
address_slot(struct server *s, const unsigned char key[16], bool take)
{
    unsigned h = 2166136261u;
    for (int i = 0; i < 16; i++)
        h = (h ^ key[i]) * 16777619u;
    struct address_count *free_slot = NULL;
    for (unsigned probe = 0; probe < ADDRESS_SLOTS; probe++) {
        struct address_count *a = &s->addresses[(h + probe) % ADDRESS_SLOTS];
        if (a->n && memcmp(a->key, key, 16) == 0)
            return a;
        if (!a->n && !free_slot)
            free_slot = a;
        if (!a->used)
            break;
    }
    if (!take || !free_slot)
        return NULL;
    memcpy(free_slot->key, key, 16);
    free_slot->used = true;
    return free_slot;
}

/* libmicrohttpd asks before it accepts a connection. */
static enum MHD_Result
accept_policy(void *cls, const struct sockaddr *addr, socklen_t len)
{
    (void)len;
    struct server *s = cls;
    unsigned char key[16];
    if (!address_key(addr, key))
        return MHD_YES;
    if (s->has_proxy && memcmp(key, s->proxy, 16) == 0)
        return MHD_YES;
    /* counted here, not when the connection starts: the polling threads
     * accept at once, and a count taken later lets two past the limit */
    pthread_mutex_lock(&s->address_lock);
    struct address_count *a = address_slot(s, key, true);
    bool ok = a && a->n < PER_ADDRESS;
    if (ok)
        a->n++;
    pthread_mutex_unlock(&s->address_lock);
    return ok ? MHD_YES : MHD_NO;
}

/* A connection counted by accept_policy has closed. */
static void
connection_notice(void *cls, struct MHD_Connection *con, void **socket_context,
                  enum MHD_ConnectionNotificationCode code)
{
    (void)socket_context;
    struct server *s = cls;
    if (code != MHD_CONNECTION_NOTIFY_CLOSED)
        return;
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    unsigned char key[16];
    if (!info || !info->client_addr || !address_key(info->client_addr, key))
        return;
    if (s->has_proxy && memcmp(key, s->proxy, 16) == 0)
        return; /* never counted */
    pthread_mutex_lock(&s->address_lock);
    struct address_count *a = address_slot(s, key, false);
    if (a && a->n)
        a->n--;
    pthread_mutex_unlock(&s->address_lock);
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
    if (st->suspended)
        web_response_finish(&st->res);
    free(st->path);
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

static const char *
header(struct MHD_Connection *con, const char *name)
{
    return MHD_lookup_connection_value(con, MHD_HEADER_KIND, name);
}

/* The request as web_handle reads it, in st (its strings borrowed from
 * the connection, which outlives it). */
static void
read_request(struct MHD_Connection *con, const char *method,
             struct request_state *st)
{
    struct web_request *req = &st->req;
    memset(req, 0, sizeof *req);
    req->method = method;
    req->query = "";
    st->path = xstrdup(st->uri);
    char *q = strchr(st->path, '?');
    if (q) {
        *q = '\0';
        req->query = q + 1;
    }
    req->path = st->path;
    for (size_t h = 0; h < web_n_header_fields; h++)
        *(const char **)(void *)((char *)req + web_header_fields[h].offset) =
            header(con, web_header_fields[h].name);
    struct framing framing = {0};
    MHD_get_connection_values(con, MHD_HEADER_KIND, count_framing, &framing);
    req->bad_framing =
        framing.lengths > 1 || (framing.lengths && framing.transfer_encoding);
    req->body = st->body.p;
    req->body_len = st->body.len;
    req->body_too_large = st->too_large;
    snprintf(st->address, sizeof st->address, "unknown");
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = info ? info->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET,
                  &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                  st->address, sizeof st->address);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6,
                  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                  st->address, sizeof st->address);
    else if (sa && sa->sa_family == AF_UNIX)
        snprintf(st->address, sizeof st->address, "unix");
    req->address = st->address;
    clock_gettime(CLOCK_MONOTONIC, &st->started);
}

static double
ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
           (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Queue res on con, and log it; res is finished here. */
static enum MHD_Result
send_response(struct server *s, struct MHD_Connection *con,
              const struct request_state *st, struct web_response *res)
{
    const struct web_request *req = &st->req;
    struct MHD_Response *r;
    size_t bytes = res->owned || res->fixed                   ? res->fixed_len
                   : res->status == 303 || res->status == 304 ? 0
                                                              : res->page.b.len;
    if (s->log)
        web_log_request(s->log, req, res, bytes, ms_since(&st->started));
    if (res->owned) {
        /* a body made for this request (a download): libmicrohttpd sends
         * it after we return, so it takes the buffer and frees it */
        r = MHD_create_response_from_buffer(res->fixed_len, res->owned,
                                            MHD_RESPMEM_MUST_FREE);
        if (r)
            res->owned = NULL;
    } else if (res->fixed)
        r = MHD_create_response_from_buffer(res->fixed_len,
                                            (void *)(uintptr_t)res->fixed,
                                            MHD_RESPMEM_PERSISTENT);
    else if (res->status == 303 || res->status == 304)
        r = MHD_create_response_from_buffer(0, (void *)(uintptr_t) "",
                                            MHD_RESPMEM_PERSISTENT);
    else {
        /* the page is handed over rather than copied: large pages (a plan
         * of hundreds of items) are sent from the buffer they were built
         * in */
        size_t len = res->page.b.len;
        char *page = buf_take(&res->page.b);
        r = MHD_create_response_from_buffer(len, page, MHD_RESPMEM_MUST_FREE);
        if (!r)
            free(page);
    }
    enum MHD_Result ok = MHD_NO;
    if (r) {
        web_response_headers(res, add_header, r);
        if (req->bad_framing)
            MHD_add_response_header(r, "Connection", "close");
        ok = MHD_queue_response(con, (unsigned)res->status, r);
        MHD_destroy_response(r);
    }
    web_response_finish(res);
    return ok;
}

/* The page cache requests keep pages in; none when the server builds
 * every page afresh (--no-page-cache). */
static struct page_cache *
page_cache_of(struct server *s)
{
    return s->cfg->no_page_cache ? NULL : &s->cache;
}

/* Hand a heavy request to the workers; false when there are none. */
static bool
hand_over(struct server *s, struct MHD_Connection *con,
          struct request_state *st)
{
    if (!s->n_workers)
        return false;
    struct job *j = xcalloc(1, sizeof *j);
    j->st = st;
    j->con = con;
    st->suspended = true;
    web_response_init(&st->res);
    MHD_suspend_connection(con);
    pthread_mutex_lock(&s->queue_lock);
    if (s->queue_tail)
        s->queue_tail->next = j;
    else
        s->queue = j;
    s->queue_tail = j;
    pthread_cond_signal(&s->queued);
    pthread_mutex_unlock(&s->queue_lock);
    return true;
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
    if (st->answered) {
        /* a worker finished it and resumed the connection */
        st->suspended = false;
        return send_response(s, con, st, &st->res);
    }
    if (*upload_data_size) {
        if (!st->too_large &&
            !buf_add(&st->body, upload_data, *upload_data_size))
            st->too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (st->suspended)
        return MHD_YES; /* woken before its answer: nothing to do yet */
    read_request(con, method, st);
    if (web_route_heavy(method, st->req.path) && hand_over(s, con, st))
        return MHD_YES;
    struct web_response res;
    web_response_init(&res);
    int slot = acquire(s);
    web_handle(s->cfg, s->pool[slot], page_cache_of(s), &st->req, &res);
    release(s, slot);
    return send_response(s, con, st, &res);
}

struct worker_arg {
    struct server *s;
    int slot; /* the worker's own database connection */
};

/* Whether the client of a waiting heavy request has hung up: its socket
 * reads as closed. libmicrohttpd does not watch a suspended connection,
 * so without this every report asked for and abandoned was still built:
 * 200 connections asking for a 120,000-item report and closing kept the
 * workers busy for minutes after. */
static bool
peer_gone(struct MHD_Connection *con)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!info)
        return false;
    struct pollfd p = {.fd = info->connect_fd, .events = POLLIN};
    if (poll(&p, 1, 0) != 1)
        return false;
    if (p.revents & (POLLHUP | POLLERR))
        return true;
    char c;
    return (p.revents & POLLIN) &&
           recv(info->connect_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

static void *
heavy_worker(void *arg)
{
    struct worker_arg *w = arg;
    struct server *s = w->s;
    /* below the polling threads, so that light pages get the cores
     * first; a failure only leaves the priority as it was */
    (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
    for (;;) {
        pthread_mutex_lock(&s->queue_lock);
        while (!s->queue && !s->stopping)
            pthread_cond_wait(&s->queued, &s->queue_lock);
        struct job *j = s->queue;
        if (j) {
            s->queue = j->next;
            if (!s->queue)
                s->queue_tail = NULL;
        }
        pthread_mutex_unlock(&s->queue_lock);
        if (!j)
            break; /* stopping, and nothing left to answer */
        if (peer_gone(j->con))
            j->st->res.status = 503; /* not built; logged, never read */
        else
            web_handle(s->cfg, s->pool[w->slot], page_cache_of(s), &j->st->req,
                       &j->st->res);
        j->st->answered = true;
        MHD_resume_connection(j->con);
        free(j);
    }
    return NULL;
}

/* Enough open files for every connection, the database's and a margin;
 * the soft limit is raised as far as the hard one allows. */
static void
raise_file_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return;
    rlim_t want = MAX_CONNECTIONS + 2 * POOL_MAX + 64;
    if (rl.rlim_cur >= want)
        return;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want
                      ? want
                      : rl.rlim_max;
    (void)setrlimit(RLIMIT_NOFILE, &rl);
}

static void
start_workers(struct server *s, struct worker_arg *args, int n)
{
    for (int w = 0; w < n; w++) {
        args[w] = (struct worker_arg){s, s->n_light + w};
        if (pthread_create(&s->workers[s->n_workers], NULL, heavy_worker,
                           &args[w]) == 0)
            s->n_workers++;
    }
}

static void
stop_workers(struct server *s)
{
    pthread_mutex_lock(&s->queue_lock);
    s->stopping = true;
    pthread_cond_broadcast(&s->queued);
    pthread_mutex_unlock(&s->queue_lock);
    for (int w = 0; w < s->n_workers; w++)
        pthread_join(s->workers[w], NULL);
    s->n_workers = 0;
}

/* A listening TCP socket on opts->bind and port: IPv4 or IPv6 (":"
 * marks it), "::" taking IPv4 too. -1 with a message when it cannot. */
static int
tcp_listener(const struct http_options *opts, struct gt_ctx *ctx)
{
    struct sockaddr_storage addr = {0};
    struct sockaddr_in *v4 = (void *)&addr;
    struct sockaddr_in6 *v6 = (void *)&addr;
    socklen_t len;
    if (inet_pton(AF_INET, opts->bind, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)opts->port);
        len = sizeof *v4;
    } else if (inet_pton(AF_INET6, opts->bind, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)opts->port);
        len = sizeof *v6;
    } else {
        gt_err(ctx, GT_INVALID,
               "cannot bind to \"%s\": not an IPv4 or IPv6 address",
               opts->bind);
        return -1;
    }
    int fd = socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int on = 1, off = 0;
    if (fd < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
        (addr.ss_family == AF_INET6 &&
         setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) != 0) ||
        bind(fd, (struct sockaddr *)&addr, len) != 0 || listen(fd, 512) != 0) {
        gt_err(ctx, GT_IO, "cannot listen on %s port %d: %s", opts->bind,
               opts->port, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* A listening Unix socket at path, for a proxy on the same machine;
 * readable and writable by the owner and group alone. A socket file
 * left by a server that stopped is replaced; one that answers is not. */
static int
unix_listener(const char *path, struct gt_ctx *ctx)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    struct stat sb;
    if (strlen(path) >= sizeof addr.sun_path) {
        gt_err(ctx, GT_INVALID,
               "%s: a socket's name must be shorter than %zu "
               "bytes",
               path, sizeof addr.sun_path);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        gt_err(ctx, GT_IO, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (lstat(path, &sb) == 0) {
        if (!S_ISSOCK(sb.st_mode) ||
            connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0) {
            gt_err(ctx, GT_IO, "%s: %s", path,
                   S_ISSOCK(sb.st_mode)
                       ? "another server is listening there"
                       : "a file that is not a socket is there");
            close(fd);
            return -1;
        }
        unlink(path);
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 ||
        chmod(path, S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP) != 0 ||
        listen(fd, 512) != 0) {
        gt_err(ctx, GT_IO, "cannot listen on %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

enum gt_rc
http_serve(const struct http_options *opts, const struct web_config *cfg,
           void (*ready)(const struct http_options *opts), struct gt_ctx *ctx)
{
    struct server s = {.cfg = cfg, .log = opts->log};
    int listen_fd = -1;
    bool socket_owned = true;
    struct worker_arg args[HEAVY_MAX];
    struct MHD_Daemon *d = NULL;
    enum gt_rc rc = GT_IO;
    sigset_t stop;
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    int cores = online > 0 ? (int)online : 2;
    int threads = opts->threads;
    /* A thread asking a database server waits on the network for each
     * statement, its core idle meanwhile: several a core keep the cores
     * busy. SQLite answers in the thread's own time: one a core. */
    if (threads <= 0)
        threads = gt_db_is_address(opts->db_path) ? cores * SERVER_STORE_THREADS
                                                  : cores;
    if (threads > (POOL_MAX - HEAVY_MAX) / 2)
        threads = (POOL_MAX - HEAVY_MAX) / 2;
    /* heavy requests (reports, exports) work the cores themselves */
    int heavy = opts->threads > 0 ? threads : cores;
    if (heavy > threads)
        heavy = threads;
    if (heavy > HEAVY_MAX)
        heavy = HEAVY_MAX;
    if (!opts->socket_path && (opts->port <= 0 || opts->port > 65535))
        return gt_err(ctx, GT_INVALID, "port %d is not a port", opts->port);
    if (cfg->trust_proxy && strcmp(cfg->trust_proxy, "unix") == 0) {
        /* a proxy on the Unix socket: its peers are not counted by
         * address anyway, and router.c matches the name "unix" */
    } else if (cfg->trust_proxy) {
        s.has_proxy = text_address_key(cfg->trust_proxy, s.proxy);
        if (!s.has_proxy)
            return gt_err(ctx, GT_INVALID,
                          "--trust-proxy \"%s\" is not an IP address",
                          cfg->trust_proxy);
    }

    pthread_mutex_init(&s.lock, NULL);
    pthread_mutex_init(&s.writer, NULL);
    page_cache_init(&s.cache);
    pthread_cond_init(&s.freed, NULL);
    pthread_mutex_init(&s.queue_lock, NULL);
    pthread_cond_init(&s.queued, NULL);
    pthread_mutex_init(&s.address_lock, NULL);
    s.addresses = xcalloc(ADDRESS_SLOTS, sizeof *s.addresses);
    raise_file_limit();
    /* Two connections a polling thread: one for the request, one to
     * spare; one for each heavy worker. */
    s.n_light = threads * 2;
    for (int i = 0; i < s.n_light + heavy; i++) {
        if (gt_db_open(opts->db_path, &s.pool[i], ctx) != GT_OK)
            goto out;
        gt_db_share_writer(s.pool[i], &s.writer);
        s.n_pool = i + 1;
    }
    /* Block the stop signals in every thread; this one waits for them. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    start_workers(&s, args, heavy);

    listen_fd = opts->socket_path ? unix_listener(opts->socket_path, ctx)
                                  : tcp_listener(opts, ctx);
    if (listen_fd < 0)
        goto out;
    d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
            MHD_ALLOW_SUSPEND_RESUME,
        0, accept_policy, &s, handle, &s, MHD_OPTION_LISTEN_SOCKET, listen_fd,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
        MHD_OPTION_URI_LOG_CALLBACK, log_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED,
        completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, connection_notice, &s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS, MHD_OPTION_END);
    if (!d) {
        gt_err(ctx, GT_IO, "cannot start the server on %s",
               opts->socket_path ? opts->socket_path : opts->bind);
        goto out;
    }
    socket_owned = false; /* MHD_stop_daemon closes it */
    if (ready)
        ready(opts);
    int sig;
    sigwait(&stop, &sig);
    rc = GT_OK;
out:
    /* heavy work in progress finishes and is resumed before the daemon
     * stops, as libmicrohttpd requires of suspended connections */
    stop_workers(&s);
    if (d)
        MHD_stop_daemon(d);
    if (listen_fd >= 0 && socket_owned)
        close(listen_fd);
    if (listen_fd >= 0 && opts->socket_path)
        unlink(opts->socket_path);
    for (int i = 0; i < s.n_pool; i++)
        gt_db_close(s.pool[i]);
    page_cache_finish(&s.cache);
    free(s.addresses);
    pthread_mutex_destroy(&s.address_lock);
    pthread_cond_destroy(&s.queued);
    pthread_mutex_destroy(&s.queue_lock);
    pthread_cond_destroy(&s.freed);
    pthread_mutex_destroy(&s.lock);
    pthread_mutex_destroy(&s.writer);
    return rc;
}
