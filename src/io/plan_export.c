/*
 * plan_export: write a plan in the import shape (CSV) or as JSON. See
 * plan_io.h.
 *
 * CSV export writes one row per item, each in the column its place in the
 * tree calls for (Priority, Theme, Action or Milestone) and always with its
 * Ref, so importing the file again rebuilds the same tree: the same refs,
 * kinds, order, fields, current statuses and links.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "io/csv.h"
#include "io/plan_io.h"
#include "io/table_out.h"

enum out_col {
    O_REF,
    O_PRIORITY,
    O_THEME,
    O_THEME_OWNER,
    O_ACTION,
    O_MILESTONE,
    O_KIND,
    O_LEAD,
    O_DEADLINE,
    O_MONITORING,
    O_SOURCE,
    O_STATUS,
    O_COMMENTARY,
    O_CONTRIBUTES,
    O_COUNT
};

static const struct gt_table_column out_columns[O_COUNT] = {
    {"Ref", GT_CELL_TEXT},        {"Priority", GT_CELL_TEXT},
    {"Theme", GT_CELL_TEXT},      {"Theme owner", GT_CELL_TEXT},
    {"Action", GT_CELL_TEXT},     {"Milestone", GT_CELL_TEXT},
    {"Kind", GT_CELL_TEXT},       {"Lead", GT_CELL_TEXT},
    {"Deadline", GT_CELL_TEXT},   {"Monitoring", GT_CELL_TEXT},
    {"Source", GT_CELL_TEXT},     {"Status", GT_CELL_TEXT},
    {"Commentary", GT_CELL_TEXT}, {"Contributes to", GT_CELL_TEXT},
};

/* An item's id and its place in the plan's order. */
struct id_at {
    int64_t id;
    size_t at;
};

static int
by_id(const void *a, const void *b)
{
    int64_t x = ((const struct id_at *)a)->id;
    int64_t y = ((const struct id_at *)b)->id;
    return (x > y) - (x < y);
}

/* Load the plan's items with their links up, as "PLAN:REF; ...": two
 * statements, whatever the size of the plan. */
static enum gt_rc
load(struct gt_db *db, const char *plan_code, int32_t as_of,
     struct gt_plan *plan, struct gt_items *items, char ***links,
     struct gt_ctx *ctx)
{
    struct gt_link_refs refs = {0};
    struct id_at *order = NULL;
    size_t k = 0;
    struct buf b;
    buf_init(&b, SIZE_MAX);
    enum gt_rc rc = gt_db_plan_get(db, plan_code, plan, ctx);
    if (rc == GT_OK)
        rc = gt_db_plan_items(db, plan->id, as_of, items, ctx);
    if (rc == GT_OK)
        rc = gt_db_plan_links_up(db, plan->id, &refs, ctx);
    if (rc != GT_OK)
        goto out;
    *links = xcalloc(items->n ? items->n : 1, sizeof **links);
    order = xcalloc(items->n ? items->n : 1, sizeof *order);
    for (size_t i = 0; i < items->n; i++)
        order[i] = (struct id_at){items->v[i].id, i};
    qsort(order, items->n, sizeof *order, by_id);
    /* both in id order: one walk joins them */
    for (size_t j = 0; j < items->n; j++) {
        int64_t id = order[j].id;
        for (; k < refs.n && refs.v[k].from < id; k++)
            ;
        for (size_t first = k; k < refs.n && refs.v[k].from == id; k++) {
            if ((k > first && !buf_adds(&b, "; ")) ||
                !buf_adds(&b, refs.v[k].target)) {
                rc = gt_err(ctx, GT_IO, "links too long");
                goto out;
            }
        }
        (*links)[order[j].at] = buf_take(&b);
    }
out:
    buf_finish(&b);
    free(order);
    gt_link_refs_finish(&refs);
    return rc;
}

static void
free_links(char **links, size_t n)
{
    if (!links)
        return;
    for (size_t i = 0; i < n; i++)
        free(links[i]);
    free(links);
}

/* Column each item goes in; GT_INVALID when the tree has a shape the CSV
 * cannot show. cols[i] is filled for every item. */
