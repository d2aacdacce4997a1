/*
 * cli: the command line front end. A declarative table of commands (name,
 * usage, help, flags, handler) drives argument parsing, dispatch and
 * `goldthread help`, so the help can never drift from what is accepted.
 *
 * Exit codes: 0 success, 1 failure (the message is on stderr), 2 usage.
 * The database is --db FILE, else $GOLDTHREAD_DB, else ./goldthread.db.
 * $GOLDTHREAD_CLOCK (UTC ISO 8601, e.g. 2026-11-27T09:00:00Z) fixes "now"
 * and "today" for tests and reproducible demos.
 */
#ifndef GT_CLI_H
#define GT_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/ctx.h"
#include "core/db.h"
#include "io/csv.h"

struct gt_workbook;

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

#define CLI_MAX_FLAGS 12
#define CLI_MAX_ARGS 4

struct cli_flag {
    const char *name;  /* "--brag" */
    const char *value; /* placeholder for a value ("B"), NULL for a switch */
    const char *help;
};

struct cli_args {
    const char *pos[CLI_MAX_ARGS]; /* positional arguments, borrowed */
    int n_pos;
    const char *val[CLI_MAX_FLAGS]; /* value of each flag, in table order */
    bool set[CLI_MAX_FLAGS];
};

struct cli_env {
    const char *db_path;           /* resolved database path */
    const char *clock;             /* fixed now, or NULL */
    int32_t today;                 /* the as-of date when none is given */
    FILE *out;                     /* normally stdout */
    FILE *err;                     /* normally stderr */
    struct gt_db *db;              /* opened for commands that need it */
    struct gt_ctx ctx;             /* messages from the core */
    const struct cli_command *cmd; /* the command being run */
};

struct cli_command {
    const char *name; /* one or two words: "plan show" */
    const char *args; /* positional arguments for the usage line */
    int min_args, max_args;
    const char *summary; /* one line for `goldthread help` */
    const char *help;    /* paragraphs for `goldthread help NAME` */
    struct cli_flag flags[CLI_MAX_FLAGS]; /* ends at a NULL name */
    bool needs_db; /* open (and migrate) the database first */
    int (*run)(struct cli_env *env, const struct cli_args *a);
};

/* The command table, ending with a NULL name. */
extern const struct cli_command cli_commands[];

/* Run goldthread with argv; returns the exit code. */
int cli_main(int argc, char **argv);

/* The value of the running command's flag name, or NULL if not given. */
const char *cli_flag(const struct cli_env *env, const struct cli_args *a,
                     const char *name);
/* True when the running command's switch name was given. */
bool cli_switch(const struct cli_env *env, const struct cli_args *a,
                const char *name);

/* Print every message on env->ctx to stderr, prefixed "goldthread: ",
 * and clear them (news that is not failure, such as rows skipped). */
void cli_tell(struct cli_env *env);
/* Open the database (--db, $GOLDTHREAD_DB or ./goldthread.db) for a
 * command that needs it only sometimes; done already for needs_db. */
int cli_open_db(struct cli_env *env);
/* Keep the open database's child ID key in $GOLDTHREAD_KEY_FILE, the
 * systemd credential, or the database's name with ".key" (moving out a
 * key an earlier version kept inside the database). */
int cli_use_key_file(struct cli_env *env);

/* The rows of a file an import reads: a sheet of an Excel workbook (told
 * by its content): the one the command's --sheet names, else the first;
 * else CSV. */
struct cli_rows {
    struct gt_workbook *book;
    FILE *f;
    struct gt_csv *rows;
};
enum gt_rc cli_rows_open(struct cli_env *env, const struct cli_args *a,
                         const char *path, struct cli_rows *r) GT_MUST;
void cli_rows_close(struct cli_rows *r);
/* The same for a failure (saying so when there is no message); returns
 * CLI_FAIL. */
