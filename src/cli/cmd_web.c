/*
 * cmd_web: serve, http and user: the web application from the command
 * line. See cli.h for the table that describes them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "core/password.h"
#include "web/auth.h"
#include "web/http.h"
#include "web/proxy_sign_in.h"
#include "web/raw.h"

/* The largest raw request `goldthread http` reads. */
#define RAW_MAX (12 * 1024 * 1024)

/* The council's name for the header: the organisation's, else a default. */
static char *
council_name(struct cli_env *env)
{
    char *name = NULL;
    if (gt_db_org_name(env->db, &name, &env->ctx) != GT_OK || !name) {
        gt_ctx_clear(&env->ctx);
        free(name);
        return xstrdup("Children's services");
    }
    return name;
}

static void
announce(const struct http_options *opts)
{
    if (opts->socket_path)
        printf("goldthread is serving on the Unix socket %s (Ctrl-C stops "
               "it)\n",
               opts->socket_path);
    else if (strchr(opts->bind, ':'))
        printf("goldthread is serving on http://[%s]:%d/ (Ctrl-C stops it)\n",
               opts->bind, opts->port);
    else
        printf("goldthread is serving on http://%s:%d/ (Ctrl-C stops it)\n",
               opts->bind, opts->port);
    fflush(stdout);
}

/* The settings of sign-in by the identity provider from path, which
 * needs the proxy it comes through. */
static bool
load_proxy_sign_in(struct cli_env *env, const char *path,
                   const char *trust_proxy, struct web_proxy_sign_in *sso)
{
    if (!trust_proxy) {
        cli_usage(env, "--proxy-sign-in needs --trust-proxy: the headers "
                       "are believed only from the proxy");
        return false;
    }
    if (!web_proxy_sign_in_load(sso, path, &env->ctx)) {
        cli_fail(env);
        return false;
    }
    return true;
}

/* Serve env->db_path; shared by serve and demo. */
int
cli_serve(struct cli_env *env, const char *bind, const char *port_text,
          const struct cli_serve_proxy *proxy)
{
    char *end = NULL;
    long port = port_text ? strtol(port_text, &end, 10) : 8080;
    if (port_text && (end == port_text || *end || port < 1 || port > 65535))
        return cli_usage(env, "--port must be a number from 1 to 65535");
    if (!auth_init()) {
        fprintf(env->err, "goldthread: cannot start libsodium\n");
        return CLI_FAIL;
    }
    struct web_proxy_sign_in sso = {0};
    if (proxy && proxy->sign_in &&
        !load_proxy_sign_in(env, proxy->sign_in, proxy->trust_proxy, &sso))
        return CLI_FAIL;
    char *council = council_name(env);
    struct web_config cfg = {.council = council,
                             .clock = env->clock,
                             .trust_proxy = proxy ? proxy->trust_proxy : NULL,
                             .secure = proxy && proxy->https,
                             .proxy_sign_in = sso.secret ? &sso : NULL,
                             .no_page_cache = proxy && proxy->no_page_cache};
    struct http_options opts = {.bind = bind ? bind : "127.0.0.1",
                                .port = (int)port,
                                .db_path = env->db_path,
                                .socket_path = proxy ? proxy->socket : NULL,
                                .log = env->err};
    /* The server opens its own connections, one per thread. */
    gt_db_close(env->db);
    env->db = NULL;
    enum gt_rc rc = http_serve(&opts, &cfg, announce, &env->ctx);
    free(council);
    web_proxy_sign_in_finish(&sso);
    if (rc != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "stopped\n");
    return CLI_OK;
}

int
cmd_serve(struct cli_env *env, const struct cli_args *a)
{
    struct cli_serve_proxy proxy = {
        cli_flag(env, a, "--trust-proxy"), cli_switch(env, a, "--https"),
        cli_flag(env, a, "--socket"), cli_flag(env, a, "--proxy-sign-in"),
        cli_switch(env, a, "--no-page-cache")};
    return cli_serve(env, cli_flag(env, a, "--bind"),
                     cli_flag(env, a, "--port"), &proxy);
}

