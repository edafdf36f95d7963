/* Small text helpers shared across the library. */
#ifndef BRINK_CORE_TEXT_H
#define BRINK_CORE_TEXT_H

#include <stddef.h>

/* Levenshtein distance between two strings of at most 64 characters;
 * (size_t)-1 for longer ones. For did-you-mean hints. */
size_t brink_edit_distance(const char *a, const char *b);

#endif
