/*
 * db: the store. Every read and write of goldthread's data goes through
 * these functions; no other module sees SQL or the database library.
 *
 * SQLite is the store today (WAL, foreign keys, defensive mode, numbered
 * migrations applied in one transaction, version in PRAGMA user_version).
 * The interface speaks only of the domain (plans, items, links, status
 * updates, evidence) so that a server database can sit behind it later.
 *
 * Writes record who made them: set the actor once per connection with
 * gt_db_set_actor; the audit log is filled by the store itself. Functions
 * that write several rows do so in one transaction; a caller that wants a
 * larger unit (an import) wraps them in gt_db_begin / gt_db_commit.
 *
 * Dates passed as as_of select the latest status update on or before that
 * day; GT_NO_DATE means "latest of all".
 */
#ifndef GT_DB_H
#define GT_DB_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "core/brag.h"
#include "core/ctx.h"
#include "core/plan.h"
#include "core/user.h"
#include "core/version.h"

struct gt_db;

/* One status update as the history shows it. */
struct gt_update {
    int64_t id;
    enum gt_brag brag;
    char *commentary; /* may be NULL; owned */
    char *author;     /* may be NULL; owned */
    int32_t as_of;
    char *recorded_at; /* UTC, ISO 8601; owned */
    char *evidence;    /* file names, "; " between, may be NULL; owned */
};

struct gt_updates {
    struct gt_update *v;
    size_t n;
    size_t alloc;
};
void gt_updates_finish(struct gt_updates *list);

/* Whose work a roll-up counts. */
enum gt_scope {
    GT_SCOPE_PLAN, /* every item of a plan */
    GT_SCOPE_ITEM, /* an item and everything beneath it (theme, priority) */
    GT_SCOPE_LEAD, /* every item a person leads, in any plan */
    GT_SCOPE_UNIT, /* plans owned by a unit or the units beneath it */
};

/* Whether where names a PostgreSQL server (postgresql://...) rather than
 * a database file. */
bool gt_db_is_address(const char *where);
/* The store as messages name it: the file's path, or the server and
 * database without the address (which may hold a password), into out. */
void gt_db_describe(const struct gt_db *db, char *out, size_t len);
/* Open (creating if needed) the database at path (a file, or a
 * postgresql:// address), configure it and bring its schema up to date. On
 * success *out is owned by the caller and closed with gt_db_close. */
enum gt_rc gt_db_open(const char *path, struct gt_db **out,
                      struct gt_ctx *ctx) GT_MUST;
/* Close the connection; NULL is fine. */
void gt_db_close(struct gt_db *db);
/* Who the following writes are recorded against (copied). */
void gt_db_set_actor(struct gt_db *db, const char *actor);
/* Fix "now" (UTC ISO 8601, copied) for recorded times, or NULL for the
 * real clock. Tests and reproducible demos use this. */
void gt_db_set_clock(struct gt_db *db, const char *now);
/* Connections of one process that write to one database take writer,
 * a mutex they share, before SQLite's write lock, so a writer waits its
 * turn asleep on the mutex instead of polling in SQLite's busy handler
 * (which sleeps in steps of up to 100 ms while holding the thread).
 * Other processes still meet SQLite's lock and busy timeout. */
void gt_db_share_writer(struct gt_db *db, pthread_mutex_t *writer);
/* From now on, count the statements run on this connection (not those a
 * trigger runs): how a test shows that a page's reads do not grow with
 * the plan. */
void gt_db_count_statements(struct gt_db *db);
/* How many statements have run since gt_db_count_statements; -1 when
 * not counting. */
long gt_db_statements(const struct gt_db *db);
/* How far the data a page shows has changed, as counts the store keeps
 * in the writing transaction (0016_change_counts.sql): rest counts
 * changes to what belongs to no one plan (indicators, people, units),
 * plan those to one plan's rows, or, for a page of every plan, the sum
 * over plans. Counts only grow, so equal counts mean nothing the page
 * shows was written between the two readings, by any connection or
 * process; a commit elsewhere leaves them be. rest is -1 when the counts
 * cannot be read (no such plan, or a failed read): never equal to good
 * ones. */
struct gt_db_changes {
    int64_t rest, plan;
};
/* For the pages of the plan with code plan_code, or of every plan when
 * plan_code is NULL. */
struct gt_db_changes gt_db_changes(struct gt_db *db, const char *plan_code);
/* The schema version the database is at. */
int gt_db_schema_version(struct gt_db *db);
/* The schema version this build creates. */
int gt_db_schema_latest(void);

/* Open a transaction; inside an open one, a nested one (a savepoint),
 * so that a function with its own transaction can be one step of a
 * caller's. Each begin is ended by one commit or one rollback. */
enum gt_rc gt_db_begin(struct gt_db *db, struct gt_ctx *ctx) GT_MUST;
/* End the innermost transaction keeping its writes (they are durable
 * only when the outermost commits). The outermost rolls back itself when
 * its commit fails; an inner one is left for the caller's rollback. */
enum gt_rc gt_db_commit(struct gt_db *db, struct gt_ctx *ctx) GT_MUST;
/* Undo everything since the innermost gt_db_begin; safe to call when
 * none is open. */
void gt_db_rollback(struct gt_db *db);
/* Read what follows in one transaction, so that a page's reads see the
 * data as it stood at the first of them and take the read lock once;
 * until gt_db_read_end, or a write, which ends it first (writes see the
 * latest data). True when this call began it: false when a transaction
 * (read or write) was open already, or on a failure, which leaves each
 * read its own transaction, as without it. */
