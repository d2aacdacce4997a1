/*
 * page_item: one item: its details, the golden thread one step up and
 * down, its status history, and the form to record a status update for
 * those allowed to. The update lands in one transaction and the answer
 * comes only after it commits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/plan_write.h"
#include "core/status.h"
#include "web/page.h"

/* The item named by the route, or a 404 page (false). */
static bool
load_item(struct web_page *p, struct gt_item *it)
{
    char *end = NULL;
    errno = 0;
    long long id = strtoll(p->param, &end, 10);
    gt_item_init(it);
    if (errno || !end || *end || id <= 0) {
        page_error(p, 404, "Page not found", "There is no such item.");
        return false;
    }
    enum gt_rc rc = gt_db_item_get(p->db, id, p->today, it, &p->ctx);
    if (rc == GT_OK)
        return true;
    if (rc == GT_NOTFOUND)
        page_error(p, 404, "Page not found", "There is no such item.");
    else
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
    return false;
}

bool
web_may_update(struct web_page *p, const struct gt_item *it, bool *ok)
{
    return gt_status_may_record(p->db, &p->user, it, ok, &p->ctx) == GT_OK;
}

static void
details(struct web_page *p, const struct gt_item *it)
{
    html_lit(p->h, "<dl class=\"govuk-summary-list\">");
    widget_summary_row(p, "Status", NULL);
    widget_status(p, it);
    if (it->status_as_of != GT_NO_DATE) {
        html_lit(p->h, " as of ");
        html_date(p->h, it->status_as_of);
    }
    html_lit(p->h, "</dd></div>");
    const struct {
        const char *key;
        const char *value;
    } rows[] = {
        {"Plan", it->plan_code},
        {"Lead", it->lead},
        {"Owner", it->owner},
        {"Monitoring", it->monitoring},
        {"Source of the idea", it->source},
        {"Description", it->description},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (!rows[i].value)
            continue;
        widget_summary_row(p, rows[i].key, NULL);
        html_text(p->h, rows[i].value);
        html_lit(p->h, "</dd></div>");
    }
    widget_summary_row(p, "Deadline", NULL);
    widget_deadline(p, &it->deadline);
    html_lit(p->h, "</dd></div></dl>");
}

static void
item_list(struct web_page *p, const char *heading, const struct gt_items *l)
{
    html_lit(p->h, "<h2 class=\"govuk-heading-m\">");
    html_text(p->h, heading);
    html_lit(p->h, "</h2>");
    if (l->n == 0) {
        html_lit(p->h, "<p class=\"govuk-body\">None.</p>");
        return;
    }
    html_lit(p->h, "<ul class=\"govuk-list\">");
    for (size_t i = 0; i < l->n; i++) {
        html_lit(p->h, "<li>");
        widget_item_link(p, &l->v[i], true);
        html_lit(p->h, " ");
        widget_status(p, &l->v[i]);
        html_lit(p->h, "</li>");
    }
    html_lit(p->h, "</ul>");
}

/* Updates shown a page at a time: an item with years of updates would
 * otherwise send every one of them on every visit. */
#define HISTORY_PAGE 20

/* A link to the history page starting at the update from (0: the
 * latest), at the update anchor (0: the history's heading). */
static void
history_link(struct web_page *p, int64_t item_id, int64_t from, int64_t anchor)
{
    html_lit(p->h, "/items/");
    html_int(p->h, (long)item_id);
    if (from) {
        html_lit(p->h, "?from=");
        html_int(p->h, (long)from);
    }
    if (anchor) {
        html_lit(p->h, "#update-");
        html_int(p->h, (long)anchor);
    } else {
        html_lit(p->h, "#history");
    }
}

/* ups holds up to HISTORY_PAGE updates from from (0: the latest), and one
 * more when there are older ones. */
