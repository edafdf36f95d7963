/* Small text helpers shared across the library and the command line. */
#ifndef BRINK_CORE_TEXT_H
#define BRINK_CORE_TEXT_H

#include <stddef.h>

/* Edit distance between two strings of at most 64 characters: insertions,
 * deletions, substitutions and transpositions of two adjacent characters
 * ("rnu" is one from "run"); (size_t)-1 for longer strings. For
 * did-you-mean hints. */
size_t brink_edit_distance(const char *a, const char *b);

/* The candidate closest to `name`, or NULL when none is close enough: at
 * most 2 edits for a name shorter than 6 characters, else a third of its
 * length plus one; a name of 4 or more characters that begins a candidate
 * ("capacity" for "capacity_mbpd") counts as one edit away. Ties go to the
 * first candidate. The did-you-mean of every message (scenario keys, ids,
 * commands, options). */
const char *brink_suggest(const char *name, const char *const *cands, size_t n);

#endif
