/*
 * password: whether a new password is good enough, the one rule for the
 * command line and the web's user pages.
 *
 * NCSC's advice: a length minimum (12 characters, counted as characters,
 * not bytes), no maximum short of a sanity cap, and a deny-list of common
 * and predictable passwords rather than composition rules. The deny-list
 * is Debian's cracklib dictionary; a password is also refused when it is
 * a short piece repeated ("passwordpassword") or a dictionary word with
 * digits and symbols round it ("Welcome12345"), when it holds the
 * username, or when it has too few different characters. This file is
 * the only user of cracklib. Hashing is web/auth.c's.
 */
#ifndef GT_PASSWORD_H
#define GT_PASSWORD_H

#define GT_PASSWORD_MIN_CHARS 12
#define GT_PASSWORD_MAX_CHARS 200

/* NULL when pw may be used by username (may be NULL); else why not, as
 * a clause about the password starting lower case ("it is too easy to
 * guess: it is based on a dictionary word"), static or written into why
 * (len bytes); never freed. */
const char *gt_password_problem(const char *pw, const char *username, char *why,
                                unsigned len);

#endif
