/*
 * hash: SHA-256 digests of evidence files, through libsodium.
 *
 * Evidence is stored with its digest so a downloaded copy can be checked
 * against what was uploaded. This file is the core's only use of libsodium.
 */
#ifndef GT_HASH_H
#define GT_HASH_H

#include <stddef.h>

/* 64 hex digits plus NUL. */
#define GT_SHA256_HEX_LEN 65

/* Write the lower-case hex SHA-256 of len bytes at data into out. */
void gt_sha256_hex(const void *data, size_t len, char out[GT_SHA256_HEX_LEN]);

#endif
