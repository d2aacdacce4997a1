/*
 * show: shared text layout for items. See show.h.
 */
#include "cli/show.h"

#include <string.h>

const char *
show_kind(enum gt_item_kind k)
{
    static const char *const words[GT_ITEM_KIND_COUNT] = {
        "Priority", "Theme", "Objective", "Action", "Milestone", "Outcome",
    };
    return (unsigned)k < GT_ITEM_KIND_COUNT ? words[k] : "Item";
}

void
show_date(int32_t date, char out[GT_DATE_LONG_LEN])
{
    if (date == GT_NO_DATE)
        snprintf(out, GT_DATE_LONG_LEN, "-");
    else
        gt_date_long(date, out);
}

void
show_item_line(FILE *f, const struct gt_item *it, int indent, bool with_plan,
               bool has_children, int32_t as_of)
{
    fprintf(f, "%*s%s%s%s %s: %s", indent, "", with_plan ? it->plan_code : "",
            with_plan ? ":" : "", it->ref, show_kind(it->kind), it->title);
    bool rated_below = has_children && it->status_as_of == GT_NO_DATE;
    if (!gt_item_kind_is_group(it->kind) && !rated_below) {
        bool late = gt_deadline_overdue(&it->deadline, it->status, as_of);
        fprintf(f, " [%s%s]", gt_brag_word(it->status),
                late ? ", overdue" : "");
    }
    fputc('\n', f);
}

void
show_item_details(FILE *f, const struct gt_item *it, int indent, int32_t as_of)
{
    const char *sep = "";
    bool any = false;
    if (it->owner) {
        fprintf(f, "%*sowner: %s", indent, "", it->owner);
        sep = "; ";
        any = true;
    }
    if (it->lead) {
        fprintf(f, "%s%*slead: %s", sep, any ? 0 : indent, "", it->lead);
        sep = "; ";
        any = true;
    }
    if (it->deadline.due != GT_NO_DATE) {
        char canon[GT_DEADLINE_TEXT_LEN];
        gt_deadline_format(&it->deadline, canon);
        fprintf(f, "%s%*sdeadline: %s", sep, any ? 0 : indent, "", canon);
        if (it->deadline.every_months) {
            char next[GT_DATE_LONG_LEN];
            gt_date_long(gt_deadline_next_due(&it->deadline, as_of), next);
            fprintf(f, " (next due %s)", next);
        }
        sep = "; ";
        any = true;
    }
    if (it->monitoring) {
        fprintf(f, "%s%*smonitoring: %s", sep, any ? 0 : indent, "",
                it->monitoring);
        any = true;
    }
    if (any)
        fputc('\n', f);
}
