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

/* Variable-length unsigned integers: 7 bits a byte, low bits first, the high
 * bit set on every byte but the last (most counts of a block fit one byte). */
static void pack_varint(brink_packer *p, uint64_t v)
{
    unsigned char b[10];
    size_t n = 0;
    while (v >= 0x80) {
        b[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    b[n++] = (unsigned char)v;
    brink_pack_bytes(p, b, n);
}

/* Counter arrays as records: a run of zeros (its length), then a run of
 * values (its length, then the values), all as variable-length integers,
 * until n values are covered. A literal run ends at two zeros in a row (a
 * lone zero costs less inside it). */
#define PACK_RUNS(NAME, T)                                                 \
    void NAME(brink_packer *p, const T *v, size_t n)                       \
    {                                                                      \
        size_t i = 0;                                                      \
        while (i < n) {                                                    \
            size_t z = i;                                                  \
            while (z < n && v[z] == 0)                                     \
                z++;                                                       \
            size_t l = z;                                                  \
            while (l < n && !(v[l] == 0 && (l + 1 == n || v[l + 1] == 0))) \
                l++;                                                       \
            pack_varint(p, (uint64_t)(z - i));                             \
            pack_varint(p, (uint64_t)(l - z));                             \
            if (reserve(p, 10 * (l - z)) != 0)                             \
                return;                                                    \
            for (size_t k = z; k < l; k++) {                               \
                uint64_t x = v[k];                                         \
                while (x >= 0x80) {                                        \
                    p->data[p->len++] = (unsigned char)(x | 0x80);         \
                    x >>= 7;                                               \
                }                                                          \
                p->data[p->len++] = (unsigned char)x;                      \
            }                                                              \
            i = l;                                                         \
        }                                                                  \
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

/* A variable-length integer of at most `bits` bits; -1 (failed) otherwise. */
static int unpack_varint(brink_unpacker *u, uint64_t *v, int bits)
{
    uint64_t x = 0;
    for (int shift = 0; shift < bits; shift += 7) {
        if (u->failed || u->pos >= u->len)
            break;
        unsigned char b = u->data[u->pos++];
        uint64_t part = (uint64_t)(b & 0x7f);
        if (shift > 0 && bits - shift < 7 && (part >> (bits - shift)) != 0)
            break; /* more bits than the type holds */
        x |= part << shift;
        if (!(b & 0x80)) {
            *v = x;
            return 0;
        }
    }
    u->failed = 1;
    return -1;
}

#define UNPACK_RUNS(NAME, T, BITS)                                              \
    int NAME(brink_unpacker *u, T *v, size_t n)                                 \
    {                                                                           \
        size_t i = 0;                                                           \
        while (i < n) {                                                         \
            uint64_t z, l;                                                      \
            if (unpack_varint(u, &z, 64) != 0 || unpack_varint(u, &l, 64) != 0 || \
                z > n - i || l > n - i - z || z + l == 0) {                     \
                u->failed = 1;                                                  \
                return -1;                                                      \
            }                                                                   \
            memset(v + i, 0, (size_t)z * sizeof(T));                            \
            i += (size_t)z;                                                     \
            for (uint64_t k = 0; k < l; k++) {                                  \
                uint64_t x;                                                     \
                if (unpack_varint(u, &x, BITS) != 0)                            \
                    return -1;                                                  \
                v[i++] = (T)x;                                                  \
            }                                                                   \
        }                                                                       \
        return 0;                                                               \
    }
UNPACK_RUNS(brink_unpack_u32s, uint32_t, 32)
UNPACK_RUNS(brink_unpack_u64s, uint64_t, 64)

uint64_t brink_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}
