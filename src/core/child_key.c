/*
 * child_key: the key file for children's IDs. See child_key.h.
 */
#include "core/child_key.h"
#include "core/db.h"
#include "core/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *
gt_child_key_path(const char *db_path, const char *key_file,
                  const char *credentials_dir)
{
    if (key_file && *key_file)
        return xstrdup(key_file);
    if (credentials_dir && *credentials_dir) {
        char *credential =
            xasprintf("%s/%s", credentials_dir, GT_CHILD_KEY_CREDENTIAL);
        if (access(credential, F_OK) == 0)
            return credential;
        free(credential);
    }
    if (!db_path || !*db_path || strcmp(db_path, ":memory:") == 0 ||
        strncmp(db_path, "file:", 5) == 0 || gt_db_is_address(db_path))
        return NULL;
    return xasprintf("%s.key", db_path);
}

static bool
is_hex_key(const char *s, size_t n)
{
    if (n != GT_KEY_HEX_LEN - 1)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    return true;
}

enum gt_rc
gt_child_key_read(const char *path, char key_hex[GT_KEY_HEX_LEN],
                  struct gt_ctx *ctx)
{
    char text[GT_KEY_HEX_LEN + 2];
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT)
            return GT_NOTFOUND;
        return gt_err(ctx, GT_IO, "%s: cannot read the child ID key: %s", path,
                      strerror(errno));
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return gt_err(ctx, GT_INVALID,
                      "%s: the child ID key is not a plain file", path);
    }
    if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
        close(fd);
        return gt_err(ctx, GT_INVALID,
                      "%s: others may read the child ID key (mode %04o); "
                      "make it readable by the service alone: chmod 600 %s",
                      path, (unsigned)(sb.st_mode & 07777), path);
    }
    ssize_t n = read(fd, text, sizeof text);
    close(fd);
    if (n < 0)
        return gt_err(ctx, GT_IO, "%s: cannot read the child ID key: %s", path,
                      strerror(errno));
    size_t len = (size_t)n;
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    if (!is_hex_key(text, len))
        return gt_err(ctx, GT_INVALID,
                      "%s: not a child ID key (it should hold 64 hex digits)",
                      path);
    memcpy(key_hex, text, len);
    key_hex[len] = '\0';
    return GT_OK;
}

/* The key is useless if it is lost after a crash while the hashes it
 * made are kept: sync the file and the directory that names it. */
static bool
sync_directory_of(const char *path)
{
    char *copy = xstrdup(path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

enum gt_rc
gt_child_key_write(const char *path, const char *key_hex, struct gt_ctx *ctx)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                  S_IRUSR | S_IWUSR);
    if (fd < 0) {
        if (errno == EEXIST)
            return gt_err(ctx, GT_CONFLICT,
                          "%s: a child ID key is already there", path);
        return gt_err(ctx, GT_IO,
                      "%s: cannot write the child ID key: %s (name another "
                      "place with GOLDTHREAD_KEY_FILE)",
                      path, strerror(errno));
    }
    /* the umask may have taken bits away, never added them; make sure */
    bool ok = fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    size_t len = strlen(key_hex);
    ok = ok && write(fd, key_hex, len) == (ssize_t)len &&
         write(fd, "\n", 1) == 1 && fsync(fd) == 0;
    int err = errno;
    ok = close(fd) == 0 && ok;
    if (!ok || !sync_directory_of(path)) {
        unlink(path);
        return gt_err(ctx, GT_IO, "%s: cannot write the child ID key: %s", path,
                      strerror(err ? err : EIO));
    }
    return GT_OK;
}
