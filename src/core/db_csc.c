/*
 * db_csc: child-level records in the store (migration 0006). See db.h.
 *
 * Children are numbered as the records number them (csc_child.id is the
 * number + 1) and so are teams and workers (csc_name), so reading back
 * interns them in id order and every row's numbers hold without a lookup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/hash.h"
#include "core/mem.h"
#include "csc/records.h"

static void
bind_count(struct db_statement *st, const char *name, int16_t v)
{
    if (v < 0)
        db_bind_text(st, name, NULL);
    else
        db_bind_int(st, name, v);
}

static void
bind_yes_no(struct db_statement *st, const char *name, uint8_t v)
{
    if (v == CSC_UNKNOWN)
        db_bind_text(st, name, NULL);
    else
        db_bind_int(st, name, v == CSC_YES);
}

static void
bind_code(struct db_statement *st, const char *name, const char code[3])
{
    db_bind_text(st, name, code[0] ? code : NULL);
}

/* A date of birth kept to its month, as YYYY-MM; buf outlives the step. */
static void
bind_month(struct db_statement *st, const char *name, int32_t v, char buf[16])
{
    if (v == GT_NO_DATE) {
        db_bind_text(st, name, NULL);
        return;
    }
    int y, m, d;
    gt_date_to_ymd(v, &y, &m, &d);
    snprintf(buf, 16, "%04d-%02d", y, m);
    db_bind_text(st, name, buf);
}

static void
bind_who(struct db_statement *st, const struct csc_alloc *who, size_t i)
{
    db_bind_id(st, "$team", who->team[i] + 1);
    db_bind_id(st, "$worker", who->worker[i] + 1);
}

static enum gt_rc
clear_all(struct gt_db *db, struct gt_ctx *ctx)
{
    /* On PostgreSQL a deleted child's row stays until vacuumed, and each
     * child deleted has every list scanned for it, dead rows and all: a
     * second load of 20,000 children took 26 s. TRUNCATE empties them at
     * once (readers of the lists wait for the load to commit). */
    if (!db_engine_is_sqlite(db->engine))
        return db_exec(db,
                       "TRUNCATE csc_contact, csc_referral, csc_assessment, "
                       "csc_s47, csc_cp_plan, csc_care, csc_leaver, csc_child, "
                       "csc_name",
                       ctx);
    /* children last: every list refers to them */
    static const char *const sql[] = {
        "DELETE FROM csc_contact",    "DELETE FROM csc_referral",
        "DELETE FROM csc_assessment", "DELETE FROM csc_s47",
        "DELETE FROM csc_cp_plan",    "DELETE FROM csc_care",
        "DELETE FROM csc_leaver",     "DELETE FROM csc_child",
        "DELETE FROM csc_name"};
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (db_exec(db, sql[i], ctx) != GT_OK)
            return GT_IO;
    return GT_OK;
}

