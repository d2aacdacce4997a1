/*
 * plan_io: a plan to and from the spreadsheet shape councils already use.
 *
 * The shape is the improvement-plan table: columns Theme, Theme owner,
 * Action, Milestone, Lead, Deadline, Monitoring (headers in any case;
 * "Milestones", "Deadline for delivery" and "Monitoring mechanisms" are
 * accepted too), and optionally Ref, Priority, Kind, Source, Status,
 * Commentary and Contributes to. An empty Priority, Theme or Action cell
 * continues the one above, as merged cells do when a Word or Excel table is
 * saved as CSV. docs/formats.md describes the shape in full.
 *
 * Import is all or nothing: every problem in the file is reported (file,
 * line, column name, message) and nothing is written unless there are none.
 * Export writes the same shape (CSV) or JSON; exporting and importing again
 * gives an equal plan.
 */
#ifndef GT_PLAN_IO_H
#define GT_PLAN_IO_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/ctx.h"
#include "io/csv.h"
#include "core/db.h"
#include "core/plan.h"

struct gt_import_opts {
    const char *plan_code;  /* plan to fill; created when it does not exist */
    const char *title;      /* title of a new plan; NULL: the plan code */
    enum gt_plan_kind kind; /* kind of a new plan */
    int32_t as_of;          /* as-of date of imported statuses */
    const char *by;         /* author of imported statuses; may be NULL */
};

struct gt_import_result {
    long n_items;   /* items added */
    long n_updates; /* status updates added */
    long n_links;   /* links added */
    long n_rows;    /* data rows read */
    double read_ms; /* reading and checking the file, before the lock */
    double lock_ms; /* holding the database's write lock */
};

/* Import the plan CSV read from f (borrowed; name is for messages) into the
 * plan opts->plan_code, which must be new or empty. GT_INVALID with every
 * problem on ctx, and the database unchanged, when the file has any. */
enum gt_rc gt_plan_import_csv(struct gt_db *db, FILE *f, const char *name,
                              const struct gt_import_opts *opts,
                              struct gt_import_result *result,
                              struct gt_ctx *ctx) GT_MUST;

/* The same from rows already open (a CSV reader or a workbook's sheet;
 * borrowed, not closed). */
enum gt_rc gt_plan_import_rows(struct gt_db *db, struct gt_csv *rows,
                               const struct gt_import_opts *opts,
                               struct gt_import_result *result,
                               struct gt_ctx *ctx) GT_MUST;

/* The two steps of an import, apart: a draft read and checked with no
 * database (every problem on ctx with file, line and column; GT_INVALID
 * when there is one), then written in one transaction into the plan
 * opts->plan_code, which must be new or empty (links are resolved then;
 * GT_INVALID, nothing written, when one cannot be). The fuzz target reads
 * drafts alone. */
struct gt_plan_draft;
enum gt_rc gt_plan_draft_read(struct gt_csv *rows, struct gt_plan_draft **out,
                              struct gt_ctx *ctx) GT_MUST;
enum gt_rc gt_plan_draft_write(struct gt_db *db,
                               const struct gt_plan_draft *draft,
                               const struct gt_import_opts *opts,
                               struct gt_import_result *result,
                               struct gt_ctx *ctx) GT_MUST;
/* gt_plan_draft_read gives the draft (to be freed) on GT_INVALID too, when
 * only its rows had problems, so that its links can be checked as well:
 * that every "Contributes to" names an item of the draft or of a stored
 * plan (read only; GT_INVALID with a message for each that does not). */
enum gt_rc gt_plan_draft_check_links(struct gt_db *db,
                                     const struct gt_plan_draft *d,
                                     const char *plan_code,
                                     struct gt_ctx *ctx) GT_MUST;
/* Items in the draft, and the item at i (from 0) in the order they are
 * written: its parent_id is its parent's place in the draft (i + 1 of
 * that item; 0 at the top), its id its own place. */
size_t gt_plan_draft_items(const struct gt_plan_draft *d);
const struct gt_item *gt_plan_draft_item(const struct gt_plan_draft *d,
                                         size_t i);
void gt_plan_draft_free(struct gt_plan_draft *d);

/* Write the plan plan_code to f as CSV in the import shape, statuses as of
 * as_of (GT_NO_DATE: the latest). */
enum gt_rc gt_plan_export_csv(struct gt_db *db, const char *plan_code,
                              int32_t as_of, FILE *f,
                              struct gt_ctx *ctx) GT_MUST;
/* The same as a table: CSV or a workbook's sheet "Plan". */
struct gt_table_out;
enum gt_rc gt_plan_export_table(struct gt_db *db, const char *plan_code,
                                int32_t as_of, struct gt_table_out *t,
                                struct gt_ctx *ctx) GT_MUST;
/* Write the plan and its resources to path as one Excel workbook (see
 * plan_workbook.c): a sheet a table, each in its importer's shape;
 * statuses, budget, workforce and caseloads as of as_of. What who may not
 * see is left as the pages leave it: small counts of children as c, and
 * caseloads as each team's sums (no worker named) in a sheet "Caseloads
 * by team" instead of "Caseloads". */
struct gt_disclosure;
enum gt_rc gt_plan_export_workbook(struct gt_db *db, const char *plan_code,
                                   int32_t as_of,
                                   const struct gt_disclosure *who,
                                   const char *path,
                                   struct gt_ctx *ctx) GT_MUST;
/* The document gt_plan_export_json writes, as a new reference in *out. */
enum gt_rc gt_plan_json(struct gt_db *db, const char *plan_code, int32_t as_of,
                        json_t **out, struct gt_ctx *ctx) GT_MUST;
/* Write the plan plan_code to f as a JSON document: the plan's fields and
 * its items in tree order, each with status, commentary and links up. */
enum gt_rc gt_plan_export_json(struct gt_db *db, const char *plan_code,
                               int32_t as_of, FILE *f,
                               struct gt_ctx *ctx) GT_MUST;

/* An item as a JSON object (new reference): its fields, parsed deadline,
 * current status, parent_ref (may be NULL) and links ("PLAN:REF; ...",
 * may be NULL). */
json_t *gt_item_json(const struct gt_item *it, const char *parent_ref,
                     const char *links);
/* A date as an ISO string, or JSON null for GT_NO_DATE (new reference). */
json_t *gt_json_date(int32_t d);

#endif
