/*
 * api: the JSON API under /api/v1/, for other systems and scripts.
 *
 * Callers authenticate with "Authorization: Bearer TOKEN" (tokens are
 * made on the command line and stored hashed); cookies are ignored here,
 * so a browser cannot be tricked into calling it and no CSRF token is
 * needed. The same role rules as the pages apply. Errors are JSON with a
 * message and, for a bad field, its name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/plan_io.h"
#include "core/plan_write.h"
#include "core/status.h"
#include "web/page.h"

/* Send doc (stolen) as the response with status. */
static void
send_json(struct web_page *p, int status, json_t *doc)
{
    char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    html_finish(&p->res->page);
    html_init(&p->res->page, WEB_MAX_PAGE);
    p->res->status = status;
    p->res->content_type = "application/json";
    if (text) {
        /* JSON, not HTML: the writer's raw path, no escaping needed */
        html_raw(p->h, text);
        html_lit(p->h, "\n");
    }
    free(text);
    json_decref(doc);
}

void
api_error(struct web_page *p, int status, const char *message,
          const char *field)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "error", json_string(message));
    if (field)
        json_object_set_new(doc, "field", json_string(field));
    p->res->status = status;
    if (web_error_number(p->res))
        json_object_set_new(doc, "error_number", json_string(p->res->error_id));
    send_json(p, status, doc);
}

static json_t *
counts_json(const struct gt_brag_counts *c)
{
    json_t *o = json_object();
    for (int b = GT_BRAG_COUNT - 1; b >= 0; b--)
        json_object_set_new(o, gt_brag_code((enum gt_brag)b),
                            json_integer(c->n[b]));
    return o;
}

void
api_plans(struct web_page *p)
{
    struct gt_plans plans = {0};
    struct gt_rollups counts = {0};
    json_t *list = json_array();
    bool ok = gt_db_plan_list(p->db, &plans, &p->ctx) == GT_OK &&
              gt_db_rollup_each(p->db, GT_SCOPE_PLAN, p->today, &counts,
                                &p->ctx) == GT_OK;
    for (size_t i = 0; ok && i < plans.n; i++) {
        const struct gt_plan *pl = &plans.v[i];
        struct gt_brag_counts c = gt_rollups_of(&counts, pl->code);
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(pl->code));
        json_object_set_new(o, "title", json_string(pl->title));
        json_object_set_new(o, "kind",
                            json_string(gt_plan_kind_code(pl->kind)));
        json_object_set_new(o, "period_from", gt_json_date(pl->period_from));
        json_object_set_new(o, "period_to", gt_json_date(pl->period_to));
        json_object_set_new(o, "review_date", gt_json_date(pl->review_date));
        json_object_set_new(o, "counts", counts_json(&c));
        json_array_append_new(list, o);
    }
    gt_plans_finish(&plans);
    gt_rollups_finish(&counts);
    if (!ok) {
        json_decref(list);
        api_error(p, 500, "the plans could not be read", NULL);
        return;
    }
    json_t *doc = json_object();
    json_object_set_new(doc, "plans", list);
    send_json(p, 200, doc);
}

/* The query value name as a whole number from lo to hi into *v, left as
 * it is when absent; false, with the 400 answered, when it is not one. */
static bool
query_count(struct web_page *p, const char *name, long long lo, long long hi,
            long long *v)
{
    const char *text = web_form_get(&p->query, name);
    if (!text)
        return true;
    char *end;
    errno = 0;
    long long n = strtoll(text, &end, 10);
    if (errno || end == text || *end || n < lo || n > hi) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s must be a whole number from %lld to %lld",
                 name, lo, hi);
        api_error(p, 400, msg, name);
        return false;
    }
    *v = n;
    return true;
}

/* A plan's items come a page at a time in tree order; a client follows
 * "next" (the offset to pass) until it is null. A page of a 12,000-item
 * plan was past the 4 MB a response may be. */
#define API_ITEMS_LIMIT 1000

