/*
 * cmd_version: goldthread version create|list|show|approve|publish|
 * archive|diff, and plan section: plan versions with their approvals, and
 * the departmental template's sections. See core/version.h for the rules.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/version.h"
#include "io/snapshot_io.h"

/* A version number from the command line; false after a usage error. */
static bool
number_arg(struct cli_env *env, const char *text, int *out)
{
    char *end;
    long n = strtol(text, &end, 10);
    if (end == text || *end || n < 1 || n > 1000000) {
        cli_usage(env, "%s: \"%s\" is not a version number", env->cmd->name,
                  text);
        return false;
    }
    *out = (int)n;
    return true;
}

int
cmd_version_create(struct cli_env *env, const struct cli_args *a)
{
    struct gt_version v = {0};
    char sha[GT_SHA256_HEX_LEN];
    int32_t as_of = env->today;
    int number = 0;
    const char *user = getenv("USER");
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &as_of))
        return CLI_USAGE;
    v.review_date = GT_NO_DATE;
    if (cli_flag(env, a, "--review") &&
        !cli_date(env, "--review", cli_flag(env, a, "--review"),
                  &v.review_date))
        return CLI_USAGE;
    const char *author = cli_flag(env, a, "--author");
    v.author = xstrdup(author ? author : user && *user ? user : "goldthread");
    v.note = xstrdup(cli_flag(env, a, "--note"));
    v.circulation = xstrdup(cli_flag(env, a, "--circulation"));
    enum gt_rc rc = gt_plan_snapshot(env->db, a->pos[0], as_of, &v.snapshot,
                                     sha, &env->ctx);
    v.sha256 = xstrdup(sha);
    if (rc == GT_OK)
        rc = gt_db_version_create(env->db, a->pos[0], &v, &number, &env->ctx);
    gt_version_finish(&v);
    if (rc != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "created version %d of %s, a draft (sha256 %.12s)\n",
            number, a->pos[0], sha);
    return CLI_OK;
}

static void
print_approvals(struct cli_env *env, const struct gt_version *v)
{
    for (size_t i = 0; i < v->n_approvals; i++) {
        char on[GT_DATE_LONG_LEN];
        gt_date_long(v->approvals[i].on, on);
        fprintf(env->out, "    approved by %s (%s) on %s\n",
                v->approvals[i].body, v->approvals[i].by, on);
    }
}

int
cmd_version_list(struct cli_env *env, const struct cli_args *a)
{
    struct gt_versions list = {0};
    if (gt_db_versions(env->db, a->pos[0], &list, &env->ctx) != GT_OK) {
        gt_versions_finish(&list);
        return cli_fail(env);
    }
    if (!list.n)
        fprintf(env->out, "%s has no versions yet\n", a->pos[0]);
    for (size_t i = 0; i < list.n; i++) {
        const struct gt_version *v = &list.v[i];
        fprintf(env->out, "version %-3d %-9s by %s, %.10s%s%s\n", v->number,
                gt_version_status_word(v->status), v->author,
                v->created_at ? v->created_at : "", v->note ? ": " : "",
                v->note ? v->note : "");
        print_approvals(env, v);
    }
    gt_versions_finish(&list);
    return CLI_OK;
}

int
cmd_version_show(struct cli_env *env, const struct cli_args *a)
{
    struct gt_version v = {0};
    int number;
    if (!number_arg(env, a->pos[1], &number))
        return CLI_USAGE;
    if (gt_db_version_get(env->db, a->pos[0], number, &v, &env->ctx) != GT_OK)
        return cli_fail(env);
    if (cli_switch(env, a, "--snapshot")) {
        fprintf(env->out, "%s\n", v.snapshot);
        gt_version_finish(&v);
        return CLI_OK;
    }
    char review[GT_DATE_LONG_LEN];
    gt_date_long(v.review_date, review);
    fprintf(env->out,
            "version %d of %s\nstatus: %s\nauthor: %s\ncreated: %s\n"
            "what changed: %s\nreview date: %s\ncirculation: %s\n"
            "sha256: %s\n",
            v.number, a->pos[0], gt_version_status_word(v.status), v.author,
            v.created_at, v.note ? v.note : "-", *review ? review : "-",
            v.circulation ? v.circulation : "-", v.sha256);
    if (!v.n_approvals)
        fprintf(env->out, "not yet approved\n");
    print_approvals(env, &v);
    gt_version_finish(&v);
    return CLI_OK;
}

int
cmd_version_approve(struct cli_env *env, const struct cli_args *a)
{
    int number;
    const char *body = cli_flag(env, a, "--body"),
               *by = cli_flag(env, a, "--by");
    if (!number_arg(env, a->pos[1], &number))
        return CLI_USAGE;
    if (!body || !*body || !by || !*by)
        return cli_usage(env, "version approve: --body and --by are "
                              "required (such as --body Cabinet --by "
                              "\"Cabinet meeting\")");
    int32_t on;
    if (!cli_date(env, "--on", cli_flag(env, a, "--on"), &on))
        return CLI_USAGE;
    if (gt_db_version_approve(env->db, a->pos[0], number, body, by, on,
                              &env->ctx) != GT_OK)
        return cli_fail(env);
    char date[GT_DATE_LONG_LEN];
    gt_date_long(on, date);
    fprintf(env->out, "version %d of %s approved by %s on %s\n", number,
            a->pos[0], body, date);
    return CLI_OK;
}

