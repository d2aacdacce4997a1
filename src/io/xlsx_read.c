/*
 * xlsx_read: Excel workbooks read as rows. See xlsx_read.h.
 */
#include "io/xlsx_read.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "core/date.h"
#include "core/mem.h"

#define CHUNK 65536

const struct gt_workbook_limits gt_workbook_default_limits = {
    .max_part = (size_t)1 << 30,
    .max_strings = (size_t)256 << 20,
    .max_sheets = 1024,
    .cells = {.max_field = 64 * 1024,
              .max_row = 1024 * 1024,
              .max_fields = 512},
};

struct gt_workbook {
    zip_t *zip;
    char *name; /* for messages */
    struct gt_workbook_limits lim;
    char **sheet_name, **sheet_part;
    size_t n_sheets;
    char **strings; /* shared strings */
    size_t n_strings, strings_bytes;
    unsigned char *date_style; /* by cell style: enum shows */
    size_t n_styles;
    bool date1904;
};

/* ---- reading a part through expat ---------------------------------- */

/* What every parse carries: where errors go and how to stop. */
struct parse {
    XML_Parser p;
    struct gt_workbook *x;
    const char *part;
    struct gt_ctx *ctx;
    enum gt_rc rc; /* set by a handler that stops the parse */
    struct buf text;
    bool in_text; /* collecting character data into text */
};

static void
stop(struct parse *ps, enum gt_rc rc, const char *what)
{
    if (ps->rc == GT_OK)
        ps->rc = gt_err(ps->ctx, rc, "%s: %s: %s", ps->x->name, ps->part, what);
    XML_StopParser(ps->p, XML_FALSE);
}

/* Element and attribute names without their namespace: the parser joins
 * them as "URI|local", and writers differ in the prefixes they use. */
static const char *
local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

static void XMLCALL
on_text(void *data, const XML_Char *s, int len)
{
    struct parse *ps = data;
    if (ps->in_text && !buf_add(&ps->text, s, (size_t)len))
        stop(ps, GT_INVALID, "a cell or string is too long");
}

static void XMLCALL
on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
           const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    stop(data, GT_INVALID, "a document type declaration is not allowed");
}

static XML_Parser
parser_for(struct parse *ps, XML_StartElementHandler start,
           XML_EndElementHandler end)
{
    XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
    if (!p)
        abort();
    XML_SetUserData(p, ps);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    ps->p = p;
    return p;
}

static enum gt_rc
xml_error(struct parse *ps)
{
    if (ps->rc != GT_OK)
        return ps->rc;
    return ps->rc =
               gt_err(ps->ctx, GT_INVALID,
                      "%s: %s: line %lu: not valid XML (%s)", ps->x->name,
                      ps->part, (unsigned long)XML_GetCurrentLineNumber(ps->p),
                      XML_ErrorString(XML_GetErrorCode(ps->p)));
}

