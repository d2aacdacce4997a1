/*
 * hash: SHA-256 digests of evidence files, and keyed hashes of children's
 * IDs, through libsodium.
 *
 * Evidence is stored with its digest so a downloaded copy can be checked
 * against what was uploaded. A child's ID from a case system is never
 * shown or stored as it is: a keyed hash stands for it. Passwords,
 * session tokens and secrets compared in constant time are here too, for
 * the web layer (web/auth.h): this file is the project's only use of
 * libsodium.
 */
#ifndef GT_HASH_H
#define GT_HASH_H

#include <stdbool.h>
#include <stddef.h>

/* 64 hex digits plus NUL. */
#define GT_SHA256_HEX_LEN 65

/* Write the lower-case hex SHA-256 of len bytes at data into out. */
void gt_sha256_hex(const void *data, size_t len, char out[GT_SHA256_HEX_LEN]);

/* bytes random bytes as 2 * bytes hex digits and NUL in out (an error
 * number: unguessable, so it tells nothing about other requests). */
void gt_random_hex(char *out, size_t bytes);

/* A secret key for gt_keyed_id, as 64 hex digits plus NUL. */
#define GT_KEY_HEX_LEN 65
void gt_new_key_hex(char out[GT_KEY_HEX_LEN]);
/* The keyed hash (BLAKE2b, 64 bits, 16 hex digits plus NUL) of a child's
 * ID under key_hex: stable for one organisation, meaningless without the
 * key. false when key_hex is not a key. */
#define GT_KEYED_ID_LEN 17
bool gt_keyed_id(const char *key_hex, const char *id, size_t len,
                 char out[GT_KEYED_ID_LEN]);

/* Start libsodium; false if it cannot. Call before the others. */
bool gt_crypto_init(void);
/* An Argon2id string (interactive limits) for password into out; false
 * when it cannot (out of memory). */
#define GT_PASSWORD_HASH_LEN 128
bool gt_password_hash(const char *password, char out[GT_PASSWORD_HASH_LEN]);
/* Whether password matches the stored Argon2id string hash. */
bool gt_password_matches(const char *hash, const char *password);
/* The BLAKE2b-256 of text as 64 hex digits and NUL (how a session token
 * is stored). */
void gt_blake2b_hex(const char *text, char out[GT_SHA256_HEX_LEN]);
/* Whether two NUL-terminated strings are equal, in time independent of
 * where they differ; false when either is NULL or empty. */
bool gt_equal_secret(const char *a, const char *b);
/* "sha256-" and the base64 SHA-256 of text (a CSP source). */
void gt_sha256_base64(const char *text, char *out, size_t len);

#endif