bool gt_db_read_begin(struct gt_db *db);
void gt_db_read_end(struct gt_db *db);
/* How many transactions are open (0 when none). */
int gt_db_depth(const struct gt_db *db);
/* For the rest of the outermost open transaction, the items and status
 * updates it adds are audited, and their items' current status kept,
 * when it commits, by one statement a table, not by a trigger a row: the
 * same rows, at a fraction of an import's cost. Rolling back ends it with
 * nothing to catch up. GT_INVALID outside a transaction. */
enum gt_rc gt_db_bulk_write(struct gt_db *db, struct gt_ctx *ctx) GT_MUST;
/* Whether a failure since the last call was another writer holding the
 * lock past the wait (the caller may answer "busy, try again" rather
 * than "broken"); reading clears it. */
bool gt_db_was_busy(struct gt_db *db);

/* Rows in one of the store's tables ("plan", "item", "link",
 * "status_update", "evidence", "person", "audit_log", "organisation",
 * "unit", "kpi", "kpi_value", "kpi_comparator"); GT_INVALID for any other name.
 */
enum gt_rc gt_db_count(struct gt_db *db, const char *table, long *n,
                       struct gt_ctx *ctx) GT_MUST;

/* The organisation's key for children's IDs (hex), kept in its own file
 * (core/child_key.h), made the first time it is asked for. Refused when
 * the file is missing while children hashed with it are stored. The
 * caller frees *key_hex. */
enum gt_rc gt_db_child_key(struct gt_db *db, char **key_hex,
                           struct gt_ctx *ctx) GT_MUST;
/* Keep the child ID key at path (NULL: the one chosen at open, the
 * database's name with ".key"), and move a key an earlier version stored
 * in the database out into it, leaving no copy in the file (a warning on
 * ctx says so). */
enum gt_rc gt_db_use_key_file(struct gt_db *db, const char *path,
                              struct gt_ctx *ctx) GT_MUST;

/* A backup: its size, and the schema version it holds. */
struct gt_db_backup {
    int64_t bytes;
    int schema;
};
/* Copy the database, as it stands when the copy begins, to a new file at
 * path while others go on reading and writing; the copy is one file (no
 * log beside it), passes SQLite's integrity and foreign-key checks, and
 * is named path only once it has. GT_CONFLICT when path exists (never
 * replaced). The child ID key is not in it (see child_key.h). */
enum gt_rc gt_db_backup(struct gt_db *db, const char *path,
                        struct gt_db_backup *out, struct gt_ctx *ctx) GT_MUST;

/* Child-level records (csc/records.h) in the store. */
struct csc_records;
/* Replace the stored records with r, in one transaction, and record the
 * load (source: the file or folder named; rejected: rows refused). Child
 * IDs are stored only as keyed hashes (gt_db_child_key), hashed here
 * unless r->hashed. GT_INVALID, with nothing changed, when r holds no
 * row: a load that read nothing never empties the store. */
enum gt_rc gt_db_csc_replace(struct gt_db *db, const struct csc_records *r,
                             const char *source, long rejected,
                             struct gt_ctx *ctx) GT_MUST;
/* Read the stored records into r (zeroed by the caller; finish with
 * csc_records_finish); children come back as their hashes, r->hashed set.
 * GT_NOTFOUND, with a message, when nothing has been loaded. */
enum gt_rc gt_db_csc_read(struct gt_db *db, struct csc_records *r,
                          struct gt_ctx *ctx) GT_MUST;
/* The latest load. */
struct gt_csc_loaded {
    char *loaded_at, *actor, *source; /* owned */
    long children, rows, rejected;
};
/* GT_NOTFOUND (no message) when nothing has been loaded. */
enum gt_rc gt_db_csc_last_load(struct gt_db *db, struct gt_csc_loaded *out,
                               struct gt_ctx *ctx) GT_MUST;
void gt_csc_loaded_finish(struct gt_csc_loaded *l);

/* Revenue budgets (core/budget.h). */
struct gt_budget;
/* Replace plan_code's budget for b->year with b, in one transaction
 * (audited line by line). GT_NOTFOUND when there is no such plan. */
enum gt_rc gt_db_budget_replace(struct gt_db *db, const char *plan_code,
                                const struct gt_budget *b,
                                struct gt_ctx *ctx) GT_MUST;
/* plan_code's budget for the year starting in year into *out (the callee
 * initialises; finish with gt_budget_finish). GT_NOTFOUND, with a
 * message, for no such plan or no budget that year. */
enum gt_rc gt_db_budget_get(struct gt_db *db, const char *plan_code, int year,
                            struct gt_budget *out, struct gt_ctx *ctx) GT_MUST;

/* Record b's forecasts for b->month_end (each area's replacing any for
 * that month), in one transaction. */
enum gt_rc gt_db_budget_forecast_set(struct gt_db *db, const char *plan_code,
                                     const struct gt_budget *b,
                                     struct gt_ctx *ctx) GT_MUST;
/* Into b (its year set): the forecasts of the latest month ending on or
 * before as_of, and that month in b->month_end (GT_NO_DATE for none). */
enum gt_rc gt_db_budget_forecasts(struct gt_db *db, const char *plan_code,
                                  int32_t as_of, struct gt_budget *b,
                                  struct gt_ctx *ctx) GT_MUST;
