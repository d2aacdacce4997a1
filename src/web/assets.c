/*
 * assets: the stylesheet and scripts built into the binary, served under
 * /assets/ with their media types and a validator; and the security
 * policy every response carries.
 */
#include <stdio.h>
#include <string.h>

#include "core/embedded.h"
#include "web/page.h"

/* The hash of page_js_enabled_script; test_web checks they agree. */
#define JS_ENABLED_HASH "sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw="

const char *
web_csp(void)
{
    return "default-src 'self'; script-src 'self' '" JS_ENABLED_HASH "'; "
           "style-src 'self'; img-src 'self' data:; font-src 'self'; "
           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
           "object-src 'none'";
}

static const char *
media_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (dot && strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    if (dot && strcmp(dot, ".svg") == 0)
        return "image/svg+xml";
    return "application/octet-stream";
}

void
page_asset(struct web_page *p)
{
    for (size_t i = 0; i < gt_assets_count; i++) {
        if (strcmp(gt_assets[i].name, p->param) != 0 ||
            strcmp(gt_assets[i].name, "README") == 0)
            continue;
        struct web_response *res = p->res;
        /* The build hashes each asset, so the validator changes exactly
         * when the content does. */
        snprintf(res->etag, sizeof res->etag, "\"%s\"", gt_assets[i].hash);
        res->cache_control = "public, max-age=86400";
        res->content_type = media_type(gt_assets[i].name);
        const char *inm = p->req->if_none_match;
        if (inm && (strcmp(inm, res->etag) == 0 || strcmp(inm, "*") == 0)) {
            res->status = 304;
            return;
        }
        res->fixed = gt_assets[i].data;
        res->fixed_len = gt_assets[i].len;
        return;
    }
    page_error(p, 404, "Page not found",
               "If you typed the web address, check it is correct.");
}