static int
move(struct cli_env *env, const struct cli_args *a, enum gt_version_status to)
{
    int number;
    if (!number_arg(env, a->pos[1], &number))
        return CLI_USAGE;
    if (gt_db_version_status(env->db, a->pos[0], number, to, &env->ctx) !=
        GT_OK)
        return cli_fail(env);
    fprintf(env->out, "version %d of %s is %s\n", number, a->pos[0],
            gt_version_status_code(to));
    return CLI_OK;
}

int
cmd_version_publish(struct cli_env *env, const struct cli_args *a)
{
    return move(env, a, GT_VERSION_PUBLISHED);
}

int
cmd_version_archive(struct cli_env *env, const struct cli_args *a)
{
    return move(env, a, GT_VERSION_ARCHIVED);
}

/* The snapshot of version text ("3"), or of the plan today when NULL;
 * caller frees. */
static char *
snapshot_of(struct cli_env *env, const char *plan, const char *text,
            char label[32])
{
    char sha[GT_SHA256_HEX_LEN];
    char *snap = NULL;
    if (!text) {
        snprintf(label, 32, "the plan now");
        return gt_plan_snapshot(env->db, plan, env->today, &snap, sha,
                                &env->ctx) == GT_OK
                   ? snap
                   : NULL;
    }
    struct gt_version v = {0};
    int number;
    if (!number_arg(env, text, &number))
        return NULL;
    snprintf(label, 32, "version %d", number);
    if (gt_db_version_get(env->db, plan, number, &v, &env->ctx) == GT_OK) {
        snap = v.snapshot;
        v.snapshot = NULL;
    }
    gt_version_finish(&v);
    return snap;
}

int
cmd_version_diff(struct cli_env *env, const struct cli_args *a)
{
    char from_label[32], to_label[32];
    struct gt_changes changes = {0};
    char *from = snapshot_of(env, a->pos[0], a->pos[1], from_label);
    char *to = from ? snapshot_of(env, a->pos[0],
                                  a->n_pos > 2 ? a->pos[2] : NULL, to_label)
                    : NULL;
    enum gt_rc rc = from && to ? gt_snapshot_diff(from, to, &changes, &env->ctx)
                               : GT_INVALID;
    free(from);
    free(to);
    if (rc != GT_OK) {
        gt_changes_finish(&changes);
        return env->ctx.n_errors ? cli_fail(env) : CLI_USAGE;
    }
    fprintf(env->out, "from %s to %s: %zu %s\n", from_label, to_label,
            changes.n, changes.n == 1 ? "change" : "changes");
    for (size_t i = 0; i < changes.n; i++) {
        const struct gt_change *c = &changes.v[i];
        if (!strcmp(c->what, "added") || !strcmp(c->what, "removed"))
            fprintf(env->out, "%s %s: %s\n", c->where, c->what,
                    *c->after ? c->after : c->before);
        else
            fprintf(env->out, "%s %s: \"%s\" to \"%s\"\n", c->where, c->what,
                    c->before, c->after);
    }
    gt_changes_finish(&changes);
    return CLI_OK;
}

int
cmd_plan_section(struct cli_env *env, const struct cli_args *a)
{
    enum gt_section section;
    if (!gt_section_parse(a->pos[1], &section)) {
        fprintf(env->err,
                "goldthread: plan section: \"%s\" is not a section;"
                " the sections are",
                a->pos[1]);
        for (int k = 0; k < GT_SECTION_COUNT; k++)
            fprintf(env->err, "%s %s", k ? "," : "",
                    gt_section_code((enum gt_section)k));
        fprintf(env->err, "\n");
        return CLI_USAGE;
    }
    const char *text = cli_flag(env, a, "--text");
    const char *path = cli_flag(env, a, "--file");
    char *body = NULL;
    if (path) {
        FILE *f = fopen(path, "rb");
        struct buf b;
        buf_init(&b, 20000);
        int got = f ? buf_read_all(&b, f) : -1;
        if (f)
            fclose(f);
        if (got <= 0) {
            buf_finish(&b);
            fprintf(env->err, "goldthread: %s: %s\n", path,
                    got == 0 ? "longer than 20,000 characters"
                             : strerror(errno));
            return CLI_FAIL;
        }
        body = buf_take(&b);
        text = body;
    }
    enum gt_rc rc = GT_OK;
    if (text || cli_switch(env, a, "--clear"))
        rc = gt_db_section_set(env->db, a->pos[0], (int)section, text,
                               &env->ctx);
    free(body);
    if (rc != GT_OK)
        return cli_fail(env);
    struct gt_sections s = {0};
    if (gt_db_sections(env->db, a->pos[0], &s, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "%s\n%s\n", gt_section_title(section),
            s.body[section] ? s.body[section] : "(not written)");
    gt_sections_finish(&s);
    return CLI_OK;
}
