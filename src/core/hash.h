/*
 * hash: SHA-256 digests of evidence files, and keyed hashes of children's
 * IDs, through libsodium.
 *
 * Evidence is stored with its digest so a downloaded copy can be checked
 * against what was uploaded. A child's ID from a case system is never
 * shown or stored as it is: a keyed hash stands for it. This file is the
 * core's only use of libsodium.
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

#endif
