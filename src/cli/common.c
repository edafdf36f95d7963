#include "cli/common.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/parallel.h"
#include "brink/report.h"
#include "core/atomic_file.h"
#include "core/text.h"

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
            for (int i = 0; brink_builtin_name(i); i++) {
                char file[256];
                snprintf(file, sizeof file, "<builtin:%s>", brink_builtin_name(i));
                if (strcmp(file, err->file) == 0)
                    source = brink_builtin_text(i);
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

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

int cli_decimals(const char *name, double scale)
{
    if (ends_with(name, "_usd_bn") || ends_with(name, "_usd_bn_year"))
        return CLI_MONEY_DECIMALS;
    if (strcmp(name, "fx_rate") == 0)
        return fabs(scale) >= 100 ? 0 : 2;
    if (strstr(name, "months") || strcmp(name, "inflation") == 0)
        return 1;
    if (strncmp(name, "p_", 2) == 0 || strstr(name, "probability"))
        return CLI_PROB_DECIMALS;
    return 2; /* shares, mbpd, levels such as programme_end */
}

const char *cli_format_value(const char *name, double x, double scale, char *buf, size_t size)
{
    if (strcmp(name, "inflation") == 0)
        x *= 100;
    if (isnan(x))
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%.*f", cli_decimals(name, scale), x);
    /* no "-0.00" */
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1) && buf[1])
        memmove(buf, buf + 1, strlen(buf));
    return buf;
}

int cli_is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

void cli_help_pointer(const char *cmd)
{
    if (cmd)
        fprintf(stderr, "Run 'brink %s --help' for its options.\n", cmd);
    else
        fprintf(stderr, "Run 'brink --help' for the list of commands.\n");
}

/* Longest option name a suggestion is looked for (longer ones are never
 * close to a real option). */
#define MAX_OPTION_NAME 64

/* "; did you mean '--runs'?" for the option `name` (without its dashes and
 * any "=value"; `n` characters) among `names`, or "". */
static void option_hint(const char *name, size_t n, const char *const *names, size_t count,
                        char *buf, size_t size)
{
    buf[0] = '\0';
    if (n == 0 || n > MAX_OPTION_NAME)
        return;
    char key[MAX_OPTION_NAME + 1];
    memcpy(key, name, n);
    key[n] = '\0';
    const char *s = brink_suggest(key, names, count);
    if (s)
        snprintf(buf, size, "; did you mean '--%s'?", s);
}

void cli_unknown_option(const char *cmd, const char *arg, const char *const *names)
{
    size_t count = 0;
    while (names && names[count])
        count++;
    /* the names are given with their dashes; compare without them */
    const char *stripped[128];
    size_t m = 0;
    for (size_t k = 0; k < count && m < sizeof stripped / sizeof stripped[0]; k++)
        if (strncmp(names[k], "--", 2) == 0)
            stripped[m++] = names[k] + 2;
    const char *name = arg;
    while (*name == '-')
        name++;
    size_t n = strcspn(name, "=");
    char hint[MAX_OPTION_NAME + 32];
    option_hint(name, n, stripped, m, hint, sizeof hint);
    if (arg[0] == '-' && arg[1] == '-')
        fprintf(stderr, "brink %s: error: unknown option '%.*s'%s\n", cmd,
                (int)(name - arg + (ptrdiff_t)n), arg, hint);
    else
        fprintf(stderr, "brink %s: error: unknown option '%s'%s\n", cmd, arg, hint);
    cli_help_pointer(cmd);
}

/* The problem with the long option `arg` ("--name" or "--name=value") that
 * getopt_long refused. */