static zip_file_t *
open_part(struct gt_workbook *x, const char *part, struct gt_ctx *ctx,
          enum gt_rc *rc)
{
    zip_int64_t i = zip_name_locate(x->zip, part, ZIP_FL_NOCASE);
    if (i < 0) {
        *rc = gt_err(ctx, GT_INVALID, "%s: the workbook has no part %s",
                     x->name, part);
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(x->zip, (zip_uint64_t)i, 0);
    if (!f)
        *rc = gt_err(ctx, GT_INVALID, "%s: %s: cannot be read (%s)", x->name,
                     part, zip_strerror(x->zip));
    return f;
}

/* Read up to CHUNK bytes of f into chunk, counting against the part cap.
 * -1 with an error on ctx. */
static zip_int64_t
read_chunk(struct parse *ps, zip_file_t *f, char *chunk, size_t *total)
{
    zip_int64_t n = zip_fread(f, chunk, CHUNK);
    if (n < 0) {
        ps->rc = gt_err(ps->ctx, GT_INVALID, "%s: %s: cannot be read (%s)",
                        ps->x->name, ps->part, zip_file_strerror(f));
        return -1;
    }
    *total += (size_t)n;
    if (*total > ps->x->lim.max_part) {
        ps->rc = gt_err(ps->ctx, GT_INVALID,
                        "%s: %s: larger than %zu bytes unpacked; refused",
                        ps->x->name, ps->part, ps->x->lim.max_part);
        return -1;
    }
    return n;
}

/* Parse a whole part with the handlers ps->p was made with. A missing
 * optional part is not an error. */
static enum gt_rc
parse_part(struct parse *ps, bool optional)
{
    enum gt_rc rc = GT_OK;
    if (optional && zip_name_locate(ps->x->zip, ps->part, ZIP_FL_NOCASE) < 0)
        return GT_OK;
    zip_file_t *f = open_part(ps->x, ps->part, ps->ctx, &rc);
    if (!f)
        return rc;
    char *chunk = xmalloc(CHUNK);
    size_t total = 0;
    for (;;) {
        zip_int64_t n = read_chunk(ps, f, chunk, &total);
        if (n < 0) {
            rc = ps->rc;
            break;
        }
        if (XML_Parse(ps->p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
            rc = xml_error(ps);
            break;
        }
        if (n == 0)
            break;
    }
    free(chunk);
    zip_fclose(f);
    return rc;
}

/* ---- relationships -------------------------------------------------- */

struct rel {
    char *id, *type, *target;
};

struct rels {
    struct parse ps;
    struct rel *v;
    size_t n;
};

static void XMLCALL
rels_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct rels *r = data;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"),
               *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    if (r->n == 4096) {
        stop(&r->ps, GT_INVALID, "too many relationships");
        return;
    }
    r->v = xrealloc(r->v, (r->n + 1) * sizeof *r->v);
    r->v[r->n++] = (struct rel){xstrdup(id), xstrdup(type), xstrdup(target)};
}

static void XMLCALL
no_end(void *data, const XML_Char *name)
{
    (void)data, (void)name;
}

static void
rels_finish(struct rels *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].type);
        free(r->v[i].target);
    }
    free(r->v);
}

/* The part a relationship of the part `from` points at: targets are
 * relative to from's folder unless they start with '/'. */
static char *
resolve(const char *from, const char *target)
{
    struct buf b;
    buf_init(&b, 4096);
    char *path;
    if (target[0] == '/') {
        path = xstrdup(target + 1);
    } else {
        const char *slash = strrchr(from, '/');
        path = slash ? xasprintf("%.*s/%s", (int)(slash - from), from, target)
                     : xstrdup(target);
    }
    /* fold "." and ".." segments */
    char *segs[256];
    size_t n = 0;
    for (char *save = NULL, *s = strtok_r(path, "/", &save); s;
         s = strtok_r(NULL, "/", &save)) {
        if (strcmp(s, ".") == 0)
            continue;
        if (strcmp(s, "..") == 0) {
            if (n)
                n--;
            continue;
        }
        if (n < 256)
            segs[n++] = s;
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        ok = ok && (!i || buf_addc(&b, '/')) && buf_adds(&b, segs[i]);
    free(path);
    char *out = ok ? buf_take(&b) : xstrdup("");
    buf_finish(&b);
    return out ? out : xstrdup("");
}

/* The relationships of part (in its folder's _rels/NAME.rels). */
static enum gt_rc
read_rels(struct gt_workbook *x, const char *part, struct rels *r,
          struct gt_ctx *ctx)
{
    const char *slash = strrchr(part, '/');
    char *rels_part = slash ? xasprintf("%.*s/_rels/%s.rels",
                                        (int)(slash - part), part, slash + 1)
                            : xasprintf("_rels/%s.rels", part);
    *r = (struct rels){.ps = {.x = x, .part = rels_part, .ctx = ctx}};
    buf_init(&r->ps.text, 0);
    XML_Parser p = parser_for(&r->ps, rels_start, no_end);
    XML_SetUserData(p, r); /* r starts with ps */
    enum gt_rc rc = parse_part(&r->ps, true);
    XML_ParserFree(p);
    buf_finish(&r->ps.text);
    free(rels_part);
    return rc;
}

/* The target of the first relationship whose type ends with kind, as a
 * part name, or NULL. */
static char *
rel_target(const struct rels *r, const char *from, const char *kind,
           const char *id)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *type = r->v[i].type;
        size_t tlen = strlen(type), klen = kind ? strlen(kind) : 0;
        if (id ? strcmp(r->v[i].id, id) == 0
               : tlen >= klen && strcmp(type + tlen - klen, kind) == 0)
            return resolve(from, r->v[i].target);
    }
    return NULL;
}