/* The years (first calendar years) plan_code has a budget for, latest
 * first, into years[max]; *n gets how many. */
enum gt_rc gt_db_budget_years(struct gt_db *db, const char *plan_code,
                              int *years, size_t max, size_t *n,
                              struct gt_ctx *ctx) GT_MUST;

/* The budget of as_of's financial year, or the latest before it, with
 * its latest forecasts by as_of; none (out left empty) is not an error. */
enum gt_rc gt_db_budget_current(struct gt_db *db, const char *plan_code,
                                int32_t as_of, struct gt_budget *out,
                                struct gt_ctx *ctx) GT_MUST;

/* The council's budget RAG thresholds (the defaults when not set); every
 * budget read carries them. */
struct gt_budget_thresholds;
enum gt_rc gt_db_budget_thresholds(struct gt_db *db,
                                   struct gt_budget_thresholds *out,
                                   struct gt_ctx *ctx) GT_MUST;
/* Set them, audited; GT_INVALID unless 0 <= amber <= red <= 100%. */
enum gt_rc gt_db_budget_thresholds_set(struct gt_db *db,
                                       const struct gt_budget_thresholds *th,
                                       struct gt_ctx *ctx) GT_MUST;

/* The risk register (core/risk.h). */
struct gt_risks;
/* Replace plan_code's register with risks, in one transaction; owners are
 * people, added when new; links name items as PLAN:REF (GT_NOTFOUND for
 * one that does not exist, and nothing is changed). */
enum gt_rc gt_db_risks_replace(struct gt_db *db, const char *plan_code,
                               const struct gt_risks *risks,
                               struct gt_ctx *ctx) GT_MUST;
/* Append plan_code's risks, in register order, with their mitigations and
 * links. */
enum gt_rc gt_db_risks(struct gt_db *db, const char *plan_code,
                       struct gt_risks *out, struct gt_ctx *ctx) GT_MUST;

/* Workforce figures (core/workforce.h). */
struct gt_workforce_list;
/* Record each unit's period, replacing one given before, in one
 * transaction. GT_NOTFOUND for no such plan. */
enum gt_rc gt_db_workforce_set(struct gt_db *db, const char *plan_code,
                               const struct gt_workforce_list *list,
                               struct gt_ctx *ctx) GT_MUST;
/* Append each unit's latest period ending by as_of, in the order first
 * recorded. */
enum gt_rc gt_db_workforce(struct gt_db *db, const char *plan_code,
                           int32_t as_of, struct gt_workforce_list *out,
                           struct gt_ctx *ctx) GT_MUST;

/* Caseloads (core/caseload.h). */
struct gt_caseloads;
struct gt_caseload_policy;
/* Record list (a snapshot on list->as_at) for the plan, replacing any
 * snapshot of that date, in one transaction. GT_NOTFOUND for no plan. */
enum gt_rc gt_db_caseload_set(struct gt_db *db, const char *plan_code,
                              const struct gt_caseloads *list,
                              struct gt_ctx *ctx) GT_MUST;
/* Append the latest snapshot on or before as_of (out->as_at GT_NO_DATE
 * when there is none), in the order recorded. */
enum gt_rc gt_db_caseloads(struct gt_db *db, const char *plan_code,
                           int32_t as_of, struct gt_caseloads *out,
                           struct gt_ctx *ctx) GT_MUST;
/* The policy's bands as the council has set them. */
enum gt_rc gt_db_caseload_policy(struct gt_db *db,
                                 struct gt_caseload_policy *out,
                                 struct gt_ctx *ctx) GT_MUST;
/* Set one band's range; GT_INVALID unless 0 <= low <= high <= 1000. */
enum gt_rc gt_db_caseload_policy_set(struct gt_db *db, int band, int low,
                                     int high, struct gt_ctx *ctx) GT_MUST;

/* Plan versions, approvals and sections (core/version.h). */
struct gt_sections;
struct gt_version;
struct gt_versions;
struct gt_approval;
/* The plan's sections (out zeroed by the caller). */
enum gt_rc gt_db_sections(struct gt_db *db, const char *plan_code,
                          struct gt_sections *out, struct gt_ctx *ctx) GT_MUST;
/* Write one section (enum gt_section); NULL or "" removes it. */
enum gt_rc gt_db_section_set(struct gt_db *db, const char *plan_code,
                             int section, const char *body,
                             struct gt_ctx *ctx) GT_MUST;
/* Store v (author, note, review date, circulation, snapshot and its
 * sha256) as the plan's next version, a draft; *number gets its number. */
enum gt_rc gt_db_version_create(struct gt_db *db, const char *plan_code,
                                const struct gt_version *v, int *number,
                                struct gt_ctx *ctx) GT_MUST;
/* The plan's versions in number order, with approvals, without
 * snapshots. */
enum gt_rc gt_db_versions(struct gt_db *db, const char *plan_code,
                          struct gt_versions *out, struct gt_ctx *ctx) GT_MUST;
/* One version with its snapshot and approvals; GT_NOTFOUND with a
 * message when there is none. */
enum gt_rc gt_db_version_get(struct gt_db *db, const char *plan_code,
                             int number, struct gt_version *out,
                             struct gt_ctx *ctx) GT_MUST;
/* Record an approval of the version (a draft becomes approved);
 * GT_CONFLICT when it is published or archived. */
