/* Doubles to a vector (GCC and clang vector extensions): independent lanes
 * that each compute what a scalar loop over one party or one good would,
 * operation for operation (no reassociation, no contraction), so results
 * are the same to the bit whatever instructions carry them, at any width.
 * Eight lanes where the file is compiled for AVX-512 (the copy of the
 * monthly step for such processors, model/isa.h), four otherwise: one AVX
 * instruction does four, and without AVX the compiler splits each
 * operation in two SSE2 ones. The tables of parties and goods hold whole
 * vectors of either width. Loads, stores and splats are macros (a function
 * passing such a vector would change its ABI with the target). */
#ifndef BRINK_MODEL_LANES_H
#define BRINK_MODEL_LANES_H

#include <string.h>

#ifdef __AVX512F__
#define BRINK_VP_N 8
#else
#define BRINK_VP_N 4
#endif
typedef double brink_vp __attribute__((vector_size(BRINK_VP_N * sizeof(double))));
typedef long long brink_mp __attribute__((vector_size(BRINK_VP_N * sizeof(long long))));
/* (x - 0 is x, to the bit, for every x: a splat at either width) */
#define BRINK_VP_SPLAT(x) ((x) - (brink_vp){0})
/* Lane by lane, a where the mask m (a vector comparison) holds, else b:
 * the bits of one or the other, as `m ? a : b` would give. */
#define BRINK_VP_SELECT(m, a, b) ((brink_vp)(((brink_mp)(a) & (m)) | ((brink_mp)(b) & ~(m))))
#define BRINK_VP_LOAD(v, p) memcpy(&(v), (p), sizeof(brink_vp))
#define BRINK_VP_STORE(p, v) memcpy((p), &(v), sizeof(brink_vp))

/* A function whose loops run on lanes: compiled twice on x86-64 with GCC,
 * with AVX (without FMA: nothing is contracted) and without, the first used
 * where the processor has it. Only on static functions, called through an
 * ordinary function of the library: the dispatcher of a clone with external
 * linkage is exported from libbrink.so whatever its visibility, and up to
 * clang 15 such clones cannot be called from other files. (Not with clang;
 * not in a copy of the step compiled for a wider processor, model/isa.h,
 * which has AVX throughout.) */
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__GNUC__) && !defined(__clang__) &&       \
    defined(__has_attribute) && !defined(BRINK_ISA_VARIANT)
#if __has_attribute(target_clones)
#define BRINK_LANES_CLONES __attribute__((target_clones("avx", "default")))
#endif
#endif
#ifndef BRINK_LANES_CLONES
#define BRINK_LANES_CLONES
#endif

#endif
