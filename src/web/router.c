/*
 * router: the route table and the checks every request passes before a
 * page handler runs. See web.h.
 *
 * Order of checks: framing and size (400, 413), route and method (404,
 * 405), the session, sign-in for non-public routes (303 to /sign-in), and
 * for writing routes same origin and the CSRF token (403). Only then does
 * a handler see the request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/date.h"
#include "core/hash.h"
#include "core/utf8.h"
#include "web/page.h"
#include "web/proxy_sign_in.h"

struct route {
    const char *method;
    const char *pattern; /* one "{}" may stand for a path segment */
    void (*handler)(struct web_page *p);
    bool writes;    /* POST with same origin and CSRF token */
    bool public_;   /* no sign-in needed */
    bool api;       /* JSON API: a bearer token, never a cookie */
    bool heavy;     /* may take seconds (reports, exports, imports): run
                     * apart, so that it never holds up light pages */
    unsigned roles; /* the roles that may use it (bits); 0: all */
};

#define ROLE(r) (1u << (r))
#define PLANNER .roles = ROLE(GT_ROLE_PLANNER) | ROLE(GT_ROLE_ADMIN)
#define ADMIN .roles = ROLE(GT_ROLE_ADMIN)
#define ANALYST .roles = ROLE(GT_ROLE_ANALYST) | ROLE(GT_ROLE_ADMIN)

static const struct route routes[] = {
    {.method = "GET",
     .pattern = "/assets/{}",
     .handler = page_asset,
     .public_ = true},
    {.method = "GET",
     .pattern = "/sign-in",
     .handler = page_sign_in,
     .public_ = true},
    {.method = "POST",
     .pattern = "/sign-in",
     .handler = page_sign_in_post,
     .writes = true,
     .public_ = true},
    {.method = "POST",
     .pattern = "/sign-out",
     .handler = page_sign_out,
     .writes = true},
    {.method = "GET", .pattern = "/", .handler = page_home},
    {.method = "GET", .pattern = "/plans", .handler = page_plans},
    {.method = "GET", .pattern = "/plans/{}", .handler = page_plan},
    {.method = "GET",
     .pattern = "/plans/{}/export",
     .handler = page_plan_export,
     .heavy = true},
    {.method = "GET",
     .pattern = "/plans/{}/report",
     .handler = page_report,
     .heavy = true},
    {.method = "GET", .pattern = "/plans/{}/budget", .handler = page_budget},
    {.method = "GET", .pattern = "/plans/{}/risks", .handler = page_risks},
    {.method = "GET",
     .pattern = "/plans/{}/versions",
     .handler = page_versions},
    {.method = "POST",
     .pattern = "/plans/{}/versions",
     .handler = page_version_post,
     .writes = true,
     PLANNER},
    {.method = "POST",
     .pattern = "/plans/{}/approvals",
     .handler = page_approval_post,
     .writes = true,
     PLANNER},
    {.method = "POST",
     .pattern = "/plans/{}/publish",
     .handler = page_publish_post,
     .writes = true,
     PLANNER},
    {.method = "GET",
     .pattern = "/plans/{}/workforce",
     .handler = page_workforce},
    {.method = "GET", .pattern = "/items/{}", .handler = page_item},
    {.method = "POST",
     .pattern = "/items/{}/status",
     .handler = page_item_status,
     .writes = true},
    {.method = "GET",
     .pattern = "/items/{}/edit",
     .handler = page_item_edit,
     PLANNER},
    {.method = "POST",
     .pattern = "/items/{}/edit",
     .handler = page_item_edit_post,
     .writes = true,
     PLANNER},
    {.method = "GET",
     .pattern = "/admin/plans/new",
     .handler = page_plan_new,
     PLANNER},
    {.method = "POST",
     .pattern = "/admin/plans",
     .handler = page_plan_new_post,
     .writes = true,
     PLANNER},
    {.method = "GET",
     .pattern = "/plans/{}/items/new",
     .handler = page_item_new,
     PLANNER},
    {.method = "POST",
     .pattern = "/plans/{}/items",
     .handler = page_item_new_post,
     .writes = true,
     PLANNER},
    {.method = "POST",
     .pattern = "/items/{}/links",
     .handler = page_item_link,
     .writes = true,
     PLANNER},
    {.method = "GET", .pattern = "/thread", .handler = page_thread},
    {.method = "GET", .pattern = "/people", .handler = page_people},
    {.method = "GET", .pattern = "/kpis", .handler = page_scorecard},
    {.method = "GET", .pattern = "/kpis/{}", .handler = page_kpi},
    {.method = "GET",
     .pattern = "/kpis/{}/export",
     .handler = page_kpi_values_csv,
     .heavy = true},
    {.method = "POST",
     .pattern = "/kpis/{}/values",
     .handler = page_kpi_value_post,
     .writes = true},
    {.method = "GET",
     .pattern = "/csc",
     .handler = page_csc,
     .heavy = true,
     ANALYST},
    {.method = "GET",
     .pattern = "/csc/{}",
     .handler = page_csc_rows,
     .heavy = true,
     ANALYST},
    {.method = "GET",
     .pattern = "/csc/{}/export",
     .handler = page_csc_export,
     .heavy = true,
     ANALYST},
    {.method = "GET", .pattern = "/evidence/{}", .handler = page_evidence},
    {.method = "GET",
     .pattern = "/admin/import",
     .handler = page_import,
     PLANNER},
    {.method = "POST",
     .pattern = "/admin/import",
     .handler = page_import_post,
     .writes = true,
     .heavy = true,
     PLANNER},
    {.method = "GET", .pattern = "/admin/users", .handler = page_users, ADMIN},
    {.method = "POST",
     .pattern = "/admin/users",
     .handler = page_user_add,
     .writes = true,
     ADMIN},
    {.method = "POST",
     .pattern = "/admin/users/{}/role",
     .handler = page_user_role,
     .writes = true,
     ADMIN},
    {.method = "POST",
     .pattern = "/admin/users/{}/access",
     .handler = page_user_access,
     .writes = true,
     ADMIN},
    {.method = "GET", .pattern = "/admin/audit", .handler = page_audit, ADMIN},
    {.method = "GET",
     .pattern = "/api/v1/plans",
     .handler = api_plans,
     .api = true},
    {.method = "GET",
     .pattern = "/api/v1/plans/{}",
     .handler = api_plan,
     .api = true},
    {.method = "GET",
     .pattern = "/api/v1/items/{}",
     .handler = api_item,
     .api = true},
    {.method = "GET",
     .pattern = "/api/v1/items/{}/history",
     .handler = api_history,
     .api = true},
    {.method = "POST",
     .pattern = "/api/v1/items/{}/status",
     .handler = api_status,
     .writes = true,
     .api = true},
    {.method = "POST",
     .pattern = "/api/v1/plans",
     .handler = api_plan_create,
     .writes = true,
     .api = true},
    {.method = "POST",
     .pattern = "/api/v1/items/{}/links",
     .handler = api_link,
     .writes = true,
     .api = true},
};