static void
history(struct web_page *p, int64_t item_id, int64_t from,
        const struct gt_updates *ups, const struct gt_evidence_list *evidence)
{
    size_t shown = ups->n > HISTORY_PAGE ? HISTORY_PAGE : ups->n;
    html_lit(p->h, "<h2 class=\"govuk-heading-m\" id=\"history\">Status "
                   "history</h2>");
    if (from) {
        html_lit(p->h, "<p class=\"govuk-body\">Earlier updates. <a "
                       "class=\"govuk-link\" href=\"");
        history_link(p, item_id, 0, 0);
        html_lit(p->h, "\">Back to the latest updates</a></p>");
    }
    if (ups->n > 1 && !from)
        html_lit(p->h, "<p class=\"govuk-body\">Listed by the date each "
                       "update describes, latest first. The current status "
                       "is the update for the latest date.</p>");
    if (ups->n == 0) {
        html_lit(p->h, "<p class=\"govuk-body\">No updates yet.</p>");
        return;
    }
    html_lit(p->h, "<div class=\"moj-timeline\">");
    for (size_t i = 0; i < shown; i++) {
        const struct gt_update *u = &ups->v[i];
        char recorded[GT_DATE_LONG_LEN];
        gt_timestamp_day_long(u->recorded_at, recorded);
        html_lit(p->h, "<div class=\"moj-timeline__item\" id=\"update-");
        html_int(p->h, (long)u->id);
        html_lit(p->h, "\"><div class=\"moj-timeline__header\"><h3 "
                       "class=\"moj-timeline__title\">");
        html_brag_tag(p->h, u->brag);
        html_lit(p->h, " as of ");
        html_date(p->h, u->as_of);
        if (i == 0 && !from)
            html_lit(p->h, " (current status)");
        html_lit(p->h, "</h3> <p class=\"moj-timeline__byline\">by ");
        html_text(p->h, u->author ? u->author : "unknown");
        html_lit(p->h, "</p></div><p class=\"moj-timeline__date\">"
                       "Recorded ");
        html_text(p->h, recorded[0] ? recorded : u->recorded_at);
        html_lit(p->h, "</p><div class=\"moj-timeline__description\">");
        if (u->commentary) {
            html_lit(p->h, "<p class=\"govuk-body\">");
            html_text(p->h, u->commentary);
            html_lit(p->h, "</p>");
        }
        for (size_t k = 0; k < evidence->n; k++) {
            const struct gt_evidence *e = &evidence->v[k];
            if (e->update_id != u->id)
                continue;
            html_lit(p->h, "<p class=\"govuk-body-s\">Evidence: <a "
                           "class=\"govuk-link\" href=\"/evidence/");
            html_int(p->h, (long)e->id);
            html_lit(p->h, "\" download>");
            html_text(p->h, e->file_name);
            html_lit(p->h, "</a> (");
            html_int(p->h, (e->size + 1023) / 1024);
            html_lit(p->h, " KB)</p>");
        }
        html_lit(p->h, "</div></div>");
    }
    html_lit(p->h, "</div>");
    if (ups->n > shown) {
        html_lit(p->h,
                 "<nav class=\"govuk-pagination govuk-pagination--block\" "
                 "aria-label=\"Status history\"><div "
                 "class=\"govuk-pagination__next\"><a "
                 "class=\"govuk-link govuk-pagination__link\" href=\"");
        history_link(p, item_id, ups->v[shown].id, 0);
        html_lit(p->h, "\" rel=\"next\"><span "
                       "class=\"govuk-pagination__link-title\">Earlier "
                       "updates</span></a></div></nav>");
    }
}

/* What the update form shows: the values sent, and any errors. */
struct update_form {
    const char *brag;
    const char *comment;
    const char *day, *month, *year;
    const char *earlier;  /* "yes" once the writer agreed to an earlier day */
    bool confirm_earlier; /* ask whether to record an earlier day */
    bool had_file;        /* a file was sent with the form not yet saved */
    struct field_error errors[6];
    char words[6][400]; /* the core's messages that errors point to */
    size_t n_errors;
};

static const char *
error_for(const struct update_form *f, const char *field)
{
    for (size_t i = 0; i < f->n_errors; i++)
        if (strcmp(f->errors[i].field, field) == 0)
            return f->errors[i].message;
    return NULL;
}

