/*
 * hash: digests, keyed hashes, passwords and secrets through libsodium.
 * See hash.h.
 */
#include "core/hash.h"

#include <sodium.h>
#include <stdio.h>
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
    sodium_memzero(raw, sizeof raw);
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

bool
gt_crypto_init(void)
{
    return sodium_init() >= 0;
}

bool
gt_password_hash(const char *password, char out[GT_PASSWORD_HASH_LEN])
{
    _Static_assert(GT_PASSWORD_HASH_LEN >= crypto_pwhash_STRBYTES, "hash room");
    return crypto_pwhash_str(out, password, strlen(password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool
gt_password_matches(const char *hash, const char *password)
{
    if (!hash || !password)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void
gt_blake2b_hex(const char *text, char out[GT_SHA256_HEX_LEN])
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)text,
                       strlen(text), NULL, 0);
    sodium_bin2hex(out, GT_SHA256_HEX_LEN, digest, sizeof digest);
}

bool
gt_equal_secret(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb || la == 0)
        return false;
    return sodium_memcmp(a, b, la) == 0;
}

void
gt_sha256_base64(const char *text, char *out, size_t len)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
                                       sodium_base64_VARIANT_ORIGINAL)];
    crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
    sodium_bin2base64(b64, sizeof b64, digest, sizeof digest,
                      sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, len, "sha256-%s", b64);
}
