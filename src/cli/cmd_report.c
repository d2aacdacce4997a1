/*
 * cmd_report: goldthread report PLAN, the committee report. See cli.h for
 * the table that describes it and report/report.h for what it holds.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "report/report.h"

/* Write len bytes to path, or to out when path is NULL. */
static int
write_text(struct cli_env *env, const char *path, const char *text, size_t len)
{
    FILE *f = path ? fopen(path, "wb") : env->out;
    if (!f) {
        fprintf(env->err, "goldthread: %s: %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    bool ok = fwrite(text, 1, len, f) == len;
    if (path && fclose(f) != 0)
        ok = false;
    if (!ok) {
        fprintf(env->err, "goldthread: %s: cannot write\n",
                path ? path : "standard output");
        return CLI_FAIL;
    }
    return CLI_OK;
}

static int
write_report(struct cli_env *env, const struct doc *d, const char *format,
             const char *path)
{
    int rc = CLI_OK;
    if (strcmp(format, "html") == 0) {
        struct markup m;
        markup_init(&m, GT_REPORT_MAX_BYTES);
        gt_report_html(d, &m);
        rc = m.overflowed ? CLI_FAIL
                          : write_text(env, path, m.b.p ? m.b.p : "", m.b.len);
        if (m.overflowed)
            fprintf(env->err, "goldthread: the report is too large\n");
        markup_finish(&m);
    } else if (strcmp(format, "md") == 0) {
        struct buf b;
        buf_init(&b, GT_REPORT_MAX_BYTES);
        bool ok = gt_report_md(d, &b);
        rc = !ok ? CLI_FAIL : write_text(env, path, b.p ? b.p : "", b.len);
        if (!ok)
            fprintf(env->err, "goldthread: the report is too large\n");
        buf_finish(&b);
    } else {
        enum gt_rc r = strcmp(format, "xlsx") == 0
                           ? gt_report_xlsx(d, path, &env->ctx)
                           : gt_report_pdf(d, path, &env->ctx);
        rc = r == GT_OK ? CLI_OK : cli_fail(env);
    }
    return rc;
}

int
cmd_report(struct cli_env *env, const struct cli_args *a)
{
    struct gt_report_options o = {
        .version = cli_flag(env, a, "--version"),
        .exempt = cli_flag(env, a, "--exempt"),
        .public_ = cli_switch(env, a, "--public"),
    };
    const char *format = cli_flag(env, a, "--format");
    const char *path = cli_flag(env, a, "--out");
    const char *since = cli_flag(env, a, "--since");
    char bad[64];
    struct doc d;
    if (!format)
        format = "html";
    if (strcmp(format, "html") && strcmp(format, "md") &&
        strcmp(format, "xlsx") && strcmp(format, "pdf"))
        return cli_usage(env,
                         "report: --format must be html, md, xlsx or "
                         "pdf, not \"%s\"",
                         format);
    if ((!strcmp(format, "xlsx") || !strcmp(format, "pdf")) && !path)
        return cli_usage(env, "report: --format %s needs --out FILE", format);
    if (!gt_report_parts_valid(o.exempt, bad, sizeof bad)) {
        char keys[256];
        gt_report_part_keys(keys, sizeof keys);
        return cli_usage(env,
                         "report: --exempt: \"%s\" is not a part; the "
                         "parts are %s",
                         bad, keys);
    }
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &o.as_of) ||
        !cli_date(env, "--since", since, &o.since))
        return CLI_USAGE;
    if (!since)
        o.since = gt_report_default_since(o.as_of);
    if (o.since >= o.as_of)
        return cli_usage(env, "report: --since must be before the as-of date");
    if (gt_report_build(env->db, a->pos[0], &o, &d, &env->ctx) != GT_OK)
        return cli_fail(env);
    int rc = write_report(env, &d, format, path);
    doc_finish(&d);
    return rc;
}