enum gt_rc gt_db_version_approve(struct gt_db *db, const char *plan_code,
                                 int number, const char *body, const char *by,
                                 int32_t on, struct gt_ctx *ctx) GT_MUST;
/* Move the version to status to (gt_version_may_become); publishing
 * archives the version published before. GT_CONFLICT when it may not. */
enum gt_rc gt_db_version_status(struct gt_db *db, const char *plan_code,
                                int number, enum gt_version_status to,
                                struct gt_ctx *ctx) GT_MUST;

/* Set the organisation's name and codes (there is one per database). */
enum gt_rc gt_db_org_set(struct gt_db *db, const char *name,
                         const char *ons_code, const char *la_code,
                         struct gt_ctx *ctx) GT_MUST;
/* The organisation's name (caller frees), or NULL when none is set. */
enum gt_rc gt_db_org_name(struct gt_db *db, char **name,
                          struct gt_ctx *ctx) GT_MUST;
/* Add a unit under parent (NULL for the top). kind: directorate, division,
 * service or team. */
enum gt_rc gt_db_unit_add(struct gt_db *db, const char *name, const char *kind,
                          const char *parent, struct gt_ctx *ctx) GT_MUST;

/* The id of the person with this name, adding them if new. */
enum gt_rc gt_db_person_ensure(struct gt_db *db, const char *name, int64_t *id,
                               struct gt_ctx *ctx) GT_MUST;

/* Store a new plan; sets plan->id. GT_CONFLICT when the code is taken,
 * GT_NOTFOUND when owner_unit names no unit. */
enum gt_rc gt_db_plan_add(struct gt_db *db, struct gt_plan *plan,
                          struct gt_ctx *ctx) GT_MUST;
/* Load the plan with this code into *out (initialised by the callee;
 * finish with gt_plan_finish). GT_NOTFOUND when there is none. */
enum gt_rc gt_db_plan_get(struct gt_db *db, const char *code,
                          struct gt_plan *out, struct gt_ctx *ctx) GT_MUST;
/* Append every plan, ordered by code, to *out. */
enum gt_rc gt_db_plan_list(struct gt_db *db, struct gt_plans *out,
                           struct gt_ctx *ctx) GT_MUST;

/* Store a new item; sets item->id. Lead and owner are people's names,
 * added when new. The deadline is stored from item->deadline and
 * item->deadline_text. GT_CONFLICT when the ref is taken in the plan. */
enum gt_rc gt_db_item_add(struct gt_db *db, struct gt_item *item,
                          struct gt_ctx *ctx) GT_MUST;
/* Change an item's title, description, lead, owner, deadline, monitoring
 * and source (kind, ref, place and plan stay). The audit log keeps the
 * item before and after. GT_NOTFOUND when there is no such item. */
enum gt_rc gt_db_item_update(struct gt_db *db, const struct gt_item *item,
                             struct gt_ctx *ctx) GT_MUST;
/* Append every item of a plan to *out, parents before children and
 * siblings in order, with the status as of as_of. */
enum gt_rc gt_db_plan_items(struct gt_db *db, int64_t plan_id, int32_t as_of,
                            struct gt_items *out, struct gt_ctx *ctx) GT_MUST;
/* Which of a plan's items a page of its table lists, and in what order:
 * the filters are all optional (NULL or false for any). */
enum gt_plan_order {
    GT_ORDER_TREE,     /* parents before children, siblings in order */
    GT_ORDER_DEADLINE, /* soonest first, none last */
    GT_ORDER_STATUS,   /* red first: what needs attention */
    GT_ORDER_LEAD,     /* by lead's name, none last */
};
struct gt_plan_query {
    int64_t plan_id;
    int32_t as_of;              /* statuses as of this day; overdue before it */
    const enum gt_brag *status; /* only rated work with this status */
    const enum gt_item_kind *kind;
    const char *lead; /* only items this person leads */
    bool overdue;     /* only work past its deadline and not blue */
    enum gt_plan_order order;
    /* only what a plan's table shows: no plan code, description, source,
     * commentary, status date or parent's ref, the owner only where
     * there is no lead */
    bool brief;
};
/* How many of the plan's items match q into *total, and the matches from
 * offset (0 first) up to limit of them into *out in q's order, each with
 * its depth and parent's ref; ties keep the plan's order. Each row's
 * place numbers the rows in the plan's order from offset: for the plan's
 * own order with nothing filtered, its place in the whole plan. A page's
 * cost grows with the rows it shows, not with the plan (db_plan_page.c). */
enum gt_rc gt_db_plan_page(struct gt_db *db, const struct gt_plan_query *q,
                           size_t offset, size_t limit, struct gt_items *out,
                           size_t *total, struct gt_ctx *ctx) GT_MUST;
/* The committee report's reads (db_report.c), each a set, so that the
 * report page reads what it shows and the downloads every row. */
struct gt_report_top {
    int64_t id;
    char *ref, *title;            /* owned */
    struct gt_brag_counts counts; /* the counted work beneath it, and itself
                                   * when it is counted */
};
struct gt_report_tally {
    struct gt_report_top *tops; /* the plan's top-level items, in order */
    size_t n_tops;
    struct gt_brag_counts counts; /* all the plan's counted work */
    long achieved; /* counted work Blue on the day and not on since */
    long overdue;  /* counted work overdue on the day (gt_deadline_overdue) */
};
void gt_report_tally_finish(struct gt_report_tally *t);
/* The plan's counted work (gt_items_rollup's rule) by status as of
 * as_of, under each top-level item and in all, in one pass. */