static void
update_form(struct web_page *p, const struct gt_item *it,
            const struct update_form *f)
{
    const char *e;
    html_lit(p->h, "<h2 class=\"govuk-heading-m\" id=\"update\">Record a "
                   "status update</h2><form method=\"post\" action=\"/items/");
    html_int(p->h, (long)it->id);
    html_lit(p->h, "/status\" enctype=\"multipart/form-data\" novalidate>");
    page_csrf_input(p);
    e = error_for(f, "brag");
    html_lit(p->h, "<div class=\"govuk-form-group");
    if (e)
        html_lit(p->h, " govuk-form-group--error");
    html_lit(p->h, "\"><fieldset class=\"govuk-fieldset\"");
    if (e)
        html_lit(p->h, " aria-describedby=\"brag-error\"");
    html_lit(p->h, "><legend class=\"govuk-fieldset__legend "
                   "govuk-fieldset__legend--s\">Status</legend>");
    if (e)
        widget_error_message(p, "brag", e);
    html_lit(p->h, "<div class=\"govuk-radios\" data-module=\"govuk-radios\">");
    static const enum gt_brag order[] = {GT_BLUE, GT_GREEN, GT_AMBER, GT_RED,
                                         GT_NOT_RATED};
    for (size_t i = 0; i < 5; i++) {
        const char *code = gt_brag_code(order[i]);
        html_lit(p->h, "<div class=\"govuk-radios__item\"><input "
                       "class=\"govuk-radios__input\" id=\"");
        html_attr(p->h, i == 0 ? "brag" : code);
        html_lit(p->h, "\" name=\"brag\" type=\"radio\" value=\"");
        html_attr(p->h, code);
        html_lit(p->h, "\"");
        if (f->brag && strcmp(f->brag, code) == 0)
            html_lit(p->h, " checked");
        html_lit(p->h, "><label class=\"govuk-label govuk-radios__label\" "
                       "for=\"");
        html_attr(p->h, i == 0 ? "brag" : code);
        html_lit(p->h, "\">");
        html_text(p->h, gt_brag_word(order[i]));
        html_lit(p->h, ": ");
        html_text(p->h, gt_brag_meaning(order[i]));
        html_lit(p->h, "</label></div>");
    }
    html_lit(p->h, "</div></fieldset></div>");

    widget_textarea(p, "comment", "Commentary", "govuk-label govuk-label--s",
                    f->comment, 5, error_for(f, "comment"));

    widget_date_input(p, "as-of", "The date this status describes",
                      "govuk-fieldset__legend--s", f->day, f->month, f->year,
                      error_for(f, "as-of-day"));

    e = error_for(f, "evidence");
    html_lit(p->h, "<div class=\"govuk-form-group");
    if (e)
        html_lit(p->h, " govuk-form-group--error");
    html_lit(p->h, "\"><label class=\"govuk-label govuk-label--s\" "
                   "for=\"evidence\">Evidence (optional)</label><div "
                   "id=\"evidence-hint\" class=\"govuk-hint\">A document "
                   "that shows the progress, up to 10 MB</div>");
    if (e)
        widget_error_message(p, "evidence", e);
    html_lit(p->h, "<input class=\"govuk-file-upload");
    if (e)
        html_lit(p->h, " govuk-file-upload--error");
    html_lit(p->h, "\" id=\"evidence\" name=\"evidence\" type=\"file\" "
                   "aria-describedby=\"evidence-hint");
    if (e)
        html_lit(p->h, " evidence-error");
    html_lit(p->h, "\"></div>");
    if (f->confirm_earlier) {
        html_lit(p->h, "<div class=\"govuk-warning-text\"><span "
                       "class=\"govuk-warning-text__icon\" "
                       "aria-hidden=\"true\">!</span><strong "
                       "class=\"govuk-warning-text__text\"><span "
                       "class=\"govuk-visually-hidden\">Warning</span>"
                       "This update describes a day before the current "
                       "status. If you save it, it goes into the history by "
                       "its date and the status stays as it is. To change "
                       "the status, give today's date instead.");
        if (f->had_file)
            html_lit(p->h, " Choose your file again: it was not kept.");
        html_lit(p->h, "</strong></div><input type=\"hidden\" "
                       "name=\"earlier\" value=\"yes\"><div "
                       "class=\"govuk-button-group\"><button "
                       "type=\"submit\" class=\"govuk-button\" "
                       "data-module=\"govuk-button\">Save it in the "
                       "history</button></div></form>");
        return;
    }
    html_lit(p->h, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">Save update</button></form>");
}