static enum gt_rc
save_names(struct gt_db *db, const struct csc_records *r, const char *key,
           struct gt_ctx *ctx)
{
    enum gt_rc rc = GT_OK;
    for (size_t i = 0; rc == GT_OK && i < r->children.n; i++) {
        const char *id = r->children.text[i];
        char hashed[GT_KEYED_ID_LEN];
        if (!r->hashed && !gt_keyed_id(key, id, strlen(id), hashed))
            return gt_err(ctx, GT_INVALID,
                          "the database's child ID key is not a key");
        struct db_statement *st =
            db_stmt(db, "INSERT INTO csc_child(id, hash) VALUES ($1, $2)", ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$1", (int64_t)i + 1);
        db_bind_text(st, "$2", r->hashed ? id : hashed);
        rc = db_write_later(db, st, "two children have the same hash", ctx);
    }
    for (size_t i = 0; rc == GT_OK && i < r->people.n; i++) {
        struct db_statement *st =
            db_stmt(db, "INSERT INTO csc_name(id, name) VALUES ($1, $2)", ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$1", (int64_t)i + 1);
        db_bind_text(st, "$2", r->people.text[i]);
        rc = db_write_later(db, st, "a name is repeated", ctx);
    }
    return rc;
}

static enum gt_rc
save_front_door(struct gt_db *db, const struct csc_records *r,
                struct gt_ctx *ctx)
{
    enum gt_rc rc = GT_OK;
    const struct csc_contacts *c = &r->contacts;
    for (size_t i = 0; rc == GT_OK && i < c->n; i++) {
        struct db_statement *st =
            db_stmt(db,
                    "INSERT INTO csc_contact(child, "
                    "contact_date) VALUES ($child, $date)",
                    ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$child", c->child[i] + 1);
        db_bind_date(st, "$date", c->date[i]);
        rc = db_write_later(db, st, "", ctx);
    }
    const struct csc_referrals *f = &r->referrals;
    for (size_t i = 0; rc == GT_OK && i < f->n; i++) {
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO csc_referral(child, referral_date, earlier, nfa, "
            "team, worker) VALUES ($child, $date, $earlier, $nfa, $team, "
            "$worker)",
            ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$child", f->child[i] + 1);
        db_bind_date(st, "$date", f->date[i]);
        bind_count(st, "$earlier", f->prior[i]);
        bind_yes_no(st, "$nfa", f->nfa[i]);
        bind_who(st, &f->who, i);
        rc = db_write_later(db, st, "", ctx);
    }
    const struct csc_assessments *a = &r->assessments;
    for (size_t i = 0; rc == GT_OK && i < a->n; i++) {
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO csc_assessment(child, start_date, authorised_date, "
            "team, worker) VALUES ($child, $start, $done, $team, $worker)",
            ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$child", a->child[i] + 1);
        db_bind_date(st, "$start", a->start[i]);
        db_bind_date(st, "$done", a->done[i]);
        bind_who(st, &a->who, i);
        rc = db_write_later(db, st, "", ctx);
    }
    return rc;
}

static enum gt_rc
save_protection(struct gt_db *db, const struct csc_records *r,
                struct gt_ctx *ctx)
{
    enum gt_rc rc = GT_OK;
    const struct csc_s47 *s = &r->s47;
    for (size_t i = 0; rc == GT_OK && i < s->n; i++) {
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO csc_s47(child, start_date, icpc_date, "
            "icpc_unnecessary, icpc_to_plan, team, worker) VALUES ($child, "
            "$start, $icpc, $unnecessary, $to_plan, $team, $worker)",
            ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$child", s->child[i] + 1);
        db_bind_date(st, "$start", s->start[i]);
        db_bind_date(st, "$icpc", s->icpc[i]);
        bind_yes_no(st, "$unnecessary", s->unnecessary[i]);
        bind_yes_no(st, "$to_plan", s->to_plan[i]);
        bind_who(st, &s->who, i);
        rc = db_write_later(db, st, "", ctx);
    }
    const struct csc_plans *p = &r->plans;
    for (size_t i = 0; rc == GT_OK && i < p->n; i++) {
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO csc_cp_plan(child, start_date, end_date, "
            "review_date, earlier, team, worker) VALUES ($child, $start, "
            "$end, $review, $earlier, $team, $worker)",
            ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$child", p->child[i] + 1);
        db_bind_date(st, "$start", p->start[i]);
        db_bind_date(st, "$end", p->end[i]);
        db_bind_date(st, "$review", p->review[i]);
        bind_count(st, "$earlier", p->previous[i]);
        bind_who(st, &p->who, i);
        rc = db_write_later(db, st, "", ctx);
    }
    return rc;
}

static enum gt_rc
save_care(struct gt_db *db, const struct csc_records *r, struct gt_ctx *ctx)
{
    enum gt_rc rc = GT_OK;
    char month[16];
    const struct csc_care *c = &r->care;
    for (size_t i = 0; rc == GT_OK && i < c->n; i++) {
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO csc_care(child, birth_month, start_date, "
            "ceased_date, placed_date, review_date, legal_status, "
            "placements, team, worker) VALUES ($child, $month, $start, "
            "$ceased, $placed, $review, $legal, $placements, $team, $worker)",
            ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$child", c->child[i] + 1);
        bind_month(st, "$month", c->dob[i], month);
        db_bind_date(st, "$start", c->start[i]);
        db_bind_date(st, "$ceased", c->ceased[i]);
        db_bind_date(st, "$placed", c->placed[i]);
        db_bind_date(st, "$review", c->review[i]);
        bind_code(st, "$legal", c->legal[i]);
        bind_count(st, "$placements", c->placements[i]);
        bind_who(st, &c->who, i);
        rc = db_write_later(db, st, "", ctx);
    }
    const struct csc_leavers *l = &r->leavers;
    for (size_t i = 0; rc == GT_OK && i < l->n; i++) {
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO csc_leaver(child, birth_month, suitable, activity, "
            "in_touch) VALUES ($child, $month, $suitable, $activity, "
            "$in_touch)",
            ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$child", l->child[i] + 1);
        bind_month(st, "$month", l->dob[i], month);
        bind_yes_no(st, "$suitable", l->suitable[i]);
        bind_code(st, "$activity", l->activity[i]);
        bind_yes_no(st, "$in_touch", l->in_touch[i]);
        rc = db_write_later(db, st, "", ctx);
    }
    return rc;
}

static long
rows_of(const struct csc_records *r)
{
    return (long)(r->contacts.n + r->referrals.n + r->assessments.n + r->s47.n +
                  r->plans.n + r->care.n + r->leavers.n);
}

enum gt_rc
gt_db_csc_replace(struct gt_db *db, const struct csc_records *r,
                  const char *source, long rejected, struct gt_ctx *ctx)
{
    char *key = NULL;
    struct db_statement *st = NULL;
    /* A load replaces every stored record: one that loaded no row (every
     * row rejected, or headings alone) would wipe them out. */
    if (rows_of(r) == 0)
        return gt_err(ctx, GT_INVALID,
                      "%s: no row was loaded (%ld rejected): the records "
                      "stored before are kept",
                      source, rejected);
    enum gt_rc rc = gt_db_begin(db, ctx);
    if (rc != GT_OK)
        return rc;
    if ((rc = db_child_key(db, true, &key, ctx)) != GT_OK ||
        (rc = clear_all(db, ctx)) != GT_OK ||
        (rc = save_names(db, r, key, ctx)) != GT_OK ||
        (rc = save_front_door(db, r, ctx)) != GT_OK ||
        (rc = save_protection(db, r, ctx)) != GT_OK ||
        (rc = save_care(db, r, ctx)) != GT_OK)
        goto fail;
    st = db_stmt(
        db,
        "INSERT INTO csc_load(loaded_at, actor, source, children, rows, "
        "rejected) VALUES (gt_now(), gt_actor(), $source, $children, $rows, "
        "$rejected)",
        ctx);
    if (!st) {
        rc = GT_IO;
        goto fail;
    }
    db_bind_text(st, "$source", source);
    db_bind_int(st, "$children", (int64_t)r->children.n);
    db_bind_int(st, "$rows", rows_of(r));
    db_bind_int(st, "$rejected", rejected);
    if ((rc = db_write(db, st, "", NULL, ctx)) != GT_OK ||
        (rc = gt_db_commit(db, ctx)) != GT_OK)
        goto fail;
    free(key);
    return GT_OK;
fail:
    gt_db_rollback(db);
    free(key);
    return rc;
}

/* ---- reading back ---------------------------------------------------- */

static int16_t
col_count(struct db_statement *st, int col)
{
    if (db_col_null(st, col))
        return -1;
    int64_t v = db_col_int(st, col);
    return (int16_t)(v < 0 ? -1 : v > INT16_MAX ? INT16_MAX : v);
}

static uint8_t
col_yes_no(struct db_statement *st, int col)
{
    if (db_col_null(st, col))
        return CSC_UNKNOWN;
    return db_col_int32(st, col) ? CSC_YES : CSC_NO;
}

static void
col_code(struct db_statement *st, int col, char out[3])
{
    const char *t = db_col_str(st, col);
    snprintf(out, 3, "%s", t ? t : "");
}

static int32_t
col_month(struct db_statement *st, int col)
{
    const char *t = db_col_str(st, col);
    int y, m;
    if (!t || sscanf(t, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
        return GT_NO_DATE;
    return gt_date_from_ymd(y, m, 1);
}

/* Number of a child, team or worker from its stored id: id - 1, or -1. */
static int32_t
col_number(struct db_statement *st, int col)
{
    if (db_col_null(st, col))
        return -1;
    return (int32_t)db_col_int(st, col) - 1;
}

static void
col_who(struct db_statement *st, int col, struct csc_alloc *who, size_t i)
{
    who->team[i] = col_number(st, col);
    who->worker[i] = col_number(st, col + 1);
}

/* What the readers fill: the records, and whether the numbering broke
 * (ids not 1, 2, 3 ... in order, which no load writes). */
struct reading {
    struct csc_records *r;
    bool broken;
};

static void
read_numbered(struct db_statement *st, struct reading *rd,
              struct csc_names *names)
{
    const char *text = db_col_str(st, 1);
    int32_t n = csc_intern(names, text ? text : "", text ? strlen(text) : 0);
    if (n != (int32_t)db_col_int(st, 0) - 1)
        rd->broken = true;
}

static void
read_child(struct db_statement *st, void *out)
{
    struct reading *rd = out;
    read_numbered(st, rd, &rd->r->children);
}

static void
read_name(struct db_statement *st, void *out)
{
    struct reading *rd = out;
    read_numbered(st, rd, &rd->r->people);
}

static void
read_contact(struct db_statement *st, void *out)
{
    struct csc_contacts *c = &((struct reading *)out)->r->contacts;
    size_t i = csc_contacts_add(c);
    c->child[i] = col_number(st, 0);
    c->date[i] = db_col_date(st, 1);
}

static void
read_referral(struct db_statement *st, void *out)
{
    struct csc_referrals *f = &((struct reading *)out)->r->referrals;
    size_t i = csc_referrals_add(f);
    f->child[i] = col_number(st, 0);
    f->date[i] = db_col_date(st, 1);
    f->prior[i] = col_count(st, 2);
    f->nfa[i] = col_yes_no(st, 3);
    col_who(st, 4, &f->who, i);
}

static void
read_assessment(struct db_statement *st, void *out)
{
    struct csc_assessments *a = &((struct reading *)out)->r->assessments;
    size_t i = csc_assessments_add(a);
    a->child[i] = col_number(st, 0);
    a->start[i] = db_col_date(st, 1);
    a->done[i] = db_col_date(st, 2);
    col_who(st, 3, &a->who, i);
}

static void
read_s47(struct db_statement *st, void *out)
{
    struct csc_s47 *s = &((struct reading *)out)->r->s47;
    size_t i = csc_s47_add(s);
    s->child[i] = col_number(st, 0);
    s->start[i] = db_col_date(st, 1);
    s->icpc[i] = db_col_date(st, 2);
    s->unnecessary[i] = col_yes_no(st, 3);
    s->to_plan[i] = col_yes_no(st, 4);
    col_who(st, 5, &s->who, i);
}

static void
read_plan(struct db_statement *st, void *out)
{
    struct csc_plans *p = &((struct reading *)out)->r->plans;
    size_t i = csc_plans_add(p);
    p->child[i] = col_number(st, 0);
    p->start[i] = db_col_date(st, 1);
    p->end[i] = db_col_date(st, 2);
    p->review[i] = db_col_date(st, 3);
    p->previous[i] = col_count(st, 4);
    col_who(st, 5, &p->who, i);
}

static void
read_care(struct db_statement *st, void *out)
{
    struct csc_care *c = &((struct reading *)out)->r->care;
    size_t i = csc_care_add(c);
    c->child[i] = col_number(st, 0);
    c->dob[i] = col_month(st, 1);
    c->start[i] = db_col_date(st, 2);
    c->ceased[i] = db_col_date(st, 3);
    c->placed[i] = db_col_date(st, 4);
    c->review[i] = db_col_date(st, 5);
    col_code(st, 6, c->legal[i]);
    c->placements[i] = col_count(st, 7);
    col_who(st, 8, &c->who, i);
}

static void
read_leaver(struct db_statement *st, void *out)
{
    struct csc_leavers *l = &((struct reading *)out)->r->leavers;
    size_t i = csc_leavers_add(l);
    l->child[i] = col_number(st, 0);
    l->dob[i] = col_month(st, 1);
    l->suitable[i] = col_yes_no(st, 2);
    col_code(st, 3, l->activity[i]);
    l->in_touch[i] = col_yes_no(st, 4);
}

static enum gt_rc
read_table(struct gt_db *db, struct db_statement *st, db_reader read,
           struct reading *r, struct gt_ctx *ctx)
{
    return st ? db_read_rows(db, st, read, r, ctx) : GT_IO;
}

enum gt_rc
gt_db_csc_read(struct gt_db *db, struct csc_records *r, struct gt_ctx *ctx)
{
    bool loaded;
    enum gt_rc rc = db_step_exists(
        db, db_stmt(db, "SELECT 1 FROM csc_load LIMIT 1", ctx), &loaded, ctx);
    if (rc != GT_OK)
        return rc;
    if (!loaded)
        return gt_err(ctx, GT_NOTFOUND,
                      "no child-level records are loaded (goldthread csc "
                      "load DIR|FILE)");
    struct reading rd = {.r = r};
    r->hashed = true;
    /* one read transaction, so every table is read as one load left it */
    bool began = gt_db_read_begin(db);
    if ((rc = read_table(
             db, db_stmt(db, "SELECT id, hash FROM csc_child ORDER BY id", ctx),
             read_child, &rd, ctx)) != GT_OK ||
        (rc = read_table(
             db, db_stmt(db, "SELECT id, name FROM csc_name ORDER BY id", ctx),
             read_name, &rd, ctx)) != GT_OK ||
        (rc = read_table(db,
                         db_stmt(db,
                                 "SELECT child, contact_date FROM csc_contact "
                                 "ORDER BY rowid",
                                 ctx),
                         read_contact, &rd, ctx)) != GT_OK ||
        (rc = read_table(
             db,
             db_stmt(db,
                     "SELECT child, referral_date, earlier, nfa, team, worker "
                     "FROM csc_referral ORDER BY rowid",
                     ctx),
             read_referral, &rd, ctx)) != GT_OK ||
        (rc = read_table(db,
                         db_stmt(db,
                                 "SELECT child, start_date, authorised_date, "
                                 "team, worker FROM csc_assessment ORDER BY "
                                 "rowid",
                                 ctx),
                         read_assessment, &rd, ctx)) != GT_OK ||
        (rc = read_table(db,
                         db_stmt(db,
                                 "SELECT child, start_date, icpc_date, "
                                 "icpc_unnecessary, icpc_to_plan, team, "
                                 "worker FROM csc_s47 ORDER BY rowid",
                                 ctx),
                         read_s47, &rd, ctx)) != GT_OK ||
        (rc = read_table(db,
                         db_stmt(db,
                                 "SELECT child, start_date, end_date, "
                                 "review_date, earlier, team, worker FROM "
                                 "csc_cp_plan ORDER BY rowid",
                                 ctx),
                         read_plan, &rd, ctx)) != GT_OK ||
        (rc = read_table(db,
                         db_stmt(db,
                                 "SELECT child, birth_month, start_date, "
                                 "ceased_date, placed_date, review_date, "
                                 "legal_status, placements, team, worker "
                                 "FROM csc_care ORDER BY rowid",
                                 ctx),
                         read_care, &rd, ctx)) != GT_OK ||
        (rc = read_table(db,
                         db_stmt(db,
                                 "SELECT child, birth_month, suitable, "
                                 "activity, in_touch FROM csc_leaver ORDER "
                                 "BY rowid",
                                 ctx),
                         read_leaver, &rd, ctx)) != GT_OK)
        goto out;
    if (rd.broken)
        rc = gt_err(ctx, GT_IO,
                    "database: the stored child-level records do not "
                    "agree with each other; load them again");
out:
    if (began)
        gt_db_read_end(db);
    return rc;
}

static void
read_load(struct db_statement *st, void *out)
{
    struct gt_csc_loaded *l = out;
    l->loaded_at = db_col_text(st, 0);
    l->actor = db_col_text(st, 1);
    l->source = db_col_text(st, 2);
    l->children = db_col_int(st, 3);
    l->rows = db_col_int(st, 4);
    l->rejected = db_col_int(st, 5);
}

enum gt_rc
gt_db_csc_last_load(struct gt_db *db, struct gt_csc_loaded *out,
                    struct gt_ctx *ctx)
{
    memset(out, 0, sizeof *out);
    struct db_statement *st =
        db_stmt(db,
                "SELECT loaded_at, actor, source, children, "
                "rows, rejected FROM csc_load ORDER BY id "
                "DESC LIMIT 1",
                ctx);
    return st ? db_read_one(db, st, read_load, out, ctx) : GT_IO;
}

void
gt_csc_loaded_finish(struct gt_csc_loaded *l)
{
    free(l->loaded_at);
    free(l->actor);
    free(l->source);
    memset(l, 0, sizeof *l);
}
