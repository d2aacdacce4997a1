/*
 * proxy_sign_in: the settings of sign-in by the identity provider. See
 * proxy_sign_in.h.
 */
#include "web/proxy_sign_in.h"
#include "core/mem.h"
#include "core/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The shortest secret: guessing it must be hopeless. */
#define SECRET_MIN 32

static char *
trimmed(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static bool
set_value(struct web_proxy_sign_in *c, const char *key, const char *value)
{
    enum gt_role role;
    char **slot = NULL;
    if (strcmp(key, "secret") == 0)
        slot = &c->secret;
    else if (strcmp(key, "sign-out") == 0)
        slot = &c->sign_out;
    else if (gt_role_parse(key, &role))
        slot = &c->group[role];
    if (!slot)
        return false;
    free(*slot);
    *slot = xstrdup(value);
    return true;
}

bool
web_proxy_sign_in_load(struct web_proxy_sign_in *c, const char *path,
                       struct gt_ctx *ctx)
{
    struct stat sb;
    FILE *f = fopen(path, "r");
    if (!f) {
        gt_err(ctx, GT_IO, "%s: %s", path, strerror(errno));
        return false;
    }
    if (fstat(fileno(f), &sb) == 0 && (sb.st_mode & (S_IRWXG | S_IRWXO))) {
        gt_err(ctx, GT_INVALID,
               "%s: others may read it, and it holds the proxy's secret: "
               "chmod 600 %s",
               path, path);
        fclose(f);
        return false;
    }
    char line[1024];
    long n = 0;
    bool ok = true;
    while (fgets(line, sizeof line, f)) {
        n++;
        char *s = trimmed(line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (eq)
            *eq = '\0';
        char *key = trimmed(s), *value = eq ? trimmed(eq + 1) : NULL;
        if (!value || !*value || !gt_utf8_valid(value, strlen(value)) ||
            !set_value(c, key, value)) {
            gt_err(ctx, GT_INVALID,
                   "%s:%ld: \"%s\" is not a setting (expected secret, "
                   "sign-out or a role: admin, planner, lead, viewer, "
                   "analyst, each = a value)",
                   path, n, key);
            ok = false;
        }
    }
    fclose(f);
    if (ok && (!c->secret || strlen(c->secret) < SECRET_MIN)) {
        gt_err(ctx, GT_INVALID,
               "%s: the secret must be at least %d characters (the proxy "
               "sends it in %s)",
               path, SECRET_MIN, PROXY_HEADER_SECRET);
        ok = false;
    }
    bool any = false;
    for (int r = 0; r < GT_ROLE_COUNT; r++)
        any = any || c->group[r];
    if (ok && !any) {
        gt_err(ctx, GT_INVALID,
               "%s: no group is given a role, so no one could sign in", path);
        ok = false;
    }
    if (!ok)
        web_proxy_sign_in_finish(c);
    return ok;
}

void
web_proxy_sign_in_finish(struct web_proxy_sign_in *c)
{
    free(c->secret);
    free(c->sign_out);
    for (int r = 0; r < GT_ROLE_COUNT; r++)
        free(c->group[r]);
    memset(c, 0, sizeof *c);
}

/* Whether the comma-separated groups hold group, compared whole. */
static bool
has_group(const char *groups, const char *group)
{
    size_t want = strlen(group);
    const char *s = groups;
    while (*s) {
        size_t len = strcspn(s, ",");
        const char *a = s, *b = s + len;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        if ((size_t)(b - a) == want && memcmp(a, group, want) == 0)
            return true;
        s += len;
        if (*s)
            s++;
    }
    return false;
}

bool
web_proxy_role(const struct web_proxy_sign_in *c, const char *groups,
               enum gt_role *out)
{
    /* the most a group grants, when someone is in several */
    static const enum gt_role most_first[] = {GT_ROLE_ADMIN, GT_ROLE_PLANNER,
                                              GT_ROLE_ANALYST, GT_ROLE_LEAD,
                                              GT_ROLE_VIEWER};
    if (!groups)
        return false;
    for (size_t i = 0; i < sizeof most_first / sizeof most_first[0]; i++) {
        const char *g = c->group[most_first[i]];
        if (g && has_group(groups, g)) {
            *out = most_first[i];
            return true;
        }
    }
    return false;
}
