/*
 * version: plan versions' statuses and the template's sections. See
 * version.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/version.h"

static const char *const status_codes[] = {"draft", "approved", "published",
                                           "archived"};
static const char *const status_words[] = {"Draft", "Approved", "Published",
                                           "Archived"};
#define N_STATUSES (sizeof status_codes / sizeof status_codes[0])

const char *
gt_version_status_code(enum gt_version_status s)
{
    return (size_t)s < N_STATUSES ? status_codes[s] : "";
}

const char *
gt_version_status_word(enum gt_version_status s)
{
    return (size_t)s < N_STATUSES ? status_words[s] : "";
}

bool
gt_version_status_parse(const char *s, enum gt_version_status *out)
{
    for (size_t i = 0; i < N_STATUSES; i++)
        if (strcasecmp(s, status_codes[i]) == 0) {
            *out = (enum gt_version_status)i;
            return true;
        }
    return false;
}

bool
gt_version_may_become(enum gt_version_status from, enum gt_version_status to)
{
    switch (from) {
    case GT_VERSION_DRAFT:
        return to == GT_VERSION_APPROVED || to == GT_VERSION_ARCHIVED;
    case GT_VERSION_APPROVED:
        return to == GT_VERSION_PUBLISHED || to == GT_VERSION_ARCHIVED;
    case GT_VERSION_PUBLISHED:
        return to == GT_VERSION_ARCHIVED;
    default:
        return false;
    }
}

struct gt_version *
gt_versions_push(struct gt_versions *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_version *v = &list->v[list->n++];
    memset(v, 0, sizeof *v);
    return v;
}

struct gt_approval *
gt_version_add_approval(struct gt_version *v)
{
    v->approvals =
        xrealloc(v->approvals, (v->n_approvals + 1) * sizeof *v->approvals);
    struct gt_approval *a = &v->approvals[v->n_approvals++];
    memset(a, 0, sizeof *a);
    return a;
}

void
gt_version_finish(struct gt_version *v)
{
    free(v->author);
    free(v->created_at);
    free(v->note);
    free(v->circulation);
    free(v->sha256);
    free(v->snapshot);
    for (size_t i = 0; i < v->n_approvals; i++) {
        free(v->approvals[i].body);
        free(v->approvals[i].by);
    }
    free(v->approvals);
    memset(v, 0, sizeof *v);
}

void
gt_versions_finish(struct gt_versions *list)
{
    for (size_t i = 0; i < list->n; i++)
        gt_version_finish(&list->v[i]);
    free(list->v);
    memset(list, 0, sizeof *list);
}

static const char *const section_codes[GT_SECTION_COUNT] = {
    "ambitions", "budget", "outcomes", "projects", "capabilities", "horizon"};
static const char *const section_titles[GT_SECTION_COUNT] = {
    "Our ambitions",
    "Budget",
    "Planned outcomes",
    "Projects",
    "Developing our capabilities",
    "Horizon scan: opportunities and challenges"};

const char *
gt_section_code(enum gt_section s)
{
    return (size_t)s < GT_SECTION_COUNT ? section_codes[s] : "";
}

const char *
gt_section_title(enum gt_section s)
{
    return (size_t)s < GT_SECTION_COUNT ? section_titles[s] : "";
}

bool
gt_section_parse(const char *s, enum gt_section *out)
{
    for (int i = 0; i < GT_SECTION_COUNT; i++)
        if (strcasecmp(s, section_codes[i]) == 0) {
            *out = (enum gt_section)i;
            return true;
        }
    return false;
}

void
gt_sections_finish(struct gt_sections *s)
{
    for (int i = 0; i < GT_SECTION_COUNT; i++)
        free(s->body[i]);
    memset(s, 0, sizeof *s);
}
