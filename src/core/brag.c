/*
 * brag: status words and counts. See brag.h.
 */
#include "core/brag.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const words[GT_BRAG_COUNT] = {
    "Not rated", "Red", "Amber", "Green", "Blue",
};
static const char *const codes[GT_BRAG_COUNT] = {
    "not_rated", "red", "amber", "green", "blue",
};
static const char *const meanings[GT_BRAG_COUNT] = {
    "not yet rated",
    "fully stuck",
    "more work needed or resolvable issue in sight",
    "in progress, no barriers to continuing",
    "fully completed",
};

bool
gt_brag_parse(const char *word, enum gt_brag *out)
{
    static const struct {
        const char *word;
        enum gt_brag brag;
    } aliases[] = {
        {"blue", GT_BLUE},
        {"b", GT_BLUE},
        {"complete", GT_BLUE},
        {"completed", GT_BLUE},
        {"red", GT_RED},
        {"r", GT_RED},
        {"amber", GT_AMBER},
        {"a", GT_AMBER},
        {"green", GT_GREEN},
        {"g", GT_GREEN},
        {"not rated", GT_NOT_RATED},
        {"not_rated", GT_NOT_RATED},
        {"-", GT_NOT_RATED},
        {"", GT_NOT_RATED},
    };
    while (*word == ' ')
        word++;
    size_t len = strlen(word);
    while (len && word[len - 1] == ' ')
        len--;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strlen(aliases[i].word) == len &&
            strncasecmp(aliases[i].word, word, len) == 0) {
            *out = aliases[i].brag;
            return true;
        }
    }
    return false;
}

const char *
gt_brag_word(enum gt_brag b)
{
    return (unsigned)b < GT_BRAG_COUNT ? words[b] : "Not rated";
}

const char *
gt_brag_meaning(enum gt_brag b)
{
    return (unsigned)b < GT_BRAG_COUNT ? meanings[b] : meanings[0];
}

const char *
gt_brag_code(enum gt_brag b)
{
    return (unsigned)b < GT_BRAG_COUNT ? codes[b] : codes[0];
}

bool
gt_brag_from_code(const char *code, enum gt_brag *out)
{
    for (int i = 0; i < GT_BRAG_COUNT; i++) {
        if (strcmp(code, codes[i]) == 0) {
            *out = (enum gt_brag)i;
            return true;
        }
    }
    return false;
}

long
gt_brag_total(const struct gt_brag_counts *c)
{
    long t = 0;
    for (int i = 0; i < GT_BRAG_COUNT; i++)
        t += c->n[i];
    return t;
}

void
gt_brag_counts_format(const struct gt_brag_counts *c, char *out, size_t len)
{
    snprintf(out, len, "Blue %ld, Green %ld, Amber %ld, Red %ld, Not rated %ld",
             c->n[GT_BLUE], c->n[GT_GREEN], c->n[GT_AMBER], c->n[GT_RED],
             c->n[GT_NOT_RATED]);
}