/* ---- workbook ------------------------------------------------------- */

struct book {
    struct parse ps;
    char **names, **ids;
    size_t n;
};

static void XMLCALL
book_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct book *b = data;
    const char *el = local(name);
    if (strcmp(el, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        b->ps.x->date1904 =
            d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(el, "sheet") == 0) {
        const char *sheet = attr(atts, "name"), *id = NULL;
        for (size_t i = 0; atts[i]; i += 2)
            if (strchr(atts[i], '|') && strcmp(local(atts[i]), "id") == 0)
                id = atts[i + 1];
        if (!sheet || !id) {
            stop(&b->ps, GT_INVALID, "a sheet has no name or no id");
            return;
        }
        if (b->n == b->ps.x->lim.max_sheets) {
            stop(&b->ps, GT_INVALID, "too many sheets");
            return;
        }
        b->names = xrealloc(b->names, (b->n + 1) * sizeof *b->names);
        b->ids = xrealloc(b->ids, (b->n + 1) * sizeof *b->ids);
        b->names[b->n] = xstrdup(sheet);
        b->ids[b->n++] = xstrdup(id);
    }
}

static enum gt_rc
read_book(struct gt_workbook *x, const char *part, const struct rels *rels,
          struct gt_ctx *ctx)
{
    struct book b = {.ps = {.x = x, .part = part, .ctx = ctx}};
    buf_init(&b.ps.text, 0);
    XML_Parser p = parser_for(&b.ps, book_start, no_end);
    XML_SetUserData(p, &b);
    enum gt_rc rc = parse_part(&b.ps, false);
    XML_ParserFree(p);
    buf_finish(&b.ps.text);
    x->sheet_name = xcalloc(b.n + 1, sizeof *x->sheet_name);
    x->sheet_part = xcalloc(b.n + 1, sizeof *x->sheet_part);
    for (size_t i = 0; i < b.n; i++) {
        char *target = rel_target(rels, part, NULL, b.ids[i]);
        if (!target && rc == GT_OK)
            rc = gt_err(ctx, GT_INVALID,
                        "%s: sheet %s: the workbook does not say where it is",
                        x->name, b.names[i]);
        x->sheet_name[i] = b.names[i];
        x->sheet_part[i] = target;
        free(b.ids[i]);
    }
    x->n_sheets = b.n;
    free(b.names);
    free(b.ids);
    if (rc == GT_OK && x->n_sheets == 0)
        rc = gt_err(ctx, GT_INVALID, "%s: the workbook has no sheets", x->name);
    return rc;
}

/* ---- shared strings ------------------------------------------------- */

/* Office's escape for characters XML cannot hold: _xHHHH_ (and _x005F_
 * before a literal one). Decoded in place. */
static size_t
unescape_ooxml(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned v;
        if (s[i] == '_' && i + 6 < len && s[i + 1] == 'x' && s[i + 6] == '_' &&
            sscanf(s + i + 2, "%4x", &v) == 1 &&
            strspn(s + i + 2, "0123456789abcdefABCDEF") >= 4 && v < 0x80 &&
            v != 0) {
            s[o++] = (char)v;
            i += 6;
            continue;
        }
        s[o++] = s[i];
    }
    return o;
}

