/* The brink command-line program: one function per subcommand. Each returns
 * the process exit code: 0 ok, 1 runtime failure, 2 bad input or usage. */
#ifndef BRINK_CLI_H
#define BRINK_CLI_H

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv); /* argv[0] is the subcommand name */
    const char *summary;
} cli_command;

int cmd_run(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_scenarios(int argc, char **argv);
int cmd_params(int argc, char **argv);
int cmd_claims(int argc, char **argv);
int cmd_game(int argc, char **argv);
int cmd_ensemble(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_tioli(int argc, char **argv);
int cmd_zopa(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_discover(int argc, char **argv);
int cmd_robust(int argc, char **argv);
int cmd_serve(int argc, char **argv); /* when built with libmicrohttpd */

#endif