/* Match path against pattern; *param gets the "{}" segment (raw). */
static bool
match(const char *pattern, const char *path, const char **param,
      size_t *param_len)
{
    const char *brace = strstr(pattern, "{}");
    *param = NULL;
    *param_len = 0;
    if (!brace)
        return strcmp(pattern, path) == 0;
    size_t head = (size_t)(brace - pattern);
    if (strncmp(pattern, path, head) != 0)
        return false;
    const char *seg = path + head;
    size_t seg_len = strcspn(seg, "/");
    if (seg_len == 0)
        return false;
    if (strcmp(brace + 2, seg + seg_len) != 0)
        return false;
    *param = seg;
    *param_len = seg_len;
    return true;
}

const char *
web_status_text(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    default:
        return "Unknown";
    }
}

void
web_response_init(struct web_response *res)
{
    memset(res, 0, sizeof *res);
    res->status = 200;
    res->content_type = "text/html; charset=utf-8";
    html_init(&res->page, WEB_MAX_PAGE);
}

void
web_response_finish(struct web_response *res)
{
    html_finish(&res->page);
    free(res->location);
    free(res->owned);
    free(res->disposition);
    free(res->error_detail);
    for (int i = 0; i < res->n_cookies; i++)
        free(res->cookies[i]);
    memset(res, 0, sizeof *res);
}

char *
web_attachment(const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    struct buf b;
    buf_init(&b, 4096);
    bool ok = buf_adds(&b, "attachment; filename=\"");
    for (const char *s = name; ok && *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
        ok = buf_addc(&b, plain ? (char)c : '_');
    }
    ok = ok && buf_adds(&b, "\"; filename*=UTF-8''");
    for (const char *s = name; ok && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || strchr("-._~", c)) {
            ok = buf_addc(&b, (char)c);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            ok = buf_add(&b, enc, 3);
        }
    }
    if (!ok) {
        buf_finish(&b);
        return xstrdup("attachment; filename=\"evidence\"");
    }
    return buf_take(&b);
}