void
api_plan(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_items items = {0};
    json_t *list, *doc;
    long long limit = API_ITEMS_LIMIT, offset = 0;
    size_t total = 0;
    enum gt_rc rc;
    struct gt_plan_query q = {.as_of = p->today};
    gt_plan_init(&plan);
    if (!query_count(p, "limit", 1, API_ITEMS_LIMIT, &limit) ||
        !query_count(p, "offset", 0, INT32_MAX, &offset))
        goto out;
    rc = gt_db_plan_get(p->db, p->param, &plan, &p->ctx);
    if (rc == GT_NOTFOUND) {
        api_error(p, 404, "no such plan", NULL);
        goto out;
    }
    q.plan_id = plan.id;
    if (rc != GT_OK || gt_db_plan_page(p->db, &q, (size_t)offset, (size_t)limit,
                                       &items, &total, &p->ctx) != GT_OK) {
        api_error(p, 500, "the plan could not be read", NULL);
        goto out;
    }
    list = json_array();
    for (size_t i = 0; i < items.n; i++)
        json_array_append_new(
            list, gt_item_json(&items.v[i], items.v[i].parent_ref, NULL));
    doc = json_object();
    json_object_set_new(doc, "code", json_string(plan.code));
    json_object_set_new(doc, "title", json_string(plan.title));
    json_object_set_new(doc, "kind", json_string(gt_plan_kind_code(plan.kind)));
    json_object_set_new(doc, "as_of", gt_json_date(p->today));
    json_object_set_new(doc, "items", list);
    json_object_set_new(doc, "total", json_integer((json_int_t)total));
    json_object_set_new(
        doc, "next",
        (size_t)offset + items.n < total
            ? json_integer((json_int_t)offset + (json_int_t)items.n)
            : json_null());
    send_json(p, 200, doc);
out:
    gt_items_finish(&items);
    gt_plan_finish(&plan);
}

/* The item the route names; false after an error response. */
static bool
api_load_item(struct web_page *p, struct gt_item *it)
{
    char *end = NULL;
    errno = 0;
    long long id = strtoll(p->param, &end, 10);
    gt_item_init(it);
    if (errno || !end || *end || id <= 0) {
        api_error(p, 404, "no such item", NULL);
        return false;
    }
    enum gt_rc rc = gt_db_item_get(p->db, id, p->today, it, &p->ctx);
    if (rc == GT_NOTFOUND)
        api_error(p, 404, "no such item", NULL);
    else if (rc != GT_OK)
        api_error(p, 500, "the item could not be read", NULL);
    return rc == GT_OK;
}

static json_t *
refs_json(const struct gt_items *list)
{
    json_t *a = json_array();
    for (size_t i = 0; i < list->n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(list->v[i].id));
        json_object_set_new(o, "plan", json_string(list->v[i].plan_code));
        json_object_set_new(o, "ref", json_string(list->v[i].ref));
        json_object_set_new(o, "title", json_string(list->v[i].title));
        json_array_append_new(a, o);
    }
    return a;
}

void
api_item(struct web_page *p)
{
    struct gt_item it;
    struct gt_items up = {0}, down = {0};
    json_t *doc;
    if (!api_load_item(p, &it))
        goto out;
    if (gt_db_links_up(p->db, it.id, p->today, &up, &p->ctx) != GT_OK ||
        gt_db_links_down(p->db, it.id, p->today, &down, &p->ctx) != GT_OK) {
        api_error(p, 500, "the item could not be read", NULL);
        goto out;
    }
    doc = gt_item_json(&it, NULL, NULL);
    json_object_set_new(doc, "parent_id",
                        it.parent_id ? json_integer(it.parent_id)
                                     : json_null());
    json_object_set_new(doc, "contributes_to", refs_json(&up));
    json_object_set_new(doc, "contributed_to_by", refs_json(&down));
    send_json(p, 200, doc);
out:
    gt_items_finish(&up);
    gt_items_finish(&down);
    gt_item_finish(&it);
}

/* A history comes a page at a time; a client follows "next" (the id to
 * pass as from) until it is null. */
#define API_HISTORY_LIMIT 100
#define API_HISTORY_MAX 1000

void
api_history(struct web_page *p)
{
    struct gt_item it;
    struct gt_updates ups = {0};
    json_t *list, *doc;
    long long limit = API_HISTORY_LIMIT, from = 0;
    size_t shown;
    if (!api_load_item(p, &it))
        goto out;
    if (!query_count(p, "limit", 1, API_HISTORY_MAX, &limit) ||
        !query_count(p, "from", 1, INT64_MAX, &from))
        goto out;
    /* one more than asked for, to know whether there is a next page */
    if (gt_db_status_history_page(p->db, it.id, from, (int)limit + 1, &ups,
                                  &p->ctx) != GT_OK) {
        api_error(p, 500, "the history could not be read", NULL);
        goto out;
    }
    if (from && ups.n == 0) {
        api_error(p, 400, "from is not an update of this item", "from");
        goto out;
    }
    shown = ups.n > (size_t)limit ? (size_t)limit : ups.n;
    list = json_array();
    for (size_t i = 0; i < shown; i++) {
        const struct gt_update *u = &ups.v[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(u->id));
        json_object_set_new(o, "status", json_string(gt_brag_code(u->brag)));
        json_object_set_new(o, "as_of", gt_json_date(u->as_of));
        json_object_set_new(o, "commentary",
                            u->commentary ? json_string(u->commentary)
                                          : json_null());
        json_object_set_new(o, "author",
                            u->author ? json_string(u->author) : json_null());
        json_object_set_new(o, "recorded_at", json_string(u->recorded_at));
        json_array_append_new(list, o);
    }
    doc = json_object();
    json_object_set_new(doc, "item", json_integer(it.id));
    json_object_set_new(doc, "updates", list);
    json_object_set_new(doc, "next",
                        ups.n > shown ? json_integer(ups.v[shown].id)
                                      : json_null());
    send_json(p, 200, doc);
out:
    gt_updates_finish(&ups);
    gt_item_finish(&it);
}

