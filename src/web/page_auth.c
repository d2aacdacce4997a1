/*
 * page_auth: sign in and sign out.
 *
 * Sign-in is protected like every other form: the sign-in page sets a
 * random token in a short-lived cookie and the form carries it back
 * (there is no session yet to hold one). Failures are counted per
 * username and address together, per address and per username; past a
 * limit sign-in is refused for a while without checking the password. A new
 * session gets a new token; the cookie holds the token, the store only its
 * hash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/page.h"
#include "web/proxy_sign_in.h"

static void
sign_in_form(struct web_page *p, const char *username,
             const struct field_error *errors, size_t n_errors)
{
    page_begin(p, n_errors ? "Error: Sign in" : "Sign in");
    html_lit(p->h, "<div class=\"govuk-grid-row\"><div "
                   "class=\"govuk-grid-column-two-thirds\">");
    page_error_summary(p, errors, n_errors);
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">Sign in</h1>"
                   "<form method=\"post\" action=\"/sign-in\" novalidate>");
    page_csrf_input(p);
    const char *ids[2] = {"username", "password"};
    const char *labels[2] = {"Username", "Password"};
    for (int i = 0; i < 2; i++) {
        const char *message = NULL;
        for (size_t k = 0; k < n_errors; k++)
            if (strcmp(errors[k].field, ids[i]) == 0)
                message = errors[k].message;
        html_lit(p->h, "<div class=\"govuk-form-group");
        if (message)
            html_lit(p->h, " govuk-form-group--error");
        html_lit(p->h, "\"><label class=\"govuk-label\" for=\"");
        html_attr(p->h, ids[i]);
        html_lit(p->h, "\">");
        html_text(p->h, labels[i]);
        html_lit(p->h, "</label>");
        if (message)
            widget_error_message(p, ids[i], message);
        html_lit(p->h, "<input class=\"govuk-input govuk-!-width-one-half");
        if (message)
            html_lit(p->h, " govuk-input--error");
        html_lit(p->h, "\" id=\"");
        html_attr(p->h, ids[i]);
        html_lit(p->h, "\" name=\"");
        html_attr(p->h, ids[i]);
        if (i == 0) {
            html_lit(p->h, "\" type=\"text\" autocomplete=\"username\" "
                           "spellcheck=\"false\" value=\"");
            html_attr(p->h, username);
        } else {
            html_lit(p->h, "\" type=\"password\" "
                           "autocomplete=\"current-password");
        }
        html_lit(p->h, "\"");
        if (message) {
            html_lit(p->h, " aria-describedby=\"");
            html_attr(p->h, ids[i]);
            html_lit(p->h, "-error\"");
        }
        html_lit(p->h, "></div>");
    }
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Sign in</button></form>"
                   "</div></div>");
    page_end(p);
}

static void
set_pre_cookie(struct web_page *p)
{
    char cookie[160];
    auth_random_token(p->csrf);
    snprintf(cookie, sizeof cookie,
             "gt_pre=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600%s",
             p->csrf, p->https ? "; Secure" : "");
    web_response_cookie(p->res, cookie);
}

void
page_sign_in(struct web_page *p)
{
    if (p->user.id) {
        page_redirect(p, "/");
        return;
    }
    set_pre_cookie(p);
    sign_in_form(p, "", NULL, 0);
}

bool
page_start_session(struct web_page *p, const struct gt_user *user)
{
    char token[AUTH_TOKEN_LEN], hash[AUTH_TOKEN_LEN], csrf[AUTH_TOKEN_LEN];
    char cookie[200];
    auth_random_token(token);
    auth_random_token(csrf);
    auth_token_hash(token, hash);
    if (gt_db_session_sweep(p->db, p->now, WEB_SESSION_IDLE,
                            WEB_SESSION_ABSOLUTE, &p->ctx) != GT_OK ||
        gt_db_session_add(p->db, hash, user->id, csrf, p->now, &p->ctx) !=
            GT_OK)
        return false;
    snprintf(cookie, sizeof cookie,
             "gt_session=%s; Path=/; HttpOnly; SameSite=Lax%s", token,
             p->https ? "; Secure" : "");
    web_response_cookie(p->res, cookie);
    web_response_cookie(p->res, "gt_pre=; Path=/; HttpOnly; "
                                "SameSite=Strict; Max-Age=0");
    snprintf(p->session_hash, sizeof p->session_hash, "%s", hash);
    snprintf(p->csrf, sizeof p->csrf, "%s", csrf);
    return true;
}

void
page_sign_in_post(struct web_page *p)
{
    const char *username = web_form_get(&p->form, "username");
    const char *password = web_form_get(&p->form, "password");
    struct field_error errors[2];
    size_t n = 0;
    struct gt_user user;
    char *hash = NULL;
    const struct gt_sign_in_limits limits = {
        WEB_THROTTLE_WINDOW, WEB_THROTTLE_PAIR, WEB_THROTTLE_ADDRESS,
        WEB_THROTTLE_USER};
    int64_t claim = 0;
    enum gt_rc rc;
    bool ok;

    gt_user_init(&user);
    if (!username || !*username)
        errors[n++] = (struct field_error){"username", "Enter your username"};
    if (!password || !*password)
        errors[n++] = (struct field_error){"password", "Enter your password"};
    if (n) {
        p->res->status = 400;
        sign_in_form(p, username ? username : "", errors, n);
        return;
    }
    if (strlen(username) > 200 || strlen(password) > 1000) {
        page_error(p, 400, "The form could not be read",
                   "The username or password is too long.");
        return;
    }
    /* the attempt is claimed (counted as a failure) before the password
     * is checked, so concurrent guesses cannot slip past the limits */
    if (gt_db_sign_in_claim(p->db, username, p->address, p->now, &limits,
                            &claim, &p->ctx) != GT_OK)
        goto fail;
    if (!claim) {
        page_error(p, 429, "Too many attempts to sign in",
                   "Wait 15 minutes, then try again.");
        return;
    }
    rc = gt_db_user_get(p->db, username, &user, &hash, &p->ctx);
    if (rc != GT_OK && rc != GT_NOTFOUND)
        goto fail;
    ok = rc == GT_OK && !user.disabled && auth_check_password(hash, password);
    if (rc == GT_NOTFOUND) {
        /* Spend the same effort as a real check, so response times do
         * not tell which usernames exist. */
        char dummy[AUTH_HASH_LEN];
        (void)auth_hash_password(password, dummy);
    }
    gt_ctx_clear(&p->ctx);
    if (!ok) {
        errors[0] = (struct field_error){
            "username", "Enter a correct username and password"};
        p->res->status = 400;
        sign_in_form(p, username, errors, 1);
        goto out;
    }
    if (gt_db_sign_in_succeeded(p->db, claim, &p->ctx) != GT_OK)
        goto fail;
    if (!page_start_session(p, &user))
        goto fail;
    page_redirect(p, "/");
    goto out;
fail:
    page_error(p, 500, "Sorry, there is a problem with the service",
               "Try again later.");
out:
    free(hash);
    gt_user_finish(&user);
}

void
page_sign_out(struct web_page *p)
{
    if (gt_db_session_delete(p->db, p->session_hash, &p->ctx) != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        return;
    }
    web_response_cookie(p->res, "gt_session=; Path=/; HttpOnly; "
                                "SameSite=Lax; Max-Age=0");
    /* signed in by the identity provider: signing out of goldthread alone
     * would only sign them in again, so end the proxy's session too */
    const struct web_proxy_sign_in *sso = p->cfg->proxy_sign_in;
    if (sso && sso->sign_out && p->from_proxy) {
        p->res->status = 303;
        free(p->res->location);
        p->res->location = xstrdup(sso->sign_out);
        return;
    }
    page_redirect(p, "/sign-in");
}