struct sst {
    struct parse ps;
    int in_si, in_rph;
};

static void XMLCALL
sst_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    struct sst *s = data;
    const char *el = local(name);
    if (strcmp(el, "si") == 0) {
        s->in_si = 1;
        buf_reset(&s->ps.text);
    } else if (strcmp(el, "rPh") == 0) {
        s->in_rph = 1;
    } else if (strcmp(el, "t") == 0 && s->in_si && !s->in_rph) {
        s->ps.in_text = true;
    }
}

static void XMLCALL
sst_end(void *data, const XML_Char *name)
{
    struct sst *s = data;
    struct gt_workbook *x = s->ps.x;
    const char *el = local(name);
    if (strcmp(el, "t") == 0) {
        s->ps.in_text = false;
    } else if (strcmp(el, "rPh") == 0) {
        s->in_rph = 0;
    } else if (strcmp(el, "si") == 0 && s->in_si) {
        s->in_si = 0;
        size_t len = unescape_ooxml(s->ps.text.p, s->ps.text.len);
        x->strings_bytes += len + 1 + sizeof(char *);
        if (x->strings_bytes > x->lim.max_strings) {
            stop(&s->ps, GT_INVALID,
                 "more shared strings than the cap allows; refused");
            return;
        }
        if ((x->n_strings & (x->n_strings - 1)) == 0)
            x->strings =
                xrealloc(x->strings, (x->n_strings ? x->n_strings * 2 : 1) *
                                         sizeof *x->strings);
        x->strings[x->n_strings++] =
            xstrndup(s->ps.text.p ? s->ps.text.p : "", len);
    }
}

static enum gt_rc
read_strings(struct gt_workbook *x, const char *part, struct gt_ctx *ctx)
{
    struct sst s = {.ps = {.x = x, .part = part, .ctx = ctx}};
    buf_init(&s.ps.text, x->lim.cells.max_field);
    XML_Parser p = parser_for(&s.ps, sst_start, sst_end);
    XML_SetUserData(p, &s);
    enum gt_rc rc = parse_part(&s.ps, true);
    XML_ParserFree(p);
    buf_finish(&s.ps.text);
    return rc;
}

/* ---- styles: which cell styles show a date -------------------------- */

/* Excel's built-in number formats that show dates or times. */
static bool
builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
           (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* What a cell style shows: a number, a date (or time), or a month of a
 * year with no day ("mmmm yyyy"): plans write "December 2026" for a
 * deadline, which spreadsheets store as the 1st with such a format. */
enum shows { SHOWS_NUMBER = 0, SHOWS_DATE, SHOWS_MONTH };

/* A custom format shows a date when its first section has a date or time
 * letter outside quoted text, escapes and [colour] brackets; a month when
 * it has a year and month but no day, hour or second. */
static unsigned char
format_shows(const char *code)
{
    bool seen[128] = {0};
    for (const char *p = code; *p && *p != ';'; p++) {
        if (*p == '"') {
            p = strchr(p + 1, '"');
            if (!p)
                return false;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!*++p)
                return false;
        } else if (*p == '[') {
            p = strchr(p, ']');
            if (!p)
                return false;
        } else if (strchr("dmyhsDMYHS", *p)) {
            seen[(unsigned char)(*p | 0x20)] = true;
        }
    }
    if (!seen['d'] && !seen['m'] && !seen['y'] && !seen['h'] && !seen['s'])
        return SHOWS_NUMBER;
    return seen['m'] && seen['y'] && !seen['d'] && !seen['h'] && !seen['s']
               ? SHOWS_MONTH
               : SHOWS_DATE;
}

struct styles {
    struct parse ps;
    long *fmt_id;
    unsigned char *fmt_date;
    size_t n_fmts;
    bool in_xfs;
};

