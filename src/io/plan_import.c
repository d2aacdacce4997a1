/*
 * plan_import: read a plan CSV into the store, all or nothing. See
 * plan_io.h for the shape and docs/formats.md for the rules.
 *
 * Two steps. Reading (gt_plan_draft_read) needs no database: every row
 * is checked and turned into a draft of items (each naming its parent by
 * its place in the draft), their statuses and their links; any problem is
 * collected with its position and reading goes on, so the officer sees
 * every problem at once. Writing (gt_plan_draft_write) then stores the
 * draft in one transaction, resolving links ("Contributes to") after the
 * last item so they may point at items further down; the write lock is
 * held only for that.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/mem.h"
#include "io/csv.h"
#include "io/csv_header.h"
#include "io/plan_io.h"

enum col {
    C_REF,
    C_PRIORITY,
    C_THEME,
    C_THEME_OWNER,
    C_ACTION,
    C_MILESTONE,
    C_KIND,
    C_LEAD,
    C_DEADLINE,
    C_MONITORING,
    C_SOURCE,
    C_STATUS,
    C_COMMENTARY,
    C_CONTRIBUTES,
    C_COUNT
};

static const struct gt_csv_column columns[C_COUNT] = {
    [C_REF] = {"Ref", {"reference", "no", "number"}, false},
    [C_PRIORITY] = {"Priority", {"plan priority", "focus area", NULL}, false},
    [C_THEME] = {"Theme", {NULL}, true},
    [C_THEME_OWNER] = {"Theme owner", {NULL}, true},
    [C_ACTION] = {"Action", {"actions", "aim", NULL}, true},
    [C_MILESTONE] = {"Milestone", {"milestones", NULL}, true},
    [C_KIND] = {"Kind", {NULL}, false},
    [C_LEAD] = {"Lead", {NULL}, true},
    [C_DEADLINE] = {"Deadline", {"deadline for delivery", NULL}, true},
    [C_MONITORING] = {"Monitoring",
                      {"monitoring mechanisms", "monitoring mechanism", NULL},
                      true},
    [C_SOURCE] = {"Source", {"source of the idea", NULL}, false},
    [C_STATUS] = {"Status", {"brag", "rag", NULL}, false},
    [C_COMMENTARY] = {"Commentary", {"comments", NULL}, false},
    [C_CONTRIBUTES] = {"Contributes to", {NULL}, false},
};

/* An item created earlier in the file that later rows may continue. */
struct open_item {
    int64_t id;
    char *ref;
    char *title;
    char *owner;
    int n_children;
    bool set;
};

/* A "Contributes to" target waiting for the end of the file. */
struct pending_link {
    int64_t from; /* the item's place in the draft, from 1 */
    char *target; /* "PLAN:REF" or "REF" */
    long line;
};

/* An item of the draft: parent_id holds the parent's place in the draft
 * (from 1; 0 at the top) until it is written. */
struct draft_item {
    struct gt_item item;
    bool has_status;
    enum gt_brag brag;
    char *commentary;
};

struct gt_plan_draft {
    char *name; /* the file's, for messages */
    struct draft_item *items;
    size_t n, alloc;
    struct pending_link *links;
    size_t n_links, alloc_links;
    /* refs seen, to refuse one used twice: open addressing on the ref */
    size_t *ref_slots; /* place + 1 in items, 0 for empty */
    size_t n_slots;
    long n_rows;
    char *heading_contributes; /* the file's own heading; owned */
};

struct importer {
    struct gt_plan_draft *draft;
    struct gt_ctx *ctx;
    struct gt_csv *csv;
    struct gt_csv_header header;
    struct open_item priority, theme, action;
    int n_top; /* items at the top of the plan */
    long n_errors;
};

static void
open_clear(struct open_item *o)
{
    free(o->ref);
    free(o->title);
    free(o->owner);
    memset(o, 0, sizeof *o);
}

