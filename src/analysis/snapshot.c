/* Snapshots of ensembles, for resuming them (see brink/parallel.h and
 * docs/cluster.md). */
#include "analysis/snapshot.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/atomic_file.h"
#include "core/parallel.h"

static char checkpoint_dir[BRINK_DIR_MAX + 1];
static int have_checkpoint;
static pthread_t checkpoint_owner; /* the thread whose ensembles are numbered */
static long snapshot_seq;
static double interval_s = 10.0;
static struct timespec last_save;

brink_status brink_parallel_set_checkpoint(const char *dir, brink_error *err)
{
    have_checkpoint = 0;
    snapshot_seq = 0;
    if (!dir)
        return BRINK_OK;
    size_t n = strlen(dir);
    if (n == 0 || n > BRINK_DIR_MAX)
        return brink_error_set(err, BRINK_ERR_INPUT, dir, 0, 0, NULL,
                               "a checkpoint directory needs a name of 1 to %d bytes",
                               BRINK_DIR_MAX);
    struct stat st;
    if (brink_parallel_rank() == 0) {
        if (stat(dir, &st) != 0) {
            if (errno != ENOENT || mkdir(dir, 0777) != 0)
                return brink_error_set(err, BRINK_ERR_INPUT, dir, 0, 0, NULL,
                                       "cannot create the checkpoint directory: %s",
                                       strerror(errno));
        } else if (!S_ISDIR(st.st_mode)) {
            return brink_error_set(err, BRINK_ERR_INPUT, dir, 0, 0, NULL,
                                   "the checkpoint path is not a directory");
        }
    }
    memcpy(checkpoint_dir, dir, n + 1);
    have_checkpoint = 1;
    checkpoint_owner = pthread_self();
    clock_gettime(CLOCK_MONOTONIC, &last_save);
    return BRINK_OK;
}

void brink_parallel_set_snapshot_interval(double seconds)
{
    interval_s = seconds > 0 ? seconds : 0;
}

long brink_snapshot_next(void)
{
    /* ensembles run on other threads have no stable order: not kept */
    if (!have_checkpoint || !pthread_equal(checkpoint_owner, pthread_self()))
        return -1;
    return snapshot_seq++;
}

int brink_snapshot_due(void)
{
    if (interval_s <= 0)
        return 1;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - last_save.tv_sec) +
                1e-9 * (double)(now.tv_nsec - last_save.tv_nsec);
    if (dt < interval_s)
        return 0;
    last_save = now;
    return 1;
}

/* File layout: magic, version, job, blocks, payload length, payload, and an
 * FNV-1a checksum of everything before it. */
static const char magic[8] = {'B', 'R', 'I', 'N', 'K', 'S', 'N', 'P'};
#define SNAPSHOT_VERSION 1u

static void snapshot_path(long seq, char *buf, size_t size)
{
    snprintf(buf, size, "%s/ensemble-%06ld.snap", checkpoint_dir, seq);
}

brink_status brink_snapshot_save(long seq, uint64_t job, uint64_t blocks, const void *payload,
                                 size_t n, brink_error *err)
{
    char path[BRINK_PATH_MAX + 64];
    snapshot_path(seq, path, sizeof path);
    brink_packer p;
    brink_packer_init(&p);
    brink_pack_bytes(&p, magic, sizeof magic);
    brink_pack_u64(&p, SNAPSHOT_VERSION);
    brink_pack_u64(&p, job);
    brink_pack_u64(&p, blocks);
    brink_pack_u64(&p, (uint64_t)n);
    brink_pack_bytes(&p, payload, n);
    if (!p.failed)
        brink_pack_u64(&p, brink_fnv1a(BRINK_FNV_START, p.data, p.len));
    if (p.failed) {
        brink_packer_release(&p);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    brink_atomic_file af;
    brink_status st = brink_atomic_open(&af, path, err);
    if (st == BRINK_OK) {
        if (fwrite(p.data, 1, p.len, af.fp) != p.len) {
            brink_atomic_abort(&af);
            st = brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL,
                                 "cannot write the snapshot");
        } else {
            st = brink_atomic_commit(&af, err);
        }
    }
    brink_packer_release(&p);
    return st;
}

int brink_snapshot_load(long seq, uint64_t job, brink_snapshot *s, brink_error *err)
{
    char path[BRINK_PATH_MAX + 64];
    snapshot_path(seq, path, sizeof path);
    brink_packer_init(&s->payload);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        brink_error_set(err, BRINK_ERR_INPUT, path, 0, 0, NULL, "cannot read the snapshot: %s",
                        strerror(errno));
        return -1;
    }
    brink_packer raw;
    brink_packer_init(&raw);
    unsigned char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        brink_pack_bytes(&raw, buf, got);
    int bad_read = ferror(f);
    fclose(f);
    const char *why = NULL;
    uint64_t version = 0, n = 0, sum = 0, file_job = 0;
    char m[8];
    brink_unpacker u;
    brink_unpacker_init(&u, raw.data, raw.len);
    if (!raw.failed && raw.len >= sizeof sum)
        memcpy(&sum, raw.data + raw.len - sizeof sum, sizeof sum);
    if (bad_read || raw.failed)
        why = "cannot be read";
    else if (raw.len < sizeof m + 5 * sizeof(uint64_t))
        why = "is damaged (too short)";
    else if (brink_fnv1a(BRINK_FNV_START, raw.data, raw.len - sizeof sum) != sum)
        why = "is damaged (its checksum does not match)";
    else if (brink_unpack_bytes(&u, m, sizeof m) != 0 || memcmp(m, magic, sizeof m) != 0 ||
             brink_unpack_u64(&u, &version) != 0 || version != SNAPSHOT_VERSION)
        why = "is not a snapshot of this version of brink";
    else if (brink_unpack_u64(&u, &file_job) != 0 || file_job != job)
        why = "belongs to another job (another scenario, seed, number of runs or policies); "
              "use a fresh directory";
    else if (brink_unpack_u64(&u, &s->blocks) != 0 || brink_unpack_u64(&u, &n) != 0 ||
             n != raw.len - u.pos - sizeof sum)
        why = "is damaged (wrong length)";
    if (why) {
        brink_packer_release(&raw);
        brink_error_set(err, BRINK_ERR_INPUT, path, 0, 0, NULL, "the snapshot %s", why);
        return -1;
    }
    s->job = job;
    brink_pack_bytes(&s->payload, raw.data + u.pos, (size_t)n);
    brink_packer_release(&raw);
    if (s->payload.failed) {
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return -1;
    }
    return 1;
}