static void long_option_problem(const char *cmd, const char *arg, const struct option *longopts)
{
    const char *name = arg + 2;
    size_t n = strcspn(name, "=");
    int has_value = name[n] == '=';
    const struct option *exact = NULL, *first = NULL;
    int nprefix = 0;
    const char *names[128];
    size_t count = 0;
    for (const struct option *o = longopts; o->name; o++) {
        if (count < sizeof names / sizeof names[0])
            names[count++] = o->name;
        if (strlen(o->name) == n && strncmp(o->name, name, n) == 0) {
            exact = o;
        } else if (n > 0 && strncmp(o->name, name, n) == 0) {
            if (!first)
                first = o;
            nprefix++;
        }
    }
    const struct option *found = exact ? exact : nprefix == 1 ? first : NULL;
    if (found && found->has_arg == no_argument && has_value) {
        fprintf(stderr, "brink %s: error: option '--%s' takes no value\n", cmd, found->name);
    } else if (found && found->has_arg == required_argument && !has_value) {
        fprintf(stderr, "brink %s: error: option '--%s' needs a value\n", cmd, found->name);
    } else if (!found && nprefix > 1) {
        fprintf(stderr, "brink %s: error: option '--%.*s' is ambiguous; possibilities:", cmd,
                (int)n, name);
        for (const struct option *o = longopts; o->name; o++)
            if (strncmp(o->name, name, n) == 0)
                fprintf(stderr, " '--%s'", o->name);
        fputc('\n', stderr);
    } else {
        char hint[MAX_OPTION_NAME + 32];
        option_hint(name, n, names, count, hint, sizeof hint);
        fprintf(stderr, "brink %s: error: unknown option '--%.*s'%s\n", cmd, (int)n, name, hint);
    }
    cli_help_pointer(cmd);
}

int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *longopts)
{
    opterr = 0;
    int before = optind;
    int c = getopt_long(argc, argv, shortopts, longopts, NULL);
    if (c != '?' && c != ':')
        return c;
    /* A long option always moves optind past itself; a short one in the
     * middle of a group ("-xq") leaves it where it was. */
    const char *arg = optind > before && optind - 1 < argc ? argv[optind - 1] : NULL;
    if (arg && arg[0] == '-' && arg[1] == '-') {
        long_option_problem(cmd, arg, longopts);
        return '?';
    }
    if (!arg && optind < argc)
        arg = argv[optind];
    const char *in_short = optopt > 0 && optopt < 256 ? strchr(shortopts, optopt) : NULL;
    if (optopt > 0 && optopt < 256 && in_short && in_short[1] == ':') {
        fprintf(stderr, "brink %s: error: option '-%c' needs a value\n", cmd, optopt);
    } else {
        /* "-runs" for "--runs": suggest the long option */
        char hint[MAX_OPTION_NAME + 32] = "";
        const char *names[128];
        size_t count = 0;
        for (const struct option *o = longopts; o->name && count < 128; o++)
            names[count++] = o->name;
        if (arg && arg[0] == '-' && arg[1] != '-' && strlen(arg) > 2)
            option_hint(arg + 1, strcspn(arg + 1, "="), names, count, hint, sizeof hint);
        if (hint[0])
            fprintf(stderr, "brink %s: error: unknown option '-%c' in '%s'%s\n", cmd, optopt,
                    arg, hint);
        else
            fprintf(stderr, "brink %s: error: unknown option '-%c'\n", cmd, optopt);
    }
    cli_help_pointer(cmd);
    return '?';
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

int cli_resume(const char *cmd, const char *dir)
{
    if (!dir)
        return 0;
    const char *every = getenv("BRINK_SNAPSHOT_SECONDS");
    if (every && *every) {
        double s;
        if (cli_parse_real(every, 0, 86400, &s) != 0) {
            fprintf(stderr,
                    "brink %s: error: BRINK_SNAPSHOT_SECONDS: '%s' is not a number of "
                    "seconds in [0, 86400]\n",
                    cmd, every);
            return 2;
        }
        brink_parallel_set_snapshot_interval(s);
    }
    brink_error err;
    brink_error_clear(&err);
    if (brink_parallel_set_checkpoint(dir, &err) != BRINK_OK) {
        fprintf(stderr, "brink %s: error: --resume: %s: %s\n", cmd, dir, err.message);
        return 2;
    }
    return 0;
}
