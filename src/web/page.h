/*
 * page: what every page handler gets, and the layout they share.
 *
 * struct web_page carries the request, the response being built, the
 * signed-in user (id 0 when nobody is), the CSRF token for forms, the
 * decoded query and form, and today's date. layout.c writes the GOV.UK
 * page frame (generic header with the council's name, service navigation,
 * footer) and error pages; the pages themselves live in page_*.c.
 */
#ifndef GT_WEB_PAGE_H
#define GT_WEB_PAGE_H

#include "core/judge.h"
#include "web/auth.h"
#include "web/multipart.h"
#include "web/page_cache.h"
#include "web/web.h"

struct web_page {
    const struct web_config *cfg;
    struct gt_db *db;
    struct page_cache *cache; /* kept parts of pages; may be NULL */
    const struct web_request *req;
    struct web_response *res;
    struct html *h; /* == &res->page */
    struct gt_ctx ctx;
    struct gt_user user;               /* id 0 when signed out */
    char csrf[AUTH_TOKEN_LEN];         /* the token forms must carry */
    char session_hash[AUTH_TOKEN_LEN]; /* "" when signed out */
    char *param;                       /* the {} part of the route, decoded */
    struct web_form query;
    struct web_form form;          /* a POST's fields */
    const struct web_part *upload; /* a file sent with the form, or NULL */
    struct web_multipart parts;    /* where upload points, for multipart */
    int32_t today;
    long now; /* Unix seconds */
    /* the client's address: the peer's, or behind the trusted proxy the
     * one it forwarded for */
    char address[64];
    bool https;      /* the client's connection is TLS (cookies get Secure) */
    bool from_proxy; /* the peer is the trusted proxy */
    /* the identity provider signed someone in whom goldthread refuses (no
     * group of theirs has a role, or they are deactivated) */
    bool proxy_refused;
    /* who is signed in could not be read: the store failed (the reason is
     * on ctx, for the log), which is not the same as nobody */
    bool session_unknown;
};

/* An error for one form field, for the error summary and the field. */
struct field_error {
    const char *field; /* the input's id */
    const char *message;
};

/* The layout. page_begin opens <main>; page_end closes the document. */
void page_begin(struct web_page *p, const char *title);
void page_end(struct web_page *p);
/* A GOV.UK error summary listing each error as a link to its field. */
void page_error_summary(struct web_page *p, const struct field_error *errors,
                        size_t n);
/* A whole page for an HTTP error, with a heading and one sentence. */
void page_error(struct web_page *p, int status, const char *title,
                const char *message);
/* A 303 redirect to a path on this site (copied). */
void page_redirect(struct web_page *p, const char *path);
/* Start a session for user (cookie sent, p's session and CSRF token
 * set), as a sign-in does. false when the store failed. */
bool page_start_session(struct web_page *p, const struct gt_user *user);
/* A hidden CSRF input for a form. */
void page_csrf_input(struct web_page *p);

/* Pages kept while the data they show is unchanged (page_cache.h): all
 * of a page below the header, which names the reader. A page that may be
 * kept calls page_kept with a key naming everything its part depends on
 * (the day, the query, what the role may see) and the plan whose data it
 * shows (NULL: every plan's). When that returns true the page is written;
 * otherwise the page reads its data and writes itself between
 * page_keep_begin and page_keep_end, or calls neither (an error page);
 * either way page_keeping_finish ends it. Only a page answered 200 is
 * kept. */
struct page_keeping {
    char *key; /* owned */
    struct gt_db_changes at;
    size_t from; /* where the kept part begins */
    bool begun;
};
bool page_kept(struct web_page *p, struct page_keeping *k, char *key,
               const char *plan_code);
void page_keep_begin(struct web_page *p, struct page_keeping *k,
                     const char *title);
void page_keep_end(struct web_page *p, struct page_keeping *k,
                   const char *title);
void page_keeping_finish(struct page_keeping *k);

/* Run write on a private temporary file (for libraries that write only
 * to files: workbooks, PDF), read it back (up to max bytes) into *text
 * (caller frees) and remove it. */
bool page_file_render(struct web_page *p,
                      enum gt_rc (*write)(const char *path, void *arg,
                                          struct gt_ctx *ctx),
                      void *arg, size_t max, char **text, size_t *len);

/* The inline script GOV.UK Frontend needs, allowed by its CSP hash. */
extern const char page_js_enabled_script[];

/* Pieces pages share (widgets.c). */
/* A link to the item: "PLAN:REF title" (with_plan) or "REF title". */
void widget_item_link(struct web_page *p, const struct gt_item *it,
                      bool with_plan);
/* The item's status tag, with an Overdue tag when it is overdue today. */
void widget_status(struct web_page *p, const struct gt_item *it);
/* The deadline in words, with the next due date when it recurs. */
void widget_deadline(struct web_page *p, const struct gt_deadline *dl);
/* A GOV.UK text input: label, optional hint, the value to show, the input
 * type ("text", "password") and an error message or NULL. */
void widget_text_input(struct web_page *p, const char *id, const char *label,
                       const char *hint, const char *value, const char *type,
                       const char *error);