void
web_response_cookie(struct web_response *res, const char *value)
{
    if (res->n_cookies < 2)
        res->cookies[res->n_cookies++] = xstrdup(value);
}

/* Whether the request came from a page of this site: the Origin header,
 * or failing that the Referer, must be http(s)://Host. */
static bool
same_origin(const struct web_request *req)
{
    const char *from = req->origin ? req->origin : req->referer;
    if (!from || !req->host)
        return false;
    const char *rest = NULL;
    if (strncmp(from, "http://", 7) == 0)
        rest = from + 7;
    else if (strncmp(from, "https://", 8) == 0)
        rest = from + 8;
    if (!rest)
        return false;
    size_t host_len = strlen(req->host);
    return strncmp(rest, req->host, host_len) == 0 &&
           (rest[host_len] == '\0' || rest[host_len] == '/');
}

static void
set_clock(struct web_page *p)
{
    time_t t = time(NULL);
    struct tm tm;
    if (p->cfg->clock) {
        char day[GT_DATE_ISO_LEN];
        snprintf(day, sizeof day, "%.10s", p->cfg->clock);
        if (gt_date_parse_iso(day, &p->today)) {
            int y, m, d;
            gt_date_to_ymd(p->today, &y, &m, &d);
            p->now = (long)p->today * 86400 + 9 * 3600;
            return;
        }
    }
    localtime_r(&t, &tm);
    p->today = gt_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    p->now = (long)t;
}

/* Load the signed-in user from the session cookie, if any. */
static void
cookie_session(struct web_page *p)
{
    char token[AUTH_TOKEN_LEN];
    char *csrf = NULL;
    if (!web_cookie(p->req->cookie, "gt_session", token, sizeof token))
        return;
    auth_token_hash(token, p->session_hash);
    enum gt_rc rc =
        gt_db_session_get(p->db, p->session_hash, p->now, WEB_SESSION_IDLE,
                          WEB_SESSION_ABSOLUTE, &p->user, &csrf, &p->ctx);
    if (rc != GT_OK) {
        gt_user_finish(&p->user);
        p->session_hash[0] = '\0';
        /* no such session is nobody; a store that cannot say is an error
         * (and never a reason to ask for a sign-in) */
        p->session_unknown = rc != GT_NOTFOUND;
        if (!p->session_unknown)
            gt_ctx_clear(&p->ctx);
        free(csrf);
        return;
    }
    snprintf(p->csrf, sizeof p->csrf, "%s", csrf);
    free(csrf);
}

/* The person the identity provider signed in, as the trusted proxy
 * says: their session when they have one, else a new one (the person
 * made or brought up to date first). */
static void
proxy_session(struct web_page *p, const struct web_proxy_sign_in *sso)
{
    const struct web_request *req = p->req;
    enum gt_role role;
    bool has_role = web_proxy_role(sso, req->proxy_groups, &role);
    cookie_session(p);
    /* the provider's word on their groups holds at every request: a
     * changed role is written (ending the old sessions) at once */
    if (p->user.id && strcmp(p->user.username, req->proxy_user) == 0 &&
        has_role && p->user.role == role)
        return;
    gt_user_finish(&p->user);
    p->session_hash[0] = p->csrf[0] = '\0';
    if (strlen(req->proxy_user) > 200 ||
        !gt_utf8_valid(req->proxy_user, strlen(req->proxy_user)) ||
        (req->proxy_name &&
         !gt_utf8_valid(req->proxy_name, strlen(req->proxy_name))) ||
        !has_role) {
        p->proxy_refused = true;
        return;
    }
    enum gt_rc rc = gt_db_user_provision(
        p->db, req->proxy_user, req->proxy_name, role, &p->user, &p->ctx);
    if (rc == GT_OK && page_start_session(p, &p->user))
        return;
    p->proxy_refused = rc == GT_FORBIDDEN;
    gt_user_finish(&p->user);
    p->session_hash[0] = '\0';
    gt_ctx_clear(&p->ctx);
}

/* Who is signed in: by the identity provider through the trusted proxy
 * (which alone may say so, with the shared secret), or by the session
 * cookie. */
static void
load_session(struct web_page *p)
{
    const struct web_proxy_sign_in *sso = p->cfg->proxy_sign_in;
    const struct web_request *req = p->req;
    if (sso && p->from_proxy && req->proxy_user && *req->proxy_user &&
        req->proxy_secret && auth_equal(req->proxy_secret, sso->secret)) {
        proxy_session(p, sso);
        return;
    }
    cookie_session(p);
}