/* Read all of f, up to cap bytes; NULL (after a message) when larger. */
static char *
read_all(struct cli_env *env, FILE *f, size_t cap, size_t *len)
{
    struct buf b;
    buf_init(&b, cap);
    if (buf_read_all(&b, f) == 0) {
        fprintf(env->err,
                "goldthread: the request is larger than "
                "%zu bytes\n",
                cap);
        buf_finish(&b);
        return NULL;
    }
    *len = b.len;
    return buf_take(&b);
}

/* For `http --as USER`: a session for USER, its cookie added to the
 * request. Tests use it to act as a signed-in user without a password. */
static bool
test_session(struct cli_env *env, const char *username, const char *csrf,
             char **cookie)
{
    struct gt_user user;
    char token[AUTH_TOKEN_LEN], hash[AUTH_TOKEN_LEN], own[AUTH_TOKEN_LEN];
    if (gt_db_user_get(env->db, username, &user, NULL, &env->ctx) != GT_OK) {
        cli_fail(env);
        return false;
    }
    auth_random_token(token);
    auth_token_hash(token, hash);
    if (!csrf) {
        auth_random_token(own);
        csrf = own;
    }
    long now = 0;
    if (env->clock)
        now = (long)env->today * 86400 + 9 * 3600;
    else
        now = (long)time(NULL);
    enum gt_rc rc =
        gt_db_session_add(env->db, hash, user.id, csrf, now, &env->ctx);
    gt_user_finish(&user);
    if (rc != GT_OK) {
        cli_fail(env);
        return false;
    }
    *cookie = xasprintf("gt_session=%s", token);
    return true;
}

/* A new API token for username: *token (caller frees) and *id. */
static bool
make_token(struct cli_env *env, const char *username, const char *label,
           char **token, int64_t *id)
{
    char raw[AUTH_TOKEN_LEN], hash[AUTH_TOKEN_LEN];
    if (!auth_init()) {
        fprintf(env->err, "goldthread: cannot start libsodium\n");
        return false;
    }
    auth_random_token(raw);
    auth_token_hash(raw, hash);
    if (gt_db_token_add(env->db, username, hash, label, id, &env->ctx) !=
        GT_OK) {
        cli_fail(env);
        return false;
    }
    *token = xstrdup(raw);
    return true;
}

int
cmd_token_add(struct cli_env *env, const struct cli_args *a)
{
    const char *label = cli_flag(env, a, "--label");
    char *token = NULL;
    int64_t id = 0;
    if (!make_token(env, a->pos[0], label ? label : "", &token, &id))
        return CLI_FAIL;
    fprintf(env->out, "token %lld for %s (shown once; keep it secret):\n%s\n",
            (long long)id, a->pos[0], token);
    free(token);
    return CLI_OK;
}

