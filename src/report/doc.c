/*
 * doc: the report as a format-free document. See doc.h.
 */
#include "report/doc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

static void
table_finish(struct doc_table *t)
{
    for (size_t i = 0; i < t->n_cols; i++)
        free(t->headings[i]);
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cells[i].text);
    free(t->caption);
    free(t->headings);
    free(t->numeric);
    free(t->cells);
}

static void
part_finish(struct doc_part *p)
{
    for (size_t k = 0; k < p->n_paras; k++)
        free(p->paras[k]);
    free(p->paras);
    free(p->title);
    table_finish(&p->table);
    for (size_t k = 0; k < p->n_bars; k++)
        free((char *)(uintptr_t)p->bars[k].label);
    free(p->bars);
}

void
doc_remove_part(struct doc *d, size_t i)
{
    part_finish(&d->parts[i]);
    memmove(&d->parts[i], &d->parts[i + 1],
            (d->n_parts - i - 1) * sizeof *d->parts);
    d->n_parts--;
}

void
doc_finish(struct doc *d)
{
    for (size_t i = 0; i < d->n_control; i++)
        free(d->control[i].value);
    for (size_t i = 0; i < d->n_parts; i++)
        part_finish(&d->parts[i]);
    free(d->parts);
    free(d->title);
    memset(d, 0, sizeof *d);
}

void
doc_control(struct doc *d, const char *key, const char *value)
{
    if (d->n_control < DOC_MAX_CONTROL)
        d->control[d->n_control++] =
            (struct doc_control){key, xstrdup(value ? value : "")};
}

struct doc_part *
doc_part(struct doc *d, const char *key, const char *title)
{
    if (d->n_parts == d->alloc_parts) {
        d->alloc_parts = d->alloc_parts ? d->alloc_parts * 2 : 8;
        d->parts = xrealloc(d->parts, d->alloc_parts * sizeof *d->parts);
    }
    struct doc_part *p = &d->parts[d->n_parts++];
    memset(p, 0, sizeof *p);
    p->key = key;
    p->title = xstrdup(title);
    return p;
}

void
doc_para(struct doc_part *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = xvasprintf(fmt, ap);
    va_end(ap);
    p->paras = xrealloc(p->paras, (p->n_paras + 1) * sizeof *p->paras);
    p->paras[p->n_paras++] = text;
}

void
doc_table(struct doc_part *p, const char *caption, size_t n,
          const char *const *headings)
{
    struct doc_table *t = &p->table;
    t->caption = xstrdup(caption);
    t->n_cols = n;
    t->headings = xcalloc(n, sizeof *t->headings);
    t->numeric = xcalloc(n, sizeof *t->numeric);
    for (size_t i = 0; i < n; i++) {
        t->numeric[i] = headings[i][0] == '#';
        t->headings[i] = xstrdup(headings[i] + t->numeric[i]);
    }
}

/* The next empty cell of the last row. */
static struct doc_cell *
next_cell(struct doc_part *p)
{
    struct doc_table *t = &p->table;
    struct doc_cell *row = &t->cells[(t->n_rows - 1) * t->n_cols];
    for (size_t c = 0; c < t->n_cols; c++)
        if (!row[c].text)
            return &row[c];
    return NULL; /* a row given more cells than columns: a caller's bug */
}

void
doc_row(struct doc_part *p)
{
    struct doc_table *t = &p->table;
    if (t->n_rows == t->alloc_rows) {
        t->alloc_rows = t->alloc_rows ? t->alloc_rows * 2 : 16;
        t->cells =
            xrealloc(t->cells, t->alloc_rows * t->n_cols * sizeof *t->cells);
    }
    memset(&t->cells[t->n_rows * t->n_cols], 0, t->n_cols * sizeof *t->cells);
    t->n_rows++;
}

void
doc_text(struct doc_part *p, const char *text, enum doc_tone tone)
{
    struct doc_cell *c = next_cell(p);
    if (c)
        *c = (struct doc_cell){xstrdup(text ? text : ""), false, 0, tone};
}

void
doc_number(struct doc_part *p, double number, const char *text)
{
    struct doc_cell *c = next_cell(p);
    if (c)
        *c = (struct doc_cell){xstrdup(text), true, number, DOC_PLAIN};
}

const struct doc_cell *
doc_cell_at(const struct doc_table *t, size_t r, size_t c)
{
    return &t->cells[r * t->n_cols + c];
}
