/*
 * risk_import: a risk register read. See risk_io.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mem.h"
#include "io/csv_header.h"
#include "io/risk_io.h"

enum col {
    C_REF,
    C_RISK,
    C_CAUSE,
    C_EFFECT,
    C_OWNER,
    C_CATEGORY,
    C_IL,
    C_II,
    C_RL,
    C_RI,
    C_TL,
    C_TI,
    C_REVIEW,
    C_MITIGATION,
    C_M_OWNER,
    C_M_STATUS,
    C_M_DUE,
    C_LINKS,
    C_N
};

static const struct gt_csv_column columns[C_N] = {
    [C_REF] = {"Ref", {"no", "risk ref", "reference"}, true},
    [C_RISK] = {"Risk", {"title", "description", "risk description"}, true},
    [C_CAUSE] = {"Cause", {NULL}, false},
    [C_EFFECT] = {"Effect", {"consequence", "impact description"}, false},
    [C_OWNER] = {"Owner", {"risk owner"}, false},
    [C_CATEGORY] = {"Category", {NULL}, false},
    [C_IL] = {"Inherent likelihood", {NULL}, true},
    [C_II] = {"Inherent impact", {NULL}, true},
    [C_RL] = {"Residual likelihood", {"current likelihood"}, true},
    [C_RI] = {"Residual impact", {"current impact"}, true},
    [C_TL] = {"Target likelihood", {NULL}, false},
    [C_TI] = {"Target impact", {NULL}, false},
    [C_REVIEW] = {"Review date", {"next review", "review"}, false},
    [C_MITIGATION] = {"Mitigation", {"control", "action"}, false},
    [C_M_OWNER] = {"Mitigation owner", {"action owner"}, false},
    [C_M_STATUS] = {"Mitigation status", {"action status"}, false},
    [C_M_DUE] = {"Mitigation due", {"due", "action due"}, false},
    [C_LINKS] = {"Links", {"threatens", "items"}, false},
};

struct reading {
    struct gt_csv *rows;
    struct gt_csv_header h;
    struct gt_ctx *ctx;
    struct gt_risks *out;
};

static char *
text(struct reading *rd, int c)
{
    size_t n;
    const char *s = gt_csv_cell(&rd->h, rd->rows, c, &n);
    return n ? xstrndup(s, n) : NULL;
}

/* The row's cell in column c is wrong; counted by the header. */
#define fail(rd, c, ...)                                                       \
    gt_csv_cell_error(&(rd)->h, (rd)->rows, (c), (rd)->ctx, __VA_ARGS__)

/* A whole number 1 to 5; 0 (no error) when blank and not required. */
static int
level(struct reading *rd, int c, bool required)
{
    char *s = text(rd, c);
    int v = 0;
    if (!s) {
        if (required)
            fail(rd, c, "blank (a whole number from 1 to 5)");
        return 0;
    }
    if (strlen(s) == 1 && s[0] >= '1' && s[0] <= '5')
        v = s[0] - '0';
    else
        fail(rd, c, "\"%s\" is not a whole number from 1 to 5", s);
    free(s);
    return v;
}

static int32_t
date_of(struct reading *rd, int c)
{
    char *s = text(rd, c);
    int32_t d = GT_NO_DATE;
    if (s && !gt_date_parse(s, &d)) {
        fail(rd, c, "\"%s\" is not a date (such as 31 March 2027)", s);
        d = GT_NO_DATE;
    } else if (s && !gt_date_plausible(d)) {
        fail(rd, c,
             "\"%s\" is not a plausible date (it must be "
             "" GT_DATE_PLAUSIBLE_WORDS ")",
             s);
        d = GT_NO_DATE;
    }
    free(s);
    return d;
}

static void
mitigation(struct reading *rd, struct gt_risk *r)
{
    char *action = text(rd, C_MITIGATION);
    char *status = text(rd, C_M_STATUS);
    if (!action) {
        char *owner = text(rd, C_M_OWNER);
        if (status || owner || date_of(rd, C_M_DUE) != GT_NO_DATE)
            fail(rd, C_MITIGATION,
                 "blank, but the row gives its owner, "
                 "status or due date");
        free(owner);
        free(status);
        return;
    }
    struct gt_mitigation *m = gt_risk_add_mitigation(r);
    m->action = action;
    m->owner = text(rd, C_M_OWNER);
    m->due = date_of(rd, C_M_DUE);
    if (status && !gt_mitigation_status_parse(status, &m->status))
        fail(rd, C_M_STATUS,
             "\"%s\" is not a status (planned, in progress or done)", status);
    free(status);
}

static void
links(struct reading *rd, struct gt_risk *r)
{
    char *s = text(rd, C_LINKS);
    if (!s)
        return;
    char *save = NULL;
    for (char *t = strtok_r(s, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
        while (*t == ' ')
            t++;
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ')
            t[--n] = '\0';
        if (!n)
            continue;
        const char *colon = strchr(t, ':');
        if (!colon || colon == t || !colon[1])
            fail(rd, C_LINKS, "\"%s\" is not an item as PLAN:REF", t);
        else
            gt_risk_add_link(r, t);
    }
    free(s);
}

static void
new_risk(struct reading *rd, struct gt_risks *out, char *ref)
{
    for (size_t i = 0; i < out->n; i++)
        if (strcmp(out->v[i].ref, ref) == 0) {
            fail(rd, C_REF, "\"%s\" is already a risk above", ref);
            free(ref);
            return;
        }
    struct gt_risk *r = gt_risks_push(out);
    r->ref = ref;
    r->title = text(rd, C_RISK);
    if (!r->title)
        fail(rd, C_RISK, "blank (say what the risk is)");
    r->cause = text(rd, C_CAUSE);
    r->effect = text(rd, C_EFFECT);
    r->owner = text(rd, C_OWNER);
    r->category = text(rd, C_CATEGORY);
    r->inherent =
        (struct gt_risk_score){level(rd, C_IL, true), level(rd, C_II, true)};
    r->residual =
        (struct gt_risk_score){level(rd, C_RL, true), level(rd, C_RI, true)};
    r->target =
        (struct gt_risk_score){level(rd, C_TL, false), level(rd, C_TI, false)};
    if (!r->target.likelihood != !r->target.impact)
        fail(rd, r->target.likelihood ? C_TI : C_TL,
             "blank (give the target likelihood and impact together, or "
             "neither)");
    r->review = date_of(rd, C_REVIEW);
    mitigation(rd, r);
    links(rd, r);
}

/* A row with a Ref starts a risk; one without continues the risk above
 * with a further mitigation and links. */
static void
read_row(void *arg)
{
    struct reading *rd = arg;
    struct gt_risks *out = rd->out;
    char *ref = text(rd, C_REF);
    if (ref) {
        new_risk(rd, out, ref);
    } else if (!out->n) {
        fail(rd, C_REF, "blank on the first risk's row");
    } else {
        mitigation(rd, &out->v[out->n - 1]);
        links(rd, &out->v[out->n - 1]);
    }
}

enum gt_rc
gt_risks_read(struct gt_csv *rows, struct gt_risks *out, struct gt_ctx *ctx)
{
    struct reading rd = {.rows = rows, .ctx = ctx, .out = out};
    return gt_csv_read_table(&rd.h, rows, columns, C_N, read_row, &rd, "risks",
                             ctx);
}
