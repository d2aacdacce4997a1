/*
 * budget: a plan's revenue budget for a financial year, as councils table
 * it: budget lines grouped into service areas, each with gross
 * expenditure, grants (DSG, public health) and other income. Income is
 * held as a positive amount and shown in brackets; total income and net
 * council funding are computed, never stored.
 *
 * Tables are rounded cell by cell (to £000), so a total in the source can
 * differ from the sum of its rounded lines. The totals the source stated
 * are kept and reconciled: a stated total within rounding of its lines
 * (half a unit of the source's precision a line) is shown as stated, as
 * it is the figure the unrounded ledger gives; beyond that the computed
 * figure is shown and the difference listed. The grand total is the sum
 * of the area totals so shown.
 */
#ifndef GT_BUDGET_H
#define GT_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "core/judge.h"

enum gt_budget_column {
    GT_BUDGET_GROSS = 0,
    GT_BUDGET_GRANTS,
    GT_BUDGET_OTHER,
    GT_BUDGET_INCOME,  /* grants + other */
    GT_BUDGET_FUNDING, /* gross - income */
    GT_BUDGET_COLUMNS
};

/* A column's heading, in the words of councils' tables. */
const char *gt_budget_column_word(enum gt_budget_column c);

struct gt_budget_line {
    char *area;                   /* the service area; owned */
    char *name;                   /* the team or budget line; owned */
    int64_t gross, grants, other; /* pounds; income positive */
};

/* A total as the source stated it. */
struct gt_budget_stated {
    char *area; /* owned; "" for the grand total */
    bool has[GT_BUDGET_COLUMNS];
    int64_t v[GT_BUDGET_COLUMNS]; /* pounds; income positive */
};

/* An area's forecast outturn for a month: the council funding it expects
 * to spend by the year's end. */
struct gt_budget_forecast {
    char *area;       /* owned */
    int64_t forecast; /* pounds */
};

struct gt_budget {
    int year;          /* the financial year's first calendar year: 2017 for
                        * 2017/18 */
    int32_t month_end; /* the forecasts' month, GT_NO_DATE when none */
    struct gt_budget_forecast *forecasts;
    size_t n_forecasts;
    int64_t unit; /* the source's precision in pounds: 1000 for £000 */
    struct gt_budget_line *lines;
    size_t n_lines, alloc_lines;
    struct gt_budget_stated *stated;
    size_t n_stated, alloc_stated;
    /* the council's RAG thresholds for monitoring; unset: the defaults */
    struct gt_budget_thresholds {
        bool set;
        int amber, red; /* basis points over budget: 50 is 0.5% */
    } thresholds;
};

/* Amber from 0.5% over, Red beyond 2%. */
extern const struct gt_budget_thresholds gt_budget_default_thresholds;
/* b's thresholds, or the defaults when it has none. */
struct gt_budget_thresholds gt_budget_thresholds_of(const struct gt_budget *b);
/* basis points as a percentage the way people write it: "0.5%", "2%". */
void gt_budget_percent_text(int basis_points, char out[16]);

void gt_budget_finish(struct gt_budget *b);
/* Append a line (strings copied) and return it. */
struct gt_budget_line *gt_budget_add_line(struct gt_budget *b, const char *area,
                                          const char *name);
/* Append a stated total (area copied) and return it, zeroed. */
struct gt_budget_stated *gt_budget_add_stated(struct gt_budget *b,
                                              const char *area);

/* A row of the table as shown. */
struct gt_budget_row {
    const char *label; /* borrowed from the budget; "Grand total" */
    const char *area;  /* the line's or total's area; "" for the grand */
    bool total;
    int64_t v[GT_BUDGET_COLUMNS]; /* pounds; income positive */
};

struct gt_budget_table {
    struct gt_budget_row *rows;
    size_t n;
    char **labels; /* "AREA total", owned */
    size_t n_labels;
};

/* The table: each area's lines (in the order given) then its total, then
 * the grand total; each difference between what was stated and what the
 * lines give added to notes as a message (GT_OK), naming the total and
 * the column, in the source's unit. */
void gt_budget_lay_out(const struct gt_budget *b, struct gt_budget_table *t,
                       struct gt_ctx *notes);
void gt_budget_table_finish(struct gt_budget_table *t);

/* Append a forecast (area copied). */
void gt_budget_add_forecast(struct gt_budget *b, const char *area,
                            int64_t forecast);

/* Budget monitoring, a row an area and one for the whole: the budget (its
 * council funding as laid out), the forecast outturn, the variance
 * (forecast less budget: above 0 an overspend) and its share of the
 * budget, judged against the thresholds (by default 0.5% and 2%): Green
 * on or under budget or over by less than the first, Amber over by the
 * first to the second, Red over by more. */
struct gt_budget_watch {
    const char *area; /* borrowed; "" for the whole */
    bool has;         /* a forecast was given for it */
    int64_t budget, forecast, variance;
    double percent; /* variance / budget x 100; 0 when the budget is 0 */
    enum gt_rag rag;
};
enum gt_rag gt_budget_rag(int64_t budget, int64_t variance,
                          struct gt_budget_thresholds th);
/* The watch rows for table t of b (laid out by gt_budget_lay_out), one
 * per area total and the grand total, into out[t->n] (*n gets how many),
 * judged at b's thresholds; none when b has no forecasts. */
void gt_budget_monitor(const struct gt_budget *b,
                       const struct gt_budget_table *t,
                       struct gt_budget_watch *out, size_t *n);

/* An amount in the source's unit as councils print it: thousands
 * separators, income (negative) in brackets: "92,734", "(70,784)". */
void gt_budget_amount_text(int64_t pounds, int64_t unit, bool income, char *out,
                           size_t len);

#endif
