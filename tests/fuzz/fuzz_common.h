/* Shared by the fuzz harnesses (libFuzzer): every harness feeds arbitrary
 * bytes to one entry point of the library and checks what must always hold;
 * a broken invariant aborts, so libFuzzer reports the input. */
#ifndef BRINK_FUZZ_COMMON_H
#define BRINK_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "brink/brink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when `cond` is false. */
#define FUZZ_CHECK(cond, what)                                                   \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, __FILE__, \
                    __LINE__);                                                   \
            abort();                                                             \
        }                                                                        \
    } while (0)

/* Every error of a failed load is bad input or a runtime failure, with a
 * message: no silent failure, no other status. */
static inline void fuzz_check_errors(const brink_error_list *errs)
{
    FUZZ_CHECK(errs->count > 0, "a failed load without an error");
    for (int i = 0; i < errs->count; i++) {
        FUZZ_CHECK(errs->items[i].code == BRINK_ERR_INPUT ||
                       errs->items[i].code == BRINK_ERR_RUNTIME,
                   "an error without a status");
        FUZZ_CHECK(errs->items[i].message[0] != '\0', "an error without a message");
    }
}

#endif
