/*
 * cmd_backup: `goldthread backup FILE`, an online, checked copy of the
 * database.
 */
#include "cli/cli.h"
#include "core/child_key.h"

#include <stdlib.h>
#include <unistd.h>

int
cmd_backup(struct cli_env *env, const struct cli_args *a)
{
    struct gt_db_backup b;
    if (gt_db_backup(env->db, a->pos[0], &b, &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out,
            "backed up %s to %s: %.1f MB, schema version %d, integrity "
            "check passed\n",
            env->db_path, a->pos[0], (double)b.bytes / 1e6, b.schema);
    char *key = gt_child_key_path(env->db_path, getenv("GOLDTHREAD_KEY_FILE"),
                                  getenv("CREDENTIALS_DIRECTORY"));
    if (key && access(key, F_OK) == 0)
        fprintf(env->out,
                "the child ID key is not in the backup: keep a copy of %s "
                "apart from it\n",
                key);
    free(key);
    return CLI_OK;
}
