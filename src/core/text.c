#include "core/text.h"

#include <string.h>

size_t brink_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    /* optimal string alignment: Levenshtein with adjacent transpositions */
    size_t prev2[65], prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            size_t m = sub < del ? sub : del;
            m = m < ins ? m : ins;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < m)
                m = prev2[j - 2] + 1;
            cur[j] = m;
        }
        memcpy(prev2, prev, (lb + 1) * sizeof prev[0]);
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

const char *brink_suggest(const char *name, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t len = strlen(name);
    for (size_t i = 0; i < n; i++) {
        size_t d = brink_edit_distance(name, cands[i]);
        /* a prefix of a long name ("capacity" for "capacity_mbpd") is close */
        if (len >= 4 && strncmp(name, cands[i], len) == 0 && d > 1)
            d = 1;
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    size_t limit = len < 6 ? 2 : len / 3 + 1;
    return best_d <= limit ? best : NULL;
}
