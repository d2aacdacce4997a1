/*
 * version: plan versions, approvals and the departmental template's
 * sections.
 *
 * A version is an immutable snapshot of a plan (a JSON document made by
 * io/plan_snapshot.c) with its number (1, 2, ... per plan), author, note
 * of what changed, review date and circulation, and a status that only
 * moves forward: draft, approved (once any body has approved it),
 * published (publishing archives the version published before), archived.
 * Approvals record the body ("Directorate Management Team", "Cabinet"),
 * the date and who approved; a published or archived version takes none.
 * Details change only while a version is a draft. The store enforces the
 * same rules (migration 0012).
 *
 * Sections are the parts of the standard departmental plan that are
 * prose: ambitions, budget summary, planned outcomes, projects,
 * capabilities and a horizon scan.
 */
#ifndef GT_VERSION_H
#define GT_VERSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum gt_version_status {
    GT_VERSION_DRAFT,
    GT_VERSION_APPROVED,
    GT_VERSION_PUBLISHED,
    GT_VERSION_ARCHIVED,
};

const char *gt_version_status_code(enum gt_version_status s);
/* "Draft", "Approved", "Published", "Archived". */
const char *gt_version_status_word(enum gt_version_status s);
bool gt_version_status_parse(const char *s, enum gt_version_status *out);
/* Whether a version may move from one status to another. */
bool gt_version_may_become(enum gt_version_status from,
                           enum gt_version_status to);

struct gt_approval {
    char *body, *by; /* owned */
    int32_t on;
};

struct gt_version {
    int number;
    enum gt_version_status status;
    char *author, *created_at, *note, *circulation; /* owned; may be NULL */
    int32_t review_date;                            /* GT_NO_DATE: none */
    char *sha256;                                   /* owned */
    char *snapshot; /* owned; NULL unless asked for */
    struct gt_approval *approvals;
    size_t n_approvals;
};

struct gt_versions {
    struct gt_version *v;
    size_t n, alloc;
};

struct gt_version *gt_versions_push(struct gt_versions *list);
struct gt_approval *gt_version_add_approval(struct gt_version *v);
void gt_version_finish(struct gt_version *v);
void gt_versions_finish(struct gt_versions *list);

enum gt_section {
    GT_SECTION_AMBITIONS,
    GT_SECTION_BUDGET,
    GT_SECTION_OUTCOMES,
    GT_SECTION_PROJECTS,
    GT_SECTION_CAPABILITIES,
    GT_SECTION_HORIZON,
    GT_SECTION_COUNT
};

/* "ambitions", "budget", ... as the store and the command line name them. */
const char *gt_section_code(enum gt_section s);
/* The heading: "Our ambitions", "Budget", "Planned outcomes", ... */
const char *gt_section_title(enum gt_section s);
bool gt_section_parse(const char *s, enum gt_section *out);

/* A plan's sections, NULL where not written. */
struct gt_sections {
    char *body[GT_SECTION_COUNT]; /* owned */
};
void gt_sections_finish(struct gt_sections *s);

#endif