enum gt_rc gt_db_report_tally(struct gt_db *db, int64_t plan_id, int32_t as_of,
                              int32_t since, struct gt_report_tally *out,
                              struct gt_ctx *ctx) GT_MUST;
/* Which of the plan's counted work a list of the report holds. */
enum gt_report_list {
    GT_REPORT_ACHIEVED, /* Blue on the day and not on since */
    GT_REPORT_RED,
    GT_REPORT_AMBER,
    GT_REPORT_OVERDUE, /* gt_deadline_overdue on the day */
};
/* Append the first limit items of the list (SIZE_MAX: all) to *out in
 * the plan's order, with their status as of as_of. */
enum gt_rc gt_db_report_list(struct gt_db *db, int64_t plan_id,
                             enum gt_report_list which, int32_t as_of,
                             int32_t since, size_t limit, struct gt_items *out,
                             struct gt_ctx *ctx) GT_MUST;
/* Work falling due in a time, soonest first. */
struct gt_report_due {
    int64_t id;
    int32_t due; /* the next due day after as_of (gt_deadline_next_due) */
};
struct gt_report_dues {
    struct gt_report_due *v;
    size_t n;
};
/* Every piece of the plan's counted work not Blue on as_of whose next
 * deadline after as_of is no later than until, soonest first and of one
 * day in the plan's order. Reads ids and deadlines, not the items. */
enum gt_rc gt_db_report_due(struct gt_db *db, int64_t plan_id, int32_t as_of,
                            int32_t until, struct gt_report_dues *out,
                            struct gt_ctx *ctx) GT_MUST;
/* Append the n items of due, in its order, with their status as of as_of,
 * in one statement. */
enum gt_rc gt_db_report_due_items(struct gt_db *db,
                                  const struct gt_report_due *due, size_t n,
                                  int32_t as_of, struct gt_items *out,
                                  struct gt_ctx *ctx) GT_MUST;

/* Load the item "PLAN:REF" into *out (callee initialises). GT_NOTFOUND
 * when there is no such plan or ref. */
enum gt_rc gt_db_item_find(struct gt_db *db, const char *plan_code,
                           const char *ref, int32_t as_of, struct gt_item *out,
                           struct gt_ctx *ctx) GT_MUST;
/* Load the item with this id into *out (callee initialises). */
enum gt_rc gt_db_item_get(struct gt_db *db, int64_t id, int32_t as_of,
                          struct gt_item *out, struct gt_ctx *ctx) GT_MUST;
/* How many items are directly beneath parent_id in the plan (0: at its
 * top), without reading them. */
enum gt_rc gt_db_item_child_count(struct gt_db *db, int64_t plan_id,
                                  int64_t parent_id, long *n,
                                  struct gt_ctx *ctx) GT_MUST;
/* Append the items directly beneath item_id, in order. */
enum gt_rc gt_db_item_children(struct gt_db *db, int64_t item_id, int32_t as_of,
                               struct gt_items *out,
                               struct gt_ctx *ctx) GT_MUST;
/* Append up to limit (-1: all) items of work overdue on as_of
 * (gt_deadline_overdue: due before it, not ongoing or recurring, not
 * blue; never priorities or themes), optionally only those led by lead
 * and in plan plan_code (NULL for any), longest overdue first, of two due
 * on one day the one added first. Reads no more than it shows, whatever
 * the number overdue. */
enum gt_rc gt_db_items_overdue(struct gt_db *db, int32_t as_of,
                               const char *lead, const char *plan_code,
                               long limit, struct gt_items *out,
                               struct gt_ctx *ctx) GT_MUST;

/* Record that from contributes to to. GT_CONFLICT when the link exists or
 * would make the thread loop back on itself. */
enum gt_rc gt_db_link_add(struct gt_db *db, int64_t from, int64_t to,
                          struct gt_ctx *ctx) GT_MUST;
/* A link up from an item, its target named "PLAN:REF". */
struct gt_link_ref {
    int64_t from;
    char *target; /* owned */
};
struct gt_link_refs {
    struct gt_link_ref *v;
    size_t n, alloc;
};
void gt_link_refs_finish(struct gt_link_refs *list);
/* Append every link up from the items of a plan, by the item's id and
 * then in gt_db_links_up's order: one statement for the whole plan, so
 * an export costs the same a link whatever the plan's size. */
enum gt_rc gt_db_plan_links_up(struct gt_db *db, int64_t plan_id,
                               struct gt_link_refs *out,
                               struct gt_ctx *ctx) GT_MUST;
/* Append the items item_id contributes to. */
enum gt_rc gt_db_links_up(struct gt_db *db, int64_t item_id, int32_t as_of,
                          struct gt_items *out, struct gt_ctx *ctx) GT_MUST;
/* Append the items that contribute to item_id. */
enum gt_rc gt_db_links_down(struct gt_db *db, int64_t item_id, int32_t as_of,
                            struct gt_items *out, struct gt_ctx *ctx) GT_MUST;

/* Append a status update; *update_id (may be NULL) receives its id. The
 * author is a person's name (added when new) or NULL. */
enum gt_rc gt_db_status_add(struct gt_db *db, int64_t item_id,
                            enum gt_brag brag, const char *commentary,
                            const char *author, int32_t as_of,
                            int64_t *update_id, struct gt_ctx *ctx) GT_MUST;
