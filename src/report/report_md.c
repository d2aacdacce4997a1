/*
 * report_md: the committee report as Markdown, for pasting into a paper:
 * headings, paragraphs and pipe tables. Text is escaped so a title with a
 * '|' or '*' stays text. See report.h.
 */
#include <string.h>

#include "report/report.h"

/* The buffer and whether everything fitted under its cap. */
struct md {
    struct buf *b;
    bool ok;
};

static void
add(struct md *b, const char *s)
{
    if (b->ok && !buf_adds(b->b, s))
        b->ok = false;
}

/* Text with Markdown's punctuation escaped and line breaks as spaces. */
static void
text(struct md *b, const char *s)
{
    for (; s && *s; s++) {
        char c[3] = {'\\', *s, '\0'};
        if (*s == '\n' || *s == '\r')
            add(b, " ");
        else if (strchr("\\`*_[]<>|#", *s))
            add(b, c);
        else
            add(b, c + 1);
    }
}

static void
table(struct md *b, const struct doc_table *t)
{
    add(b, "\n");
    text(b, t->caption);
    add(b, ":\n\n|");
    for (size_t c = 0; c < t->n_cols; c++) {
        add(b, " ");
        text(b, t->headings[c]);
        add(b, " |");
    }
    add(b, "\n|");
    for (size_t c = 0; c < t->n_cols; c++)
        add(b, t->numeric[c] ? " ---: |" : " --- |");
    add(b, "\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        add(b, "|");
        for (size_t c = 0; c < t->n_cols; c++) {
            add(b, " ");
            text(b, doc_cell_at(t, r, c)->text);
            add(b, " |");
        }
        add(b, "\n");
    }
}

bool
gt_report_md(const struct doc *d, struct buf *out)
{
    struct md md = {out, true}, *b = &md;
    add(b, "# ");
    text(b, d->title);
    add(b, "\n\nDocument control:\n\n| Item | Value |\n| --- | --- |\n");
    for (size_t i = 0; i < d->n_control; i++) {
        add(b, "| ");
        text(b, d->control[i].key);
        add(b, " | ");
        text(b, d->control[i].value);
        add(b, " |\n");
    }
    for (size_t i = 0; i < d->n_parts; i++) {
        const struct doc_part *p = &d->parts[i];
        add(b, "\n## ");
        text(b, p->title);
        add(b, "\n");
        if (p->exempt)
            add(b, "\n**This part is exempt from publication.**\n");
        for (size_t k = 0; k < p->n_paras; k++) {
            add(b, "\n");
            text(b, p->paras[k]);
            add(b, "\n");
        }
        if (p->table.n_cols)
            table(b, &p->table);
    }
    return md.ok;
}
