/*
 * plan_snapshot: a plan as it stands, as the JSON document a version
 * keeps, and the differences between two such documents. See
 * snapshot_io.h.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/budget.h"
#include "core/hash.h"
#include "core/kpi.h"
#include "core/mem.h"
#include "core/risk.h"
#include "core/version.h"
#include "io/plan_io.h"
#include "io/snapshot_io.h"

static json_t *
sections_json(const struct gt_sections *s)
{
    json_t *o = json_object();
    for (int k = 0; k < GT_SECTION_COUNT; k++)
        if (s->body[k])
            json_object_set_new(o, gt_section_code((enum gt_section)k),
                                json_string(s->body[k]));
    return o;
}

/* Each period of each of the plan's indicators, small counts of children
 * shown as c (a version may be circulated). */
static enum gt_rc
indicators_json(struct gt_db *db, const char *plan_code, json_t *out,
                struct gt_ctx *ctx)
{
    struct gt_names codes = {0};
    enum gt_rc rc = gt_db_plan_kpis(db, plan_code, &codes, ctx);
    for (size_t i = 0; rc == GT_OK && i < codes.n; i++) {
        struct gt_kpi k;
        struct gt_kpi_values values = {0};
        memset(&k, 0, sizeof k);
        if ((rc = gt_db_kpi_get(db, codes.v[i], &k, ctx)) == GT_OK &&
            (rc = gt_db_kpi_values(db, k.id, &values, ctx)) == GT_OK) {
            gt_kpi_values_suppress(&k, &values);
            for (size_t v = 0; v < values.n; v++) {
                char period[GT_PERIOD_TEXT_LEN], value[64] = "";
                gt_period_format(&values.v[v].period, period);
                if (values.v[v].has_value)
                    gt_value_format(&values.v[v].value, k.decimals, value,
                                    sizeof value);
                json_t *o = json_object();
                json_object_set_new(o, "code", json_string(k.code));
                json_object_set_new(o, "period", json_string(period));
                json_object_set_new(o, "value", json_string(value));
                json_array_append_new(out, o);
            }
        }
        gt_kpi_values_finish(&values);
        gt_kpi_finish(&k);
    }
    gt_names_finish(&codes);
    return rc;
}

static json_t *
budget_json(const struct gt_budget *b)
{
    json_t *lines = json_array();
    for (size_t i = 0; i < b->n_lines; i++) {
        const struct gt_budget_line *l = &b->lines[i];
        json_t *o = json_object();
        json_object_set_new(o, "area", json_string(l->area));
        json_object_set_new(o, "name", json_string(l->name));
        json_object_set_new(o, "gross", json_integer(l->gross));
        json_object_set_new(o, "grants", json_integer(l->grants));
        json_object_set_new(o, "other", json_integer(l->other));
        json_array_append_new(lines, o);
    }
    json_t *o = json_object();
    json_object_set_new(o, "year",
                        b->n_lines ? json_integer(b->year) : json_null());
    json_object_set_new(o, "lines", lines);
    return o;
}

static json_t *
score_json(struct gt_risk_score s)
{
    char text[32];
    if (!s.likelihood)
        return json_null();
    snprintf(text, sizeof text, "%d x %d", s.likelihood, s.impact);
    return json_string(text);
}

static json_t *
risks_json(const struct gt_risks *risks)
{
    json_t *a = json_array();
    for (size_t i = 0; i < risks->n; i++) {
        const struct gt_risk *r = &risks->v[i];
        char review[GT_DATE_ISO_LEN];
        gt_date_iso(r->review, review);
        json_t *o = json_object();
        json_object_set_new(o, "ref", json_string(r->ref));
        json_object_set_new(o, "title", json_string(r->title));
        json_object_set_new(o, "owner",
                            r->owner ? json_string(r->owner) : json_null());
        json_object_set_new(o, "inherent", score_json(r->inherent));
        json_object_set_new(o, "residual", score_json(r->residual));
        json_object_set_new(o, "target", score_json(r->target));
        json_object_set_new(o, "review", json_string(review));
        json_object_set_new(o, "mitigations",
                            json_integer((json_int_t)r->n_mitigations));
        json_array_append_new(a, o);
    }
    return a;
}

