#include "cli/cli.h"
int cmd_zopa(int argc, char **argv) { (void)argc; (void)argv; return 2; }
