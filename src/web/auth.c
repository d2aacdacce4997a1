/*
 * auth: libsodium wrapper. See auth.h.
 */
#include "web/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

bool
auth_init(void)
{
    return sodium_init() >= 0;
}

bool
auth_hash_password(const char *password, char out[AUTH_HASH_LEN])
{
    _Static_assert(AUTH_HASH_LEN >= crypto_pwhash_STRBYTES, "hash room");
    return crypto_pwhash_str(out, password, strlen(password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool
auth_check_password(const char *hash, const char *password)
{
    if (!hash || !password)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void
auth_random_token(char out[AUTH_TOKEN_LEN])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, AUTH_TOKEN_LEN, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

void
auth_token_hash(const char *token, char out[AUTH_TOKEN_LEN])
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)token,
                       strlen(token), NULL, 0);
    sodium_bin2hex(out, AUTH_TOKEN_LEN, digest, sizeof digest);
}

bool
auth_equal(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb || la == 0)
        return false;
    return sodium_memcmp(a, b, la) == 0;
}

void
auth_csp_hash(const char *text, char *out, size_t len)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
                                       sodium_base64_VARIANT_ORIGINAL)];
    crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
    sodium_bin2base64(b64, sizeof b64, digest, sizeof digest,
                      sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, len, "sha256-%s", b64);
}
