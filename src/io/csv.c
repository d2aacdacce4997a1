/*
 * csv: streaming RFC 4180 reader and writer. See csv.h.
 */
#include "io/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/utf8.h"

#define READ_CHUNK 65536

const struct gt_csv_limits gt_csv_default_limits = {
    .max_field = 64 * 1024,
    .max_row = 1024 * 1024,
    .max_fields = 512,
};

struct gt_csv {
    FILE *f;                  /* borrowed; NULL when reading memory */
    const unsigned char *mem; /* memory source, or the read buffer */
    size_t mem_len;
    size_t pos;           /* next byte in mem */
    unsigned char *chunk; /* read buffer for f; owned */
    bool eof;
    char *name; /* owned */
    struct gt_csv_limits lim;
    struct buf row; /* fields, each NUL-terminated */
    size_t *starts; /* offset of each field in row; owned */
    size_t n_fields;
    size_t want_fields; /* fields in the first row; 0 before it */
    long line;          /* physical line of the next byte */
    long row_line;      /* line the current row started on */
    bool failed;
    bool started;  /* BOM check done */
    bool utf8_bom; /* it began with one: it says UTF-8 */
    /* the text's encoding, decided at its first non-ASCII field */
    enum { ENC_UNKNOWN, ENC_UTF8, ENC_CP1252 } enc;
    struct gt_csv_source source; /* rows from elsewhere when next is set */
};

static struct gt_csv *
create(const char *name, const struct gt_csv_limits *limits)
{
    struct gt_csv *c = xcalloc(1, sizeof *c);
    c->name = xstrdup(name ? name : "-");
    c->lim = limits ? *limits : gt_csv_default_limits;
    buf_init(&c->row, c->lim.max_row);
    c->starts = xcalloc(c->lim.max_fields, sizeof *c->starts);
    c->line = 1;
    return c;
}

struct gt_csv *
gt_csv_open(FILE *f, const char *name, const struct gt_csv_limits *limits)
{
    struct gt_csv *c = create(name, limits);
    c->f = f;
    c->chunk = xmalloc(READ_CHUNK);
    c->mem = c->chunk;
    return c;
}

struct gt_csv *
gt_csv_open_mem(const void *data, size_t len, const char *name,
                const struct gt_csv_limits *limits)
{
    struct gt_csv *c = create(name, limits);
    c->mem = data;
    c->mem_len = len;
    c->eof = true;
    return c;
}

struct gt_csv *
gt_csv_open_source(const struct gt_csv_source *source, const char *name,
                   const struct gt_csv_limits *limits)
{
    struct gt_csv *c = create(name, limits);
    c->source = *source;
    c->eof = true;
    return c;
}

void
gt_csv_close(struct gt_csv *c)
{
    if (!c)
        return;
    if (c->source.close)
        c->source.close(c->source.state);
    buf_finish(&c->row);
    free(c->starts);
    free(c->chunk);
    free(c->name);
    free(c);
}

/* The next byte, or -1 at the end (or on a read error, which sets *io). */
static int
next_byte(struct gt_csv *c, bool *io)
{
    if (c->pos == c->mem_len) {
        if (c->eof)
            return -1;
        size_t n = fread(c->chunk, 1, READ_CHUNK, c->f);
        if (n == 0) {
            c->eof = true;
            if (ferror(c->f))
                *io = true;
            return -1;
        }
        c->mem_len = n;
        c->pos = 0;
    }
    return c->mem[c->pos++];
}

static int
peek_byte(struct gt_csv *c, bool *io)
{
    int b = next_byte(c, io);
    if (b >= 0)
        c->pos--;
    return b;
}

static enum gt_rc
fail(struct gt_csv *c, struct gt_ctx *ctx, long line, size_t column,
     const char *msg)
{
    c->failed = true;
    return gt_err(ctx, GT_INVALID, "%s:%ld: column %zu: %s", c->name, line,
                  column, msg);
}

