/* Fuzz the web layer's parsers: a raw HTTP request, then its query and
 * body as an urlencoded form and as multipart. Oracles: parts lie inside
 * the body; decoded fields are NUL-terminated strings of at most the
 * input's length. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "web/multipart.h"
#include "web/raw.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct web_raw raw;
    if (web_raw_parse(&raw, (const char *)data, size, "fuzz") &&
        !raw.req.bad_framing && !raw.req.body_too_large) {
        struct web_form form;
        if (web_form_parse(&form, raw.req.query, strlen(raw.req.query))) {
            for (size_t i = 0; i < form.n; i++)
                if (strlen(form.value[i]) > strlen(raw.req.query))
                    abort();
        }
        web_form_finish(&form);
        const char *body = raw.req.body ? raw.req.body : "";
        if (web_form_parse(&form, body, raw.req.body_len))
            for (size_t i = 0; i < form.n; i++)
                if (strlen(form.value[i]) > raw.req.body_len)
                    abort();
        web_form_finish(&form);
        struct web_multipart mp;
        const char *why;
        if (raw.req.content_type &&
            web_multipart_parse(raw.req.content_type, body, raw.req.body_len,
                                &mp, &why)) {
            for (size_t i = 0; i < mp.n; i++)
                if (mp.parts[i].data < body ||
                    mp.parts[i].data + mp.parts[i].len >
                        body + raw.req.body_len)
                    abort();
        }
    }
    web_raw_finish(&raw);
    return 0;
}
