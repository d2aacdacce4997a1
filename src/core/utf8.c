/*
 * utf8: well-formedness of UTF-8 text (RFC 3629). See utf8.h.
 */
#include "core/utf8.h"

#include <stdint.h>

size_t
gt_utf8_seq(const unsigned char *s, size_t left)
{
    unsigned char b = s[0];
    size_t n;
    uint32_t cp;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
        cp = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        cp = b & 0x0Fu;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        cp = b & 0x07u;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

size_t
gt_utf8_bad_offset(const char *p, size_t len)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    while (i < len) {
        /* ASCII runs are by far the most common: skip them a byte at a
         * time without the sequence decoder */
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = gt_utf8_seq(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

bool
gt_utf8_valid(const char *p, size_t len)
{
    return gt_utf8_bad_offset(p, len) == len;
}

size_t
gt_utf8_chars(const char *p, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80)
            n++;
    return n;
}

bool
gt_cp1252_to_utf8(const char *p, size_t len, char *out, size_t cap,
                  size_t *out_len, unsigned char *bad)
{
    /* 0x80 to 0x9F; 0 where Windows-1252 has no character */
    static const uint16_t high[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
        0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
    };
    size_t n = *out_len;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)p[i];
        uint32_t cp = b;
        if (b >= 0x80 && b <= 0x9F) {
            cp = high[b - 0x80];
            if (!cp) {
                *bad = b;
                return false;
            }
        }
        if (n + 3 > cap)
            return false;
        if (cp < 0x80) {
            out[n++] = (char)cp;
        } else if (cp < 0x800) {
            out[n++] = (char)(0xC0 | (cp >> 6));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[n++] = (char)(0xE0 | (cp >> 12));
            out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    *out_len = n;
    return true;
}