/* Rewrite the field at start as UTF-8 from Windows-1252. */
static enum gt_rc
from_cp1252(struct gt_csv *c, size_t start, size_t len, struct gt_ctx *ctx)
{
    size_t cap = len * 3 + 1, n = 0;
    char *out = xmalloc(cap);
    unsigned char bad = 0;
    bool ok = gt_cp1252_to_utf8(c->row.p + start, len, out, cap, &n, &bad);
    c->row.len = start;
    if (ok && !buf_add(&c->row, out, n)) {
        free(out);
        char msg[80];
        snprintf(msg, sizeof msg, "row longer than %zu bytes", c->lim.max_row);
        return fail(c, ctx, c->row_line, c->n_fields + 1, msg);
    }
    free(out);
    if (!ok) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 "byte 0x%02X is not a character of Windows-1252 either: "
                 "save the file as \"CSV UTF-8 (Comma delimited)\"",
                 bad);
        return fail(c, ctx, c->row_line, c->n_fields + 1, msg);
    }
    return GT_OK;
}

/* Text must be UTF-8, but Excel's plain "CSV (Comma delimited)" writes
 * Windows-1252: a file whose first non-ASCII field is not UTF-8 (and
 * that has no UTF-8 byte-order mark) is read as Windows-1252 from there
 * on, with a warning, since a pound sign or an accented name in it could
 * be nothing else. A file that mixes the two is refused. */
static enum gt_rc
check_encoding(struct gt_csv *c, size_t start, size_t len, struct gt_ctx *ctx)
{
    const char *p = c->row.p ? c->row.p + start : "";
    if (c->enc == ENC_CP1252)
        return from_cp1252(c, start, len, ctx);
    size_t bad = gt_utf8_bad_offset(p, len);
    if (bad == len) {
        if (c->enc == ENC_UNKNOWN)
            for (size_t i = 0; i < len; i++)
                if ((unsigned char)p[i] >= 0x80) {
                    c->enc = ENC_UTF8;
                    break;
                }
        return GT_OK;
    }
    if (c->enc == ENC_UTF8 || c->utf8_bom)
        return fail(c, ctx, c->row_line, c->n_fields + 1,
                    "not valid UTF-8 text, though the file is UTF-8 "
                    "elsewhere: it mixes two encodings; save it again as "
                    "\"CSV UTF-8 (Comma delimited)\"");
    c->enc = ENC_CP1252;
    gt_err(ctx, GT_OK,
           "%s:%ld: the file is not UTF-8: read as Windows-1252, as Excel's "
           "\"CSV (Comma delimited)\" writes it; check its \xc2\xa3 signs and "
           "accents, or save it as \"CSV UTF-8 (Comma delimited)\"",
           c->name, c->row_line);
    return from_cp1252(c, start, len, ctx);
}

/* Close the field that started at offset start: check it and record it. */
static enum gt_rc
end_field(struct gt_csv *c, size_t start, struct gt_ctx *ctx)
{
    size_t len = c->row.len - start;
    if (len > c->lim.max_field) {
        char msg[80];
        snprintf(msg, sizeof msg, "field longer than %zu bytes",
                 c->lim.max_field);
        return fail(c, ctx, c->row_line, c->n_fields + 1, msg);
    }
    if (check_encoding(c, start, len, ctx) != GT_OK)
        return GT_INVALID;
    len = c->row.len - start;
    /* Fields are handed on as C strings: a NUL would cut them short. */
    if (len && memchr(c->row.p + start, '\0', len))
        return fail(c, ctx, c->row_line, c->n_fields + 1,
                    "contains a NUL character");
    if (c->n_fields == c->lim.max_fields) {
        char msg[80];
        snprintf(msg, sizeof msg, "more than %zu fields in a row",
                 c->lim.max_fields);
        return fail(c, ctx, c->row_line, c->n_fields + 1, msg);
    }
    if (!buf_addc(&c->row, '\0'))
        goto too_long;
    c->starts[c->n_fields++] = start;
    return GT_OK;
too_long:;
    char msg[80];
    snprintf(msg, sizeof msg, "row longer than %zu bytes", c->lim.max_row);
    return fail(c, ctx, c->row_line, c->n_fields + 1, msg);
}

