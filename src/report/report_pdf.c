/*
 * report_pdf: the committee report as a tagged A4 (landscape) PDF, the one file
 * that uses cairo and pango. Text is laid out by pango (wrapping, any script);
 * headings, paragraphs and tables are marked with PDF structure tags so a
 * screen reader can follow them. Tables repeat their header row on each
 * new page. See report.h.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "report/report.h"

#define PAGE_W 841.89 /* A4 landscape, in points: the scorecard is wide */
#define PAGE_H 595.276
#define MARGIN 42.0
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define CELL_PAD 3.0
#define FONT "Liberation Sans, Arial, sans-serif"

struct pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *pango; /* at 72 dots an inch, so a point is a unit */
    PangoFontDescription *h1, *h2, *body, *cell, *cell_bold;
    double y;
};

static PangoLayout *
layout(struct pdf *p, const char *text, const PangoFontDescription *font,
       double width)
{
    PangoLayout *l = pango_layout_new(p->pango);
    pango_layout_set_font_description(l, font);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(l, text, -1);
    return l;
}

static double
layout_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_pixel_size(l, &w, &h);
    return h;
}

static void
new_page(struct pdf *p)
{
    cairo_show_page(p->cr);
    p->y = MARGIN;
}

/* Room for height more on this page, else a new page. */
static void
room(struct pdf *p, double height)
{
    if (p->y + height > PAGE_H - MARGIN && p->y > MARGIN)
        new_page(p);
}

static void
block(struct pdf *p, const char *tag, const char *text,
      const PangoFontDescription *font, double after)
{
    PangoLayout *l = layout(p, text, font, TEXT_W);
    double h = layout_height(l);
    room(p, h);
    cairo_tag_begin(p->cr, tag, NULL);
    cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
    cairo_move_to(p->cr, MARGIN, p->y);
    pango_cairo_show_layout(p->cr, l);
    cairo_tag_end(p->cr, tag);
    p->y += h + after;
    g_object_unref(l);
}

/* The light background GOV.UK's tags use, for a status word. */
static void
tone_colour(cairo_t *cr, enum doc_tone t)
{
    static const double colours[][3] = {
        [DOC_PLAIN] = {1, 1, 1},
        [DOC_RED] = {0.957, 0.804, 0.776},
        [DOC_AMBER] = {0.988, 0.839, 0.765},
        [DOC_GREEN] = {0.8, 0.886, 0.847},
        [DOC_BLUE] = {0.733, 0.831, 0.918},
        [DOC_GREY] = {0.898, 0.902, 0.906},
    };
    cairo_set_source_rgb(cr, colours[t][0], colours[t][1], colours[t][2]);
}

/* The length of the longest word in s. */
static size_t
longest_word(const char *s)
{
    size_t most = 0;
    while (*s) {
        size_t n = strcspn(s, " ");
        if (n > most)
            most = n;
        s += n;
        s += strspn(s, " ");
    }
    return most;
}

/* Column widths: each column first gets room for its longest word (so
 * "Amber" or "F3.2" is never split), then the rest of the line is shared
 * in proportion to how much more its text wants, up to 40 characters.
 * A word is measured at WORD_W a character, wide enough for capitals and
 * bold; running text at CHAR_W, about the average at the cell size. */
#define WORD_W 5.0
#define CHAR_W 4.1
static void
column_widths(const struct doc_table *t, double *w)
{
    double least[32], more[32], sum_least = 0, sum_more = 0;
    size_t n = t->n_cols < 32 ? t->n_cols : 32;
    for (size_t c = 0; c < n; c++) {
        size_t word = longest_word(t->headings[c]), len = word;
        for (size_t r = 0; r < t->n_rows; r++) {
            const char *text = doc_cell_at(t, r, c)->text;
            size_t chars = strlen(text), lw = longest_word(text);
            if (chars > len)
                len = chars;
            if (lw > word)
                word = lw;
        }
        least[c] = (double)word * WORD_W + 2 * CELL_PAD;
        double want = (double)(len > 40 ? 40 : len) * CHAR_W + 2 * CELL_PAD;
        more[c] = want > least[c] ? want - least[c] : 0;
        sum_least += least[c];
        sum_more += more[c];
    }
    double spare = TEXT_W - sum_least;
    for (size_t c = 0; c < n; c++) {
        if (spare <= 0)
            w[c] = least[c] * TEXT_W / sum_least;
        else if (sum_more <= spare)
            w[c] = least[c] + more[c] + (spare - sum_more) / (double)n;
        else
            w[c] = least[c] + spare * more[c] / sum_more;
    }
}

