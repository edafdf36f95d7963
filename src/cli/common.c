#include "cli/common.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/report.h"
#include "core/atomic_file.h"
#include "io/builtin.h"

/* Source files larger than this are not re-read for the caret line. */
#define MAX_SOURCE_BYTES (16u << 20)

static int last_status = 0;

int cli_last_status(void)
{
    return last_status ? last_status : 2;
}

static char *read_source(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 1 >= cap) {
            if (cap >= MAX_SOURCE_BYTES)
                break;
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, ncap);
            if (!nb)
                break;
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

void cli_print_error(const brink_error *err, const char *source)
{
    char *owned = NULL;
    if (!source && err->line > 0 && err->file[0]) {
        if (strncmp(err->file, "<builtin:", 9) == 0) {
            for (int i = 0; brink_builtins[i].name; i++) {
                char file[256];
                snprintf(file, sizeof file, "<builtin:%s>", brink_builtins[i].name);
                if (strcmp(file, err->file) == 0)
                    source = brink_builtins[i].text;
            }
        } else if (strcmp(err->file, "--set") != 0) {
            owned = read_source(err->file);
            source = owned;
        }
    }
    char buf[4096];
    brink_error_format(err, source, buf, sizeof buf);
    fputs(buf, stderr);
    free(owned);
}

void cli_print_errors(const brink_error_list *errs)
{
    for (int i = 0; i < errs->count; i++)
        cli_print_error(&errs->items[i], NULL);
    if (errs->dropped > 0)
        fprintf(stderr, "brink: %d more problem%s not shown\n", errs->dropped,
                errs->dropped == 1 ? "" : "s");
}

static int worst(const brink_error_list *errs)
{
    int code = 2;
    for (int i = 0; i < errs->count; i++)
        if (errs->items[i].code == BRINK_ERR_RUNTIME)
            code = 1;
    return code;
}

brink_scenario *cli_load_scenario(const char *spec, char **sets, int nsets)
{
    brink_error_list *errs = calloc(1, sizeof *errs);
    if (!errs) {
        fprintf(stderr, "brink: out of memory\n");
        last_status = 1;
        return NULL;
    }
    brink_scenario *sc = brink_scenario_load(spec, errs);
    if (!sc) {
        cli_print_errors(errs);
        last_status = worst(errs);
        free(errs);
        return NULL;
    }
    free(errs);
    for (int i = 0; i < nsets; i++) {
        brink_error err;
        if (brink_scenario_set(sc, sets[i], &err) != BRINK_OK) {
            cli_print_error(&err, sets[i]);
            last_status = err.code == BRINK_ERR_RUNTIME ? 1 : 2;
            brink_scenario_free(sc);
            return NULL;
        }
    }
    last_status = 0;
    return sc;
}

int cli_policy_index(const brink_scenario *sc, const char *name)
{
    if (!name)
        return brink_scenario_default_policy(sc);
    int i = brink_scenario_policy_index(sc, name);
    if (i >= 0)
        return i;
    brink_error err;
    brink_error_set(&err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "unknown policy '%s'", name);
    char list[200];
    size_t used = 0;
    list[0] = '\0';
    for (int k = 0; k < brink_scenario_policy_count(sc) && used < sizeof list; k++) {
        int n = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "",
                         brink_scenario_policy_name(sc, k));
        if (n < 0)
            break;
        used += (size_t)n;
    }
    brink_error_hint(&err, "policies of '%s': %s", brink_scenario_name(sc), list);
    cli_print_error(&err, NULL);
    return -1;
}

static atomic_int interrupted;
static struct sigaction before_interrupt;

static void on_interrupt(int sig)
{
    (void)sig;
    atomic_store(&interrupted, 1);
    sigaction(SIGINT, &before_interrupt, NULL); /* a second Ctrl-C: as before */
}

atomic_int *cli_interrupt_begin(void)
{
    atomic_store(&interrupted, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &before_interrupt);
    return &interrupted;
}

void cli_interrupt_end(void)
{
    sigaction(SIGINT, &before_interrupt, NULL);
}

int cli_is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_opt_value(const char *cmd, int argc, char **argv, int *i, const char *name,
                  const char *short_name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) == 0 && arg[n] == '=') {
        *value = arg + n + 1;
        (*i)++;
        return 1;
    }
    if (strcmp(arg, name) != 0 && !(short_name && strcmp(arg, short_name) == 0))
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "brink %s: option '%s' needs a value\n", cmd, arg);
        return -1;
    }
    *value = argv[*i + 1];
    *i += 2;
    return 1;
}

int cli_opt_u64(const char *cmd, int argc, char **argv, int *i, const char *name, uint64_t lo,
                uint64_t hi, uint64_t *out)
{
    const char *v;
    int r = cli_opt_value(cmd, argc, argv, i, name, NULL, &v);
    if (r <= 0)
        return r;
    if (cli_parse_u64(v, lo, hi, out) != 0) {
        fprintf(stderr, "brink %s: error: %s: '%s' is not an integer in [%" PRIu64 ", %" PRIu64
                        "]\n", cmd, name, v, lo, hi);
        return -1;
    }
    return 1;
}

int cli_report_date(const char *cmd, const char *given, const char **date)
{
    const char *d = given;
    const char *src = "--date";
    if (!d) {
        d = getenv("BRINK_REPORT_DATE");
        src = "BRINK_REPORT_DATE";
        if (d && !*d)
            d = NULL;
    }
    if (d && !brink_report_date_valid(d)) {
        fprintf(stderr, "brink %s: error: %s: '%s' is not a calendar date YYYY-MM-DD\n", cmd, src,
                d);
        return -1;
    }
    *date = d;
    return 0;
}

static int check_failed(const char *cmd, const brink_error *err)
{
    char msg[2048];
    brink_error_format(err, NULL, msg, sizeof msg);
    fprintf(stderr, "brink %s: %s", cmd, msg);
    return err->code == BRINK_ERR_INPUT ? 2 : 1;
}

int cli_check_writable(const char *cmd, const char *path)
{
    brink_atomic_file af;
    brink_error err;
    brink_error_clear(&err);
    if (brink_atomic_open(&af, path, &err) != BRINK_OK)
        return check_failed(cmd, &err);
    brink_atomic_abort(&af);
    return 0;
}

int cli_check_writable_dir(const char *cmd, const char *dir, const char *const *names)
{
    brink_atomic_dir ad;
    brink_error err;
    brink_error_clear(&err);
    if (brink_atomic_dir_open(&ad, dir, names, &err) != BRINK_OK)
        return check_failed(cmd, &err);
    brink_atomic_dir_abort(&ad);
    return 0;
}

int cli_parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (!s || !(*s >= '0' && *s <= '9'))
        return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int cli_parse_real(const char *s, double lo, double hi, double *out)
{
    /* strtod skips leading spaces and takes '+': the integer options refuse both */
    if (!s || !*s || *s == '+' || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    char *end;
    double x = strtod(s, &end);
    if (errno || *end || !(x >= lo && x <= hi))
        return -1;
    *out = x;
    return 0;
}

brink_status cli_write_json_file(json_t *root, const char *path, brink_error *err)
{
    brink_atomic_file af;
    if (brink_atomic_open(&af, path, err) != BRINK_OK)
        return err->code;
    /* a failed write leaves the stream in error, which the commit reports
     * with its reason; any other failure is the encoder's */
    if (json_dumpf(root, af.fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) != 0 &&
        !ferror(af.fp)) {
        brink_atomic_abort(&af);
        return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL, "cannot encode JSON");
    }
    fputc('\n', af.fp);
    return brink_atomic_commit(&af, err);
}
