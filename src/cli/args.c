/*
 * args: helpers the command handlers share: flag look-up, dates, item
 * names, and how failures are reported. See cli.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/mem.h"

static int
flag_index(const struct cli_command *c, const char *name)
{
    for (int k = 0; k < CLI_MAX_FLAGS && c->flags[k].name; k++)
        if (strcmp(c->flags[k].name, name) == 0)
            return k;
    return -1;
}

const char *
cli_flag(const struct cli_env *env, const struct cli_args *a, const char *name)
{
    int k = flag_index(env->cmd, name);
    return k >= 0 && a->set[k] ? a->val[k] : NULL;
}

bool
cli_switch(const struct cli_env *env, const struct cli_args *a,
           const char *name)
{
    int k = flag_index(env->cmd, name);
    return k >= 0 && a->set[k];
}

void
cli_tell(struct cli_env *env)
{
    for (size_t i = 0; i < env->ctx.n_errors; i++)
        fprintf(env->err, "goldthread: %s\n", env->ctx.errors[i]);
    if (env->ctx.n_dropped)
        fprintf(env->err, "goldthread: ... and %zu more problems\n",
                env->ctx.n_dropped);
    gt_ctx_clear(&env->ctx);
}

int
cli_fail(struct cli_env *env)
{
    if (env->ctx.n_errors == 0)
        fprintf(env->err, "goldthread: %s failed\n",
                env->cmd ? env->cmd->name : "command");
    cli_tell(env);
    if (env->db && gt_db_was_busy(env->db))
        fprintf(env->err, "goldthread: another import or update held the "
                          "database for longer than 5 seconds; nothing was "
                          "changed: run the command again\n");
    return CLI_FAIL;
}

int
cli_usage(struct cli_env *env, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("goldthread: ", env->err);
    vfprintf(env->err, fmt, ap);
    fputc('\n', env->err);
    va_end(ap);
    return CLI_USAGE;
}

bool
cli_init_clock(struct cli_env *env)
{
    const char *clock = getenv("GOLDTHREAD_CLOCK");
    if (clock && *clock) {
        char day[GT_DATE_ISO_LEN];
        snprintf(day, sizeof day, "%.10s", clock);
        if (strlen(clock) < 10 || !gt_date_parse_iso(day, &env->today)) {
            cli_usage(env,
                      "GOLDTHREAD_CLOCK: cannot read \"%s\" (expected "
                      "a UTC time such as 2026-11-27T09:00:00Z)",
                      clock);
            return false;
        }
        env->clock = clock;
        return true;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    env->today = gt_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    env->clock = NULL;
    return true;
}

bool
cli_date(struct cli_env *env, const char *flag, const char *text, int32_t *out)
{
    if (!text) {
        *out = env->today;
        return true;
    }
    if (!gt_date_parse(text, out)) {
        cli_usage(env,
                  "%s: cannot read date \"%s\" (expected 2017-03-31 or "
                  "31 March 2017)",
                  flag, text);
        return false;
    }
    return true;
}

int
cli_item(struct cli_env *env, const char *spec, int32_t as_of,
         struct gt_item *out)
{
    const char *colon = strchr(spec, ':');
    gt_item_init(out);
    if (!colon || colon == spec || !colon[1])
        return cli_usage(env,
                         "\"%s\" does not name an item (expected "
                         "PLAN:REF, e.g. imp17:T3.1)",
                         spec);
    char *plan = xstrndup(spec, (size_t)(colon - spec));
    enum gt_rc rc =
        gt_db_item_find(env->db, plan, colon + 1, as_of, out, &env->ctx);
    free(plan);
    return rc == GT_OK ? CLI_OK : cli_fail(env);
}

bool
cli_valid_code(const char *s)
{
    if (!*s || strlen(s) > 40)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
            return false;
    return true;
}
