/* Byte buffers for moving accumulators between processes and to disk.
 *
 * A packer appends plain values (in this machine's byte order: the processes
 * of one job run the same program on the same architecture) and arrays of
 * counters, the latter as variable-length integers with runs of zeros
 * collapsed, since most bins of a histogram filled by one block of runs are
 * empty or small. An unpacker reads them
 * back in the same order and fails, without reading past the end, on a
 * buffer that is too short or malformed. */
#ifndef BRINK_CORE_PACK_H
#define BRINK_CORE_PACK_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    unsigned char *data;
    size_t len, cap;
    int failed; /* out of memory: every later put is ignored */
} brink_packer;

void brink_packer_init(brink_packer *p);
void brink_packer_release(brink_packer *p);
void brink_pack_bytes(brink_packer *p, const void *src, size_t n);
void brink_pack_u64(brink_packer *p, uint64_t v);
/* n counters, as variable-length integers, runs of zeros as their length */
void brink_pack_u32s(brink_packer *p, const uint32_t *v, size_t n);
void brink_pack_u64s(brink_packer *p, const uint64_t *v, size_t n);

typedef struct {
    const unsigned char *data;
    size_t len, pos;
    int failed; /* read past the end or malformed: every later get fails */
} brink_unpacker;

void brink_unpacker_init(brink_unpacker *u, const void *data, size_t len);
/* Each returns 0 on success, -1 (and sets failed) otherwise. */
int brink_unpack_bytes(brink_unpacker *u, void *dst, size_t n);
int brink_unpack_u64(brink_unpacker *u, uint64_t *v);
int brink_unpack_u32s(brink_unpacker *u, uint32_t *v, size_t n);
int brink_unpack_u64s(brink_unpacker *u, uint64_t *v, size_t n);

/* FNV-1a over n bytes, continuing from h (start with BRINK_FNV_START). */
#define BRINK_FNV_START 14695981039346656037ULL
uint64_t brink_fnv1a(uint64_t h, const void *data, size_t n);

#endif