/* For planners: name an item this one contributes to. */
static void
link_form(struct web_page *p, const struct gt_item *it,
          const struct field_error *error)
{
    html_lit(p->h, "<form method=\"post\" action=\"/items/");
    html_int(p->h, (long)it->id);
    html_lit(p->h, "/links\" novalidate>");
    page_csrf_input(p);
    html_lit(p->h, "<div class=\"govuk-form-group");
    if (error)
        html_lit(p->h, " govuk-form-group--error");
    html_lit(p->h, "\"><label class=\"govuk-label govuk-label--s\" "
                   "for=\"target\">Link it to an item it contributes "
                   "to</label><div id=\"target-hint\" class=\"govuk-hint\">"
                   "The plan's short name and the item's reference, like "
                   "csbp:F1.2</div>");
    if (error)
        widget_error_message(p, "target", error->message);
    html_lit(p->h, "<input class=\"govuk-input govuk-input--width-10");
    if (error)
        html_lit(p->h, " govuk-input--error");
    html_lit(p->h, "\" id=\"target\" name=\"target\" type=\"text\" "
                   "spellcheck=\"false\" aria-describedby=\"target-hint");
    if (error)
        html_lit(p->h, " target-error");
    html_lit(p->h, "\"></div><button type=\"submit\" class=\"govuk-button "
                   "govuk-button--secondary\" data-module=\"govuk-button\">"
                   "Add link</button></form>");
}

/* After a save: where the update went, and what the status is now. An
 * update for an earlier day is in the history, not the status. */
static void
saved_banner(struct web_page *p, int64_t item_id, const char *saved)
{
    char *end;
    long long id = strtoll(saved, &end, 10);
    struct gt_updates ups = {0};
    enum gt_brag now_brag;
    int32_t now_as_of;
    int64_t now_id;
    /* the saved update, wherever it is in the history */
    if (id <= 0 || *end ||
        gt_db_status_history_page(p->db, item_id, id, 1, &ups, &p->ctx) !=
            GT_OK ||
        ups.n != 1 || ups.v[0].id != id ||
        gt_db_status_current(p->db, item_id, &now_id, &now_brag, &now_as_of,
                             &p->ctx) != GT_OK) {
        gt_updates_finish(&ups);
        return;
    }
    const struct gt_update *u = &ups.v[0];
    html_lit(p->h, "<div class=\"govuk-notification-banner "
                   "govuk-notification-banner--success\" role=\"alert\" "
                   "aria-labelledby=\"banner-title\" "
                   "data-module=\"govuk-notification-banner\"><div "
                   "class=\"govuk-notification-banner__header\"><h2 "
                   "class=\"govuk-notification-banner__title\" "
                   "id=\"banner-title\">Success</h2></div><div "
                   "class=\"govuk-notification-banner__content\"><p "
                   "class=\"govuk-notification-banner__heading\">");
    if (u->id == now_id) {
        html_lit(p->h, "The status update is saved. The status is now ");
        html_text(p->h, gt_brag_word(u->brag));
        html_lit(p->h, " as of ");
        html_date(p->h, u->as_of);
        html_lit(p->h, ".</p>");
    } else {
        html_lit(p->h, "The update for ");
        html_date(p->h, u->as_of);
        html_lit(p->h, " is saved in the history, listed by that date. The "
                       "status is still ");
        html_text(p->h, gt_brag_word(now_brag));
        html_lit(p->h, " as of ");
        html_date(p->h, now_as_of);
        html_lit(p->h, ".</p>");
    }
    html_lit(p->h, "<p class=\"govuk-body\"><a "
                   "class=\"govuk-notification-banner__link\" "
                   "href=\"");
    history_link(p, item_id, u->id, u->id);
    html_lit(p->h, "\">See the update in the history</a></p></div></div>");
    gt_updates_finish(&ups);
}

/* The whole item page, with the update form as f describes it (NULL
 * for a fresh form), or without one when may is false. */
