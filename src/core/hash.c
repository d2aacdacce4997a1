/*
 * hash: SHA-256 through libsodium. See hash.h.
 */
#include "core/hash.h"

#include <sodium.h>
#include <string.h>

void
gt_sha256_hex(const void *data, size_t len, char out[GT_SHA256_HEX_LEN])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, data, len);
    sodium_bin2hex(out, GT_SHA256_HEX_LEN, digest, sizeof digest);
}

void
gt_random_hex(char *out, size_t bytes)
{
    unsigned char raw[32];
    if (bytes > sizeof raw)
        bytes = sizeof raw;
    randombytes_buf(raw, bytes);
    sodium_bin2hex(out, bytes * 2 + 1, raw, bytes);
}

void
gt_new_key_hex(char out[GT_KEY_HEX_LEN])
{
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(out, GT_KEY_HEX_LEN, key, sizeof key);
    sodium_memzero(key, sizeof key);
}

bool
gt_keyed_id(const char *key_hex, const char *id, size_t len,
            char out[GT_KEYED_ID_LEN])
{
    unsigned char key[32], digest[8];
    size_t key_len = 0;
    if (sodium_hex2bin(key, sizeof key, key_hex, strlen(key_hex), NULL,
                       &key_len, NULL) != 0 ||
        key_len != sizeof key)
        return false;
    crypto_generichash(digest, sizeof digest, (const unsigned char *)id, len,
                       key, sizeof key);
    sodium_memzero(key, sizeof key);
    sodium_bin2hex(out, GT_KEYED_ID_LEN, digest, sizeof digest);
    return true;
}