static enum gt_rc
place(const struct gt_items *items, enum out_col *cols, struct gt_ctx *ctx)
{
    int64_t open_theme_parent = -1;
    long *parents = gt_items_parents(items);
    enum gt_rc rc = GT_OK;
    for (size_t i = 0; rc == GT_OK && i < items->n; i++) {
        const struct gt_item *it = &items->v[i];
        long p = parents[i];
        enum out_col pc = p >= 0 ? cols[p] : O_COUNT;
        enum out_col c;
        if (it->kind == GT_ITEM_PRIORITY && p < 0)
            c = O_PRIORITY;
        else if (it->kind == GT_ITEM_THEME && (p < 0 || pc == O_PRIORITY))
            c = O_THEME;
        else if (p < 0 || pc == O_PRIORITY || pc == O_THEME)
            c = O_ACTION;
        else if (pc == O_ACTION)
            c = O_MILESTONE;
        else
            c = O_COUNT;
        if (c == O_PRIORITY)
            open_theme_parent = -1;
        if (c == O_THEME)
            open_theme_parent = it->parent_id;
        /* An action straight under a priority after a theme of that
         * priority would be read back as part of the theme. */
        if (c == O_ACTION && pc != O_THEME && open_theme_parent >= 0 &&
            open_theme_parent == it->parent_id)
            c = O_COUNT;
        if (c == O_COUNT)
            rc = gt_err(ctx, GT_INVALID,
                        "%s:%s: a %s in this place cannot be shown in a "
                        "plan CSV; use --format json",
                        it->plan_code, it->ref, gt_item_kind_code(it->kind));
        cols[i] = c;
    }
    free(parents);
    return rc;
}

enum gt_rc
gt_plan_export_csv(struct gt_db *db, const char *plan_code, int32_t as_of,
                   FILE *f, struct gt_ctx *ctx)
{
    struct gt_table_out t = gt_table_to_csv(f);
    return gt_plan_export_table(db, plan_code, as_of, &t, ctx);
}

enum gt_rc
gt_plan_export_table(struct gt_db *db, const char *plan_code, int32_t as_of,
                     struct gt_table_out *t, struct gt_ctx *ctx)
{
    struct gt_plan plan;
    struct gt_items items = {0};
    char **links = NULL;
    enum out_col *cols = NULL;
    enum gt_rc rc = load(db, plan_code, as_of, &plan, &items, &links, ctx);
    if (rc != GT_OK)
        goto out;
    cols = xcalloc(items.n ? items.n : 1, sizeof *cols);
    rc = place(&items, cols, ctx);
    if (rc != GT_OK)
        goto out;
    gt_table_begin(t, "Plan", out_columns, O_COUNT);
    for (size_t i = 0; i < items.n; i++) {
        const struct gt_item *it = &items.v[i];
        const char *row[O_COUNT] = {0};
        enum gt_item_kind usual = cols[i] == O_MILESTONE ? GT_ITEM_MILESTONE
                                  : cols[i] == O_ACTION  ? GT_ITEM_ACTION
                                                         : it->kind;
        row[O_REF] = it->ref;
        row[cols[i]] = it->title;
        if (cols[i] == O_PRIORITY || cols[i] == O_THEME)
            row[O_THEME_OWNER] = it->owner;
        row[O_KIND] = it->kind != usual ? gt_item_kind_code(it->kind) : NULL;
        row[O_LEAD] = it->lead;
        row[O_DEADLINE] = it->deadline_text;
        row[O_MONITORING] = it->monitoring;
        row[O_SOURCE] = it->source;
        row[O_STATUS] =
            it->status_as_of != GT_NO_DATE ? gt_brag_word(it->status) : NULL;
        row[O_COMMENTARY] = it->commentary;
        row[O_CONTRIBUTES] = links[i];
        gt_table_row(t, row);
    }
    rc = gt_table_end(t, ctx);
out:
    free(cols);
    free_links(links, items.n);
    gt_items_finish(&items);
    gt_plan_finish(&plan);
    return rc;
}

static json_t *
str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *
gt_json_date(int32_t d)
{
    char iso[GT_DATE_ISO_LEN];
    if (d == GT_NO_DATE)
        return json_null();
    gt_date_iso(d, iso);
    return json_string(iso);
}