enum gt_rc
gt_plan_snapshot(struct gt_db *db, const char *plan_code, int32_t as_of,
                 char **text, char sha256[GT_SHA256_HEX_LEN],
                 struct gt_ctx *ctx)
{
    json_t *doc = NULL, *kpis = json_array();
    struct gt_sections sections = {0};
    struct gt_budget budget = {0};
    struct gt_risks risks = {0};
    *text = NULL;
    enum gt_rc rc = gt_plan_json(db, plan_code, as_of, &doc, ctx);
    if (rc == GT_OK)
        rc = gt_db_sections(db, plan_code, &sections, ctx);
    if (rc == GT_OK)
        rc = indicators_json(db, plan_code, kpis, ctx);
    if (rc == GT_OK)
        rc = gt_db_budget_current(db, plan_code, as_of, &budget, ctx);
    if (rc == GT_OK)
        rc = gt_db_risks(db, plan_code, &risks, ctx);
    if (rc == GT_OK) {
        json_object_set_new(doc, "sections", sections_json(&sections));
        json_object_set(doc, "indicators", kpis);
        json_object_set_new(doc, "budget", budget_json(&budget));
        json_object_set_new(doc, "risks", risks_json(&risks));
        *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (!*text)
            rc = gt_err(ctx, GT_IO, "out of memory");
        else
            gt_sha256_hex(*text, strlen(*text), sha256);
    }
    json_decref(doc);
    json_decref(kpis);
    gt_sections_finish(&sections);
    gt_budget_finish(&budget);
    gt_risks_finish(&risks);
    return rc;
}

/* ---- differences ------------------------------------------------------ */

static void
add(struct gt_changes *c, const char *where, const char *what,
    const char *before, const char *after)
{
    if (c->n == c->alloc) {
        c->alloc = c->alloc ? c->alloc * 2 : 16;
        c->v = xrealloc(c->v, c->alloc * sizeof *c->v);
    }
    c->v[c->n++] = (struct gt_change){xstrdup(where), xstrdup(what),
                                      xstrdup(before), xstrdup(after)};
}

/* A field's value as text: strings as they are, numbers in pounds or as
 * written, null as "". Caller frees. */
static char *
text_of(const json_t *v, bool pounds)
{
    if (json_is_string(v))
        return xstrdup(json_string_value(v));
    if (json_is_integer(v) && pounds) {
        char digits[32], out[48];
        long long n = json_integer_value(v);
        snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);
        size_t len = strlen(digits), k = 0;
        if (n < 0)
            out[k++] = '-';
        out[k++] = '\xc2';
        out[k++] = '\xa3';
        for (size_t i = 0; i < len; i++) {
            if (i && (len - i) % 3 == 0)
                out[k++] = ',';
            out[k++] = digits[i];
        }
        out[k] = '\0';
        return xstrdup(out);
    }
    if (json_is_integer(v))
        return xasprintf("%lld", (long long)json_integer_value(v));
    return xstrdup("");
}

/* Each named field of two objects that differs. */
static void
fields(struct gt_changes *c, const char *where, const json_t *a,
       const json_t *b, const char *const *names, bool pounds)
{
    for (size_t i = 0; names[i]; i++) {
        char *x = text_of(json_object_get(a, names[i]), pounds),
             *y = text_of(json_object_get(b, names[i]), pounds);
        if (strcmp(x, y) != 0)
            add(c, where, names[i], x, y);
        free(x);
        free(y);
    }
}

/* An element's key: the named fields joined, for matching the two
 * lists. Caller frees. */
static char *
key_of(const json_t *o, const char *const *keys)
{
    char *k0 = text_of(json_object_get(o, keys[0]), false);
    if (!keys[1])
        return k0;
    char *k1 = text_of(json_object_get(o, keys[1]), false);
    char *k = xasprintf("%s %s", k0, k1);
    free(k0);
    free(k1);
    return k;
}

static const json_t *
find(const json_t *list, const char *const *keys, const char *key)
{
    size_t i;
    const json_t *o;
    json_array_foreach(list, i, o)
    {
        char *k = key_of(o, keys);
        bool same = strcmp(k, key) == 0;
        free(k);
        if (same)
            return o;
    }
    return NULL;
}

