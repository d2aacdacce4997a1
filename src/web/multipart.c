/*
 * multipart: multipart/form-data parsing. See multipart.h.
 */
#include "web/multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The boundary parameter of a Content-Type header, copied into out. */
static bool
boundary_of(const char *ct, char *out, size_t len)
{
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
        return false;
    const char *b = strstr(ct, "boundary=");
    if (!b)
        return false;
    b += 9;
    size_t n;
    if (*b == '"') {
        b++;
        n = strcspn(b, "\"");
    } else {
        n = strcspn(b, "; \t");
    }
    if (n == 0 || n > 70 || n + 1 > len)
        return false;
    memcpy(out, b, n);
    out[n] = '\0';
    return true;
}

static const char *
find(const char *hay, size_t hay_len, const char *needle, size_t n)
{
    if (n == 0 || hay_len < n)
        return NULL;
    for (size_t i = 0; i + n <= hay_len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

/* Copy the value of param="..." from a header line into out. */
static bool
param(const char *line, size_t len, const char *name, char *out, size_t out_len)
{
    char key[32];
    size_t klen = strlen(name);
    if (klen + 3 > sizeof key)
        return false;
    memcpy(key, name, klen);
    memcpy(key + klen, "=\"", 3);
    /* match ` name="` or `;name="` so that name= does not match filename= */
    for (const char *p = line; p + klen + 2 <= line + len; p++) {
        if (memcmp(p, key, klen + 2) != 0 ||
            (p != line && p[-1] != ' ' && p[-1] != ';'))
            continue;
        const char *v = p + klen + 2;
        const char *end = memchr(v, '"', (size_t)(line + len - v));
        if (!end || (size_t)(end - v) + 1 > out_len)
            return false;
        memcpy(out, v, (size_t)(end - v));
        out[end - v] = '\0';
        return true;
    }
    return false;
}

static bool
part_headers(struct web_part *part, const char *h, size_t len, const char **why)
{
    bool disposition = false;
    while (len) {
        const char *eol = find(h, len, "\r\n", 2);
        size_t line = eol ? (size_t)(eol - h) : len;
        if (line > 19 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
            if (!param(h, line, "name", part->name, sizeof part->name)) {
                *why = "a part has no name";
                return false;
            }
            part->is_file = param(h, line, "filename", part->filename,
                                  sizeof part->filename);
            disposition = true;
        } else if (line > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
            const char *v = h + 13;
            while (v < h + line && *v == ' ')
                v++;
            size_t n = (size_t)(h + line - v);
            if (n + 1 > sizeof part->content_type) {
                *why = "a part's content type is too long";
                return false;
            }
            memcpy(part->content_type, v, n);
            part->content_type[n] = '\0';
        }
        if (!eol)
            break;
        len -= line + 2;
        h = eol + 2;
    }
    if (!disposition)
        *why = "a part has no Content-Disposition";
    return disposition;
}

bool
web_multipart_parse(const char *content_type, const char *body, size_t len,
                    struct web_multipart *out, const char **why)
{
    char boundary[80], delim[90];
    memset(out, 0, sizeof *out);
    if (!boundary_of(content_type, boundary, sizeof boundary)) {
        *why = "no multipart boundary";
        return false;
    }
    /* every part follows CRLF--boundary; the first may start the body */
    size_t dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary);
    if (len < dlen - 2 || memcmp(body, delim + 2, dlen - 2) != 0) {
        *why = "the body does not start with the boundary";
        return false;
    }
    const char *p = body + dlen - 2, *end = body + len;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return true; /* the closing boundary */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
            *why = "a boundary is not followed by a line end";
            return false;
        }
        p += 2;
        const char *blank = find(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!blank) {
            *why = "a part's headers do not end";
            return false;
        }
        if (out->n == MULTIPART_MAX_PARTS) {
            *why = "too many parts";
            return false;
        }
        struct web_part *part = &out->parts[out->n];
        if (!part_headers(part, p, (size_t)(blank - p), why))
            return false;
        const char *data = blank + 4;
        const char *next = find(data, (size_t)(end - data), delim, dlen);
        if (!next) {
            *why = "a part does not end with the boundary";
            return false;
        }
        part->data = data;
        part->len = (size_t)(next - data);
        out->n++;
        p = next + dlen;
    }
}
