/*
 * auth: passwords, tokens and comparisons, through libsodium.
 *
 * Passwords are hashed with Argon2id (crypto_pwhash_str, interactive
 * limits). Session and CSRF tokens are 256 random bits in hex; the store
 * keeps only a BLAKE2b hash of a session token, so a copy of the database
 * does not sign anyone in. The work is core/hash.c's, the project's one
 * use of libsodium.
 */
#ifndef GT_WEB_AUTH_H
#define GT_WEB_AUTH_H

#include <stdbool.h>
#include <stddef.h>

/* 64 hex digits and a NUL. */
#define AUTH_TOKEN_LEN 65
/* Room for an Argon2id string. */
#define AUTH_HASH_LEN 128

/* Start libsodium; false if it cannot. Call before the others. */
bool auth_init(void);
/* Hash a password into out; false when it cannot (out of memory). */
bool auth_hash_password(const char *password, char out[AUTH_HASH_LEN]);
/* Whether password matches the stored hash. */
bool auth_check_password(const char *hash, const char *password);
/* 256 random bits as hex. */
void auth_random_token(char out[AUTH_TOKEN_LEN]);
/* The hex hash under which a session token is stored. */
void auth_token_hash(const char *token, char out[AUTH_TOKEN_LEN]);
/* Compare two NUL-terminated strings in time independent of where they
 * differ; false when either is NULL or lengths differ. */
bool auth_equal(const char *a, const char *b);
/* "sha256-..." (base64) of text, for a CSP source list. */
void auth_csp_hash(const char *text, char *out, size_t len);

#endif