/* The API's name for the field a refusal is about. */
static const char *
api_field(enum gt_status_field f)
{
    switch (f) {
    case GT_STATUS_BRAG:
        return "status";
    case GT_STATUS_COMMENTARY:
        return "commentary";
    case GT_STATUS_AS_OF:
        return "as_of";
    case GT_STATUS_EVIDENCE:
    case GT_STATUS_NONE:
        break;
    }
    return NULL;
}

void
api_status(struct web_page *p)
{
    struct gt_item it;
    json_t *body = NULL;
    json_error_t jerr;
    struct gt_status_request req = {.as_of = p->today};
    struct gt_status_outcome out;
    const char *status, *date;
    json_t *comment_j, *earlier_j, *doc;
    enum gt_rc rc;
    if (!api_load_item(p, &it))
        goto out;
    body = json_loadb(p->req->body ? p->req->body : "", p->req->body_len,
                      JSON_REJECT_DUPLICATES, &jerr);
    if (!body || !json_is_object(body)) {
        api_error(p, 400, "the body must be a JSON object", NULL);
        goto out;
    }
    status = json_string_value(json_object_get(body, "status"));
    comment_j = json_object_get(body, "commentary");
    req.commentary = json_string_value(comment_j);
    date = json_string_value(json_object_get(body, "as_of"));
    earlier_j = json_object_get(body, "earlier");
    req.earlier_ok = json_is_true(earlier_j);
    req.author = p->user.person ? p->user.person : p->user.display_name;
    /* the JSON's own shapes; every other rule is the core's */
    if (!status || !gt_brag_parse(status, &req.brag)) {
        api_error(p, 400,
                  "status must be blue, green, amber, red or "
                  "not_rated",
                  "status");
        goto out;
    }
    if (comment_j && !json_is_null(comment_j) && !req.commentary) {
        api_error(p, 400, "commentary must be text", "commentary");
        goto out;
    }
    if (earlier_j && !json_is_boolean(earlier_j)) {
        api_error(p, 400, "earlier must be true or false", "earlier");
        goto out;
    }
    if (json_object_get(body, "as_of") &&
        (!date || !gt_date_parse_iso(date, &req.as_of))) {
        api_error(p, 400, "as_of must be a date (YYYY-MM-DD)", "as_of");
        goto out;
    }
    rc = gt_status_record(p->db, &p->user, &it, p->today, &req, &out, &p->ctx);
    if (rc == GT_FORBIDDEN) {
        api_error(p, 403, gt_ctx_last(&p->ctx), NULL);
        goto out;
    }
    if (rc == GT_INVALID) {
        api_error(p, 400, gt_ctx_last(&p->ctx), api_field(out.field));
        goto out;
    }
    if (rc == GT_CONFLICT) {
        api_error(p, 409, gt_ctx_last(&p->ctx), "as_of");
        goto out;
    }
    if (rc != GT_OK) {
        api_error(p, 500, "the update was not saved", NULL);
        goto out;
    }
    doc = json_object();
    json_object_set_new(doc, "id", json_integer(out.update_id));
    json_object_set_new(doc, "item", json_integer(it.id));
    json_object_set_new(doc, "status", json_string(gt_brag_code(req.brag)));
    json_object_set_new(doc, "as_of", gt_json_date(req.as_of));
    json_object_set_new(doc, "current", json_boolean(out.is_current));
    json_object_set_new(doc, "current_status",
                        json_string(gt_brag_code(out.current)));
    json_object_set_new(doc, "current_as_of", gt_json_date(out.current_as_of));
    send_json(p, 201, doc);
out:
    json_decref(body);
    gt_item_finish(&it);
}

/* The body as a JSON object, or a 400 answered. */
static json_t *
api_body(struct web_page *p)
{
    json_error_t jerr;
    json_t *body = json_loadb(p->req->body ? p->req->body : "",
                              p->req->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!body || !json_is_object(body)) {
        json_decref(body);
        api_error(p, 400, "the body must be a JSON object", NULL);
        return NULL;
    }
    return body;
}

/* An optional date member: absent or null is no date. false when it is
 * there but not a date. */
static bool
api_date(json_t *body, const char *name, int32_t *out)
{
    json_t *v = json_object_get(body, name);
    *out = GT_NO_DATE;
    if (!v || json_is_null(v))
        return true;
    return json_is_string(v) && gt_date_parse_iso(json_string_value(v), out);
}

