/*
 * auth: the web layer's names for core/hash.h's passwords, tokens and
 * comparisons. See auth.h.
 */
#include "web/auth.h"
#include "core/hash.h"

_Static_assert(AUTH_HASH_LEN == GT_PASSWORD_HASH_LEN, "one hash length");
_Static_assert(AUTH_TOKEN_LEN == GT_SHA256_HEX_LEN, "one token length");

bool
auth_init(void)
{
    return gt_crypto_init();
}

bool
auth_hash_password(const char *password, char out[AUTH_HASH_LEN])
{
    return gt_password_hash(password, out);
}

bool
auth_check_password(const char *hash, const char *password)
{
    return gt_password_matches(hash, password);
}

void
auth_random_token(char out[AUTH_TOKEN_LEN])
{
    gt_random_hex(out, 32);
}

void
auth_token_hash(const char *token, char out[AUTH_TOKEN_LEN])
{
    gt_blake2b_hex(token, out);
}

bool
auth_equal(const char *a, const char *b)
{
    return gt_equal_secret(a, b);
}

void
auth_csp_hash(const char *text, char *out, size_t len)
{
    gt_sha256_base64(text, out, len);
}