/* For API routes: the user of the bearer token, or a JSON 401. */
static bool
load_bearer(struct web_page *p)
{
    const char *auth = p->req->authorization;
    char hash[AUTH_TOKEN_LEN];
    if (auth && strncmp(auth, "Bearer ", 7) == 0 &&
        strlen(auth + 7) == AUTH_TOKEN_LEN - 1) {
        auth_token_hash(auth + 7, hash);
        enum gt_rc rc = gt_db_token_user(p->db, hash, &p->user, &p->ctx);
        if (rc == GT_OK)
            return true;
        gt_user_finish(&p->user);
        if (rc != GT_NOTFOUND) {
            /* the store failed, not the token: the reason goes to the log */
            api_error(p, 500, "the service cannot answer now; try again later",
                      NULL);
            return false;
        }
        gt_ctx_clear(&p->ctx);
    }
    p->res->bearer_challenge = true;
    api_error(p, 401, "a valid bearer token is required", NULL);
    return false;
}

/* A multipart form: its plain fields go into p->form (copied), and at
 * most one file is kept as p->upload. */
static bool
read_multipart(struct web_page *p)
{
    const char *why = NULL;
    if (!web_multipart_parse(p->req->content_type, p->req->body,
                             p->req->body_len, &p->parts, &why)) {
        page_error(p, 400, "The form could not be read", why);
        return false;
    }
    memset(&p->form, 0, sizeof p->form);
    for (size_t i = 0; i < p->parts.n; i++) {
        const struct web_part *part = &p->parts.parts[i];
        if (part->is_file) {
            if (!gt_utf8_valid(part->filename, strlen(part->filename))) {
                page_error(p, 400, "The form could not be read",
                           "The file's name is not text this service can "
                           "read (it must be UTF-8). Rename it and try "
                           "again.");
                return false;
            }
            if (p->upload) {
                page_error(p, 400, "The form could not be read",
                           "Send one file at a time.");
                return false;
            }
            p->upload = part;
            continue;
        }
        if (p->form.n == WEB_MAX_FIELDS ||
            memchr(part->data, '\0', part->len)) {
            page_error(p, 400, "The form could not be read",
                       "The form has too many fields or a malformed value.");
            return false;
        }
        if (!gt_utf8_valid(part->name, strlen(part->name)) ||
            !gt_utf8_valid(part->data, part->len)) {
            char not_text[160];
            web_form_not_text(not_text, sizeof not_text, part->name);
            page_error(p, 400, "The form could not be read", not_text);
            return false;
        }
        p->form.name[p->form.n] = xstrdup(part->name);
        p->form.value[p->form.n] = xstrndup(part->data, part->len);
        p->form.n++;
    }
    return true;
}

/* For writing routes: same origin, a form body, and the right token. A
 * signed-in user's token is their session's; before sign-in it is the
 * one the sign-in page set in a cookie. */
static bool
check_write(struct web_page *p)
{
    const struct web_request *req = p->req;
    if (!same_origin(req)) {
        page_error(p, 403, "You cannot do that from here",
                   "The form was not sent from a page of this site.");
        return false;
    }
    const char *ct = req->content_type ? req->content_type : "";
    if (strncmp(ct, "multipart/form-data", 19) == 0) {
        if (!read_multipart(p))
            return false;
    } else if (strncmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
        if (req->body_len > WEB_MAX_FORM_BODY) {
            page_error(p, 413, "That is too large to send",
                       "The form was larger than this service accepts.");
            return false;
        }
        if (!web_form_parse(&p->form, req->body ? req->body : "",
                            req->body_len)) {
            page_error(p, 400, "The form could not be read", p->form.error);
            return false;
        }
    } else {
        page_error(p, 415, "The form could not be read",
                   "Forms must be sent as application/"
                   "x-www-form-urlencoded or multipart/form-data.");
        return false;
    }
    if (!p->user.id) {
        char pre[AUTH_TOKEN_LEN];
        if (web_cookie(req->cookie, "gt_pre", pre, sizeof pre))
            snprintf(p->csrf, sizeof p->csrf, "%s", pre);
    }
    if (!auth_equal(web_form_get(&p->form, "csrf"), p->csrf)) {
        page_error(p, 403, "Your form has expired",
                   "Go back, reload the page and try again.");
        return false;
    }
    return true;
}

