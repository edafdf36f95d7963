/* Byte buffers with zero-run compression of counter arrays (see pack.h). */
#include "core/pack.h"

#include <stdlib.h>
#include <string.h>

void brink_packer_init(brink_packer *p)
{
    memset(p, 0, sizeof *p);
}

void brink_packer_release(brink_packer *p)
{
    free(p->data);
    memset(p, 0, sizeof *p);
}

static int reserve(brink_packer *p, size_t n)
{
    if (p->failed)
        return -1;
    if (n <= p->cap - p->len)
        return 0;
    size_t cap = p->cap ? p->cap : 4096;
    while (cap - p->len < n) {
        if (cap > SIZE_MAX / 2) {
            p->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    unsigned char *d = realloc(p->data, cap);
    if (!d) {
        p->failed = 1;
        return -1;
    }
    p->data = d;
    p->cap = cap;
    return 0;
}

void brink_pack_bytes(brink_packer *p, const void *src, size_t n)
{
    if (n == 0 || reserve(p, n) != 0)
        return;
    memcpy(p->data + p->len, src, n);
    p->len += n;
}

void brink_pack_u64(brink_packer *p, uint64_t v)
{
    brink_pack_bytes(p, &v, sizeof v);
}

/* Counter arrays as (zeros, literals, the literals) records: a run of zeros,
 * then a run of values copied as they are, until n values are covered. */
#define PACK_RUNS(NAME, T)                                                              \
    void NAME(brink_packer *p, const T *v, size_t n)                                    \
    {                                                                                   \
        size_t i = 0;                                                                   \
        while (i < n) {                                                                 \
            size_t z = i;                                                               \
            while (z < n && v[z] == 0)                                                  \
                z++;                                                                    \
            size_t l = z;                                                               \
            /* a literal run ends at two zeros in a row (one zero is cheaper inside) */ \
            while (l < n && !(v[l] == 0 && (l + 1 == n || v[l + 1] == 0)))              \
                l++;                                                                    \
            brink_pack_u64(p, (uint64_t)(z - i));                                       \
            brink_pack_u64(p, (uint64_t)(l - z));                                       \
            brink_pack_bytes(p, v + z, (l - z) * sizeof(T));                            \
            i = l;                                                                      \
        }                                                                               \
    }
PACK_RUNS(brink_pack_u32s, uint32_t)
PACK_RUNS(brink_pack_u64s, uint64_t)

void brink_unpacker_init(brink_unpacker *u, const void *data, size_t len)
{
    u->data = data;
    u->len = data ? len : 0;
    u->pos = 0;
    u->failed = 0;
}

int brink_unpack_bytes(brink_unpacker *u, void *dst, size_t n)
{
    if (u->failed || n > u->len - u->pos) {
        u->failed = 1;
        return -1;
    }
    if (n)
        memcpy(dst, u->data + u->pos, n);
    u->pos += n;
    return 0;
}

int brink_unpack_u64(brink_unpacker *u, uint64_t *v)
{
    return brink_unpack_bytes(u, v, sizeof *v);
}

#define UNPACK_RUNS(NAME, T)                                                    \
    int NAME(brink_unpacker *u, T *v, size_t n)                                 \
    {                                                                           \
        size_t i = 0;                                                           \
        while (i < n) {                                                         \
            uint64_t z, l;                                                      \
            if (brink_unpack_u64(u, &z) != 0 || brink_unpack_u64(u, &l) != 0 || \
                z > n - i || l > n - i - z || z + l == 0) {                     \
                u->failed = 1;                                                  \
                return -1;                                                      \
            }                                                                   \
            memset(v + i, 0, (size_t)z * sizeof(T));                            \
            i += (size_t)z;                                                     \
            if (brink_unpack_bytes(u, v + i, (size_t)l * sizeof(T)) != 0)       \
                return -1;                                                      \
            i += (size_t)l;                                                     \
        }                                                                       \
        return 0;                                                               \
    }
UNPACK_RUNS(brink_unpack_u32s, uint32_t)
UNPACK_RUNS(brink_unpack_u64s, uint64_t)

uint64_t brink_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}
