/*
 * show: how the command line prints items, deadlines and counts, shared by
 * the commands so every listing reads the same way. Plain text, one item a
 * line; status is always a word, never only a colour.
 */
#ifndef GT_CLI_SHOW_H
#define GT_CLI_SHOW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/plan.h"

/* "Theme", "Action", ...: the kind with a capital, for people. */
const char *show_kind(enum gt_item_kind k);
/* Print "REF Kind: title [Status, overdue]" at indent; with_plan prefixes
 * the plan code ("imp17:T1.2"). Groups (priority, theme) carry no tag, and
 * neither does an item rated only through the items beneath it
 * (has_children and never rated itself). */
void show_item_line(FILE *f, const struct gt_item *it, int indent,
                    bool with_plan, bool has_children, int32_t as_of);
/* Print the item's lead, owner, deadline (with next due date when it
 * recurs) and monitoring on one line at indent; nothing if none is set. */
void show_item_details(FILE *f, const struct gt_item *it, int indent,
                       int32_t as_of);
/* Write "1 April 2024" for date, or "-" when there is none. */
void show_date(int32_t date, char out[GT_DATE_LONG_LEN]);

#endif