/* A table's cells laid out, each column's texts once: in a report most
 * cells repeat (statuses, leads, dates, boards), and laying out is most
 * of a report's time. Each column keeps its layouts by text. */
struct laid_table {
    const struct doc_table *t;
    double w[32];
    size_t n;
    GHashTable *by_text[32]; /* text -> PangoLayout, owned */
};

static void
laid_init(struct laid_table *lt, const struct doc_table *t)
{
    memset(lt, 0, sizeof *lt);
    lt->t = t;
    lt->n = t->n_cols < 32 ? t->n_cols : 32;
    column_widths(t, lt->w);
    for (size_t c = 0; c < lt->n; c++)
        lt->by_text[c] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                               g_object_unref);
}

static void
laid_finish(struct laid_table *lt)
{
    for (size_t c = 0; c < lt->n; c++)
        g_hash_table_destroy(lt->by_text[c]);
}

/* The layout of text in column c (borrowed from the table). The header's
 * cells are bold, so they are kept apart by a leading byte no cell text
 * can hold. */
static PangoLayout *
cell_layout(struct pdf *p, struct laid_table *lt, size_t c, const char *text,
            bool header)
{
    char *key = g_strdup_printf("%c%s", header ? 1 : 2, text);
    PangoLayout *l = g_hash_table_lookup(lt->by_text[c], key);
    if (l) {
        g_free(key);
        return l;
    }
    l = layout(p, text, header ? p->cell_bold : p->cell,
               lt->w[c] - 2 * CELL_PAD);
    if (lt->t->numeric[c])
        pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    g_hash_table_insert(lt->by_text[c], key, l);
    return l;
}

/* Row r's cells (the header when header is true) into cells; returns
 * the row's height. */
static double
row_layouts(struct pdf *p, struct laid_table *lt, size_t r, bool header,
            PangoLayout **cells)
{
    double height = 0;
    for (size_t c = 0; c < lt->n; c++) {
        const char *text =
            header ? lt->t->headings[c] : doc_cell_at(lt->t, r, c)->text;
        cells[c] = cell_layout(p, lt, c, text, header);
        double h = layout_height(cells[c]) + 2 * CELL_PAD;
        if (h > height)
            height = h;
    }
    return height;
}

static void
draw_row(struct pdf *p, const struct laid_table *lt, size_t r, bool header,
         PangoLayout **cells, double height)
{
    double x = MARGIN;
    cairo_tag_begin(p->cr, "TR", NULL);
    for (size_t c = 0; c < lt->n; c++) {
        enum doc_tone tone = header ? DOC_GREY : doc_cell_at(lt->t, r, c)->tone;
        if (tone != DOC_PLAIN) {
            tone_colour(p->cr, tone);
            cairo_rectangle(p->cr, x, p->y, lt->w[c], height);
            cairo_fill(p->cr);
        }
        cairo_tag_begin(p->cr, header ? "TH" : "TD", NULL);
        cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
        cairo_move_to(p->cr, x + CELL_PAD, p->y + CELL_PAD);
        pango_cairo_show_layout(p->cr, cells[c]);
        cairo_tag_end(p->cr, header ? "TH" : "TD");
        x += lt->w[c];
    }
    cairo_tag_end(p->cr, "TR");
    cairo_set_source_rgb(p->cr, 0.694, 0.706, 0.714);
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, MARGIN, p->y + height);
    cairo_line_to(p->cr, MARGIN + TEXT_W, p->y + height);
    cairo_stroke(p->cr);
    p->y += height;
}