static void
open_set(struct open_item *o, const struct gt_item *it)
{
    open_clear(o);
    o->id = it->id;
    o->ref = xstrdup(it->ref);
    o->title = xstrdup(it->title);
    o->owner = xstrdup(it->owner);
    o->set = true;
}

static void row_error(struct importer *im, enum col c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
row_error(struct importer *im, enum col c, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gt_csv_cell_error(&im->header, im->csv, (int)c, im->ctx, "%s", msg);
    im->n_errors++;
}

/* The cell of column c in the current row, trimmed and unguarded, copied
 * into a new string; "" when the column is absent. Caller frees. */
static char *
cell(struct importer *im, enum col c)
{
    size_t len;
    const char *s = gt_csv_cell(&im->header, im->csv, (int)c, &len);
    return xstrndup(s, len);
}

static char *
child_ref(const struct open_item *parent, char prefix, int n)
{
    if (parent && parent->set)
        return xasprintf("%s.%d", parent->ref, n);
    return xasprintf("%c%d", prefix, n);
}

/* The slot of ref in the draft's table: where it is kept, or the empty
 * slot where it would go. The table must have been made. */
static size_t
ref_slot(const struct gt_plan_draft *d, const char *ref)
{
    size_t j = gt_str_hash(ref) & (d->n_slots - 1);
    while (d->ref_slots[j] &&
           strcmp(d->items[d->ref_slots[j] - 1].item.ref, ref) != 0)
        j = (j + 1) & (d->n_slots - 1);
    return j;
}

/* Whether ref is new to the draft; if so it is kept as the item at place
 * (from 1). */
static bool
ref_is_new(struct gt_plan_draft *d, const char *ref, size_t place)
{
    if (d->n * 2 + 2 > d->n_slots) {
        size_t n = d->n_slots ? d->n_slots * 2 : 64;
        size_t *slots = xcalloc(n, sizeof *slots);
        for (size_t i = 0; i < d->n_slots; i++) {
            size_t at = d->ref_slots[i];
            if (!at)
                continue;
            size_t j = gt_str_hash(d->items[at - 1].item.ref) & (n - 1);
            while (slots[j])
                j = (j + 1) & (n - 1);
            slots[j] = at;
        }
        free(d->ref_slots);
        d->ref_slots = slots;
        d->n_slots = n;
    }
    size_t j = ref_slot(d, ref);
    if (d->ref_slots[j])
        return false;
    d->ref_slots[j] = place;
    return true;
}

/* Add a new item under parent (NULL: the top of the plan) to the draft;
 * it->id becomes its place in the draft (from 1), and the draft takes
 * what it holds. */
static enum gt_rc
add_item(struct importer *im, struct gt_item *it, struct open_item *parent,
         char prefix)
{
    struct gt_plan_draft *d = im->draft;
    int n = parent && parent->set ? ++parent->n_children : ++im->n_top;
    it->parent_id = parent && parent->set ? parent->id : 0;
    it->position = n;
    if (!it->ref || !*it->ref) {
        free(it->ref);
        it->ref = child_ref(parent, prefix, n);
    }
    if (d->n == d->alloc) {
        d->alloc = d->alloc ? d->alloc * 2 : 64;
        d->items = xrealloc(d->items, d->alloc * sizeof *d->items);
    }
    /* the ref is looked up through the items, so it is placed first */
    struct gt_item *kept = &d->items[d->n].item;
    memset(&d->items[d->n], 0, sizeof d->items[d->n]);
    kept->ref = xstrdup(it->ref);
    if (!ref_is_new(d, it->ref, d->n + 1)) {
        free(kept->ref);
        row_error(im, C_REF, "ref \"%s\" is used twice in the plan", it->ref);
        it->id = 0;
        return GT_OK;
    }
    kept->kind = it->kind;
    kept->parent_id = it->parent_id;
    kept->position = it->position;
    kept->title = xstrdup(it->title);
    kept->lead = xstrdup(it->lead);
    kept->owner = xstrdup(it->owner);
    kept->deadline_text = xstrdup(it->deadline_text);
    kept->deadline = it->deadline;
    kept->monitoring = xstrdup(it->monitoring);
    kept->source = xstrdup(it->source);
    it->id = kept->id = (int64_t)++d->n;
    return GT_OK;
}

/* The row's own fields, for whichever item the row is about. */
struct row {
    char *c[C_COUNT];
};

static void
row_free(struct row *r)
{
    for (int i = 0; i < C_COUNT; i++)
        free(r->c[i]);
}

/* A copy of a cell, or NULL when it is empty or "-" (plans write a dash
 * for "none"). */
static char *
optional(const char *cell)
{
    return *cell && strcmp(cell, "-") != 0 ? xstrdup(cell) : NULL;
}

/* Put the row's lead, deadline, monitoring, source and ref on it. */
static void
apply_fields(struct importer *im, struct row *r, struct gt_item *it)
{
    const char *why;
    it->lead = optional(r->c[C_LEAD]);
    it->monitoring = optional(r->c[C_MONITORING]);
    it->source = optional(r->c[C_SOURCE]);
    it->ref = xstrdup(r->c[C_REF]);
    if (*r->c[C_DEADLINE]) {
        why = gt_deadline_parse(r->c[C_DEADLINE], &it->deadline);
        if (why) {
            row_error(im, C_DEADLINE,
                      "cannot read \"%.200s\": %s; expected "
                      "%s",
                      r->c[C_DEADLINE], why, GT_DEADLINE_EXPECTED);
        } else {
            it->deadline_text = xstrdup(r->c[C_DEADLINE]);
        }
    }
    if (*r->c[C_KIND] && !gt_item_kind_parse(r->c[C_KIND], &it->kind)) {
        if (strcasecmp(r->c[C_KIND], "aim") == 0)
            it->kind = GT_ITEM_OBJECTIVE;
        else
            row_error(im, C_KIND,
                      "unknown kind \"%s\" (expected priority, theme, "
                      "objective, action, milestone or outcome)",
                      r->c[C_KIND]);
    }
}

static enum gt_rc
add_status(struct importer *im, struct row *r, int64_t item_id)
{
    enum gt_brag brag;
    if (!*r->c[C_STATUS] && !*r->c[C_COMMENTARY])
        return GT_OK;
    if (!gt_brag_parse(r->c[C_STATUS], &brag)) {
        row_error(im, C_STATUS,
                  "unknown status \"%s\" (expected Blue, Green, Amber, Red "
                  "or Not rated)",
                  r->c[C_STATUS]);
        return GT_OK;
    }
    if (item_id == 0)
        return GT_OK; /* the item failed; its error is already listed */
    struct draft_item *d = &im->draft->items[item_id - 1];
    d->has_status = true;
    d->brag = brag;
    free(d->commentary);
    d->commentary = xstrdup(r->c[C_COMMENTARY]);
    return GT_OK;
}

static void
queue_links(struct importer *im, struct row *r, int64_t from)
{
    char *s = r->c[C_CONTRIBUTES];
    while (*s) {
        size_t len = strcspn(s, ";\n");
        char *t = xstrndup(s, len);
        char *a = t, *b = t + strlen(t);
        while (isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            *--b = '\0';
        struct gt_plan_draft *d = im->draft;
        if (*a && from) {
            if (d->n_links == d->alloc_links) {
                d->alloc_links = d->alloc_links ? d->alloc_links * 2 : 16;
                d->links =
                    xrealloc(d->links, d->alloc_links * sizeof *d->links);
            }
            d->links[d->n_links++] =
                (struct pending_link){.from = from,
                                      .target = xstrdup(a),
                                      .line = gt_csv_line(im->csv)};
        }
        free(t);
        s += len;
        if (*s)
            s++;
    }
}

/* Handle one data row: open any new priority, theme or action, add the
 * milestone, and give the row's fields to the last item it names. */
static enum gt_rc
import_row(struct importer *im)
{
    struct row r;
    enum gt_rc rc = GT_OK;
    struct gt_item it;
    int64_t target = 0;
    bool named = false;
    for (int c = 0; c < C_COUNT; c++)
        r.c[c] = cell(im, (enum col)c);
    gt_item_init(&it);

    /* Which cells open something new: the last of them is the row's item. */
    bool new_priority =
        *r.c[C_PRIORITY] &&
        (!im->priority.set || strcmp(r.c[C_PRIORITY], im->priority.title) != 0);
    bool new_theme =
        *r.c[C_THEME] && (new_priority || !im->theme.set ||
                          strcmp(r.c[C_THEME], im->theme.title) != 0);
    bool new_action =
        *r.c[C_ACTION] &&
        (new_priority || new_theme || !im->action.set || *r.c[C_REF] ||
         strcmp(r.c[C_ACTION], im->action.title) != 0);
    bool new_milestone = *r.c[C_MILESTONE] != '\0';
    enum col last = new_milestone  ? C_MILESTONE
                    : new_action   ? C_ACTION
                    : new_theme    ? C_THEME
                    : new_priority ? C_PRIORITY
                                   : C_COUNT;
    if (last == C_COUNT) {
        if (*r.c[C_ACTION]) {
            /* A repeated action title with nothing new: the table broke
             * across a page. Nothing to add. */
            goto done;
        }
        row_error(im, C_ACTION, "%s",
                  "the row has no Priority, Theme, Action or Milestone");
        goto done;
    }
    if (*r.c[C_THEME_OWNER] && !new_theme && !new_priority && im->theme.set &&
        strcmp(r.c[C_THEME_OWNER], im->theme.owner ? im->theme.owner : "")) {
        row_error(im, C_THEME_OWNER, "%s",
                  "the theme owner changes but the Theme cell is empty");
    }
    if (new_milestone && !new_action && !im->action.set) {
        row_error(im, C_MILESTONE, "%s", "no action above this milestone");
        goto done;
    }

    if (new_priority) {
        it.kind = GT_ITEM_PRIORITY;
        it.title = xstrdup(r.c[C_PRIORITY]);
        if (!new_theme)
            it.owner = optional(r.c[C_THEME_OWNER]);
        if (last == C_PRIORITY)
            apply_fields(im, &r, &it);
        rc = add_item(im, &it, NULL, 'P');
        if (rc != GT_OK)
            goto done;
        open_set(&im->priority, &it);
        open_clear(&im->theme);
        open_clear(&im->action);
        target = it.id;
        gt_item_finish(&it);
    }
    if (new_theme) {
        it.kind = GT_ITEM_THEME;
        it.title = xstrdup(r.c[C_THEME]);
        it.owner = optional(r.c[C_THEME_OWNER]);
        if (last == C_THEME)
            apply_fields(im, &r, &it);
        rc = add_item(im, &it, &im->priority, 'T');
        if (rc != GT_OK)
            goto done;
        open_set(&im->theme, &it);
        open_clear(&im->action);
        target = it.id;
        gt_item_finish(&it);
    }
    if (new_action) {
        it.kind = GT_ITEM_ACTION;
        it.title = xstrdup(r.c[C_ACTION]);
        if (last == C_ACTION)
            apply_fields(im, &r, &it);
        struct open_item *parent = im->theme.set ? &im->theme : &im->priority;
        rc = add_item(im, &it, parent, 'A');
        if (rc != GT_OK)
            goto done;
        open_set(&im->action, &it);
        target = it.id;
        gt_item_finish(&it);
    }
    if (new_milestone) {
        it.kind = GT_ITEM_MILESTONE;
        it.title = xstrdup(r.c[C_MILESTONE]);
        apply_fields(im, &r, &it);
        rc = add_item(im, &it, &im->action, 'M');
        if (rc != GT_OK)
            goto done;
        target = it.id;
        gt_item_finish(&it);
    }
    named = true;
done:
    if (named && rc == GT_OK) {
        rc = add_status(im, &r, target);
        queue_links(im, &r, target);
    }
    gt_item_finish(&it);
    row_free(&r);
    return rc;
}

/* Writing a draft into the store. */
struct writer {
    struct gt_db *db;
    const struct gt_import_opts *opts;
    struct gt_import_result *result;
    struct gt_ctx *ctx;
    const struct gt_plan_draft *draft;
    int64_t plan_id;
    int64_t *ids; /* the stored id of each draft item */
    long n_errors;
};

static enum gt_rc
resolve_links(struct writer *w)
{
    const struct gt_plan_draft *d = w->draft;
    for (size_t i = 0; i < d->n_links; i++) {
        const struct pending_link *l = &d->links[i];
        const char *colon = strchr(l->target, ':');
        char *plan = colon ? xstrndup(l->target, (size_t)(colon - l->target))
                           : xstrdup(w->opts->plan_code);
        const char *ref = colon ? colon + 1 : l->target;
        struct gt_item to;
        struct gt_ctx quiet;
        gt_ctx_init(&quiet);
        enum gt_rc rc =
            gt_db_item_find(w->db, plan, ref, GT_NO_DATE, &to, &quiet);
        if (rc == GT_OK)
            rc = gt_db_link_add(w->db, w->ids[l->from - 1], to.id, &quiet);
        if (rc == GT_OK) {
            w->result->n_links++;
        } else if (rc == GT_NOTFOUND || rc == GT_CONFLICT) {
            gt_err(w->ctx, GT_INVALID, "%s:%ld: %s: %s", d->name, l->line,
                   d->heading_contributes, gt_ctx_last(&quiet));
            w->n_errors++;
            rc = GT_OK;
        } else {
            gt_err(w->ctx, rc, "%s", gt_ctx_last(&quiet));
        }
        gt_item_finish(&to);
        gt_ctx_finish(&quiet);
        free(plan);
        if (rc != GT_OK)
            return rc;
    }
    return GT_OK;
}

/* Find or create the plan; it must hold no items yet. */
static enum gt_rc
prepare_plan(struct writer *w)
{
    struct gt_plan plan;
    struct gt_ctx quiet;
    gt_ctx_init(&quiet);
    enum gt_rc rc = gt_db_plan_get(w->db, w->opts->plan_code, &plan, &quiet);
    gt_ctx_finish(&quiet);
    if (rc == GT_NOTFOUND) {
        gt_plan_init(&plan);
        plan.code = xstrdup(w->opts->plan_code);
        plan.title =
            xstrdup(w->opts->title ? w->opts->title : w->opts->plan_code);
        plan.kind = w->opts->kind;
        rc = gt_db_plan_add(w->db, &plan, w->ctx);
    } else if (rc == GT_OK) {
        struct gt_items items = {0};
        rc = gt_db_plan_items(w->db, plan.id, GT_NO_DATE, &items, w->ctx);
        if (rc == GT_OK && items.n)
            rc = gt_err(w->ctx, GT_CONFLICT,
                        "plan \"%s\" already has %zu items; import into a "
                        "new plan",
                        plan.code, items.n);
        gt_items_finish(&items);
    } else {
        gt_err(w->ctx, rc, "cannot read plan \"%s\"", w->opts->plan_code);
    }
    w->plan_id = plan.id;
    gt_plan_finish(&plan);
    return rc;
}

/* Each item, its parent written before it, then its status. */
static enum gt_rc
write_items(struct writer *w)
{
    const struct gt_plan_draft *d = w->draft;
    for (size_t i = 0; i < d->n; i++) {
        const struct draft_item *di = &d->items[i];
        struct gt_item it = di->item; /* borrowed: the draft owns it */
        it.id = 0;
        it.plan_id = w->plan_id;
        it.parent_id = di->item.parent_id ? w->ids[di->item.parent_id - 1] : 0;
        enum gt_rc rc = gt_db_item_add(w->db, &it, w->ctx);
        if (rc != GT_OK)
            return rc;
        w->ids[i] = it.id;
        w->result->n_items++;
        if (!di->has_status)
            continue;
        rc = gt_db_status_add(w->db, it.id, di->brag, di->commentary,
                              w->opts->by, w->opts->as_of, NULL, w->ctx);
        if (rc != GT_OK)
            return rc;
        w->result->n_updates++;
    }
    return GT_OK;
}

enum gt_rc
gt_plan_draft_write(struct gt_db *db, const struct gt_plan_draft *draft,
                    const struct gt_import_opts *opts,
                    struct gt_import_result *result, struct gt_ctx *ctx)
{
    struct writer w = {
        .db = db, .opts = opts, .result = result, .ctx = ctx, .draft = draft};
    long rows = result->n_rows;
    double read_ms = result->read_ms;
    memset(result, 0, sizeof *result);
    result->n_rows = rows;
    result->read_ms = read_ms;
    w.ids = xcalloc(draft->n ? draft->n : 1, sizeof *w.ids);
    enum gt_rc rc = gt_db_begin(db, ctx);
    if (rc != GT_OK)
        goto out;
    if ((rc = gt_db_bulk_write(db, ctx)) != GT_OK ||
        (rc = prepare_plan(&w)) != GT_OK || (rc = write_items(&w)) != GT_OK ||
        (rc = resolve_links(&w)) != GT_OK)
        goto rollback;
    if (w.n_errors) {
        rc = GT_INVALID;
        goto rollback;
    }
    rc = gt_db_commit(db, ctx);
    goto out;
rollback:
    gt_db_rollback(db);
out:
    free(w.ids);
    if (rc != GT_OK)
        memset(result, 0, sizeof *result);
    return rc;
}

void
gt_plan_draft_free(struct gt_plan_draft *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        gt_item_finish(&d->items[i].item);
        free(d->items[i].commentary);
    }
    for (size_t i = 0; i < d->n_links; i++)
        free(d->links[i].target);
    free(d->items);
    free(d->links);
    free(d->ref_slots);
    free(d->name);
    free(d->heading_contributes);
    free(d);
}

size_t
gt_plan_draft_items(const struct gt_plan_draft *d)
{
    return d ? d->n : 0;
}

const struct gt_item *
gt_plan_draft_item(const struct gt_plan_draft *d, size_t i)
{
    return &d->items[i].item;
}

/* The most rows a plan file may hold: far beyond any council's plan. */
#define IMPORT_MAX_ROWS 2000000

static double
now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

enum gt_rc
gt_plan_draft_read(struct gt_csv *rows, struct gt_plan_draft **out,
                   struct gt_ctx *ctx)
{
    struct gt_plan_draft *d = xcalloc(1, sizeof *d);
    struct importer im = {.draft = d, .ctx = ctx, .csv = rows};
    enum gt_rc rc;
    *out = NULL;
    d->name = xstrdup(gt_csv_name(rows));
    rc = gt_csv_header_read(&im.header, im.csv, columns, C_COUNT, ctx);
    if (rc != GT_OK)
        goto out;
    d->heading_contributes = xstrdup(gt_csv_heading(&im.header, C_CONTRIBUTES));
    for (;;) {
        rc = gt_csv_next(im.csv, ctx);
        if (rc == GT_DONE)
            break;
        if (rc != GT_OK)
            goto out;
        if (++d->n_rows > IMPORT_MAX_ROWS) {
            rc = gt_err(ctx, GT_INVALID,
                        "%s: more than %d rows: far beyond any plan; split "
                        "it into plans",
                        d->name, IMPORT_MAX_ROWS);
            goto out;
        }
        if ((rc = import_row(&im)) != GT_OK)
            goto out;
    }
    rc = im.n_errors ? GT_INVALID : GT_OK;
    /* a draft with problems in its rows is whole: its links can still
     * be checked, so every problem is told at once */
    *out = d;
    d = NULL;
out:
    open_clear(&im.priority);
    open_clear(&im.theme);
    open_clear(&im.action);
    if (d) {
        gt_plan_draft_free(d);
    }
    gt_csv_header_finish(&im.header);
    return rc;
}

/* Whether ref (of the plan being imported) is in the draft. */
static bool
draft_has_ref(const struct gt_plan_draft *d, const char *ref)
{
    return d->n_slots && d->ref_slots[ref_slot(d, ref)];
}

enum gt_rc
gt_plan_draft_check_links(struct gt_db *db, const struct gt_plan_draft *d,
                          const char *plan_code, struct gt_ctx *ctx)
{
    long missing = 0;
    for (size_t i = 0; i < d->n_links; i++) {
        const struct pending_link *l = &d->links[i];
        const char *colon = strchr(l->target, ':');
        char *plan = colon ? xstrndup(l->target, (size_t)(colon - l->target))
                           : xstrdup(plan_code);
        const char *ref = colon ? colon + 1 : l->target;
        enum gt_rc rc = GT_OK;
        if (strcmp(plan, plan_code) == 0) {
            if (!draft_has_ref(d, ref)) {
                gt_err(ctx, GT_INVALID, "%s:%ld: %s: no item %s:%s", d->name,
                       l->line, d->heading_contributes, plan, ref);
                missing++;
            }
        } else {
            struct gt_item to;
            struct gt_ctx quiet;
            gt_ctx_init(&quiet);
            rc = gt_db_item_find(db, plan, ref, GT_NO_DATE, &to, &quiet);
            if (rc == GT_NOTFOUND) {
                gt_err(ctx, GT_INVALID, "%s:%ld: %s: %s", d->name, l->line,
                       d->heading_contributes, gt_ctx_last(&quiet));
                missing++;
                rc = GT_OK;
            } else if (rc != GT_OK) {
                gt_err(ctx, rc, "%s", gt_ctx_last(&quiet));
            }
            gt_item_finish(&to);
            gt_ctx_finish(&quiet);
        }
        free(plan);
        if (rc != GT_OK)
            return rc;
    }
    return missing ? GT_INVALID : GT_OK;
}

enum gt_rc
gt_plan_import_csv(struct gt_db *db, FILE *f, const char *name,
                   const struct gt_import_opts *opts,
                   struct gt_import_result *result, struct gt_ctx *ctx)
{
    struct gt_csv *rows = gt_csv_open(f, name, NULL);
    enum gt_rc rc = gt_plan_import_rows(db, rows, opts, result, ctx);
    gt_csv_close(rows);
    return rc;
}

enum gt_rc
gt_plan_import_rows(struct gt_db *db, struct gt_csv *rows,
                    const struct gt_import_opts *opts,
                    struct gt_import_result *result, struct gt_ctx *ctx)
{
    struct gt_plan_draft *draft = NULL;
    memset(result, 0, sizeof *result);
    /* the whole file is read and checked before the write lock is taken,
     * so the lock is held only while the rows are written */
    double t0 = now_ms();
    enum gt_rc rc = gt_plan_draft_read(rows, &draft, ctx);
    if (draft) {
        /* read only: every missing link is told with the rows' problems */
        enum gt_rc links =
            gt_plan_draft_check_links(db, draft, opts->plan_code, ctx);
        if (rc == GT_OK)
            rc = links;
    }
    if (rc != GT_OK) {
        gt_plan_draft_free(draft);
        return rc;
    }
    double t1 = now_ms();
    result->read_ms = t1 - t0;
    result->n_rows = draft->n_rows;
    rc = gt_plan_draft_write(db, draft, opts, result, ctx);
    if (rc == GT_OK)
        result->lock_ms = now_ms() - t1;
    gt_plan_draft_free(draft);
    return rc;
}