/* Two lists of objects matched by key: what was added, removed and
 * changed. label names an element ("Item"), title its describing field. */
static void
lists(struct gt_changes *c, const char *label, const json_t *a, const json_t *b,
      const char *const *keys, const char *title, const char *const *names,
      bool pounds)
{
    size_t i;
    const json_t *o;
    json_array_foreach(a, i, o)
    {
        char *k = key_of(o, keys), *where = xasprintf("%s %s", label, k);
        const json_t *other = find(b, keys, k);
        char *t = text_of(json_object_get(o, title), pounds);
        if (!other)
            add(c, where, "removed", t, "");
        else
            fields(c, where, o, other, names, pounds);
        free(t);
        free(k);
        free(where);
    }
    json_array_foreach(b, i, o)
    {
        char *k = key_of(o, keys);
        if (!find(a, keys, k)) {
            char *where = xasprintf("%s %s", label, k),
                 *t = text_of(json_object_get(o, title), pounds);
            add(c, where, "added", "", t);
            free(where);
            free(t);
        }
        free(k);
    }
}

static void
sections(struct gt_changes *c, const json_t *a, const json_t *b)
{
    for (int k = 0; k < GT_SECTION_COUNT; k++) {
        const char *code = gt_section_code((enum gt_section)k);
        char *x = text_of(json_object_get(a, code), false),
             *y = text_of(json_object_get(b, code), false);
        if (strcmp(x, y) != 0)
            add(c, gt_section_title((enum gt_section)k), "text", x, y);
        free(x);
        free(y);
    }
}

enum gt_rc
gt_snapshot_diff(const char *a_text, const char *b_text, struct gt_changes *out,
                 struct gt_ctx *ctx)
{
    static const char *const plan_fields[] = {
        "title",     "kind",        "owner_unit", "period_from",
        "period_to", "review_date", NULL};
    static const char *const item_keys[] = {"ref", NULL};
    static const char *const item_fields[] = {
        "title",    "kind",       "parent", "lead",       "owner",
        "deadline", "monitoring", "status", "commentary", NULL};
    static const char *const kpi_keys[] = {"code", "period", NULL};
    static const char *const kpi_fields[] = {"value", NULL};
    static const char *const line_keys[] = {"area", "name", NULL};
    static const char *const line_fields[] = {"gross", "grants", "other", NULL};
    static const char *const risk_keys[] = {"ref", NULL};
    static const char *const risk_fields[] = {
        "title",  "owner",  "inherent",    "residual",
        "target", "review", "mitigations", NULL};
    json_error_t e;
    json_t *a = json_loads(a_text, 0, &e), *b = json_loads(b_text, 0, &e);
    if (!a || !b) {
        json_decref(a);
        json_decref(b);
        return gt_err(ctx, GT_INVALID,
                      "a version's snapshot cannot be read: "
                      "%s",
                      e.text);
    }
    fields(out, "Plan", json_object_get(a, "plan"), json_object_get(b, "plan"),
           plan_fields, false);
    sections(out, json_object_get(a, "sections"),
             json_object_get(b, "sections"));
    lists(out, "Item", json_object_get(a, "items"), json_object_get(b, "items"),
          item_keys, "title", item_fields, false);
    lists(out, "Indicator", json_object_get(a, "indicators"),
          json_object_get(b, "indicators"), kpi_keys, "value", kpi_fields,
          false);
    json_t *ba = json_object_get(a, "budget"),
           *bb = json_object_get(b, "budget");
    fields(out, "Budget", ba, bb, (const char *const[]){"year", NULL}, false);
    lists(out, "Budget line", json_object_get(ba, "lines"),
          json_object_get(bb, "lines"), line_keys, "gross", line_fields, true);
    lists(out, "Risk", json_object_get(a, "risks"), json_object_get(b, "risks"),
          risk_keys, "title", risk_fields, false);
    json_decref(a);
    json_decref(b);
    return GT_OK;
}

void
gt_changes_finish(struct gt_changes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].where);
        free(c->v[i].what);
        free(c->v[i].before);
        free(c->v[i].after);
    }
    free(c->v);
    memset(c, 0, sizeof *c);
}
