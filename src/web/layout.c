/*
 * layout: the GOV.UK page frame and error pages. See page.h.
 *
 * A council is not GOV.UK: the header is GOV.UK Frontend's generic header
 * with the council's name, no crown and no GDS Transport.
 */
#include <stdlib.h>
#include <string.h>

#include "web/page.h"

const char page_js_enabled_script[] =
    "document.body.className += ' js-enabled' + ('noModule' in "
    "HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

static void
nav_item(struct web_page *p, const char *href, const char *label, bool current)
{
    html_lit(p->h, "<li class=\"govuk-service-navigation__item");
    if (current)
        html_lit(p->h, " govuk-service-navigation__item--active");
    html_lit(p->h, "\"><a class=\"govuk-service-navigation__link\" href=\"");
    html_attr(p->h, href);
    html_lit(p->h, "\"");
    if (current)
        html_lit(p->h, " aria-current=\"page\"");
    html_lit(p->h, ">");
    html_text(p->h, label);
    html_lit(p->h, "</a></li>");
}

void
page_begin(struct web_page *p, const char *title)
{
    const char *path = p->req->path;
    html_lit(p->h, "<!DOCTYPE html>\n<html lang=\"en\" "
                   "class=\"govuk-template\">\n<head>\n"
                   "<meta charset=\"utf-8\">\n<title>");
    html_text(p->h, title);
    html_lit(p->h, " - goldthread - ");
    html_text(p->h, p->cfg->council);
    html_lit(p->h,
             "</title>\n<meta name=\"viewport\" content=\"width=device-width, "
             "initial-scale=1, viewport-fit=cover\">\n"
             "<link rel=\"stylesheet\" href=\"/assets/goldthread.css\">\n"
             "</head>\n<body class=\"govuk-template__body\">\n<script>");
    html_lit_(p->h, page_js_enabled_script);
    html_lit(p->h, "</script>\n<a href=\"#main-content\" "
                   "class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">"
                   "Skip to main content</a>\n"
                   "<header class=\"govuk-generic-header\">"
                   "<div class=\"govuk-generic-header__container "
                   "govuk-width-container\"><div "
                   "class=\"govuk-generic-header__logo\"><a href=\"/\" "
                   "class=\"govuk-generic-header__homepage-link\">");
    html_text(p->h, p->cfg->council);
    html_lit(p->h, "</a></div></div></header>\n"
                   "<section aria-label=\"Service information\" "
                   "class=\"govuk-service-navigation\" "
                   "data-module=\"govuk-service-navigation\"><div "
                   "class=\"govuk-width-container\"><div "
                   "class=\"govuk-service-navigation__container\">"
                   "<span class=\"govuk-service-navigation__service-name\">"
                   "<a href=\"/\" class=\"govuk-service-navigation__link\">"
                   "goldthread</a></span>");
    if (p->user.id) {
        html_lit(p->h, "<nav aria-label=\"Menu\" "
                       "class=\"govuk-service-navigation__wrapper\"><ul "
                       "class=\"govuk-service-navigation__list\" "
                       "id=\"navigation\">");
        nav_item(p, "/", "Home", strcmp(path, "/") == 0);
        nav_item(p, "/plans", "Plans", strncmp(path, "/plans", 6) == 0);
        nav_item(p, "/thread", "Golden thread", strcmp(path, "/thread") == 0);
        nav_item(p, "/people", "People", strcmp(path, "/people") == 0);
        nav_item(p, "/kpis", "Indicators", strcmp(path, "/kpis") == 0);
        if (gt_role_may_see_children(p->user.role))
            nav_item(p, "/csc", "Child-level records",
                     strncmp(path, "/csc", 4) == 0);
        if (gt_role_may_plan(p->user.role))
            nav_item(p, "/admin/import", "Import",
                     strcmp(path, "/admin/import") == 0);
        if (p->user.role == GT_ROLE_ADMIN) {
            nav_item(p, "/admin/users", "Users",
                     strcmp(path, "/admin/users") == 0);
            nav_item(p, "/admin/audit", "Audit log",
                     strcmp(path, "/admin/audit") == 0);
        }
        html_lit(p->h, "</ul></nav>");
    }
    html_lit(p->h, "</div></div></section>\n"
                   "<div class=\"govuk-width-container\">");
    if (p->user.id) {
        html_lit(p->h, "<form method=\"post\" action=\"/sign-out\" "
                       "class=\"govuk-!-margin-top-2 govuk-!-text-align-right\""
                       "><p class=\"govuk-body-s govuk-!-margin-bottom-0\">"
                       "Signed in as ");
        html_text(p->h, p->user.display_name);
        html_lit(p->h, " (");
        html_text(p->h, gt_role_word(p->user.role));
        html_lit(p->h, ") ");
        page_csrf_input(p);
        html_lit(p->h, "<button type=\"submit\" class=\"govuk-button "
                       "govuk-button--secondary govuk-!-margin-bottom-0\" "
                       "data-module=\"govuk-button\">Sign out</button></p>"
                       "</form>");
    }
    html_lit(p->h, "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

void
page_end(struct web_page *p)
{
    html_lit(p->h, "\n</main></div>\n<footer class=\"govuk-footer\"><div "
                   "class=\"govuk-width-container\"><div "
                   "class=\"govuk-footer__meta\"><div "
                   "class=\"govuk-footer__meta-item "
                   "govuk-footer__meta-item--grow\"><p "
                   "class=\"govuk-body-s\">goldthread: plans, actions and "
                   "their status, linked as a golden thread.</p></div>"
                   "</div></div></footer>\n"
                   "<script type=\"module\" src=\"/assets/app.js\"></script>\n"
                   "</body>\n</html>\n");
}

void
page_error_summary(struct web_page *p, const struct field_error *errors,
                   size_t n)
{
    if (n == 0)
        return;
    html_lit(p->h, "<div class=\"govuk-error-summary\" "
                   "data-module=\"govuk-error-summary\"><div role=\"alert\">"
                   "<h2 class=\"govuk-error-summary__title\">There is a "
                   "problem</h2><div class=\"govuk-error-summary__body\"><ul "
                   "class=\"govuk-list govuk-error-summary__list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(p->h, "<li><a href=\"#");
        html_attr(p->h, errors[i].field);
        html_lit(p->h, "\">");
        html_text(p->h, errors[i].message);
        html_lit(p->h, "</a></li>");
    }
    html_lit(p->h, "</ul></div></div></div>");
}

void
page_error(struct web_page *p, int status, const char *title,
           const char *message)
{
    html_finish(&p->res->page);
    html_init(&p->res->page, WEB_MAX_PAGE);
    p->res->status = status;
    p->res->content_type = "text/html; charset=utf-8";
    page_begin(p, title);
    html_lit(p->h, "<h1 class=\"govuk-heading-l\">");
    html_text(p->h, title);
    html_lit(p->h, "</h1><p class=\"govuk-body\">");
    html_text(p->h, message);
    html_lit(p->h, "</p>");
    if (web_error_number(p->res)) {
        html_lit(p->h, "<p class=\"govuk-body\">Error number <strong "
                       "class=\"govuk-!-font-weight-bold\">");
        html_text(p->h, p->res->error_id);
        html_lit(p->h, "</strong>. If it happens again, give this number to "
                       "your administrator: the service's log says what "
                       "went wrong.</p>");
    }
    page_end(p);
}

void
page_redirect(struct web_page *p, const char *path)
{
    p->res->status = 303;
    free(p->res->location);
    p->res->location = xstrdup(path);
}

void
page_csrf_input(struct web_page *p)
{
    html_lit(p->h, "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_attr(p->h, p->csrf);
    html_lit(p->h, "\">");
}