/* The item's current update (the latest day described; of two for one
 * day, the later recorded): *update_id 0 and *as_of GT_NO_DATE when it
 * has none. */
enum gt_rc gt_db_status_current(struct gt_db *db, int64_t item_id,
                                int64_t *update_id, enum gt_brag *brag,
                                int32_t *as_of, struct gt_ctx *ctx) GT_MUST;
/* Append an item's updates by the day each describes, latest first (the
 * current one first). */
enum gt_rc gt_db_status_history(struct gt_db *db, int64_t item_id,
                                struct gt_updates *out,
                                struct gt_ctx *ctx) GT_MUST;
/* Append at most limit of them, in the same order, starting at the update
 * from (0 for the current one); none when from is not one of the item's
 * updates. A page costs what it shows, however long the history. */
enum gt_rc gt_db_status_history_page(struct gt_db *db, int64_t item_id,
                                     int64_t from, int limit,
                                     struct gt_updates *out,
                                     struct gt_ctx *ctx) GT_MUST;
/* Store a piece of evidence against an item and (optionally, 0 for none)
 * one of its updates. sha256 is 64 lower-case hex digits. */
enum gt_rc gt_db_evidence_add(struct gt_db *db, int64_t item_id,
                              int64_t update_id, const char *file_name,
                              const char *media_type, const void *data,
                              size_t len, const char *sha256,
                              struct gt_ctx *ctx) GT_MUST;

/* Evidence as listed beside an item's history. */
struct gt_evidence {
    int64_t id;
    int64_t update_id; /* 0 when not tied to an update */
    char *file_name;   /* owned */
    char *media_type;  /* owned */
    long size;
    char *sha256; /* owned */
};
struct gt_evidence_list {
    struct gt_evidence *v;
    size_t n;
    size_t alloc;
};
void gt_evidence_list_finish(struct gt_evidence_list *list);
/* Append an item's evidence, newest first. */
enum gt_rc gt_db_evidence_of_item(struct gt_db *db, int64_t item_id,
                                  struct gt_evidence_list *out,
                                  struct gt_ctx *ctx) GT_MUST;
/* Load one piece of evidence: its details into *meta (caller finishes the
 * list it is pushed on) and its content into a new buffer *data (caller
 * frees) of *len bytes; *item_id gets the item it belongs to. */
enum gt_rc gt_db_evidence_get(struct gt_db *db, int64_t id,
                              struct gt_evidence_list *meta, int64_t *item_id,
                              void **data, size_t *len,
                              struct gt_ctx *ctx) GT_MUST;

/* Count the rated work in a scope by current status as of as_of. Only
 * items at the bottom of the tree are counted (an action with milestones
 * is counted through its milestones), and never priorities or themes, so
 * no piece of work is counted twice. The scope is named by a plan code
 * (GT_SCOPE_PLAN), "PLAN:REF" (GT_SCOPE_ITEM), a person's name
 * (GT_SCOPE_LEAD) or a unit's name (GT_SCOPE_UNIT). */
enum gt_rc gt_db_rollup(struct gt_db *db, enum gt_scope scope, const char *name,
                        int32_t as_of, struct gt_brag_counts *out,
                        struct gt_ctx *ctx) GT_MUST;

/* The roll-up (gt_db_rollup's rule) of every plan (GT_SCOPE_PLAN, by
 * code) or every lead (GT_SCOPE_LEAD, by name) at once, in a few
 * statements whatever their number: lists of plans and people read their
 * counts here. Sorted by name for gt_rollups_of. */
struct gt_rollup {
    char *name; /* owned */
    struct gt_brag_counts counts;
};
struct gt_rollups {
    struct gt_rollup *v;
    size_t n;
    size_t alloc;
};
enum gt_rc gt_db_rollup_each(struct gt_db *db, enum gt_scope scope,
                             int32_t as_of, struct gt_rollups *out,
                             struct gt_ctx *ctx) GT_MUST;
/* The counts of name in list: all zero when it has no counted work. */
struct gt_brag_counts gt_rollups_of(const struct gt_rollups *list,
                                    const char *name);
void gt_rollups_finish(struct gt_rollups *list);

/* Where effort is directed: for each corporate outcome, the work in each
 * other plan that serves it, through the tree and links, counted by
 * status as the roll-ups count (db_thread.c). */
struct gt_matrix {
    struct gt_items outcomes;     /* corporate outcomes, rows */
    struct gt_plans plans;        /* every plan but corporate ones, columns */
    struct gt_brag_counts *cells; /* outcomes.n x plans.n, row by row */
};
enum gt_rc gt_db_thread_matrix(struct gt_db *db, int32_t as_of,
                               struct gt_matrix *out,
                               struct gt_ctx *ctx) GT_MUST;
void gt_matrix_finish(struct gt_matrix *m);

/* The names of everyone who leads an item, by name; a list of strings
 * the caller frees with gt_names_finish. */
struct gt_names {
    char **v;
    size_t n;
    size_t alloc;
};
enum gt_rc gt_db_leads(struct gt_db *db, struct gt_names *out,
                       struct gt_ctx *ctx) GT_MUST;
/* The names of the people who lead the plan's items, by name. */
enum gt_rc gt_db_plan_leads(struct gt_db *db, int64_t plan_id,
                            struct gt_names *out, struct gt_ctx *ctx) GT_MUST;
