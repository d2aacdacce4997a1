/*
 * proxy_sign_in: sign-in by the council's identity provider, done by a
 * reverse proxy in front of goldthread (Apache's mod_auth_openidc, or
 * oauth2-proxy), which passes who signed in and their groups as headers.
 *
 * The headers are believed only from the trusted proxy's address and
 * only with the shared secret, which the proxy adds and no browser knows;
 * the provider's groups map to goldthread's roles, as the settings file
 * says (docs/operations.md):
 *
 *     secret = at least 32 characters the proxy also sends
 *     admin = Goldthread administrators
 *     planner = Performance team
 *     sign-out = /oidc/callback?logout=https%3A%2F%2Fexample%2F
 *
 * The router (load_session) makes the person on first sign-in and gives
 * them a session as a password sign-in would.
 */
#ifndef GT_WEB_PROXY_SIGN_IN_H
#define GT_WEB_PROXY_SIGN_IN_H

#include <stdbool.h>

#include "core/ctx.h"
#include "core/user.h"

/* The headers the proxy sets (and must overwrite if a client sent them). */
#define PROXY_HEADER_SECRET "X-Goldthread-Secret"
#define PROXY_HEADER_USER "X-Goldthread-User"
#define PROXY_HEADER_NAME "X-Goldthread-Name"
#define PROXY_HEADER_GROUPS "X-Goldthread-Groups"

struct web_proxy_sign_in {
    char *secret;               /* owned */
    char *group[GT_ROLE_COUNT]; /* the provider's group for each role */
    char *sign_out;             /* where signing out goes, or NULL */
};

/* Read the settings file at path into c (zeroed by the caller). false,
 * with FILE:LINE messages, when it cannot be read, others may read it
 * (it holds the secret), or a line is not a setting. */
bool web_proxy_sign_in_load(struct web_proxy_sign_in *c, const char *path,
                            struct gt_ctx *ctx);
void web_proxy_sign_in_finish(struct web_proxy_sign_in *c);

/* The role groups (as the proxy passes them: separated by commas) give:
 * the most a group of them grants. false when no group maps to a role. */
bool web_proxy_role(const struct web_proxy_sign_in *c, const char *groups,
                    enum gt_role *out);

#endif