/* A write that failed because another held the write lock past the wait
 * is not broken: say so, with when to try again, and that nothing was
 * lost but the sending. */
static void
answer_busy(struct web_page *p)
{
    p->res->retry_after = 5;
    if (p->req->path && strncmp(p->req->path, "/api/", 5) == 0) {
        api_error(p, 503,
                  "the database is busy; nothing was saved: try again "
                  "in a few seconds",
                  NULL);
        return;
    }
    page_error(p, 503, "The service is busy",
               "Nothing was saved. Wait a few seconds and send the form "
               "again: your browser's Back button returns to it with what "
               "you typed.");
}

/* Who the client is: behind the trusted proxy, the last address it added
 * to X-Forwarded-For (earlier ones are the client's own word) and the
 * scheme it was reached by; otherwise the peer itself. */
static void
find_client(struct web_page *p)
{
    const struct web_request *req = p->req;
    bool proxied = p->cfg->trust_proxy && req->address &&
                   strcmp(req->address, p->cfg->trust_proxy) == 0;
    const char *from = req->address ? req->address : "unknown";
    size_t len = strlen(from);
    if (proxied && req->forwarded_for && *req->forwarded_for) {
        const char *last = strrchr(req->forwarded_for, ',');
        from = last ? last + 1 : req->forwarded_for;
        while (*from == ' ')
            from++;
        len = strcspn(from, " ");
    }
    if (len == 0 || len >= sizeof p->address) {
        from = "unknown";
        len = strlen(from);
    }
    memcpy(p->address, from, len);
    p->address[len] = '\0';
    p->from_proxy = proxied;
    p->https =
        p->cfg->secure || (proxied && req->forwarded_proto &&
                           strcasecmp(req->forwarded_proto, "https") == 0);
    p->res->hsts = p->https;
}

#define HEADER(name, field)                                                    \
    {                                                                          \
        name, offsetof(struct web_request, field)                              \
    }
const struct web_header_field web_header_fields[] = {
    HEADER("Host", host),
    HEADER("Origin", origin),
    HEADER("Referer", referer),
    HEADER("Cookie", cookie),
    HEADER("Content-Type", content_type),
    HEADER("If-None-Match", if_none_match),
    HEADER("Authorization", authorization),
    HEADER("X-Forwarded-For", forwarded_for),
    HEADER("X-Forwarded-Proto", forwarded_proto),
    HEADER(PROXY_HEADER_SECRET, proxy_secret),
    HEADER(PROXY_HEADER_USER, proxy_user),
    HEADER(PROXY_HEADER_NAME, proxy_name),
    HEADER(PROXY_HEADER_GROUPS, proxy_groups),
};
#undef HEADER
const size_t web_n_header_fields =
    sizeof web_header_fields / sizeof web_header_fields[0];

bool
web_error_number(struct web_response *res)
{
    if (res->status < 500 || res->status == 503)
        return false;
    if (!res->error_id[0])
        gt_random_hex(res->error_id, 4);
    return true;
}

/* What the request log needs that only the router knows: who, from
 * where, and for a server error what the context says went wrong. */