static enum gt_rc
row_too_long(struct gt_csv *c, struct gt_ctx *ctx)
{
    char msg[80];
    snprintf(msg, sizeof msg, "row longer than %zu bytes", c->lim.max_row);
    return fail(c, ctx, c->row_line, c->n_fields + 1, msg);
}

/* Whether len bytes at p are all ASCII, eight at a time. */
static bool
all_ascii(const unsigned char *p, size_t len)
{
    uint64_t acc = 0, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, p + i, 8);
        acc |= w;
    }
    for (; i < len; i++)
        acc |= p[i];
    return (acc & 0x8080808080808080u) == 0;
}

/* The common case at speed: a whole line already in the buffer, with no
 * quote, no NUL and only ASCII, split on commas in one copy. false (and
 * nothing consumed) when the line needs the careful reader, which also
 * reports any limit broken. */
static bool
fast_record(struct gt_csv *c, bool *blank)
{
    const unsigned char *line = c->mem + c->pos;
    size_t left = c->mem_len - c->pos;
    const unsigned char *nl = memchr(line, '\n', left);
    if (!nl)
        return false;
    size_t len = (size_t)(nl - line);
    size_t text = len && line[len - 1] == '\r' ? len - 1 : len;
    if (memchr(line, '"', text) || memchr(line, '\0', text) ||
        memchr(line, '\r', text) || !all_ascii(line, text))
        return false;
    if (text == 0) { /* a blank line, skipped by the caller */
        c->row_line = c->line++;
        c->pos += len + 1;
        *blank = true;
        return true;
    }
    buf_reset(&c->row);
    if (!buf_add(&c->row, (const char *)line, text))
        return false;
    char *p = c->row.p;
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= text; i++) {
        if (i < text && p[i] != ',')
            continue;
        if (n == c->lim.max_fields || i - start > c->lim.max_field)
            return false;
        c->starts[n++] = start;
        if (i < text)
            p[i] = '\0';
        start = i + 1;
    }
    c->n_fields = n;
    c->row_line = c->line++;
    c->pos += len + 1;
    *blank = false;
    return true;
}

/* Read one record into c->row. GT_DONE at the end of input. *blank is set
 * when the record was an empty line. */
static enum gt_rc
read_record(struct gt_csv *c, bool *blank, struct gt_ctx *ctx)
{
    bool io = false;
    enum gt_rc rc;
    buf_reset(&c->row);
    c->n_fields = 0;
    c->row_line = c->line;
    *blank = false;

    int b = next_byte(c, &io);
    if (b < 0)
        return io ? gt_err(ctx, GT_IO, "%s: read error", c->name) : GT_DONE;
    bool any_quote = false;
    for (;;) {
        size_t start = c->row.len;
        if (b == '"') {
            any_quote = true;
            long opened = c->line;
            for (;;) {
                b = next_byte(c, &io);
                if (b < 0) {
                    char msg[80];
                    snprintf(msg, sizeof msg,
                             "quoted field opened on line %ld never closes",
                             opened);
                    return fail(c, ctx, c->line, c->n_fields + 1, msg);
                }
                if (b == '"') {
                    if (peek_byte(c, &io) != '"')
                        break;
                    c->pos++;
                }
                if (b == '\n')
                    c->line++;
                if (!buf_addc(&c->row, (char)b))
                    return row_too_long(c, ctx);
            }
            b = next_byte(c, &io);
            if (b >= 0 && b != ',' && b != '\r' && b != '\n')
                return fail(c, ctx, c->line, c->n_fields + 1,
                            "text after a closing quote (a quote inside a "
                            "field must be doubled)");
        } else {
            while (b >= 0 && b != ',' && b != '\r' && b != '\n') {
                if (b == '"')
                    return fail(c, ctx, c->line, c->n_fields + 1,
                                "quote inside an unquoted field (quote the "
                                "field and double the quote)");
                /* Copy the rest of the run in the buffer at once. */
                size_t from = c->pos - 1, to = c->pos;
                while (to < c->mem_len && c->mem[to] != ',' &&
                       c->mem[to] != '\r' && c->mem[to] != '\n' &&
                       c->mem[to] != '"')
                    to++;
                if (!buf_add(&c->row, (const char *)c->mem + from, to - from))
                    return row_too_long(c, ctx);
                c->pos = to;
                b = next_byte(c, &io);
            }
        }
        rc = end_field(c, start, ctx);
        if (rc != GT_OK)
            return rc;
        if (b == ',') {
            b = next_byte(c, &io);
            continue;
        }
        if (b == '\r' && peek_byte(c, &io) == '\n')
            c->pos++;
        if (b >= 0)
            c->line++;
        break;
    }
    if (io)
        return gt_err(ctx, GT_IO, "%s: read error", c->name);
    *blank = c->n_fields == 1 && !any_quote && c->row.len == 1;
    return GT_OK;
}

