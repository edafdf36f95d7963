/* libm's variants without FMA on every processor (cli/libm.h). */
#include "cli/libm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/pack.h"

#if defined(__x86_64__) && defined(__GLIBC__)
#define CLI_LIBM_VARIANTS 1
#else
#define CLI_LIBM_VARIANTS 0
#endif

/* Set in the environment of the second run, so that there is no third
 * (where glibc ignores or drops its tunables). */
#define CLI_LIBM_AGAIN "BRINK_LIBM_AGAIN_"

/* Whether GLIBC_TUNABLES sets glibc.cpu.hwcaps. */
static int hwcaps_chosen(const char *tunables)
{
    for (const char *p = tunables; p && *p;) {
        if (strncmp(p, "glibc.cpu.hwcaps=", strlen("glibc.cpu.hwcaps=")) == 0)
            return 1;
        p = strchr(p, ':');
        if (p)
            p++;
    }
    return 0;
}

void cli_libm_same_everywhere(char **argv)
{
    if (!CLI_LIBM_VARIANTS || getenv(CLI_LIBM_AGAIN))
        return;
    const char *old = getenv("GLIBC_TUNABLES");
    if (hwcaps_chosen(old))
        return;
    size_t n = (old ? strlen(old) + 1 : 0) + sizeof CLI_LIBM_TUNABLE;
    char *value = malloc(n);
    char *saved = old ? strdup(old) : NULL;
    if (!value || (old && !saved)) {
        free(value);
        free(saved);
        return;
    }
    snprintf(value, n, "%s%s%s", old ? old : "", old ? ":" : "", CLI_LIBM_TUNABLE);
    if (setenv("GLIBC_TUNABLES", value, 1) == 0 && setenv(CLI_LIBM_AGAIN, "1", 1) == 0)
        execv("/proc/self/exe", argv);
    /* (not run again: the environment as it was) */
    if (saved)
        setenv("GLIBC_TUNABLES", saved, 1);
    else
        unsetenv("GLIBC_TUNABLES");
    unsetenv(CLI_LIBM_AGAIN);
    free(value);
    free(saved);
}

const char *cli_libm_mode(void)
{
    if (!CLI_LIBM_VARIANTS)
        return "libm: this C library's (one variant of each function)";
    const char *t = getenv("GLIBC_TUNABLES");
    if (t && strstr(t, CLI_LIBM_TUNABLE) && getenv(CLI_LIBM_AGAIN))
        return "libm: glibc's variants without FMA, the same bits on every x86-64 processor";
    if (hwcaps_chosen(t))
        return "libm: glibc's variants as GLIBC_TUNABLES chooses (glibc.cpu.hwcaps)";
    return "libm: glibc's variants for this processor (with FMA where it has FMA)";
}

uint64_t cli_libm_check(void)
{
    uint64_t h = BRINK_FNV_START;
    for (int i = 0; i < 100000; i++) {
        double x = i * 0.000370370370370 - 18.5;
        double y[5] = {exp(x), log(fabs(x) + 1e-3), expm1(x / 8), log1p(fabs(x)),
                       pow(fabs(x) + 0.1, 0.37)};
        h = brink_fnv1a(h, y, sizeof y);
    }
    return h;
}