static void XMLCALL
styles_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct styles *s = data;
    struct gt_workbook *x = s->ps.x;
    const char *el = local(name);
    if (strcmp(el, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId"),
                   *code = attr(atts, "formatCode");
        if (!id || !code || s->n_fmts == 65536)
            return;
        s->fmt_id = xrealloc(s->fmt_id, (s->n_fmts + 1) * sizeof *s->fmt_id);
        s->fmt_date =
            xrealloc(s->fmt_date, (s->n_fmts + 1) * sizeof *s->fmt_date);
        s->fmt_id[s->n_fmts] = strtol(id, NULL, 10);
        s->fmt_date[s->n_fmts++] = format_shows(code);
    } else if (strcmp(el, "cellXfs") == 0) {
        s->in_xfs = true;
    } else if (strcmp(el, "xf") == 0 && s->in_xfs) {
        if (x->n_styles == 65536) {
            stop(&s->ps, GT_INVALID, "too many cell styles");
            return;
        }
        const char *id = attr(atts, "numFmtId");
        long fmt = id ? strtol(id, NULL, 10) : 0;
        /* built-in 17 is "mmm-yy" */
        unsigned char date = fmt == 17           ? SHOWS_MONTH
                             : builtin_date(fmt) ? SHOWS_DATE
                                                 : SHOWS_NUMBER;
        for (size_t i = 0; i < s->n_fmts; i++)
            if (s->fmt_id[i] == fmt)
                date = s->fmt_date[i];
        x->date_style =
            xrealloc(x->date_style, (x->n_styles + 1) * sizeof *x->date_style);
        x->date_style[x->n_styles++] = date;
    }
}

static void XMLCALL
styles_end(void *data, const XML_Char *name)
{
    struct styles *s = data;
    if (strcmp(local(name), "cellXfs") == 0)
        s->in_xfs = false;
}

static enum gt_rc
read_styles(struct gt_workbook *x, const char *part, struct gt_ctx *ctx)
{
    struct styles s = {.ps = {.x = x, .part = part, .ctx = ctx}};
    buf_init(&s.ps.text, 0);
    XML_Parser p = parser_for(&s.ps, styles_start, styles_end);
    XML_SetUserData(p, &s);
    enum gt_rc rc = parse_part(&s.ps, true);
    XML_ParserFree(p);
    buf_finish(&s.ps.text);
    free(s.fmt_id);
    free(s.fmt_date);
    return rc;
}

/* ---- opening ---------------------------------------------------------- */

static enum gt_rc
open_package(struct gt_workbook *x, struct gt_ctx *ctx)
{
    struct rels top, book_rels = {0};
    char *book = NULL, *strings = NULL, *styles = NULL;
    enum gt_rc rc = read_rels(x, "", &top, ctx);
    if (rc != GT_OK)
        goto out;
    book = rel_target(&top, "", "/officeDocument", NULL);
    if (!book) {
        rc = gt_err(ctx, GT_INVALID,
                    "%s: not an Excel workbook (the package names no "
                    "workbook)",
                    x->name);
        goto out;
    }
    if ((rc = read_rels(x, book, &book_rels, ctx)) != GT_OK ||
        (rc = read_book(x, book, &book_rels, ctx)) != GT_OK)
        goto out;
    strings = rel_target(&book_rels, book, "/sharedStrings", NULL);
    styles = rel_target(&book_rels, book, "/styles", NULL);
    if (strings && (rc = read_strings(x, strings, ctx)) != GT_OK)
        goto out;
    if (styles && (rc = read_styles(x, styles, ctx)) != GT_OK)
        goto out;
out:
    rels_finish(&top);
    rels_finish(&book_rels);
    free(book);
    free(strings);
    free(styles);
    return rc;
}

static enum gt_rc
finish_open(struct gt_workbook *x, struct gt_workbook **out, struct gt_ctx *ctx)
{
    enum gt_rc rc = open_package(x, ctx);
    if (rc != GT_OK) {
        gt_workbook_close(x);
        x = NULL;
    }
    *out = x;
    return rc;
}