int
cmd_token_revoke(struct cli_env *env, const struct cli_args *a)
{
    char *end = NULL;
    long long id = strtoll(a->pos[0], &end, 10);
    if (!end || *end || id <= 0)
        return cli_usage(env, "token revoke: give the token's number");
    if (gt_db_token_revoke(env->db, id, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "revoked token %lld\n", id);
    return CLI_OK;
}

int
cmd_http(struct cli_env *env, const struct cli_args *a)
{
    const char *path = cli_flag(env, a, "--request");
    const char *as = cli_flag(env, a, "--as");
    const char *csrf = cli_flag(env, a, "--csrf");
    const char *bearer = cli_flag(env, a, "--bearer");
    char *token = NULL, *authorization = NULL;
    int64_t token_id = 0;
    FILE *in = NULL;
    struct web_raw raw;
    struct web_response res;
    char *data = NULL, *cookie = NULL, *merged = NULL, *council = NULL;
    size_t len = 0;
    int rc = CLI_FAIL;
    struct web_config cfg = {.clock = env->clock,
                             .trust_proxy = cli_flag(env, a, "--trust-proxy"),
                             .secure = cli_switch(env, a, "--https")};
    struct web_proxy_sign_in sso = {0};
    const char *sign_in = cli_flag(env, a, "--proxy-sign-in");
    const char *from = cli_flag(env, a, "--from");
    bool head;
    if (csrf && !as)
        return cli_usage(env, "http: --csrf goes with --as");
    if (sign_in && !load_proxy_sign_in(env, sign_in, cfg.trust_proxy, &sso))
        return CLI_FAIL;
    cfg.proxy_sign_in = sso.secret ? &sso : NULL;
    in = path ? fopen(path, "rb") : stdin;
    if (!in) {
        fprintf(env->err, "goldthread: %s: %s\n", path, strerror(errno));
        web_proxy_sign_in_finish(&sso);
        return CLI_FAIL;
    }
    if (!auth_init()) {
        fprintf(env->err, "goldthread: cannot start libsodium\n");
        goto out;
    }
    data = read_all(env, in, RAW_MAX, &len);
    if (!data)
        goto out;
    if (!web_raw_parse(&raw, data, len, from ? from : "127.0.0.1")) {
        fprintf(env->out,
                "HTTP/1.1 400 Bad Request\r\nContent-Type: "
                "text/plain; charset=utf-8\r\nContent-Length: "
                "%zu\r\n\r\n%s\n",
                strlen(raw.why) + 1, raw.why);
        web_raw_finish(&raw);
        rc = CLI_OK;
        goto out;
    }
    if (as) {
        if (!test_session(env, as, csrf, &cookie)) {
            web_raw_finish(&raw);
            goto out;
        }
        merged = raw.req.cookie ? xasprintf("%s; %s", cookie, raw.req.cookie)
                                : xstrdup(cookie);
        raw.req.cookie = merged;
    }
    if (bearer) {
        if (!make_token(env, bearer, "http --bearer", &token, &token_id)) {
            web_raw_finish(&raw);
            goto out;
        }
        authorization = xasprintf("Bearer %s", token);
        raw.req.authorization = authorization;
    }
    council = council_name(env);
    cfg.council = council;
    web_response_init(&res);
    if (cli_switch(env, a, "--statements"))
        gt_db_count_statements(env->db);
    web_handle(&cfg, env->db, NULL, &raw.req, &res);
    if (cli_switch(env, a, "--statements"))
        fprintf(env->err, "statements: %ld\n", gt_db_statements(env->db));
    /* a server error's number is explained here as the server's log
     * would explain it */
    if (res.error_id[0])
        web_log_request(env->err, &raw.req, &res, res.page.b.len, 0);
    head = strcmp(raw.req.method, "HEAD") == 0;
    rc = web_response_write(env->out, &res, head) ? CLI_OK : CLI_FAIL;
    web_response_finish(&res);
    web_raw_finish(&raw);
out:
    if (path && in)
        fclose(in);
    free(council);
    web_proxy_sign_in_finish(&sso);
    free(token);
    free(authorization);
    free(merged);
    free(cookie);
    free(data);
    return rc;
}

/* The first line of a password file (or of standard input), checked as
 * a new password for username. */
static char *
read_password(struct cli_env *env, const char *path, const char *username)
{
    FILE *f = path ? fopen(path, "r") : stdin;
    char line[1024];
    if (!f) {
        fprintf(env->err, "goldthread: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *got = fgets(line, sizeof line, f);
    if (path)
        fclose(f);
    if (!got) {
        fprintf(env->err, "goldthread: no password given\n");
        return NULL;
    }
    line[strcspn(line, "\r\n")] = '\0';
    char why[320];
    const char *problem = gt_password_problem(line, username, why, sizeof why);
    if (problem) {
        fprintf(env->err, "goldthread: the password cannot be used: %s\n",
                problem);
        return NULL;
    }
    return xstrdup(line);
}

static bool
hash_password(struct cli_env *env, const char *path, const char *username,
              char out[AUTH_HASH_LEN])
{
    char *password = read_password(env, path, username);
    bool ok = password && auth_init() && auth_hash_password(password, out);
    if (password && !ok)
        fprintf(env->err, "goldthread: cannot hash the password\n");
    free(password);
    return ok;
}

int
cmd_user_add(struct cli_env *env, const struct cli_args *a)
{
    enum gt_role role;
    const char *role_text = cli_flag(env, a, "--role");
    const char *name = cli_flag(env, a, "--name");
    char hash[AUTH_HASH_LEN];
    if (!role_text || !gt_role_parse(role_text, &role))
        return cli_usage(env, "user add: --role must be admin, planner, "
                              "lead, viewer or analyst");
    if (!hash_password(env, cli_flag(env, a, "--password-file"), a->pos[0],
                       hash))
        return CLI_FAIL;
    if (gt_db_user_add(env->db, a->pos[0], name ? name : a->pos[0], role,
                       cli_flag(env, a, "--person"), hash, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "added %s (%s)\n", a->pos[0], gt_role_word(role));
    return CLI_OK;
}

int
cmd_user_list(struct cli_env *env, const struct cli_args *a)
{
    (void)a;
    struct gt_users users = {0};
    if (gt_db_user_list(env->db, &users, &env->ctx) != GT_OK) {
        gt_users_finish(&users);
        return cli_fail(env);
    }
    for (size_t i = 0; i < users.n; i++) {
        const struct gt_user *u = &users.v[i];
        fprintf(env->out, "%s  %s  %s%s%s%s\n", u->username,
                gt_role_code(u->role), u->display_name,
                u->person ? "  leads as: " : "", u->person ? u->person : "",
                u->disabled ? "  (disabled)" : "");
    }
    if (users.n == 0)
        fprintf(env->out, "no users yet: add one with 'goldthread user "
                          "add'\n");
    gt_users_finish(&users);
    return CLI_OK;
}

int
cmd_user_passwd(struct cli_env *env, const struct cli_args *a)
{
    char hash[AUTH_HASH_LEN];
    if (!hash_password(env, cli_flag(env, a, "--password-file"), a->pos[0],
                       hash))
        return CLI_FAIL;
    if (gt_db_user_set_password(env->db, a->pos[0], hash, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "changed the password of %s\n", a->pos[0]);
    return CLI_OK;
}

int
cmd_user_role(struct cli_env *env, const struct cli_args *a)
{
    enum gt_role role;
    if (!gt_role_parse(a->pos[1], &role))
        return cli_usage(env, "user role: the role must be admin, planner, "
                              "lead, viewer or analyst");
    if (gt_db_user_set_role(env->db, a->pos[0], role, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "%s is now %s\n", a->pos[0], gt_role_word(role));
    return CLI_OK;
}

int
cmd_user_disable(struct cli_env *env, const struct cli_args *a)
{
    if (gt_db_user_set_disabled(env->db, a->pos[0], true, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out,
            "%s is deactivated: signed out everywhere, cannot sign in, "
            "API tokens refused\n",
            a->pos[0]);
    return CLI_OK;
}

int
cmd_user_enable(struct cli_env *env, const struct cli_args *a)
{
    if (gt_db_user_set_disabled(env->db, a->pos[0], false, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "%s can sign in again\n", a->pos[0]);
    return CLI_OK;
}

int
cmd_user_sign_out(struct cli_env *env, const struct cli_args *a)
{
    long n = 0;
    if (gt_db_user_end_sessions(env->db, a->pos[0], &n, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "%s is signed out everywhere (%ld session%s ended)\n",
            a->pos[0], n, n == 1 ? "" : "s");
    return CLI_OK;
}