void
gt_csv_row_start(struct gt_csv *c, long line)
{
    buf_reset(&c->row);
    c->n_fields = 0;
    c->row_line = line;
}

enum gt_rc
gt_csv_row_put(struct gt_csv *c, size_t column, const char *s, size_t len,
               struct gt_ctx *ctx)
{
    enum gt_rc rc;
    if (column < c->n_fields)
        return fail(c, ctx, c->row_line, column + 1,
                    "the cell comes after a cell to its right");
    while (c->n_fields < column)
        if ((rc = end_field(c, c->row.len, ctx)) != GT_OK)
            return rc;
    size_t start = c->row.len;
    if (len > c->lim.max_field || !buf_add(&c->row, s, len)) {
        char msg[80];
        snprintf(msg, sizeof msg, "field longer than %zu bytes",
                 c->lim.max_field);
        return fail(c, ctx, c->row_line, column + 1, msg);
    }
    return end_field(c, start, ctx);
}

/* The next row from a source with any text in it, without its blank
 * trailing cells. */
static enum gt_rc
next_from_source(struct gt_csv *c, struct gt_ctx *ctx)
{
    for (;;) {
        c->n_fields = 0;
        enum gt_rc rc = c->source.next(c->source.state, c, ctx);
        if (rc != GT_OK) {
            if (rc != GT_DONE)
                c->failed = true;
            return rc;
        }
        if (c->source.exact)
            return GT_OK;
        while (c->n_fields && !*gt_csv_field(c, c->n_fields - 1))
            c->n_fields--;
        if (c->n_fields)
            return GT_OK;
    }
}

/* The start of the text: skip a UTF-8 byte-order mark, and refuse UTF-16
 * (Excel's "Unicode text", and some exports) by name, with what to do. */
static enum gt_rc
start_text(struct gt_csv *c, struct gt_ctx *ctx)
{
    bool io = false;
    c->started = true;
    int first = peek_byte(c, &io);
    /* peek filled the buffer: the first bytes are all in mem */
    const unsigned char *m = c->mem + c->pos;
    size_t have = c->mem_len - c->pos;
    if (first == 0xEF && have >= 3 && m[1] == 0xBB && m[2] == 0xBF) {
        c->pos += 3;
        c->utf8_bom = true;
        return GT_OK;
    }
    bool utf16 = have >= 2 && ((m[0] == 0xFF && m[1] == 0xFE) ||
                               (m[0] == 0xFE && m[1] == 0xFF) ||
                               (m[0] && !m[1]) || (!m[0] && m[1]));
    if (utf16)
        return fail(c, ctx, 1, 1,
                    "the file is UTF-16 text, not UTF-8: in Excel save it "
                    "as \"CSV UTF-8 (Comma delimited)\"; in LibreOffice "
                    "choose the character set \"Unicode (UTF-8)\"");
    return GT_OK;
}

