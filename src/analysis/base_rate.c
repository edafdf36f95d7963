/* The horizon-conditioned base rate (src/analysis/base_rate.h) over the
 * generated table base_rate.def (scripts/base_rates.py). */
#include "analysis/base_rate.h"

#include <string.h>

typedef struct {
    const char *name; /* a brink outcome, or "censored" */
    int upper;        /* the bin is (upper - BIN, upper] months ([0, BIN] for the first) */
    int count;
} base_rate_row;

static const base_rate_row rows[] = {
#define X(name, upper, count) {name, upper, count},
#include "base_rate.def"
#undef X
};

enum { NROWS = (int)(sizeof rows / sizeof rows[0]) };

static const char censored[] = "censored";

int brink_base_rate_episodes(void)
{
    int n = 0;
    for (int i = 0; i < NROWS; i++)
        n += rows[i].count;
    return n;
}

static int find(const char *const names[], int n, const char *name)
{
    for (int k = 0; k < n; k++)
        if (names[k] && strcmp(names[k], name) == 0)
            return k;
    return -1;
}

void brink_base_rate_at(double horizon_months, const char *const names[], int n, double p[])
{
    if (n <= 0)
        return;
    double h = horizon_months > 0 ? horizon_months : 0; /* NaN -> 0 */
    for (int k = 0; k < n; k++)
        p[k] = 0;

    /* Life table: s = share still going at the start of the bin, atrisk =
     * episodes neither ended nor censored before it. Rows come sorted by bin;
     * bins without rows change nothing. */
    const double width = BRINK_BASE_RATE_BIN_MONTHS;
    const double total = brink_base_rate_episodes();
    double s = 1, atrisk = total;
    for (int i = 0; i < NROWS;) {
        int up = rows[i].upper;
        double lo = up - width;
        if (h <= lo)
            break;
        int j = i;
        double ended = 0, cens = 0;
        for (; j < NROWS && rows[j].upper == up; j++) {
            if (strcmp(rows[j].name, censored) == 0)
                cens += rows[j].count;
            else
                ended += rows[j].count;
        }
        double at = atrisk - cens / 2; /* > 0: the bin holds ended + cens > 0 episodes */
        double f = h >= up ? 1 : (h - lo) / width;
        for (int r = i; r < j; r++) {
            int k = find(names, n, rows[r].name);
            if (k >= 0)
                p[k] += s * f * rows[r].count / at;
        }
        s *= 1 - f * ended / at;
        atrisk -= ended + cens;
        i = j;
    }
    int st = find(names, n, "stalemate");
    if (st >= 0)
        p[st] += s;

    double sum = 0;
    for (int k = 0; k < n; k++)
        sum += p[k];
    double den = total * sum + n;
    for (int k = 0; k < n; k++)
        p[k] = (total * p[k] + 1) / den;
}
