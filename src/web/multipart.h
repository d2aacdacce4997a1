/*
 * multipart: multipart/form-data bodies (RFC 7578), the way browsers send
 * a form with a file. The parts point into the body; nothing is copied.
 * Only what a form upload needs: a boundary, parts with a
 * Content-Disposition name (and filename) and an optional Content-Type.
 */
#ifndef GT_WEB_MULTIPART_H
#define GT_WEB_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#define MULTIPART_MAX_PARTS 16
#define MULTIPART_MAX_NAME 200

struct web_part {
    char name[MULTIPART_MAX_NAME];         /* the form field's name */
    char filename[MULTIPART_MAX_NAME];     /* "" for a plain field */
    char content_type[MULTIPART_MAX_NAME]; /* "" when not given */
    bool is_file;                          /* a filename="..." was given */
    const char *data;                      /* into the body; not NUL-ended */
    size_t len;
};

struct web_multipart {
    struct web_part parts[MULTIPART_MAX_PARTS];
    size_t n;
};

/* Parse body (len bytes) sent with the Content-Type header content_type.
 * false with a reason in *why when it is not well-formed. */
bool web_multipart_parse(const char *content_type, const char *body, size_t len,
                         struct web_multipart *out, const char **why);

#endif
