/*
 * report: the quarterly committee report for a plan, as of a date:
 * document control; a summary in plain words generated from the data; BRAG
 * counts per priority or theme; key achievements (work that became Blue
 * since the last report); areas for development (Red and Amber work with
 * its commentary); overdue work; the indicator scorecard; and the next
 * deadlines. Built as a format-free document (doc.h) and written as HTML
 * (the accessible primary, A4 print CSS), Markdown, XLSX or PDF. The same
 * data, dates and options give the same bytes.
 */
#ifndef GT_REPORT_REPORT_H
#define GT_REPORT_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/ctx.h"
#include "core/db.h"
#include "report/doc.h"
#include "report/markup.h"

/* A cap on a report's HTML or Markdown; far above 1,000 items and 200
 * indicators. */
#define GT_REPORT_MAX_BYTES (64u << 20)

/* The report's parts in their order: the one list that the report
 * writes, --exempt checks and the report page offers. */
enum gt_report_part_id {
    GT_PART_SUMMARY,
    GT_PART_PLAN,
    GT_PART_PRIORITIES,
    GT_PART_ACHIEVEMENTS,
    GT_PART_DEVELOPMENT,
    GT_PART_OVERDUE,
    GT_PART_INDICATORS,
    GT_PART_BUDGET,
    GT_PART_RISKS,
    GT_PART_WORKFORCE,
    GT_PART_CASELOADS,
    GT_PART_DEADLINES,
    GT_N_PARTS
};
struct gt_report_part {
    const char *key;   /* for --exempt and the page's checkboxes */
    const char *title; /* the part's heading */
};
extern const struct gt_report_part gt_report_parts[GT_N_PARTS];
/* The keys as "summary, plan, ..." into out (len bytes), for messages. */
void gt_report_part_keys(char *out, size_t len);

struct gt_report_options {
    int32_t as_of;       /* the data as it stood on this day */
    int32_t since;       /* the last report's date: achievements are work
                          * that became Blue after it */
    const char *version; /* for document control; NULL: "1" */
    const char *exempt;  /* comma-separated part keys, or NULL */
    bool public_;        /* leave exempt parts out */
    /* the most rows a list of work shows (the report page's), saying how
     * many there are; 0: every row (the committee paper's) */
    size_t shown;
};

/* The last report's date when none is given: the end of the quarter
 * before the one as_of falls in (30 September 2026 for a report as at 27
 * November 2026 or 31 December 2026). */
int32_t gt_report_default_since(int32_t as_of);

/* Whether every key in a comma-separated list names a part; when one does
 * not, it is copied into bad. */
bool gt_report_parts_valid(const char *list, char *bad, size_t bad_len);

/* Build the report for plan plan_code into *out (callee initialises;
 * finish with doc_finish). GT_NOTFOUND when there is no such plan. */
enum gt_rc gt_report_build(struct gt_db *db, const char *plan_code,
                           const struct gt_report_options *o, struct doc *out,
                           struct gt_ctx *ctx) GT_MUST;

/* The report as a whole HTML document, with its own print styles. */
void gt_report_html(const struct doc *d, struct markup *m);
/* The report's parts only, for a page that has its own frame: headings
 * start at level 2 and tables use GOV.UK's classes. */
void gt_report_html_body(const struct doc *d, struct markup *m);
/* The report as Markdown (pipe tables), for pasting into papers; false
 * when out's cap cut it short. */
bool gt_report_md(const struct doc *d, struct buf *out);
/* The report as an XLSX workbook at path: a sheet per table. */
enum gt_rc gt_report_xlsx(const struct doc *d, const char *path,
                          struct gt_ctx *ctx) GT_MUST;
/* The report as a tagged A4 PDF at path. */
enum gt_rc gt_report_pdf(const struct doc *d, const char *path,
                         struct gt_ctx *ctx) GT_MUST;

#endif