static void
render(struct web_page *p, const struct gt_item *it, bool may,
       struct update_form *f, const struct field_error *link_error)
{
    struct gt_items up = {0}, down = {0};
    struct gt_updates ups = {0};
    struct gt_evidence_list evidence = {0};
    const char *saved = web_form_get(&p->query, "saved");
    bool ok = true;
    if (it->parent_id) {
        struct gt_item *parent = gt_items_push(&up);
        ok = gt_db_item_get(p->db, it->parent_id, p->today, parent, &p->ctx) ==
             GT_OK;
    }
    ok = ok && gt_db_links_up(p->db, it->id, p->today, &up, &p->ctx) == GT_OK;
    ok = ok &&
         gt_db_item_children(p->db, it->id, p->today, &down, &p->ctx) == GT_OK;
    ok = ok &&
         gt_db_links_down(p->db, it->id, p->today, &down, &p->ctx) == GT_OK;
    const char *from_text = web_form_get(&p->query, "from");
    char *from_end = NULL;
    long long from = from_text ? strtoll(from_text, &from_end, 10) : 0;
    if (from < 0 || (from_end && *from_end))
        from = 0;
    /* one more than a page, to know whether there are earlier ones */
    ok = ok && gt_db_status_history_page(p->db, it->id, from, HISTORY_PAGE + 1,
                                         &ups, &p->ctx) == GT_OK;
    if (ok && from && ups.n == 0) {
        /* not one of this item's updates: the latest page */
        from = 0;
        ok = gt_db_status_history_page(p->db, it->id, 0, HISTORY_PAGE + 1, &ups,
                                       &p->ctx) == GT_OK;
    }
    ok = ok &&
         gt_db_evidence_of_item(p->db, it->id, &evidence, &p->ctx) == GT_OK;
    if (!ok) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    page_begin(p, (f && f->n_errors) || link_error ? "Error: item" : it->title);
    html_lit(p->h, "<div class=\"govuk-grid-row\"><div "
                   "class=\"govuk-grid-column-two-thirds\">");
    if (f)
        page_error_summary(p, f->errors, f->n_errors);
    if (link_error)
        page_error_summary(p, link_error, 1);
    if (saved)
        saved_banner(p, it->id, saved);
    html_lit(p->h, "<span class=\"govuk-caption-l\">");
    html_text(p->h, it->plan_code);
    html_lit(p->h, ":");
    html_text(p->h, it->ref);
    html_lit(p->h, " ");
    html_text(p->h, gt_item_kind_code(it->kind));
    html_lit(p->h, "</span><h1 class=\"govuk-heading-l\">");
    html_text(p->h, it->title);
    html_lit(p->h, "</h1>");
    details(p, it);
    item_list(p, "It contributes to", &up);
    item_list(p, "What contributes to it", &down);
    if (gt_role_may_plan(p->user.role)) {
        html_lit(p->h, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                       "href=\"/items/");
        html_int(p->h, (long)it->id);
        html_lit(p->h, "/edit\">Change this item</a> | <a "
                       "class=\"govuk-link\" href=\"/plans/");
        html_url_arg(p->h, it->plan_code);
        html_lit(p->h, "/items/new?parent=");
        html_int(p->h, (long)it->id);
        html_lit(p->h, "\">Add an item beneath it</a></p>");
        link_form(p, it, link_error);
    }
    history(p, it->id, from, &ups, &evidence);
    if (may) {
        struct update_form fresh = {0};
        char day[4], month[4], year[8];
        if (!f) {
            int y, m, d;
            gt_date_to_ymd(p->today, &y, &m, &d);
            snprintf(day, sizeof day, "%d", d % 100);
            snprintf(month, sizeof month, "%d", m % 100);
            snprintf(year, sizeof year, "%d", y % 10000);
            fresh.day = day;
            fresh.month = month;
            fresh.year = year;
            f = &fresh;
        }
        update_form(p, it, f);
    }
    html_lit(p->h, "</div></div>");
    page_end(p);
out:
    gt_items_finish(&up);
    gt_items_finish(&down);
    gt_updates_finish(&ups);
    gt_evidence_list_finish(&evidence);
}

void
page_item(struct web_page *p)
{
    struct gt_item it;
    bool may;
    if (!load_item(p, &it))
        goto out;
    if (!web_may_update(p, &it, &may)) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    render(p, &it, may, NULL, NULL);
out:
    gt_item_finish(&it);
}

/* The file's own name without any folders a browser put before it. */
static const char *
base_name(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *back = strrchr(name, '\\');
    if (back && (!slash || back > slash))
        slash = back;
    return slash ? slash + 1 : name;
}

/* A media type as the browser sent it when it looks like one, else
 * application/octet-stream. Downloads are attachments either way. */