static void
table(struct pdf *p, const struct doc_table *t)
{
    struct laid_table lt;
    PangoLayout *head[32], *cells[32];
    laid_init(&lt, t);
    block(p, "Caption", t->caption, p->cell_bold, 4);
    cairo_tag_begin(p->cr, "Table", NULL);
    double head_h = row_layouts(p, &lt, 0, true, head);
    room(p, head_h * 2);
    draw_row(p, &lt, 0, true, head, head_h);
    for (size_t r = 0; r < t->n_rows; r++) {
        double h = row_layouts(p, &lt, r, false, cells);
        if (p->y + h > PAGE_H - MARGIN) {
            new_page(p);
            draw_row(p, &lt, 0, true, head, head_h);
        }
        draw_row(p, &lt, r, false, cells, h);
    }
    cairo_tag_end(p->cr, "Table");
    p->y += 14;
    laid_finish(&lt);
}

static void
write_doc(struct pdf *p, const struct doc *d)
{
    cairo_tag_begin(p->cr, "Document", NULL);
    block(p, "H1", d->title, p->h1, 12);
    for (size_t i = 0; i < d->n_control; i++) {
        char *line =
            g_strdup_printf("%s: %s", d->control[i].key, d->control[i].value);
        block(p, "P", line, p->body, 2);
        g_free(line);
    }
    p->y += 10;
    for (size_t i = 0; i < d->n_parts; i++) {
        const struct doc_part *part = &d->parts[i];
        cairo_tag_begin(p->cr, "Sect", NULL);
        room(p, 60);
        block(p, "H2", part->title, p->h2, 6);
        if (part->exempt)
            block(p, "P", "This part is exempt from publication.", p->cell_bold,
                  6);
        for (size_t k = 0; k < part->n_paras; k++)
            block(p, "P", part->paras[k], p->body, 6);
        if (part->table.n_cols)
            table(p, &part->table);
        cairo_tag_end(p->cr, "Sect");
    }
    cairo_tag_end(p->cr, "Document");
}

enum gt_rc
gt_report_pdf(const struct doc *d, const char *path, struct gt_ctx *ctx)
{
    struct pdf p = {.y = MARGIN};
    char iso[GT_DATE_ISO_LEN], when[GT_DATE_ISO_LEN + 12];
    p.surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(p.surface);
        return gt_err(ctx, GT_IO, "%s: cannot create the PDF", path);
    }
    gt_date_iso(d->date, iso);
    snprintf(when, sizeof when, "%sT00:00:00", iso);
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE,
                                   d->title);
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR,
                                   "goldthread");
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   when);
    p.cr = cairo_create(p.surface);
    p.pango = pango_cairo_create_context(p.cr);
    pango_cairo_context_set_resolution(p.pango, 72);
    p.h1 = pango_font_description_from_string(FONT " Bold 18");
    p.h2 = pango_font_description_from_string(FONT " Bold 13");
    p.body = pango_font_description_from_string(FONT " 10");
    p.cell = pango_font_description_from_string(FONT " 7");
    p.cell_bold = pango_font_description_from_string(FONT " Bold 7");
    write_doc(&p, d);
    cairo_show_page(p.cr);
    cairo_status_t status = cairo_status(p.cr);
    g_object_unref(p.pango);
    cairo_destroy(p.cr);
    cairo_surface_finish(p.surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(p.surface);
    cairo_surface_destroy(p.surface);
    pango_font_description_free(p.h1);
    pango_font_description_free(p.h2);
    pango_font_description_free(p.body);
    pango_font_description_free(p.cell);
    pango_font_description_free(p.cell_bold);
    if (status != CAIRO_STATUS_SUCCESS)
        return gt_err(ctx, GT_IO, "%s: %s", path,
                      cairo_status_to_string(status));
    return GT_OK;
}