/* The codes of the indicators that measure the plan's work or anything it
 * serves up the golden thread (parents, and what it contributes to), by
 * code; none when there is no such plan. */
enum gt_rc gt_db_plan_kpis(struct gt_db *db, const char *plan_code,
                           struct gt_names *out, struct gt_ctx *ctx) GT_MUST;
void gt_names_finish(struct gt_names *names);

/* One entry of the audit log. */
struct gt_audit {
    int64_t id;
    char *at, *actor, *table, *action; /* owned */
    int64_t row_id;
    char *before, *after; /* JSON or NULL; owned */
};
struct gt_audit_list {
    struct gt_audit *v;
    size_t n;
    size_t alloc;
};
void gt_audit_list_finish(struct gt_audit_list *list);
/* Append up to limit entries, newest first, older than before_id (0 for
 * the newest). */
enum gt_rc gt_db_audit_list(struct gt_db *db, int64_t before_id, int limit,
                            struct gt_audit_list *out,
                            struct gt_ctx *ctx) GT_MUST;

/* Users and sessions (db_user.c). Times here are Unix seconds. */

/* Add a user; password_hash is an Argon2id string (web/auth.h). person
 * (may be NULL) names the person whose work they lead, added when new.
 * GT_CONFLICT when the username is taken. */
enum gt_rc gt_db_user_add(struct gt_db *db, const char *username,
                          const char *display_name, enum gt_role role,
                          const char *person, const char *password_hash,
                          struct gt_ctx *ctx) GT_MUST;
/* A user signed in by the council's identity provider (through the
 * trusted proxy): found by username, or made on first sign-in with a
 * password that can never match (local sign-in stays for the accounts an
 * administrator gives a password); their role and name follow what the
 * provider says each time, a change of role ending their other sessions.
 * *out is the user afterwards. GT_FORBIDDEN for a deactivated user. One
 * transaction. */
enum gt_rc gt_db_user_provision(struct gt_db *db, const char *username,
                                const char *display_name, enum gt_role role,
                                struct gt_user *out,
                                struct gt_ctx *ctx) GT_MUST;
/* Load a user by username into *out (callee initialises); *password_hash
 * (may be NULL) receives a copy of the stored hash, freed by the caller.
 * GT_NOTFOUND when there is none. */
enum gt_rc gt_db_user_get(struct gt_db *db, const char *username,
                          struct gt_user *out, char **password_hash,
                          struct gt_ctx *ctx) GT_MUST;
/* Append every user, by username. */
enum gt_rc gt_db_user_list(struct gt_db *db, struct gt_users *out,
                           struct gt_ctx *ctx) GT_MUST;
/* Change a user's password hash or role. GT_NOTFOUND for no such user. */
enum gt_rc gt_db_user_set_password(struct gt_db *db, const char *username,
                                   const char *password_hash,
                                   struct gt_ctx *ctx) GT_MUST;
enum gt_rc gt_db_user_set_role(struct gt_db *db, const char *username,
                               enum gt_role role, struct gt_ctx *ctx) GT_MUST;
/* Deactivate (disabled true) or reactivate a user. A deactivated user
 * cannot sign in and their API tokens stop working. GT_NOTFOUND for no
 * such user. A change of password, role or this ends every session of
 * the user (the store's trigger). */
enum gt_rc gt_db_user_set_disabled(struct gt_db *db, const char *username,
                                   bool disabled, struct gt_ctx *ctx) GT_MUST;
/* End every session of a user (signed out everywhere); *n (may be NULL)
 * gets how many. GT_NOTFOUND for no such user. */
enum gt_rc gt_db_user_end_sessions(struct gt_db *db, const char *username,
                                   long *n, struct gt_ctx *ctx) GT_MUST;

/* Store a new session for user_id under the hash of its token. */
enum gt_rc gt_db_session_add(struct gt_db *db, const char *token_hash,
                             int64_t user_id, const char *csrf, long now,
                             struct gt_ctx *ctx) GT_MUST;
/* Load the live session's user and CSRF token (caller frees *csrf) and mark
 * it seen at now (written only when the last mark is a minute old, so a
 * request is a read). A session idle since before now - idle, or created
 * before now - absolute, is not live: GT_NOTFOUND, as when there is none. */
enum gt_rc gt_db_session_get(struct gt_db *db, const char *token_hash, long now,
                             long idle, long absolute, struct gt_user *out,
                             char **csrf, struct gt_ctx *ctx) GT_MUST;
/* Delete the sessions that are no longer live (done at sign-in). */
enum gt_rc gt_db_session_sweep(struct gt_db *db, long now, long idle,
                               long absolute, struct gt_ctx *ctx) GT_MUST;
/* End a session (sign out). */
enum gt_rc gt_db_session_delete(struct gt_db *db, const char *token_hash,
                                struct gt_ctx *ctx) GT_MUST;
/* Store an API token (by its hash) for a user; *id gets its number. */
enum gt_rc gt_db_token_add(struct gt_db *db, const char *username,
                           const char *token_hash, const char *label,
                           int64_t *id, struct gt_ctx *ctx) GT_MUST;
/* Load the user of a live (not revoked) token. GT_NOTFOUND when none. */
enum gt_rc gt_db_token_user(struct gt_db *db, const char *token_hash,
                            struct gt_user *out, struct gt_ctx *ctx) GT_MUST;
/* Revoke token number id. GT_NOTFOUND when there is no such token. */
enum gt_rc gt_db_token_revoke(struct gt_db *db, int64_t id,
                              struct gt_ctx *ctx) GT_MUST;
