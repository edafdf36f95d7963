/* The C library's aligned_alloc, failing while `no_aligned_memory` is set,
 * for a test of what the library does when memory runs out: the library
 * (linked statically into the test) takes a group of runs in lanes from
 * aligned_alloc, and from nothing else a test calls. Include it first, in
 * one file of a test (it defines aligned_alloc). */
#ifndef BRINK_TESTS_NO_ALIGNED_MEMORY_H
#define BRINK_TESTS_NO_ALIGNED_MEMORY_H

#define _GNU_SOURCE /* (RTLD_NEXT) */
#include <dlfcn.h>
#include <stddef.h>

static int no_aligned_memory;
void *aligned_alloc(size_t alignment, size_t size);
void *aligned_alloc(size_t alignment, size_t size)
{
    static void *(*real)(size_t, size_t);
    if (no_aligned_memory)
        return NULL;
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "aligned_alloc");
    return real ? real(alignment, size) : NULL;
}

#endif