static const char *
media_type(const char *sent)
{
    size_t n = strspn(sent, "abcdefghijklmnopqrstuvwxyz0123456789.+-/");
    if (n == 0 || sent[n] != '\0' || !strchr(sent, '/'))
        return "application/octet-stream";
    return sent;
}

void
page_evidence(struct web_page *p)
{
    struct gt_evidence_list meta = {0};
    int64_t item_id = 0;
    void *data = NULL;
    size_t len = 0;
    char *end = NULL;
    errno = 0;
    long long id = strtoll(p->param, &end, 10);
    enum gt_rc rc = GT_NOTFOUND;
    if (!errno && end && !*end && id > 0)
        rc = gt_db_evidence_get(p->db, id, &meta, &item_id, &data, &len,
                                &p->ctx);
    if (rc == GT_NOTFOUND) {
        page_error(p, 404, "Page not found", "There is no such evidence.");
        goto out;
    }
    if (rc != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "Try again later.");
        goto out;
    }
    /* Served as an attachment, never shown inline: a file that claims to
     * be a web page must not run as one of ours. */
    p->res->content_type = "application/octet-stream";
    p->res->owned = data;
    p->res->fixed = data;
    p->res->fixed_len = len;
    data = NULL;
    p->res->disposition = web_attachment(meta.v[0].file_name);
    snprintf(p->res->etag, sizeof p->res->etag, "\"%.32s\"", meta.v[0].sha256);
out:
    free(data);
    gt_evidence_list_finish(&meta);
}

/* Read day, month (number or name) and year fields into a date. */
static bool
read_date(const struct update_form *f, int32_t *out)
{
    return web_read_date(f->day, f->month, f->year, out);
}

static const char *form_field(enum gt_status_field f);

/* Add a core message to f's errors as the page shows it, its first
 * letter a capital (f keeps the words). */
static void
add_core_error(struct update_form *f, enum gt_status_field field,
               const char *message)
{
    if (f->n_errors == sizeof f->errors / sizeof f->errors[0])
        return;
    char *out = f->words[f->n_errors];
    snprintf(out, sizeof f->words[0], "%s", message ? message : "");
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
    f->errors[f->n_errors++] = (struct field_error){form_field(field), out};
}

/* The form's field for a refusal about f. */
static const char *
form_field(enum gt_status_field f)
{
    switch (f) {
    case GT_STATUS_BRAG:
        return "brag";
    case GT_STATUS_COMMENTARY:
        return "comment";
    case GT_STATUS_EVIDENCE:
        return "evidence";
    case GT_STATUS_AS_OF:
    case GT_STATUS_NONE:
        break;
    }
    return "as-of-day";
}