enum gt_rc
gt_csv_next(struct gt_csv *c, struct gt_ctx *ctx)
{
    if (c->failed)
        return gt_err(ctx, GT_INVALID,
                      "%s: reading stopped at an earlier "
                      "error",
                      c->name);
    if (c->source.next)
        return next_from_source(c, ctx);
    if (!c->started && start_text(c, ctx) != GT_OK)
        return GT_INVALID;
    for (;;) {
        bool blank;
        enum gt_rc rc =
            fast_record(c, &blank) ? GT_OK : read_record(c, &blank, ctx);
        if (rc != GT_OK) {
            if (rc != GT_DONE)
                c->failed = true;
            return rc;
        }
        if (blank)
            continue;
        if (c->want_fields == 0) {
            c->want_fields = c->n_fields;
        } else if (c->n_fields != c->want_fields) {
            char msg[96];
            snprintf(msg, sizeof msg,
                     "row has %zu fields but the first row "
                     "has %zu",
                     c->n_fields, c->want_fields);
            return fail(c, ctx, c->row_line,
                        c->n_fields < c->want_fields ? c->n_fields + 1
                                                     : c->want_fields + 1,
                        msg);
        }
        return GT_OK;
    }
}

size_t
gt_csv_n_fields(const struct gt_csv *c)
{
    return c->n_fields;
}

const char *
gt_csv_field(const struct gt_csv *c, size_t i)
{
    return i < c->n_fields ? c->row.p + c->starts[i] : "";
}

const char *
gt_csv_row_text(const struct gt_csv *c, size_t *len)
{
    if (!c->n_fields) {
        *len = 0;
        return "";
    }
    const char *last = c->row.p + c->starts[c->n_fields - 1];
    *len = (size_t)(last - c->row.p) + strlen(last) + 1;
    return c->row.p;
}

long
gt_csv_line(const struct gt_csv *c)
{
    return c->row_line;
}

const char *
gt_csv_name(const struct gt_csv *c)
{
    return c->name;
}

/* "-" then digits with at most one point: a negative number, which a
 * spreadsheet reads as one and never as a formula. */
static bool
negative_number(const char *s)
{
    size_t digits = strspn(s + 1, "0123456789");
    if (s[1 + digits] == '.')
        digits += 1 + strspn(s + 2 + digits, "0123456789");
    return digits && !s[1 + digits] && s[1] != '.';
}

static bool
needs_guard(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '@' || s[0] == '\t' ||
           s[0] == '\r' || s[0] == '\'' ||
           (s[0] == '-' && s[1] != '\0' && !negative_number(s));
}

const char *
gt_csv_unguard(const char *s)
{
    if (s[0] == '\'' && s[1] && needs_guard(s + 1))
        return s + 1;
    return s;
}

bool
gt_csv_write_row(FILE *f, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = fields[i] ? fields[i] : "";
        bool guard = needs_guard(s);
        /* A field that starts with U+FEFF is quoted: at the start of a
         * file the reader would take it for a byte-order mark. */
        bool quote = guard || strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
                     (s[0] && s[strlen(s) - 1] == ' ') ||
                     strncmp(s, "\xEF\xBB\xBF", 3) == 0;
        if (i && fputc(',', f) == EOF)
            return false;
        if (quote && fputc('"', f) == EOF)
            return false;
        if (guard && fputc('\'', f) == EOF)
            return false;
        for (const char *p = s; *p; p++) {
            if (*p == '"' && fputc('"', f) == EOF)
                return false;
            if (fputc(*p, f) == EOF)
                return false;
        }
        if (quote && fputc('"', f) == EOF)
            return false;
    }
    return fputs("\r\n", f) != EOF;
}
