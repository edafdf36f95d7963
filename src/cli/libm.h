/* The same bits on every processor: glibc picks each libm function's variant
 * (exp, log, expm1, log1p, pow, ...) from the processor it runs on, one with
 * FMA where the processor has it and one without elsewhere, and the two
 * differ in the last bit on rare arguments (docs/ensembles.md, "Results
 * across processors"). The `brink` program takes the variants without FMA
 * everywhere: it sets glibc's tunable for them and runs itself again, once,
 * before anything else (glibc reads its tunables before main). */
#ifndef BRINK_CLI_LIBM_H
#define BRINK_CLI_LIBM_H

#include <stdint.h>

/* The tunable that switches off the variants with FMA (FMA, and AMD's FMA4). */
#define CLI_LIBM_TUNABLE "glibc.cpu.hwcaps=-FMA,-FMA4"

/* Runs the program again (argv as given, the executable of this process)
 * with CLI_LIBM_TUNABLE added to GLIBC_TUNABLES, where that can matter (glibc
 * on x86-64) and the environment does not choose already: a GLIBC_TUNABLES
 * that sets glibc.cpu.hwcaps is the user's choice, kept as it is. Returns
 * only when it does not run the program again (nothing to do, or the
 * exec failed: the program goes on with the processor's variants). */
void cli_libm_same_everywhere(char **argv);

/* Which variants this process runs: a line for `brink --version`. */
const char *cli_libm_mode(void);

/* A digest of the results of exp, log, expm1, log1p and pow over a fixed
 * range of arguments in this process: equal digests, equal variants. */
uint64_t cli_libm_check(void);

#endif