/* A GOV.UK textarea: label (label_class "govuk-label" plus any size
 * modifier), the text to show, its height in rows, and an error or NULL. */
void widget_textarea(struct web_page *p, const char *id, const char *label,
                     const char *label_class, const char *value, int rows,
                     const char *error);
/* A row of a GOV.UK summary list: key, then value as text; with value
 * NULL the value is left open for the caller to write and close with
 * "</dd></div>". */
void widget_summary_row(struct web_page *p, const char *key, const char *value);
/* A text input for a form sent back: showing what p->form holds for id
 * and id's error among the n, if any. */
void widget_form_text(struct web_page *p, const char *id, const char *label,
                      const char *hint, const struct field_error *errors,
                      size_t n);
/* The first error for field among n, or NULL. */
const char *widget_error_for(const struct field_error *errors, size_t n,
                             const char *field);
/* The GOV.UK message under a field in error, with id "FIELD-error". */
void widget_error_message(struct web_page *p, const char *field,
                          const char *message);
/* Send text (taken over) as a download called name of media type type. */
void page_download(struct web_page *p, char *text, size_t len, const char *type,
                   const char *name);
/* page_download of CSV text (taken, freed here): with a UTF-8 byte-order
 * mark first, so that Excel opens it as UTF-8 and shows pound signs and
 * accents as they are (without one it assumes the Windows code page). */
void page_download_csv(struct web_page *p, char *text, size_t len,
                       const char *name);
/* A GOV.UK table cell holding text, right-aligned when numeric. */
void widget_cell(struct web_page *p, const char *text, bool numeric);
/* A RAG judgement as a GOV.UK tag that always shows the word. */
void widget_rag_tag(struct web_page *p, enum gt_rag rag);
/* A GOV.UK date input: fields PREFIX-day, -month and -year in a fieldset
 * with the legend (legend_class sizes it), and an error or NULL. */
void widget_date_input(struct web_page *p, const char *prefix,
                       const char *legend, const char *legend_class,
                       const char *day, const char *month, const char *year,
                       const char *error);
/* The date in a date input's three fields; the month may be a number or
 * a name. false when any is missing or it is not a real date. */
bool web_read_date(const char *day, const char *month, const char *year,
                   int32_t *out);
/* An <option> of a GOV.UK select. */
void widget_option(struct web_page *p, const char *value, const char *label,
                   bool selected);
/* Begin a page that belongs to a plan: the layout, a breadcrumb back to
 * the plan and the heading title. */
void page_begin_under_plan(struct web_page *p, const struct gt_plan *plan,
                           const char *title);
/* Counts per status as tags with numbers, in BRAG order. */
void widget_counts(struct web_page *p, const struct gt_brag_counts *c);

/* Page handlers (page_*.c). */
void page_asset(struct web_page *p);
void page_sign_in(struct web_page *p);
void page_sign_in_post(struct web_page *p);
void page_sign_out(struct web_page *p);
void page_home(struct web_page *p);
void page_plans(struct web_page *p);
void page_plan(struct web_page *p);
void page_item(struct web_page *p);
void page_item_status(struct web_page *p);
void page_thread(struct web_page *p);
void page_evidence(struct web_page *p);
void page_plan_export(struct web_page *p);
void page_item_link(struct web_page *p);
void page_import(struct web_page *p);
void page_import_post(struct web_page *p);
void page_users(struct web_page *p);
void page_user_add(struct web_page *p);
void page_user_role(struct web_page *p);
/* Deactivate, reactivate or sign out a user everywhere. */
void page_user_access(struct web_page *p);
void page_audit(struct web_page *p);
void page_item_edit(struct web_page *p);
void page_item_edit_post(struct web_page *p);
void page_item_new(struct web_page *p);
void page_item_new_post(struct web_page *p);
void page_plan_new(struct web_page *p);
void page_plan_new_post(struct web_page *p);
void api_plans(struct web_page *p);
void api_plan(struct web_page *p);
void api_item(struct web_page *p);
void api_history(struct web_page *p);
void api_status(struct web_page *p);
void api_plan_create(struct web_page *p);
void api_link(struct web_page *p);
/* A JSON error response: {"error": message, "field": field}. */
void api_error(struct web_page *p, int status, const char *message,
               const char *field);
/* Whether the signed-in user may record a status on it (*yes); false
 * when the store could not say. */
bool web_may_update(struct web_page *p, const struct gt_item *it, bool *yes);
void page_people(struct web_page *p);
void page_scorecard(struct web_page *p);
void page_kpi(struct web_page *p);
void page_report(struct web_page *p);
void page_kpi_values_csv(struct web_page *p);
void page_kpi_value_post(struct web_page *p);
void page_csc(struct web_page *p);
void page_budget(struct web_page *p);
void page_risks(struct web_page *p);
void page_workforce(struct web_page *p);
void page_versions(struct web_page *p);
void page_version_post(struct web_page *p);
void page_approval_post(struct web_page *p);
void page_publish_post(struct web_page *p);
void page_csc_rows(struct web_page *p);
void page_csc_export(struct web_page *p);

#endif
