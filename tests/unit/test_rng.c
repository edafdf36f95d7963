/* Many Philox blocks at once (core/rng.h): every variant the processor can
 * run gives, block for block, the bits of brink_rng_u4_scalar (Random123's
 * philox4x32 with the counter layout of one block), for any number of
 * blocks (whole groups of vectors, part of one, fewer than four), over
 * seeds, runs, streams, months and slots that use every bit of the counter
 * and key; so do the blocks of several runs side by side, one to a lane.
 * The portable variants draw each block with brink_rng_u4 (in SSE2 lanes
 * where compiled for them), so they test that too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/rng.h"

typedef void (*u4xn_fn)(const brink_rng *, uint32_t, const uint32_t *, const uint32_t *, int,
                        double (*)[4]);

enum { MAXN = 71 };

/* A 64-bit mixer (splitmix64's finaliser) for arguments that vary every bit. */
static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static int mismatches(u4xn_fn variant, int cases)
{
    int bad = 0;
    for (int c = 0; c < cases; c++) {
        brink_rng r;
        uint64_t seed = c < 4 ? (uint64_t)c : mix((uint64_t)c);
        uint64_t run = c < 8 ? (uint64_t)c * UINT64_C(0xffffffff) : mix(~(uint64_t)c);
        brink_rng_init(&r, seed, run);
        uint32_t stream = (uint32_t)(mix((uint64_t)c + 1) % 3);
        int n = c % (MAXN + 1); /* 0 to MAXN blocks: every rest, several groups */
        uint32_t month[MAXN], slot[MAXN];
        for (int b = 0; b < n; b++) {
            month[b] = c % 2 ? (uint32_t)c + (uint32_t)(b * (c % 5))
                             : (uint32_t)mix((uint64_t)(MAXN * c + b) + 2);
            slot[b] = (uint32_t)mix((uint64_t)(MAXN * c + b)) & (c % 3 ? 0x3fu : 0xffffffu);
        }
        double got[MAXN][4], want[4];
        variant(&r, stream, month, slot, n, got);
        for (int b = 0; b < n; b++) {
            brink_rng_u4_scalar(&r, stream, month[b], slot[b], want);
            bad += memcmp(want, got[b], sizeof want) != 0;
        }
    }
    return bad;
}

/* Blocks of runs side by side (brink_rng_u4_runs): each lane a run of its
 * own seed and run, at its own month; 0 to MAXL lanes (whole vectors of
 * eight and four, parts of them), 1 to MAXS slots (side by side in one
 * pass and in several). */
typedef void (*runs_fn)(const brink_rng *, int, uint32_t, const uint32_t *, const uint32_t *, int,
                        double *);

enum { MAXL = 21, MAXS = 6 };

static int run_mismatches(runs_fn variant, int cases)
{
    int bad = 0;
    for (int c = 0; c < cases; c++) {
        int n = c % (MAXL + 1), nslots = 1 + c % MAXS;
        brink_rng r[MAXL];
        uint32_t month[MAXL], slot[MAXS];
        for (int l = 0; l < n; l++) {
            uint64_t seed = c % 4 == 0 ? (uint64_t)c : mix((uint64_t)(MAXL * c + l) + 3);
            uint64_t run =
                c % 3 == 0 ? (uint64_t)l * UINT64_C(0xffffffff) : mix(~(uint64_t)l ^ (uint64_t)c);
            brink_rng_init(&r[l], seed, run);
            month[l] = c % 2 ? (uint32_t)(c + l) : (uint32_t)mix((uint64_t)(MAXL * c + l) + 5);
        }
        for (int k = 0; k < nslots; k++)
            slot[k] = (uint32_t)mix((uint64_t)(MAXS * c + k)) & (c % 5 ? 0x3fu : 0xffffffu);
        uint32_t stream = (uint32_t)(mix((uint64_t)c + 7) % 3);
        double got[4 * MAXS * MAXL], want[4];
        variant(r, n, stream, month, slot, nslots, got);
        for (int l = 0; l < n; l++)
            for (int k = 0; k < nslots; k++) {
                brink_rng_u4_scalar(&r[l], stream, month[l], slot[k], want);
                for (int i = 0; i < 4; i++)
                    bad += memcmp(&want[i], &got[(4 * k + i) * n + l], sizeof want[i]) != 0;
            }
    }
    return bad;
}

/* Each variant, both ways of drawing many blocks. */
static void test_portable(void **state)
{
    (void)state;
    assert_int_equal(mismatches(brink_rng_u4xn_portable, 3000), 0);
    assert_int_equal(run_mismatches(brink_rng_u4_runs_portable, 2000), 0);
}

static void test_dispatched(void **state)
{
    (void)state;
    assert_int_equal(mismatches(brink_rng_u4xn, 3000), 0);
    assert_int_equal(run_mismatches(brink_rng_u4_runs, 2000), 0);
}

static void test_avx2(void **state)
{
    (void)state;
#ifdef BRINK_RNG_X86
    if (!brink_rng_have_avx2()) {
        print_message("SKIP: this processor has no AVX2\n");
        skip();
    }
    assert_int_equal(mismatches(brink_rng_u4xn_avx2, 3000), 0);
    assert_int_equal(run_mismatches(brink_rng_u4_runs_avx2, 2000), 0);
#else
    print_message("SKIP: no AVX2 variant on this architecture\n");
    skip();
#endif
}

static void test_avx512(void **state)
{
    (void)state;
#ifdef BRINK_RNG_X86
    if (!brink_rng_have_avx512()) {
        print_message("SKIP: this processor has no AVX-512\n");
        skip();
    }
    assert_int_equal(mismatches(brink_rng_u4xn_avx512, 3000), 0);
    assert_int_equal(run_mismatches(brink_rng_u4_runs_avx512, 2000), 0);
#else
    print_message("SKIP: no AVX-512 variant on this architecture\n");
    skip();
#endif
}

/* The comparison can fail: another slot's numbers differ in every block. */
static void test_detects_a_difference(void **state)
{
    (void)state;
    brink_rng r;
    brink_rng_init(&r, 12345, 7);
    const uint32_t slot[4] = {0, 1, 16, 24}, month[4] = {5, 5, 5, 6};
    double got[4][4], other[4];
    brink_rng_u4xn(&r, 0, month, slot, 4, got);
    for (int b = 0; b < 4; b++) {
        brink_rng_u4(&r, 0, month[b], slot[b] + 1, other);
        assert_memory_not_equal(other, got[b], sizeof other);
        for (int i = 0; i < 4; i++)
            assert_true(got[b][i] > 0 && got[b][i] < 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_portable),
        cmocka_unit_test(test_dispatched),
        cmocka_unit_test(test_avx2),
        cmocka_unit_test(test_avx512),
        cmocka_unit_test(test_detects_a_difference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
