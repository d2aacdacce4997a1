/*
 * hash: SHA-256 through libsodium. See hash.h.
 */
#include "core/hash.h"

#include <sodium.h>

void
gt_sha256_hex(const void *data, size_t len, char out[GT_SHA256_HEX_LEN])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, data, len);
    sodium_bin2hex(out, GT_SHA256_HEX_LEN, digest, sizeof digest);
}