static void
note_for_log(struct web_page *p)
{
    struct web_response *res = p->res;
    snprintf(res->client, sizeof res->client, "%s", p->address);
    snprintf(res->user, sizeof res->user, "%s",
             p->user.id && p->user.username ? p->user.username : "");
    if (!web_error_number(res))
        return;
    char detail[2048] = "no detail recorded";
    size_t used = 0;
    for (size_t i = 0; i < p->ctx.n_errors && used < sizeof detail; i++) {
        int n = snprintf(detail + used, sizeof detail - used, "%s%s",
                         i ? "; " : "", p->ctx.errors[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    free(res->error_detail);
    res->error_detail = xstrdup(detail);
}

bool
web_route_heavy(const char *method, const char *path)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const char *pm;
        size_t pl;
        if (strcmp(routes[i].method, method) == 0 &&
            match(routes[i].pattern, path, &pm, &pl))
            return routes[i].heavy;
    }
    return false;
}

/* A route that only reads reads in one transaction: its page shows one
 * state of the data, whatever commits meanwhile, and takes the read lock
 * once rather than a statement at a time. */
static void
run_handler(struct web_page *p, const struct route *found)
{
    if (!found->writes)
        gt_db_read_begin(p->db);
    found->handler(p);
    gt_db_read_end(p->db);
}

void
web_handle(const struct web_config *cfg, struct gt_db *db,
           struct page_cache *cache, const struct web_request *req,
           struct web_response *res)
{
    struct web_page p = {
        .cfg = cfg, .db = db, .cache = cache, .req = req, .res = res};
    const struct route *found = NULL;
    const char *param = NULL;
    size_t param_len = 0;
    bool path_known = false;

    p.h = &res->page;
    (void)gt_db_was_busy(db); /* what an earlier request left */
    find_client(&p);
    gt_ctx_init(&p.ctx);
    gt_user_init(&p.user);
    set_clock(&p);

    if (req->bad_framing) {
        page_error(&p, 400, "The request could not be read",
                   "It gave its length in two ways.");
        goto out;
    }
    if (req->body_too_large) {
        page_error(&p, 413, "That is too large to send",
                   "The form or file was larger than this service accepts.");
        goto out;
    }
    if (strlen(req->path) + strlen(req->query) > WEB_MAX_URL) {
        page_error(&p, 400, "The address is too long",
                   "Check the address and try again.");
        goto out;
    }
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const char *pm;
        size_t pl;
        if (!match(routes[i].pattern, req->path, &pm, &pl))
            continue;
        path_known = true;
        if (strcmp(routes[i].method, req->method) == 0 ||
            (strcmp(req->method, "HEAD") == 0 &&
             strcmp(routes[i].method, "GET") == 0)) {
            found = &routes[i];
            param = pm;
            param_len = pl;
            break;
        }
    }
    if (!found) {
        load_session(&p);
        if (path_known)
            page_error(&p, 405, "That cannot be done here",
                       "This page does not accept that kind of request.");
        else
            page_error(&p, 404, "Page not found",
                       "If you typed the web address, check it is correct.");
        goto out;
    }
    if (param) {
        struct web_form tmp;
        char *raw = xstrndup(param, param_len);
        if (web_form_parse(&tmp, raw, strlen(raw)) && tmp.n == 1 &&
            tmp.value[0][0] == '\0') {
            p.param = tmp.name[0];
            tmp.name[0] = NULL;
        }
        web_form_finish(&tmp);
        free(raw);
        if (!p.param) {
            page_error(&p, 404, "Page not found",
                       "If you typed the web address, check it is correct.");
            goto out;
        }
    }
    if (found->handler == page_asset) {
        found->handler(&p);
        goto out;
    }
    if (!web_form_parse(&p.query, req->query, strlen(req->query))) {
        page_error(&p, 400, "The address could not be read", p.query.error);
        goto out;
    }
    if (found->api) {
        if (!load_bearer(&p))
            goto out;
        gt_db_set_actor(db, p.user.username);
        if (found->writes &&
            (!req->content_type ||
             strncmp(req->content_type, "application/json", 16) != 0)) {
            api_error(&p, 415, "send the body as application/json", NULL);
            goto out;
        }
        run_handler(&p, found);
        goto out;
    }
    load_session(&p);
    if (p.session_unknown) {
        page_error(&p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    if (p.proxy_refused) {
        page_error(&p, 403, "You have not been given access to goldthread",
                   "Your council account signed in, but it is not in a group "
                   "that goldthread gives a role to, or it has been "
                   "deactivated here. Ask the goldthread administrator to "
                   "give you access.");
        goto out;
    }
    gt_db_set_actor(db, p.user.id ? p.user.username : "anonymous");
    if (!found->public_ && !p.user.id) {
        page_redirect(&p, "/sign-in");
        goto out;
    }
    if (!found->public_ && found->roles &&
        !(found->roles & ROLE(p.user.role))) {
        page_error(&p, 403, "You cannot see this page",
                   found->roles & ROLE(GT_ROLE_PLANNER)
                       ? "It is for planners and administrators."
                   : found->roles & ROLE(GT_ROLE_ANALYST)
                       ? "It is for analysts and administrators."
                       : "It is for administrators.");
        goto out;
    }
    if (found->writes && !check_write(&p))
        goto out;
    run_handler(&p, found);
out:
    if (res->status == 500 && gt_db_was_busy(db))
        answer_busy(&p);
    if (html_overflowed(&res->page)) {
        gt_err(&p.ctx, GT_IO, "the page was larger than %d bytes",
               WEB_MAX_PAGE);
        page_error(&p, 500, "Sorry, there is a problem with the service",
                   "The page was too large to show.");
    }
    note_for_log(&p);
    free(p.param);
    web_form_finish(&p.query);
    web_form_finish(&p.form);
    gt_user_finish(&p.user);
    gt_ctx_finish(&p.ctx);
}
