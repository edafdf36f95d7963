#include "core/fs.h"

#include <errno.h>

brink_status brink_errno_status(int e)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
    case EISDIR:
    case ENAMETOOLONG:
    case ELOOP:
    case EACCES:
    case EPERM:
        return BRINK_ERR_INPUT;
    default:
        return BRINK_ERR_RUNTIME;
    }
}
