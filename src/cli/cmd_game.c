/* brink game FILE: every Nash equilibrium of a two-player game. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/game.h"
#include "cli/cli.h"
#include "cli/game_print.h"

#define MAX_FILE_BYTES ((size_t)16 << 20)

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink game FILE [--format table|json]\n\n"
            "Finds every Nash equilibrium, pure and mixed, of a two-player game.\n"
            "FILE (YAML or JSON) holds:\n"
            "  players: [sender, target]              # optional\n"
            "  strategies: [[s1, s2], [t1, t2, t3]]   # optional\n"
            "  payoffs: [A, B]                        # [row][column] each\n"
            "At most %d strategies per player. See docs/game.md.\n\n"
            "options:\n"
            "  --format table|json   output format (default table)\n",
            BRINK_GAME_MAX_STRATEGIES);
}

/* Reads the whole file; NULL (and a message on stderr) on failure. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: error: cannot open: %s\n", path, strerror(errno));
        return NULL;
    }
    char *text = malloc(MAX_FILE_BYTES + 1);
    size_t n = text ? fread(text, 1, MAX_FILE_BYTES + 1, f) : 0;
    int bad = !text || ferror(f);
    fclose(f);
    if (bad || n > MAX_FILE_BYTES) {
        fprintf(stderr, "%s: error: %s\n", path,
                !text ? "out of memory" : bad ? "cannot read" : "file too large");
        free(text);
        return NULL;
    }
    text[n] = '\0';
    *len = n;
    return text;
}

int cmd_game(int argc, char **argv)
{
    const char *file = NULL, *format = "table";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--format") == 0) {
            if (++i == argc) {
                fprintf(stderr, "brink game: --format needs a value\n");
                return 2;
            }
            format = argv[i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "brink game: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (file) {
            fprintf(stderr, "brink game: one game file only\n");
            return 2;
        } else {
            file = a;
        }
    }
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "brink game: unknown format '%s' (table or json)\n", format);
        return 2;
    }
    if (!file) {
        usage(stderr);
        return 2;
    }
    size_t len;
    char *text = slurp(file, &len);
    if (!text)
        return 2;
    brink_game *g = NULL;
    brink_error err;
    brink_error_clear(&err);
    if (brink_game_parse(text, len, file, &g, &err) != BRINK_OK) {
        char msg[2048];
        brink_error_format(&err, text, msg, sizeof msg);
        fputs(msg, stderr);
        free(text);
        return err.code == BRINK_ERR_RUNTIME ? 1 : 2;
    }
    free(text);
    int rc = 0;
    brink_nash_result *r = brink_nash_result_alloc(&err);
    if (!r || brink_nash_enumerate(g, NULL, r, &err) != BRINK_OK) {
        char msg[1024];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "%s: %s", file, msg);
        rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    } else if (strcmp(format, "json") == 0) {
        if (game_print_json(stdout, g, r) != 0) {
            fprintf(stderr, "brink game: cannot write JSON\n");
            rc = 1;
        }
    } else {
        game_print_table(stdout, g, r);
    }
    if (fflush(stdout) != 0 && rc == 0) {
        fprintf(stderr, "brink game: cannot write output\n");
        rc = 1;
    }
    brink_nash_result_free(r);
    brink_game_free(g);
    return rc;
}
