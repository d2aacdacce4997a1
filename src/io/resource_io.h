/*
 * resource_io: a plan's resources and governance tables out: the budget
 * (lines and the totals the source stated, income in brackets, in the
 * source's unit), a month's forecast, the risk register (a risk a row,
 * further mitigations on rows with a blank Ref), workforce figures and a
 * caseload snapshot, each in the shape its importer reads (formats.md),
 * to CSV or as a workbook sheet (io/table_out.h). Exporting and importing
 * again gives the same figures.
 */
#ifndef GT_IO_RESOURCE_IO_H
#define GT_IO_RESOURCE_IO_H

#include "core/budget.h"
#include "core/caseload.h"
#include "core/ctx.h"
#include "core/risk.h"
#include "core/workforce.h"

struct gt_table_out;

enum gt_rc gt_budget_export_table(const struct gt_budget *b,
                                  struct gt_table_out *t,
                                  struct gt_ctx *ctx) GT_MUST;
/* The forecasts held in b (its month's). */
enum gt_rc gt_forecast_export_table(const struct gt_budget *b,
                                    struct gt_table_out *t,
                                    struct gt_ctx *ctx) GT_MUST;
enum gt_rc gt_risk_export_table(const struct gt_risks *risks,
                                struct gt_table_out *t,
                                struct gt_ctx *ctx) GT_MUST;
enum gt_rc gt_workforce_export_table(const struct gt_workforce_list *list,
                                     struct gt_table_out *t,
                                     struct gt_ctx *ctx) GT_MUST;
enum gt_rc gt_caseload_export_table(const struct gt_caseloads *list,
                                    struct gt_table_out *t,
                                    struct gt_ctx *ctx) GT_MUST;
/* Each team's sums under policy, and the whole, with no worker named:
 * sheet "Caseloads by team" (Team, Workers, Cases, Average, Over their
 * band, Under their band), for readers who may not see names. */
struct gt_caseload_policy;
enum gt_rc gt_caseload_teams_export_table(
    const struct gt_caseload_policy *policy, const struct gt_caseloads *list,
    struct gt_table_out *t, struct gt_ctx *ctx) GT_MUST;

#endif
