/*
 * cmd_status: status, history and overdue. See cli.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/show.h"
#include "core/hash.h"
#include "core/mem.h"
#include "core/status.h"

static const char *
media_type(const char *name)
{
    static const struct {
        const char *ext;
        const char *type;
    } types[] = {
        {".pdf", "application/pdf"},
        {".docx", "application/vnd.openxmlformats-officedocument."
                  "wordprocessingml.document"},
        {".xlsx", "application/vnd.openxmlformats-officedocument."
                  "spreadsheetml.sheet"},
        {".pptx", "application/vnd.openxmlformats-officedocument."
                  "presentationml.presentation"},
        {".doc", "application/msword"},
        {".xls", "application/vnd.ms-excel"},
        {".odt", "application/vnd.oasis.opendocument.text"},
        {".ods", "application/vnd.oasis.opendocument.spreadsheet"},
        {".csv", "text/csv"},
        {".txt", "text/plain"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcasecmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

/* Read a whole evidence file (capped) into *data; false after a message. */
static bool
read_evidence(struct cli_env *env, const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct buf b;
    if (!f) {
        fprintf(env->err, "goldthread: %s: %s\n", path, strerror(errno));
        return false;
    }
    buf_init(&b, GT_STATUS_EVIDENCE_MAX);
    int got = buf_read_all(&b, f);
    bool ok = got == 1;
    if (got == 0)
        fprintf(env->err,
                "goldthread: %s: evidence files are limited to "
                "10 MiB\n",
                path);
    else if (got < 0)
        fprintf(env->err, "goldthread: %s: read error\n", path);
    fclose(f);
    *len = b.len;
    *data = buf_take(&b);
    if (!ok) {
        free(*data);
        *data = NULL;
    }
    return ok;
}

/* The outcome in words: where the update went and what is current. */
static void
say_recorded(struct cli_env *env, const struct gt_item *it,
             const struct gt_status_request *req,
             const struct gt_status_outcome *out)
{
    char day[GT_DATE_LONG_LEN], current_day[GT_DATE_LONG_LEN];
    gt_date_long(req->as_of, day);
    gt_date_long(out->current_as_of, current_day);
    if (out->is_current)
        fprintf(env->out, "%s:%s is %s as of %s%s\n", it->plan_code, it->ref,
                gt_brag_word(req->brag), day,
                req->evidence_name ? ", with evidence" : "");
    else
        fprintf(env->out,
                "%s:%s: %s as of %s%s is recorded in the history; the "
                "status stays %s as of %s\n",
                it->plan_code, it->ref, gt_brag_word(req->brag), day,
                req->evidence_name ? ", with evidence," : "",
                gt_brag_word(out->current), current_day);
}

int
cmd_status(struct cli_env *env, const struct cli_args *a)
{
    struct gt_item it;
    struct gt_status_request req = {0};
    struct gt_status_outcome out;
    char *data = NULL;
    int rc = CLI_FAIL;
    enum gt_rc got;
    const char *word = cli_flag(env, a, "--brag");
    const char *evidence = cli_flag(env, a, "--evidence");

    gt_item_init(&it);
    if (!word)
        return cli_usage(env, "status: --brag is required (Blue, Red, "
                              "Amber, Green or Not rated)");
    if (!gt_brag_parse(word, &req.brag))
        return cli_usage(env,
                         "status: --brag: unknown status \"%s\" "
                         "(expected Blue, Red, Amber, Green or Not "
                         "rated)",
                         word);
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &req.as_of))
        return CLI_USAGE;
    req.commentary = cli_flag(env, a, "--comment");
    req.author = cli_flag(env, a, "--by");
    req.earlier_ok = cli_switch(env, a, "--earlier");
    rc = cli_item(env, a->pos[0], GT_NO_DATE, &it);
    if (rc != CLI_OK)
        goto out;
    rc = CLI_FAIL;
    if (evidence) {
        const char *slash = strrchr(evidence, '/');
        if (!read_evidence(env, evidence, &data, &req.evidence_len))
            goto out;
        req.evidence = data;
        req.evidence_name = slash ? slash + 1 : evidence;
        req.evidence_type = media_type(req.evidence_name);
    }
    got =
        gt_status_record(env->db, NULL, &it, env->today, &req, &out, &env->ctx);
    if (got == GT_OK) {
        say_recorded(env, &it, &req, &out);
        rc = CLI_OK;
    } else if (got == GT_INVALID) {
        rc = cli_usage(env, "status: --%s: %s",
                       out.field == GT_STATUS_AS_OF      ? "as-of"
                       : out.field == GT_STATUS_EVIDENCE ? "evidence"
                                                         : "comment",
                       gt_ctx_last(&env->ctx));
        gt_ctx_clear(&env->ctx);
    } else if (got == GT_CONFLICT) {
        fprintf(env->err,
                "goldthread: %s:%s: %s; nothing was recorded (give "
                "--earlier to record it as history)\n",
                it.plan_code, it.ref, gt_ctx_last(&env->ctx));
        gt_ctx_clear(&env->ctx);
    } else {
        rc = cli_fail(env);
    }
out:
    free(data);
    gt_item_finish(&it);
    return rc;
}

int
cmd_history(struct cli_env *env, const struct cli_args *a)
{
    struct gt_item it;
    struct gt_updates ups = {0};
    int rc = CLI_FAIL;
    rc = cli_item(env, a->pos[0], GT_NO_DATE, &it);
    if (rc != CLI_OK)
        goto out;
    if (gt_db_status_history(env->db, it.id, &ups, &env->ctx) != GT_OK) {
        rc = cli_fail(env);
        goto out;
    }
    show_item_line(env->out, &it, 0, true, false, env->today);
    if (ups.n == 0)
        fprintf(env->out, "  no status updates yet\n");
    for (size_t i = 0; i < ups.n; i++) {
        const struct gt_update *u = &ups.v[i];
        char day[GT_DATE_LONG_LEN];
        gt_date_long(u->as_of, day);
        fprintf(env->out, "  %s: %s, by %s (recorded %s)\n", day,
                gt_brag_word(u->brag), u->author ? u->author : "unknown",
                u->recorded_at);
        if (u->commentary)
            fprintf(env->out, "    %s\n", u->commentary);
        if (u->evidence)
            fprintf(env->out, "    evidence: %s\n", u->evidence);
    }
    rc = CLI_OK;
out:
    gt_updates_finish(&ups);
    gt_item_finish(&it);
    return rc;
}

int
cmd_overdue(struct cli_env *env, const struct cli_args *a)
{
    struct gt_items items = {0};
    int32_t as_of;
    long n = 0;
    char day[GT_DATE_LONG_LEN];
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &as_of))
        return CLI_USAGE;
    if (gt_db_items_overdue(env->db, as_of, cli_flag(env, a, "--lead"),
                            cli_flag(env, a, "--plan"), -1, &items,
                            &env->ctx) != GT_OK) {
        gt_items_finish(&items);
        return cli_fail(env);
    }
    for (size_t i = 0; i < items.n; i++) {
        show_item_line(env->out, &items.v[i], 0, true, false, as_of);
        show_item_details(env->out, &items.v[i], 4, as_of);
        n++;
    }
    gt_date_long(as_of, day);
    fprintf(env->out, "%ld overdue as of %s\n", n, day);
    gt_items_finish(&items);
    return CLI_OK;
}
