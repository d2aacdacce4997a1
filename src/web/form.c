/*
 * form: decoding of urlencoded forms and query strings, and cookies. See
 * web.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "web/web.h"

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode s[0..len) ('+' is a space); NULL when an escape is malformed or
 * decodes to a NUL byte. */
static char *
decode(const char *s, size_t len)
{
    char *out = xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            out[n++] = ' ';
        } else if (s[i] == '%') {
            int hi = i + 2 < len ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < len ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            out[n++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            if (s[i] == '\0') {
                free(out);
                return NULL;
            }
            out[n++] = s[i];
        }
    }
    out[n] = '\0';
    return out;
}

bool
web_form_parse(struct web_form *f, const char *s, size_t len)
{
    memset(f, 0, sizeof *f);
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '&')
            end++;
        if (end > i) {
            size_t eq = i;
            while (eq < end && s[eq] != '=')
                eq++;
            if (f->n == WEB_MAX_FIELDS) {
                snprintf(f->error, sizeof f->error,
                         "The form has more than %d fields.", WEB_MAX_FIELDS);
                return false;
            }
            char *name = decode(s + i, eq - i);
            char *value =
                eq < end ? decode(s + eq + 1, end - eq - 1) : decode("", 0);
            if (!name || !value) {
                free(name);
                free(value);
                snprintf(f->error, sizeof f->error,
                         "The form has a malformed value.");
                return false;
            }
            if (!gt_utf8_valid(name, strlen(name)) ||
                !gt_utf8_valid(value, strlen(value))) {
                web_form_not_text(f->error, sizeof f->error, name);
                free(name);
                free(value);
                return false;
            }
            f->name[f->n] = name;
            f->value[f->n] = value;
            f->n++;
        }
        i = end + 1;
    }
    return true;
}

void
web_form_finish(struct web_form *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->name[i]);
        free(f->value[i]);
    }
    f->n = 0;
}

const char *
web_form_get(const struct web_form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->name[i], name) == 0)
            return f->value[i];
    return NULL;
}

void
web_form_not_text(char *out, size_t len, const char *field)
{
    bool printable = field[0] != '\0' && strlen(field) <= 40;
    for (const char *c = field; printable && *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || *c == '-'))
            printable = false;
    if (printable)
        snprintf(out, len,
                 "The field \"%s\" is not text this service can read "
                 "(it must be UTF-8). Type it again and send the form.",
                 field);
    else
        snprintf(out, len,
                 "The form has a value that is not text this service can "
                 "read (it must be UTF-8).");
}

bool
web_cookie(const char *header, const char *name, char *out, size_t len)
{
    size_t name_len = strlen(name);
    const char *p = header;
    while (p && *p) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t item = end ? (size_t)(end - p) : strlen(p);
        if (item > name_len && strncmp(p, name, name_len) == 0 &&
            p[name_len] == '=') {
            size_t vlen = item - name_len - 1;
            if (vlen + 1 > len)
                return false;
            memcpy(out, p + name_len + 1, vlen);
            out[vlen] = '\0';
            return true;
        }
        p = end;
    }
    return false;
}
