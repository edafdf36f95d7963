/* Small file-system helpers shared across the library. */
#ifndef BRINK_CORE_FS_H
#define BRINK_CORE_FS_H

#include "brink/error.h"

/* The status of a failure to open or read a path the user named: a path
 * that names no readable file (missing, a directory, through a file, too
 * long, a symbolic link loop, no permission) is bad input; anything else
 * (I/O error, out of memory or descriptors) is a runtime failure. */
brink_status brink_errno_status(int e);

#endif
