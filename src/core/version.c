#include "brink/brink.h"

const char *brink_version(void)
{
    return BRINK_VERSION;
}