/* Sign-in limits: failures allowed within window seconds, for one
 * username from one address, for one address, and for one username from
 * anywhere. */
struct gt_sign_in_limits {
    long window;
    long per_pair, per_address, per_username;
};
/* Before a password is checked: in one transaction, forget failures older
 * than the window, count the recent ones, and, when all are under their
 * limits, record this attempt as a failure until it succeeds. *claim gets
 * the attempt's id, or 0 when a limit is reached (the password must not
 * then be checked). Concurrent attempts are counted one after another. */
enum gt_rc gt_db_sign_in_claim(struct gt_db *db, const char *username,
                               const char *address, long now,
                               const struct gt_sign_in_limits *limits,
                               int64_t *claim, struct gt_ctx *ctx) GT_MUST;
/* The attempt claim succeeded: forget it and the earlier failures of the
 * same username from the same address. */
enum gt_rc gt_db_sign_in_succeeded(struct gt_db *db, int64_t claim,
                                   struct gt_ctx *ctx) GT_MUST;

/* Whether person_id leads or owns the item or an item above it. */
enum gt_rc gt_db_item_led_by(struct gt_db *db, int64_t item_id,
                             int64_t person_id, bool *yes,
                             struct gt_ctx *ctx) GT_MUST;
/* Append up to limit items person_id leads or owns (not priorities or
 * themes), ordered by due date, with status as of as_of. */
enum gt_rc gt_db_items_of_person(struct gt_db *db, int64_t person_id,
                                 int32_t as_of, int limit, struct gt_items *out,
                                 struct gt_ctx *ctx) GT_MUST;
/* Append the items with the most recently recorded updates, newest first,
 * at most limit of them. */
enum gt_rc gt_db_items_recently_updated(struct gt_db *db, int limit,
                                        struct gt_items *out,
                                        struct gt_ctx *ctx) GT_MUST;

/* Key performance indicators (db_kpi.c). */
struct gt_kpi;
struct gt_kpis;
struct gt_kpi_value;
struct gt_kpi_values;
/* Store a new indicator; sets k->id. The owner is a person's name, added
 * when new. GT_CONFLICT when the code is taken. */
enum gt_rc gt_db_kpi_add(struct gt_db *db, struct gt_kpi *k,
                         struct gt_ctx *ctx) GT_MUST;
/* Load the indicator with this code into *out (callee initialises).
 * GT_NOTFOUND when there is none. */
enum gt_rc gt_db_kpi_get(struct gt_db *db, const char *code, struct gt_kpi *out,
                         struct gt_ctx *ctx) GT_MUST;
/* Append every indicator, ordered by code. */
enum gt_rc gt_db_kpi_list(struct gt_db *db, struct gt_kpis *out,
                          struct gt_ctx *ctx) GT_MUST;
/* Record an indicator's value, target and note for v->period, replacing
 * what that period held (the audit log keeps the old). entered_by is a
 * person's name or NULL. */
enum gt_rc gt_db_kpi_value_set(struct gt_db *db, int64_t kpi_id,
                               const struct gt_kpi_value *v,
                               const char *entered_by,
                               struct gt_ctx *ctx) GT_MUST;
/* Append an indicator's periods in order (by last day, then first). */
enum gt_rc gt_db_kpi_values(struct gt_db *db, int64_t kpi_id,
                            struct gt_kpi_values *out,
                            struct gt_ctx *ctx) GT_MUST;
/* Record that indicator kpi_id measures item item_id. GT_CONFLICT when it
 * already does. */
enum gt_rc gt_db_kpi_link(struct gt_db *db, int64_t kpi_id, int64_t item_id,
                          struct gt_ctx *ctx) GT_MUST;
/* Append the items indicator kpi_id measures, with status as of as_of. */
enum gt_rc gt_db_kpi_items(struct gt_db *db, int64_t kpi_id, int32_t as_of,
                           struct gt_items *out, struct gt_ctx *ctx) GT_MUST;
/* Where one indicator's values, comparators and measured items go, for
 * gt_db_kpi_lists; any of the lists may be NULL when not wanted. */
struct gt_kpi_lists {
    int64_t kpi_id;
    struct gt_kpi_values *values;
    struct gt_comparators *comparators;
    struct gt_items *items; /* with status as of the as_of asked */
};
/* Append to each of lists[0..n) what gt_db_kpi_values, gt_db_comparators
 * and gt_db_kpi_items would give its indicator, in the same orders, by
 * three statements however many indicators there are. lists is sorted
 * by kpi_id here. */
enum gt_rc gt_db_kpi_lists(struct gt_db *db, int32_t as_of,
                           struct gt_kpi_lists *lists, size_t n,
                           struct gt_ctx *ctx) GT_MUST;
/* Record a comparator for an indicator, replacing the value the same
 * period, area type and area held. */
struct gt_comparator;
struct gt_comparators;
enum gt_rc gt_db_comparator_set(struct gt_db *db, int64_t kpi_id,
                                const struct gt_comparator *c,
                                struct gt_ctx *ctx) GT_MUST;
/* Append an indicator's comparators, by period (last day, then first),
 * area type, then area. */
enum gt_rc gt_db_comparators(struct gt_db *db, int64_t kpi_id,
                             struct gt_comparators *out,
                             struct gt_ctx *ctx) GT_MUST;

#endif