static struct gt_workbook *
create(const char *name, const struct gt_workbook_limits *limits)
{
    struct gt_workbook *x = xcalloc(1, sizeof *x);
    x->name = xstrdup(name);
    x->lim = limits ? *limits : gt_workbook_default_limits;
    return x;
}

static enum gt_rc
zip_failed(const char *name, int code, struct gt_ctx *ctx)
{
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS)
        return gt_err(ctx, GT_INVALID,
                      "%s: not an Excel workbook (.xlsx): it is not a zip "
                      "package",
                      name);
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    enum gt_rc rc = gt_err(
        ctx, code == ZIP_ER_OPEN || code == ZIP_ER_READ ? GT_IO : GT_INVALID,
        "%s: %s", name, zip_error_strerror(&e));
    zip_error_fini(&e);
    return rc;
}

enum gt_rc
gt_workbook_open(const char *path, const struct gt_workbook_limits *limits,
                 struct gt_workbook **out, struct gt_ctx *ctx)
{
    int code = 0;
    *out = NULL;
    zip_t *z = zip_open(path, ZIP_RDONLY, &code);
    if (!z) {
        if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN)
            return gt_err(ctx, GT_IO, "%s: %s", path, strerror(errno));
        return zip_failed(path, code, ctx);
    }
    struct gt_workbook *x = create(path, limits);
    x->zip = z;
    return finish_open(x, out, ctx);
}

enum gt_rc
gt_workbook_open_mem(const void *data, size_t len, const char *name,
                     const struct gt_workbook_limits *limits,
                     struct gt_workbook **out, struct gt_ctx *ctx)
{
    zip_error_t e;
    zip_error_init(&e);
    *out = NULL;
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &e);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &e) : NULL;
    if (!z) {
        int code = zip_error_code_zip(&e);
        zip_error_fini(&e);
        if (src)
            zip_source_free(src);
        return zip_failed(name, code, ctx);
    }
    zip_error_fini(&e);
    struct gt_workbook *x = create(name, limits);
    x->zip = z;
    return finish_open(x, out, ctx);
}

void
gt_workbook_close(struct gt_workbook *x)
{
    if (!x)
        return;
    if (x->zip)
        zip_discard(x->zip);
    for (size_t i = 0; i < x->n_sheets; i++) {
        free(x->sheet_name[i]);
        free(x->sheet_part[i]);
    }
    free(x->sheet_name);
    free(x->sheet_part);
    for (size_t i = 0; i < x->n_strings; i++)
        free(x->strings[i]);
    free(x->strings);
    free(x->date_style);
    free(x->name);
    free(x);
}

size_t
gt_workbook_n_sheets(const struct gt_workbook *x)
{
    return x->n_sheets;
}

const char *
gt_workbook_sheet_name(const struct gt_workbook *x, size_t i)
{
    return i < x->n_sheets ? x->sheet_name[i] : NULL;
}

bool
gt_workbook_sniff(const char *path)
{
    unsigned char head[4] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return n == 4 && memcmp(head, "PK\3\4", 4) == 0;
}

/* ---- a sheet, a row at a time ---------------------------------------- */

struct sheet {
    struct parse ps;
    char *part; /* ps.part; owned */
    zip_file_t *f;
    char *chunk;
    size_t total;
    bool suspended, fed_last, row_ready;
    struct gt_csv *csv; /* the row being built */
    long row;           /* the current row's number */
    size_t col;         /* the next cell's column when it gives none */
    /* the cell being read */
    bool in_cell;
    size_t cell_col;
    char type[12];
    long style;
    int in_is, in_rph;
};

/* Column index of a cell reference such as "AB12"; -1 when it has none. */
static long
column_of(const char *ref)
{
    long col = 0;
    size_t i = 0;
    for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; i++)
        col = col * 26 + (ref[i] - 'A' + 1);
    return i ? col - 1 : -1;
}

