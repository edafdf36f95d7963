/* Packed accumulators (core/pack.h) and snapshots of ensembles
 * (analysis/snapshot.h): exact round trips, zero runs collapsed, and damaged
 * or foreign input refused without reading past its end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/snapshot.h"
#include "brink/parallel.h"
#include "core/pack.h"

static void counters_round_trip(void **state)
{
    (void)state;
    uint32_t v[1000];
    memset(v, 0, sizeof v);
    /* lone values, a lone zero inside values, runs of both, the last value set */
    v[3] = 7;
    v[10] = 1;
    v[12] = 2;
    for (int i = 500; i < 520; i++)
        v[i] = (uint32_t)i;
    v[999] = 4000000000u;
    brink_packer p;
    brink_packer_init(&p);
    brink_pack_u64(&p, 42);
    brink_pack_u32s(&p, v, 1000);
    brink_pack_u64(&p, 43);
    assert_false(p.failed);
    /* far smaller than the array: only the non-zero stretches are stored */
    assert_true(p.len < 300);

    uint32_t w[1000];
    memset(w, 0xab, sizeof w);
    uint64_t a = 0, b = 0;
    brink_unpacker u;
    brink_unpacker_init(&u, p.data, p.len);
    assert_int_equal(brink_unpack_u64(&u, &a), 0);
    assert_int_equal(brink_unpack_u32s(&u, w, 1000), 0);
    assert_int_equal(brink_unpack_u64(&u, &b), 0);
    assert_int_equal(a, 42);
    assert_int_equal(b, 43);
    assert_memory_equal(v, w, sizeof v);
    assert_int_equal(u.pos, p.len);

    /* every truncation fails, and no read goes past the end */
    for (size_t cut = 0; cut < p.len; cut++) {
        brink_unpacker_init(&u, p.data, cut);
        brink_unpack_u64(&u, &a);
        brink_unpack_u32s(&u, w, 1000);
        brink_unpack_u64(&u, &b);
        assert_true(u.failed);
        assert_true(u.pos <= cut);
    }
    brink_packer_release(&p);
}

static void all_zero_and_wide_counters(void **state)
{
    (void)state;
    uint64_t z[4096] = {0}, v[5] = {1, 0, 0, UINT64_MAX, 0}, w[4096];
    brink_packer p;
    brink_packer_init(&p);
    brink_pack_u64s(&p, z, 4096);
    size_t zero_len = p.len;
    brink_pack_u64s(&p, v, 5);
    assert_int_equal(zero_len, 3); /* one record: 4096 zeros (2 bytes), no values (1) */
    brink_unpacker u;
    brink_unpacker_init(&u, p.data, p.len);
    memset(w, 1, sizeof w);
    assert_int_equal(brink_unpack_u64s(&u, w, 4096), 0);
    for (int i = 0; i < 4096; i++)
        assert_int_equal(w[i], 0);
    assert_int_equal(brink_unpack_u64s(&u, w, 5), 0);
    assert_memory_equal(v, w, sizeof v);
    /* a record that claims more values than the array holds is refused */
    brink_unpacker_init(&u, p.data, p.len);
    assert_int_equal(brink_unpack_u64s(&u, w, 4095), -1);
    brink_packer_release(&p);

    /* a 32-bit counter that does not fit 32 bits is refused: no zeros, one
     * value, 2^32 in five bytes */
    const unsigned char wide[] = {0x00, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10};
    uint32_t one;
    brink_unpacker_init(&u, wide, sizeof wide);
    assert_int_equal(brink_unpack_u32s(&u, &one, 1), -1);
    /* 2^32 - 1 fits */
    const unsigned char widest[] = {0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f};
    brink_unpacker_init(&u, widest, sizeof widest);
    assert_int_equal(brink_unpack_u32s(&u, &one, 1), 0);
    assert_int_equal(one, UINT32_MAX);
    /* a varint that never ends */
    const unsigned char endless[] = {0x00, 0x01, 0xff, 0xff, 0xff};
    brink_unpacker_init(&u, endless, sizeof endless);
    assert_int_equal(brink_unpack_u32s(&u, &one, 1), -1);
}

static char dir[] = "/tmp/brink-test-pack.XXXXXX";

static void snapshots(void **state)
{
    (void)state;
    brink_error err;
    assert_non_null(mkdtemp(dir));
    assert_int_equal(brink_parallel_set_checkpoint(dir, &err), BRINK_OK);
    long s0 = brink_snapshot_next(), s1 = brink_snapshot_next();
    assert_int_equal(s0, 0);
    assert_int_equal(s1, 1);

    const char payload[] = "accumulators";
    assert_int_equal(brink_snapshot_save(s0, 99, 3, payload, sizeof payload, &err), BRINK_OK);
    brink_snapshot snap;
    assert_int_equal(brink_snapshot_load(s0, 99, &snap, &err), 1);
    assert_int_equal(snap.blocks, 3);
    assert_int_equal(snap.payload.len, sizeof payload);
    assert_memory_equal(snap.payload.data, payload, sizeof payload);
    brink_packer_release(&snap.payload);

    /* none yet for the second ensemble; another job's is refused */
    assert_int_equal(brink_snapshot_load(s1, 99, &snap, &err), 0);
    brink_packer_release(&snap.payload);
    assert_int_equal(brink_snapshot_load(s0, 98, &snap, &err), -1);
    assert_non_null(strstr(err.message, "another job"));
    brink_packer_release(&snap.payload);

    /* one flipped byte is caught by the checksum */
    char path[256];
    snprintf(path, sizeof path, "%s/ensemble-000000.snap", dir);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 45, SEEK_SET);
    fputc('X', f);
    fclose(f);
    assert_int_equal(brink_snapshot_load(s0, 99, &snap, &err), -1);
    assert_non_null(strstr(err.message, "damaged"));
    brink_packer_release(&snap.payload);
    unlink(path);

    /* a checkpoint path that is a file */
    assert_int_equal(brink_parallel_set_checkpoint(path, &err), BRINK_OK); /* created */
    rmdir(path);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(brink_parallel_set_checkpoint(path, &err), BRINK_ERR_INPUT);
    unlink(path);
    assert_int_equal(brink_parallel_set_checkpoint(NULL, &err), BRINK_OK);
    assert_int_equal(brink_snapshot_next(), -1);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counters_round_trip),
        cmocka_unit_test(all_zero_and_wide_counters),
        cmocka_unit_test(snapshots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