int cli_fail(struct cli_env *env);
/* Print a usage error (printf-style) and return CLI_USAGE. */
int cli_usage(struct cli_env *env, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Set env->clock and env->today from $GOLDTHREAD_CLOCK or the system
 * clock; false after a message when the variable cannot be read. */
bool cli_init_clock(struct cli_env *env);
/* Parse a date flag: ISO or "31 March 2017". NULL gives env->today.
 * false (after printing a usage error) when it cannot be read. */
bool cli_date(struct cli_env *env, const char *flag, const char *text,
              int32_t *out);
/* Split "PLAN:REF" and load the item as of as_of into *out (always
 * initialised). CLI_OK, or CLI_USAGE / CLI_FAIL after printing why. */
int cli_item(struct cli_env *env, const char *spec, int32_t as_of,
             struct gt_item *out);

/* Whether s is a code for a plan or indicator: 1 to 40 letters, digits,
 * '-' or '_'. */
bool cli_valid_code(const char *s);

/* Handlers, one per command, in cmd_*.c. */
int cmd_init(struct cli_env *env, const struct cli_args *a);
int cmd_unit_add(struct cli_env *env, const struct cli_args *a);
int cmd_plan_add(struct cli_env *env, const struct cli_args *a);
int cmd_plan_list(struct cli_env *env, const struct cli_args *a);
int cmd_plan_show(struct cli_env *env, const struct cli_args *a);
int cmd_import_plan(struct cli_env *env, const struct cli_args *a);
int cmd_export_plan(struct cli_env *env, const struct cli_args *a);
int cmd_check(struct cli_env *env, const struct cli_args *a);
int cmd_status(struct cli_env *env, const struct cli_args *a);
int cmd_history(struct cli_env *env, const struct cli_args *a);
int cmd_overdue(struct cli_env *env, const struct cli_args *a);
int cmd_link(struct cli_env *env, const struct cli_args *a);
int cmd_thread(struct cli_env *env, const struct cli_args *a);
int cmd_rollup(struct cli_env *env, const struct cli_args *a);
int cmd_demo(struct cli_env *env, const struct cli_args *a);
int cmd_help(struct cli_env *env, const struct cli_args *a);
int cmd_serve(struct cli_env *env, const struct cli_args *a);
int cmd_http(struct cli_env *env, const struct cli_args *a);
int cmd_user_add(struct cli_env *env, const struct cli_args *a);
int cmd_user_list(struct cli_env *env, const struct cli_args *a);
int cmd_user_passwd(struct cli_env *env, const struct cli_args *a);
int cmd_user_role(struct cli_env *env, const struct cli_args *a);
int cmd_user_disable(struct cli_env *env, const struct cli_args *a);
int cmd_user_enable(struct cli_env *env, const struct cli_args *a);
int cmd_user_sign_out(struct cli_env *env, const struct cli_args *a);
int cmd_backup(struct cli_env *env, const struct cli_args *a);
int cmd_token_add(struct cli_env *env, const struct cli_args *a);
int cmd_token_revoke(struct cli_env *env, const struct cli_args *a);
int cmd_kpi_add(struct cli_env *env, const struct cli_args *a);
int cmd_kpi_list(struct cli_env *env, const struct cli_args *a);
int cmd_kpi_show(struct cli_env *env, const struct cli_args *a);
int cmd_kpi_set(struct cli_env *env, const struct cli_args *a);
int cmd_kpi_import(struct cli_env *env, const struct cli_args *a);
int cmd_kpi_export(struct cli_env *env, const struct cli_args *a);
int cmd_kpi_link(struct cli_env *env, const struct cli_args *a);
int cmd_report(struct cli_env *env, const struct cli_args *a);
int cmd_csc_load(struct cli_env *env, const struct cli_args *a);
int cmd_budget_import(struct cli_env *env, const struct cli_args *a);
int cmd_risk_import(struct cli_env *env, const struct cli_args *a);
int cmd_workforce_import(struct cli_env *env, const struct cli_args *a);
int cmd_workforce_show(struct cli_env *env, const struct cli_args *a);
int cmd_caseload_import(struct cli_env *env, const struct cli_args *a);
int cmd_version_create(struct cli_env *env, const struct cli_args *a);
int cmd_version_list(struct cli_env *env, const struct cli_args *a);
int cmd_version_show(struct cli_env *env, const struct cli_args *a);
int cmd_version_approve(struct cli_env *env, const struct cli_args *a);
int cmd_version_publish(struct cli_env *env, const struct cli_args *a);
int cmd_version_archive(struct cli_env *env, const struct cli_args *a);
int cmd_version_diff(struct cli_env *env, const struct cli_args *a);
int cmd_plan_section(struct cli_env *env, const struct cli_args *a);
int cmd_caseload_show(struct cli_env *env, const struct cli_args *a);
int cmd_caseload_policy(struct cli_env *env, const struct cli_args *a);
int cmd_risk_list(struct cli_env *env, const struct cli_args *a);
int cmd_budget_show(struct cli_env *env, const struct cli_args *a);
int cmd_budget_forecast(struct cli_env *env, const struct cli_args *a);
int cmd_budget_thresholds(struct cli_env *env, const struct cli_args *a);
int cmd_csc_indicators(struct cli_env *env, const struct cli_args *a);
int cmd_csc_breaches(struct cli_env *env, const struct cli_args *a);
int cmd_csc_save(struct cli_env *env, const struct cli_args *a);
int cmd_synth(struct cli_env *env, const struct cli_args *a);

/* Serve the web application on env->db_path until stopped (cmd_web.c);
 * bind and port_text may be NULL for 127.0.0.1:8080. */
/* How the server is reached: the proxy to believe, whether it is
 * always over TLS, and a Unix socket to listen on instead of a port. */
struct cli_serve_proxy {
    const char *trust_proxy; /* NULL for none */
    bool https;
    const char *socket;  /* NULL: listen on bind and port */
    const char *sign_in; /* proxy sign-in settings file, or NULL */
    bool no_page_cache;  /* build every page afresh (for benchmarks) */
};
int cli_serve(struct cli_env *env, const char *bind, const char *port_text,
              const struct cli_serve_proxy *proxy);

#endif