static void
put(struct sheet *s, const char *text, size_t len)
{
    if (s->ps.rc != GT_OK)
        return;
    enum gt_rc rc = gt_csv_row_put(s->csv, s->cell_col, text, len, s->ps.ctx);
    if (rc != GT_OK) {
        s->ps.rc = rc;
        XML_StopParser(s->ps.p, XML_FALSE);
    }
}

/* A number as Excel shows it in a General cell: 15 significant digits. */
static void
put_number(struct sheet *s, const char *v)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d)) {
        put(s, v, strlen(v));
        return;
    }
    struct gt_workbook *x = s->ps.x;
    char out[40];
    if (s->style >= 0 && (size_t)s->style < x->n_styles &&
        x->date_style[s->style] && d >= 0 && d < 2958466) {
        double day = floor(d);
        long secs = lround((d - day) * 86400.0);
        if (secs == 86400) {
            day += 1;
            secs = 0;
        }
        /* day 0 is 30 December 1899 (Excel counts 1900 as a leap year, so
         * this is right from March 1900), or 1 January 1904 */
        int32_t date = (x->date1904 ? gt_date_from_ymd(1904, 1, 1)
                                    : gt_date_from_ymd(1899, 12, 30)) +
                       (int32_t)day;
        int y, m, dd;
        gt_date_to_ymd(date, &y, &m, &dd);
        if (x->date_style[s->style] == SHOWS_MONTH && dd == 1 && !secs)
            snprintf(out, sizeof out, "%s %d", gt_month_name(m), y);
        else
            gt_date_iso(date, out);
        if (secs)
            snprintf(out + 10, sizeof out - 10, "T%02ld:%02ld:%02ld",
                     secs / 3600, secs / 60 % 60, secs % 60);
        put(s, out, strlen(out));
        return;
    }
    snprintf(out, sizeof out, "%.15g", d);
    if (strcmp(out, "-0") == 0)
        snprintf(out, sizeof out, "0");
    put(s, out, strlen(out));
}

static void
end_cell(struct sheet *s)
{
    struct buf *t = &s->ps.text;
    const char *v = t->p ? t->p : "";
    if (strcmp(s->type, "s") == 0) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (end == v || *end || i >= s->ps.x->n_strings) {
            char msg[80];
            snprintf(msg, sizeof msg,
                     "row %ld: a cell names shared string %.20s, which "
                     "does not exist",
                     s->row, v);
            stop(&s->ps, GT_INVALID, msg);
            return;
        }
        const char *str = s->ps.x->strings[i];
        put(s, str, strlen(str));
    } else if (strcmp(s->type, "inlineStr") == 0) {
        put(s, v, t->p ? unescape_ooxml(t->p, t->len) : 0);
    } else if (strcmp(s->type, "b") == 0) {
        put(s, strcmp(v, "1") == 0 ? "TRUE" : "FALSE",
            strcmp(v, "1") == 0 ? 4 : 5);
    } else if (strcmp(s->type, "d") == 0) {
        /* an ISO date written as such; midnight is shown as the date */
        size_t len = t->len;
        if (len == 19 && strcmp(v + 10, "T00:00:00") == 0)
            len = 10;
        put(s, v, len);
    } else if (strcmp(s->type, "str") == 0 || strcmp(s->type, "e") == 0) {
        put(s, v, t->len);
    } else if (t->len) {
        put_number(s, v);
    }
}