void
api_plan_create(struct web_page *p)
{
    struct gt_plan plan;
    struct gt_plan_problem problems[GT_PLAN_MAX_PROBLEMS];
    size_t n = 0;
    static const struct {
        const char *member;
        enum gt_plan_field field;
    } dates[] = {{"period_from", GT_PLAN_FIELD_FROM},
                 {"period_to", GT_PLAN_FIELD_TO},
                 {"review_date", GT_PLAN_FIELD_REVIEW}};
    int32_t *date_of[] = {&plan.period_from, &plan.period_to,
                          &plan.review_date};
    const char *code, *title, *kind;
    bool kind_given;
    enum gt_rc rc;
    json_t *doc;
    gt_plan_init(&plan);
    json_t *body = api_body(p);
    if (!body)
        goto out;
    /* the JSON's own shapes; every rule is the core's */
    for (size_t i = 0; i < 3; i++) {
        if (!api_date(body, dates[i].member, date_of[i])) {
            api_error(p, 400, "must be a date (YYYY-MM-DD)", dates[i].member);
            goto out;
        }
    }
    code = json_string_value(json_object_get(body, "code"));
    title = json_string_value(json_object_get(body, "title"));
    kind = json_string_value(json_object_get(body, "kind"));
    kind_given = kind && gt_plan_kind_parse(kind, &plan.kind);
    plan.code = xstrdup(code ? code : "");
    plan.title = xstrdup(title ? title : "");
    rc = gt_plan_create(p->db, &p->user, &plan, kind_given, problems, &n,
                        &p->ctx);
    if (rc == GT_FORBIDDEN) {
        api_error(p, 403, gt_ctx_last(&p->ctx), NULL);
        goto out;
    }
    if ((rc == GT_INVALID || rc == GT_CONFLICT) && n) {
        static const char *const members[] = {
            [GT_PLAN_FIELD_NONE] = NULL,
            [GT_PLAN_FIELD_CODE] = "code",
            [GT_PLAN_FIELD_TITLE] = "title",
            [GT_PLAN_FIELD_KIND] = "kind",
            [GT_PLAN_FIELD_FROM] = "period_from",
            [GT_PLAN_FIELD_TO] = "period_to",
            [GT_PLAN_FIELD_REVIEW] = "review_date"};
        api_error(p, rc == GT_CONFLICT ? 409 : 400, problems[0].message,
                  members[problems[0].field]);
        goto out;
    }
    if (rc != GT_OK) {
        api_error(p, 500, "the plan was not saved", NULL);
        goto out;
    }
    doc = json_object();
    json_object_set_new(doc, "id", json_integer(plan.id));
    json_object_set_new(doc, "code", json_string(plan.code));
    json_object_set_new(doc, "title", json_string(plan.title));
    send_json(p, 201, doc);
out:
    json_decref(body);
    gt_plan_finish(&plan);
}

void
api_link(struct web_page *p)
{
    struct gt_item from, to;
    char *plan = NULL;
    const char *target, *colon;
    enum gt_rc rc;
    json_t *body = NULL, *doc;
    gt_item_init(&to);
    if (!api_load_item(p, &from))
        goto out;
    body = api_body(p);
    if (!body)
        goto out;
    target = json_string_value(json_object_get(body, "contributes_to"));
    colon = target ? strchr(target, ':') : NULL;
    if (!colon || colon == target || !colon[1]) {
        api_error(p, 400, "contributes_to must be PLAN:REF", "contributes_to");
        goto out;
    }
    plan = xstrndup(target, (size_t)(colon - target));
    rc = gt_db_item_find(p->db, plan, colon + 1, p->today, &to, &p->ctx);
    if (rc == GT_NOTFOUND) {
        api_error(p, 404, "there is no such item", "contributes_to");
        goto out;
    }
    if (rc == GT_OK)
        rc = gt_link_create(p->db, &p->user, &from, &to, &p->ctx);
    if (rc == GT_FORBIDDEN || rc == GT_CONFLICT) {
        api_error(p, rc == GT_FORBIDDEN ? 403 : 409, gt_ctx_last(&p->ctx),
                  rc == GT_CONFLICT ? "contributes_to" : NULL);
        goto out;
    }
    if (rc != GT_OK) {
        api_error(p, 500, "the link was not saved", NULL);
        goto out;
    }
    doc = json_object();
    json_object_set_new(doc, "item", json_integer(from.id));
    json_object_set_new(doc, "contributes_to", json_integer(to.id));
    send_json(p, 201, doc);
out:
    json_decref(body);
    free(plan);
    gt_item_finish(&to);
    gt_item_finish(&from);
}
