/*
 * utf8: the one check that text is well-formed UTF-8.
 *
 * Every value that enters from outside (CSV cells, form and query values,
 * multipart fields) is checked here before it is stored, so that what the
 * JSON API, the workbook writer and the pages read back is always text.
 * Not a decoder or a transcoder: it only says yes or no, and where.
 */
#ifndef GT_UTF8_H
#define GT_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length (1 to 4) of the well-formed UTF-8 sequence at s, which has left
 * bytes (left > 0), or 0 when none starts there: overlong forms,
 * surrogates and code points past U+10FFFF are not well-formed. */
size_t gt_utf8_seq(const unsigned char *s, size_t left);

/* true when len bytes at p are well-formed UTF-8 (NUL bytes are). */
bool gt_utf8_valid(const char *p, size_t len);

/* The offset of the first byte of p[0..len) that does not start a
 * well-formed sequence, or len when all of it is well-formed. */
size_t gt_utf8_bad_offset(const char *p, size_t len);

/* Append to out (cap bytes, *out_len used) the UTF-8 for len bytes of
 * Windows-1252 text at p (Excel's "CSV (Comma delimited)" on English
 * Windows). false when a byte is none of its characters (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D: *bad gets it) or out is full. */
bool gt_cp1252_to_utf8(const char *p, size_t len, char *out, size_t cap,
                       size_t *out_len, unsigned char *bad);

/* The number of characters (code points) in len bytes of well-formed
 * UTF-8 at p. */
size_t gt_utf8_chars(const char *p, size_t len);

#endif