static void XMLCALL
sheet_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct sheet *s = data;
    const char *el = local(name);
    if (strcmp(el, "row") == 0) {
        const char *r = attr(atts, "r");
        long n = r ? strtol(r, NULL, 10) : s->row + 1;
        s->row = n > s->row ? n : s->row + 1;
        s->col = 0;
        gt_csv_row_start(s->csv, s->row);
    } else if (strcmp(el, "c") == 0) {
        const char *ref = attr(atts, "r"), *t = attr(atts, "t"),
                   *st = attr(atts, "s");
        long col = ref ? column_of(ref) : -1;
        s->cell_col = col >= 0 ? (size_t)col : s->col;
        s->col = s->cell_col + 1;
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        s->style = st ? strtol(st, NULL, 10) : 0;
        s->in_cell = true;
        s->in_is = s->in_rph = 0;
        buf_reset(&s->ps.text);
    } else if (!s->in_cell) {
        return;
    } else if (strcmp(el, "v") == 0) {
        s->ps.in_text = strcmp(s->type, "inlineStr") != 0;
    } else if (strcmp(el, "is") == 0) {
        s->in_is = 1;
    } else if (strcmp(el, "rPh") == 0) {
        s->in_rph = 1;
    } else if (strcmp(el, "t") == 0 && s->in_is && !s->in_rph) {
        s->ps.in_text = true;
    }
}

static void XMLCALL
sheet_end(void *data, const XML_Char *name)
{
    struct sheet *s = data;
    const char *el = local(name);
    if (strcmp(el, "v") == 0 || strcmp(el, "t") == 0) {
        s->ps.in_text = false;
    } else if (strcmp(el, "rPh") == 0) {
        s->in_rph = 0;
    } else if (strcmp(el, "c") == 0 && s->in_cell) {
        s->in_cell = false;
        end_cell(s);
    } else if (strcmp(el, "row") == 0 && s->ps.rc == GT_OK) {
        s->row_ready = true;
        XML_StopParser(s->ps.p, XML_TRUE);
    }
}

static enum gt_rc
sheet_next(void *state, struct gt_csv *c, struct gt_ctx *ctx)
{
    struct sheet *s = state;
    s->csv = c;
    s->ps.ctx = ctx;
    s->row_ready = false;
    if (s->suspended) {
        s->suspended = false;
        enum XML_Status st = XML_ResumeParser(s->ps.p);
        if (st == XML_STATUS_SUSPENDED) {
            s->suspended = true;
            return GT_OK;
        }
        if (st == XML_STATUS_ERROR)
            return xml_error(&s->ps);
    }
    while (!s->fed_last) {
        zip_int64_t n = read_chunk(&s->ps, s->f, s->chunk, &s->total);
        if (n < 0)
            return s->ps.rc;
        s->fed_last = n == 0;
        enum XML_Status st = XML_Parse(s->ps.p, s->chunk, (int)n, n == 0);
        if (st == XML_STATUS_SUSPENDED) {
            s->suspended = true;
            return GT_OK;
        }
        if (st == XML_STATUS_ERROR)
            return xml_error(&s->ps);
    }
    return GT_DONE;
}

static void
sheet_close(void *state)
{
    struct sheet *s = state;
    XML_ParserFree(s->ps.p);
    buf_finish(&s->ps.text);
    zip_fclose(s->f);
    free(s->chunk);
    free(s->part);
    free(s);
}

struct gt_csv *
gt_workbook_sheet(struct gt_workbook *x, size_t i, struct gt_ctx *ctx)
{
    enum gt_rc rc = GT_OK;
    if (i >= x->n_sheets) {
        gt_err(ctx, GT_NOTFOUND, "%s: no sheet %zu", x->name, i + 1);
        return NULL;
    }
    zip_file_t *f = open_part(x, x->sheet_part[i], ctx, &rc);
    if (!f)
        return NULL;
    struct sheet *s = xcalloc(1, sizeof *s);
    s->part = xstrdup(x->sheet_part[i]);
    s->ps = (struct parse){.x = x, .part = s->part, .ctx = ctx};
    buf_init(&s->ps.text, x->lim.cells.max_field);
    parser_for(&s->ps, sheet_start, sheet_end);
    XML_SetUserData(s->ps.p, s);
    s->f = f;
    s->chunk = xmalloc(CHUNK);
    char *name = xasprintf("%s[%s]", x->name, x->sheet_name[i]);
    struct gt_csv_source src = {sheet_next, sheet_close, s, false};
    struct gt_csv *c = gt_csv_open_source(&src, name, &x->lim.cells);
    free(name);
    return c;
}
