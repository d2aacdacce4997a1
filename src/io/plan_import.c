/*
 * plan_import: read a plan CSV into the store, all or nothing. See
 * plan_io.h for the shape and docs/formats.md for the rules.
 *
 * Rows are read one at a time and items written as they come, inside one
 * transaction; links ("Contributes to") are resolved after the last row so
 * they may point at items further down. Any problem is collected with its
 * position and reading goes on, so the officer sees every problem at once;
 * at the end the transaction commits only if there were none.
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
    int64_t from;
    char *target; /* "PLAN:REF" or "REF" */
    long line;
};

struct importer {
    struct gt_db *db;
    const struct gt_import_opts *opts;
    struct gt_import_result *result;
    struct gt_ctx *ctx;
    struct gt_csv *csv;
    int64_t plan_id;
    struct gt_csv_header header;
    struct open_item priority, theme, action;
    int n_top; /* items at the top of the plan */
    struct pending_link *links;
    size_t n_links, alloc_links;
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

/* Store a new item under parent (NULL: the top of the plan). */
static enum gt_rc
add_item(struct importer *im, struct gt_item *it, struct open_item *parent,
         char prefix)
{
    int n = parent && parent->set ? ++parent->n_children : ++im->n_top;
    it->plan_id = im->plan_id;
    it->parent_id = parent && parent->set ? parent->id : 0;
    it->position = n;
    if (!it->ref || !*it->ref) {
        free(it->ref);
        it->ref = child_ref(parent, prefix, n);
    }
    struct gt_ctx quiet;
    gt_ctx_init(&quiet);
    enum gt_rc rc = gt_db_item_add(im->db, it, &quiet);
    if (rc == GT_CONFLICT)
        row_error(im, C_REF, "%s", gt_ctx_last(&quiet));
    else if (rc != GT_OK)
        gt_err(im->ctx, rc, "%s", gt_ctx_last(&quiet));
    gt_ctx_finish(&quiet);
    if (rc == GT_OK)
        im->result->n_items++;
    return rc == GT_CONFLICT ? GT_OK : rc;
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
    enum gt_rc rc =
        gt_db_status_add(im->db, item_id, brag, r->c[C_COMMENTARY],
                         im->opts->by, im->opts->as_of, NULL, im->ctx);
    if (rc == GT_OK)
        im->result->n_updates++;
    return rc;
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
        if (*a && from) {
            if (im->n_links == im->alloc_links) {
                im->alloc_links = im->alloc_links ? im->alloc_links * 2 : 16;
                im->links =
                    xrealloc(im->links, im->alloc_links * sizeof *im->links);
            }
            im->links[im->n_links++] =
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

static enum gt_rc
resolve_links(struct importer *im)
{
    for (size_t i = 0; i < im->n_links; i++) {
        struct pending_link *l = &im->links[i];
        const char *colon = strchr(l->target, ':');
        char *plan = colon ? xstrndup(l->target, (size_t)(colon - l->target))
                           : xstrdup(im->opts->plan_code);
        const char *ref = colon ? colon + 1 : l->target;
        struct gt_item to;
        struct gt_ctx quiet;
        gt_ctx_init(&quiet);
        enum gt_rc rc =
            gt_db_item_find(im->db, plan, ref, GT_NO_DATE, &to, &quiet);
        if (rc == GT_OK)
            rc = gt_db_link_add(im->db, l->from, to.id, &quiet);
        if (rc == GT_OK) {
            im->result->n_links++;
        } else if (rc == GT_NOTFOUND || rc == GT_CONFLICT) {
            gt_err(im->ctx, GT_INVALID, "%s:%ld: %s: %s", gt_csv_name(im->csv),
                   l->line, gt_csv_heading(&im->header, C_CONTRIBUTES),
                   gt_ctx_last(&quiet));
            im->n_errors++;
            rc = GT_OK;
        } else {
            gt_err(im->ctx, rc, "%s", gt_ctx_last(&quiet));
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
prepare_plan(struct importer *im)
{
    struct gt_plan plan;
    struct gt_ctx quiet;
    gt_ctx_init(&quiet);
    enum gt_rc rc = gt_db_plan_get(im->db, im->opts->plan_code, &plan, &quiet);
    gt_ctx_finish(&quiet);
    if (rc == GT_NOTFOUND) {
        gt_plan_init(&plan);
        plan.code = xstrdup(im->opts->plan_code);
        plan.title =
            xstrdup(im->opts->title ? im->opts->title : im->opts->plan_code);
        plan.kind = im->opts->kind;
        rc = gt_db_plan_add(im->db, &plan, im->ctx);
    } else if (rc == GT_OK) {
        struct gt_items items = {0};
        rc = gt_db_plan_items(im->db, plan.id, GT_NO_DATE, &items, im->ctx);
        if (rc == GT_OK && items.n)
            rc = gt_err(im->ctx, GT_CONFLICT,
                        "plan \"%s\" already has %zu items; import into a "
                        "new plan",
                        plan.code, items.n);
        gt_items_finish(&items);
    } else {
        gt_err(im->ctx, rc, "cannot read plan \"%s\"", im->opts->plan_code);
    }
    im->plan_id = plan.id;
    gt_plan_finish(&plan);
    return rc;
}

/* The most text a plan file may hold: far beyond any council's plan. */
#define IMPORT_MAX_TEXT ((size_t)512 << 20)

static double
now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
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
    struct importer im = {
        .db = db,
        .opts = opts,
        .result = result,
        .ctx = ctx,
    };
    enum gt_rc rc;
    struct gt_csv *kept = NULL;
    double t0, t1 = 0;
    memset(result, 0, sizeof *result);
    im.csv = rows;

    rc = gt_csv_header_read(&im.header, im.csv, columns, C_COUNT, ctx);
    if (rc != GT_OK)
        goto out;
    /* the whole file is read (and its structure checked) before the write
     * lock is taken, so the lock is held only while the rows are written */
    t0 = now_ms();
    kept = gt_csv_read_all(rows, IMPORT_MAX_TEXT, ctx);
    if (!kept) {
        rc = GT_INVALID;
        goto out;
    }
    im.csv = kept;
    t1 = now_ms();
    result->read_ms = t1 - t0;
    rc = gt_db_begin(db, ctx);
    if (rc != GT_OK)
        goto out;
    rc = prepare_plan(&im);
    if (rc != GT_OK)
        goto rollback;
    for (;;) {
        rc = gt_csv_next(im.csv, ctx);
        if (rc == GT_DONE)
            break;
        if (rc != GT_OK)
            goto rollback;
        result->n_rows++;
        rc = import_row(&im);
        if (rc != GT_OK)
            goto rollback;
    }
    rc = resolve_links(&im);
    if (rc != GT_OK)
        goto rollback;
    if (im.n_errors) {
        rc = GT_INVALID;
        goto rollback;
    }
    rc = gt_db_commit(db, ctx);
    result->lock_ms = now_ms() - t1;
    goto out;
rollback:
    gt_db_rollback(db);
out:
    gt_csv_close(kept);
    if (rc != GT_OK)
        memset(result, 0, sizeof *result);
    open_clear(&im.priority);
    open_clear(&im.theme);
    open_clear(&im.action);
    for (size_t i = 0; i < im.n_links; i++)
        free(im.links[i].target);
    free(im.links);
    gt_csv_header_finish(&im.header);
    return rc;
}