json_t *
gt_item_json(const struct gt_item *it, const char *parent_ref,
             const char *links)
{
    char canon[GT_DEADLINE_TEXT_LEN];
    gt_deadline_format(&it->deadline, canon);
    json_t *up = json_array();
    const char *s = links ? links : "";
    while (*s) {
        size_t len = strcspn(s, ";");
        char *one = xstrndup(s, len);
        json_array_append_new(up, json_string(one));
        free(one);
        s += len;
        while (*s == ';' || *s == ' ')
            s++;
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(it->id));
    json_object_set_new(o, "plan", json_string(it->plan_code));
    json_object_set_new(o, "ref", json_string(it->ref));
    json_object_set_new(o, "kind", json_string(gt_item_kind_code(it->kind)));
    json_object_set_new(o, "parent",
                        parent_ref ? json_string(parent_ref) : json_null());
    json_object_set_new(o, "title", json_string(it->title));
    json_object_set_new(o, "description", str_or_null(it->description));
    json_object_set_new(o, "lead", str_or_null(it->lead));
    json_object_set_new(o, "owner", str_or_null(it->owner));
    json_object_set_new(o, "deadline", str_or_null(it->deadline_text));
    json_object_set_new(o, "deadline_canonical",
                        it->deadline_text ? json_string(canon) : json_null());
    json_object_set_new(o, "start", gt_json_date(it->deadline.start));
    json_object_set_new(o, "due", gt_json_date(it->deadline.due));
    json_object_set_new(o, "every_months",
                        json_integer(it->deadline.every_months));
    json_object_set_new(o, "ongoing", json_boolean(it->deadline.ongoing));
    json_object_set_new(o, "monitoring", str_or_null(it->monitoring));
    json_object_set_new(o, "source", str_or_null(it->source));
    json_object_set_new(o, "status", json_string(gt_brag_word(it->status)));
    json_object_set_new(o, "status_as_of", gt_json_date(it->status_as_of));
    json_object_set_new(o, "commentary", str_or_null(it->commentary));
    json_object_set_new(o, "contributes_to", up);
    return o;
}

enum gt_rc
gt_plan_json(struct gt_db *db, const char *plan_code, int32_t as_of,
             json_t **out, struct gt_ctx *ctx)
{
    struct gt_plan plan;
    struct gt_items items = {0};
    char **links = NULL;
    json_t *jp = NULL, *ji = NULL;
    long *parents = NULL;
    *out = NULL;
    enum gt_rc rc = load(db, plan_code, as_of, &plan, &items, &links, ctx);
    if (rc != GT_OK)
        goto out;
    jp = json_object();
    json_object_set_new(jp, "code", json_string(plan.code));
    json_object_set_new(jp, "title", json_string(plan.title));
    json_object_set_new(jp, "kind", json_string(gt_plan_kind_code(plan.kind)));
    json_object_set_new(jp, "owner_unit", str_or_null(plan.owner_unit));
    json_object_set_new(jp, "period_from", gt_json_date(plan.period_from));
    json_object_set_new(jp, "period_to", gt_json_date(plan.period_to));
    json_object_set_new(jp, "review_date", gt_json_date(plan.review_date));
    ji = json_array();
    parents = gt_items_parents(&items);
    for (size_t i = 0; i < items.n; i++) {
        long parent = parents[i];
        json_array_append_new(
            ji,
            gt_item_json(&items.v[i], parent >= 0 ? items.v[parent].ref : NULL,
                         links[i]));
    }
    *out = json_object();
    json_object_set_new(*out, "plan", jp);
    json_object_set_new(*out, "as_of", gt_json_date(as_of));
    json_object_set_new(*out, "items", ji);
out:
    free(parents);
    free_links(links, items.n);
    gt_items_finish(&items);
    gt_plan_finish(&plan);
    return rc;
}

enum gt_rc
gt_plan_export_json(struct gt_db *db, const char *plan_code, int32_t as_of,
                    FILE *f, struct gt_ctx *ctx)
{
    json_t *doc;
    enum gt_rc rc = gt_plan_json(db, plan_code, as_of, &doc, ctx);
    if (rc == GT_OK &&
        (json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
         fputc('\n', f) == EOF))
        rc = gt_err(ctx, GT_IO, "cannot write the export");
    json_decref(doc);
    return rc;
}
