/*
 * password: the rule for new passwords, through cracklib. See password.h.
 */
#include "core/password.h"

#include <ctype.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crack.h>

#include "core/mem.h"
#include "core/utf8.h"

/* cracklib's checks write to static buffers inside the library; the one
 * lock keeps two server threads from checking at once. It guards the
 * library, not data of ours. */
static pthread_mutex_t crack_lock = PTHREAD_MUTEX_INITIALIZER;

/* cracklib's verdict on word: NULL when it finds nothing, else its reason
 * copied into why; "" into why when the dictionary cannot be read. */
static const char *
crack(const char *word, char *why, unsigned len)
{
    char msg[256] = "";
    pthread_mutex_lock(&crack_lock);
    int read = __DEBIAN_SPECIFIC__SafeFascistCheck(
        word, GetDefaultCracklibDict(), msg, sizeof msg);
    pthread_mutex_unlock(&crack_lock);
    if (!read) {
        snprintf(why, len,
                 "it cannot be checked against the list of common "
                 "passwords (%s): install cracklib-runtime",
                 msg);
        return why;
    }
    if (!msg[0])
        return NULL;
    snprintf(why, len, "it is too easy to guess: %s", msg);
    return why;
}

/* The shortest piece that pw is made of, repeated, or NULL when it is
 * not a repeat. Caller frees. */
static char *
repeated_piece(const char *pw, size_t n)
{
    for (size_t unit = 1; unit <= n / 2; unit++) {
        if (n % unit)
            continue;
        size_t i = unit;
        while (i < n && pw[i] == pw[i % unit])
            i++;
        if (i == n)
            return xstrndup(pw, unit);
    }
    return NULL;
}

/* pw without the digits and symbols at either end ("Welcome12345!" is
 * "Welcome"), or NULL when nothing is stripped or too little is left. */
static char *
core_word(const char *pw, size_t n)
{
    size_t start = 0, end = n;
    while (start < end && !isalpha((unsigned char)pw[start]))
        start++;
    while (end > start && !isalpha((unsigned char)pw[end - 1]))
        end--;
    if ((start == 0 && end == n) || end - start < 4)
        return NULL;
    return xstrndup(pw + start, end - start);
}

static bool
holds_username(const char *pw, const char *username)
{
    size_t un = username ? strlen(username) : 0;
    if (un < 3)
        return false;
    for (const char *p = pw; *p; p++)
        if (strncasecmp(p, username, un) == 0)
            return true;
    return false;
}

const char *
gt_password_problem(const char *pw, const char *username, char *why,
                    unsigned len)
{
    size_t n = strlen(pw);
    if (!gt_utf8_valid(pw, n))
        return "it is not UTF-8 text";
    size_t chars = gt_utf8_chars(pw, n);
    if (chars < GT_PASSWORD_MIN_CHARS)
        return "it must be at least 12 characters";
    if (chars > GT_PASSWORD_MAX_CHARS)
        return "it must be 200 characters or fewer";
    if (holds_username(pw, username))
        return "it must not contain the username";
    const char *problem = crack(pw, why, len);
    char *piece = problem ? NULL : repeated_piece(pw, n);
    if (piece) {
        problem = crack(piece, why, len);
        if (!problem)
            problem = "it is too easy to guess: it is one short piece "
                      "repeated";
        free(piece);
    }
    char *word = problem ? NULL : core_word(pw, n);
    if (word) {
        problem = crack(word, why, len);
        free(word);
    }
    return problem;
}