void
page_item_status(struct web_page *p)
{
    struct gt_item it;
    struct update_form f = {0};
    struct gt_status_request req = {.brag = GT_NOT_RATED, .as_of = GT_NO_DATE};
    struct gt_status_outcome out;
    const struct web_part *file = NULL;
    char *to = NULL;
    enum gt_rc rc;
    if (!load_item(p, &it))
        goto out;
    f.brag = web_form_get(&p->form, "brag");
    f.comment = web_form_get(&p->form, "comment");
    f.day = web_form_get(&p->form, "as-of-day");
    f.month = web_form_get(&p->form, "as-of-month");
    f.year = web_form_get(&p->form, "as-of-year");
    f.earlier = web_form_get(&p->form, "earlier");
    req.earlier_ok = f.earlier && strcmp(f.earlier, "yes") == 0;
    /* what only the form can get wrong: its own words for a date and a
     * status; every other rule is the core's */
    if (!f.brag || !gt_brag_from_code(f.brag, &req.brag))
        f.errors[f.n_errors++] =
            (struct field_error){"brag", "Select a status"};
    if (!read_date(&f, &req.as_of))
        f.errors[f.n_errors++] = (struct field_error){
            "as-of-day", "The date must be a real date, like 31 1 2027"};
    file = p->upload && p->upload->filename[0] ? p->upload : NULL;
    req.commentary = f.comment;
    req.author = p->user.person ? p->user.person : p->user.display_name;
    if (file) {
        const char *name = base_name(file->filename);
        req.evidence_name = *name ? name : "evidence";
        req.evidence_type = media_type(file->content_type);
        req.evidence = file->data;
        req.evidence_len = file->len;
    }
    /* every problem at once: the form's own, then the core's (with a
     * day it can check when the form's date could not be read) */
    {
        struct gt_status_request checked = req;
        struct gt_status_problem problems[GT_STATUS_MAX_PROBLEMS];
        if (checked.as_of == GT_NO_DATE)
            checked.as_of = p->today;
        size_t n = gt_status_check(&checked, p->today, problems);
        for (size_t i = 0; i < n; i++)
            add_core_error(&f, problems[i].field, problems[i].message);
    }
    if (f.n_errors) {
        /* still say first if the writer may not */
        bool may = true;
        if (gt_status_may_record(p->db, &p->user, &it, &may, &p->ctx) != GT_OK)
            gt_ctx_clear(&p->ctx);
        if (!may)
            goto refused;
        p->res->status = 400;
        render(p, &it, true, &f, NULL);
        goto out;
    }
    rc = gt_status_record(p->db, &p->user, &it, p->today, &req, &out, &p->ctx);
    if (rc == GT_FORBIDDEN)
        goto refused;
    if (rc == GT_INVALID || rc == GT_CONFLICT) {
        add_core_error(&f, out.field, gt_ctx_last(&p->ctx));
        f.confirm_earlier = rc == GT_CONFLICT;
        f.had_file = file != NULL;
        p->res->status = rc == GT_CONFLICT ? 409 : 400;
        render(p, &it, true, &f, NULL);
        goto out;
    }
    if (rc != GT_OK && gt_db_was_busy(p->db)) {
        /* another writer held the lock: the form comes back as sent */
        add_core_error(&f, GT_STATUS_NONE,
                       "the service was busy and the update was not saved: "
                       "send it again");
        f.had_file = file != NULL;
        p->res->status = 503;
        p->res->retry_after = 5;
        gt_ctx_clear(&p->ctx);
        render(p, &it, true, &f, NULL);
        goto out;
    }
    if (rc != GT_OK) {
        page_error(p, 500, "Sorry, there is a problem with the service",
                   "The update was not saved. Try again later.");
        goto out;
    }
    to = xasprintf("/items/%lld?saved=%lld#update-%lld", (long long)it.id,
                   (long long)out.update_id, (long long)out.update_id);
    page_redirect(p, to);
    goto out;
refused:
    page_error(p, 403, "You cannot update this item",
               gt_item_kind_is_group(it.kind)
                   ? "Its status comes from the work beneath it: record "
                     "the status of that work instead."
                   : "Only its lead or owner, planners and administrators "
                     "can record its status.");
out:
    free(to);
    gt_item_finish(&it);
}

void
page_item_link(struct web_page *p)
{
    struct gt_item it, to;
    const char *target = web_form_get(&p->form, "target");
    const char *colon = target ? strchr(target, ':') : NULL;
    struct field_error error = {"target", NULL};
    char *plan = NULL, *where = NULL;
    gt_item_init(&to);
    if (!load_item(p, &it))
        goto out;
    if (!colon || colon == target || !colon[1] || strlen(target) > 200) {
        error.message = "Enter the item as PLAN:REF, like csbp:F1.2";
    } else {
        plan = xstrndup(target, (size_t)(colon - target));
        enum gt_rc rc =
            gt_db_item_find(p->db, plan, colon + 1, p->today, &to, &p->ctx);
        if (rc == GT_NOTFOUND)
            error.message = "There is no such item";
        else if (rc == GT_OK) {
            rc = gt_link_create(p->db, &p->user, &it, &to, &p->ctx);
            if (rc == GT_CONFLICT)
                error.message = gt_ctx_last(&p->ctx);
        }
        if (rc != GT_OK && !error.message) {
            page_error(p, 500, "Sorry, there is a problem with the service",
                       "Try again later.");
            goto out;
        }
    }
    if (error.message) {
        bool may;
        p->res->status = 400;
        if (!web_may_update(p, &it, &may))
            may = false;
        render(p, &it, may, NULL, &error);
        goto out;
    }
    where = xasprintf("/items/%lld", (long long)it.id);
    page_redirect(p, where);
out:
    free(where);
    free(plan);
    gt_item_finish(&to);
    gt_item_finish(&it);
}
