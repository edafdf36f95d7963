/* Scenario lifecycle: where a scenario comes from (file, text, built-in),
 * copies and freeing. The read-only accessors are the model's
 * (src/model/scenario_model.c). */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fs.h"
#include "io/builtin.h"
#include "io/scenario_priv.h"
#include "io/yaml_util.h"

#define DEFAULT_SCENARIO "iran-2025"
/* Scenario files larger than this are refused rather than read. */
#define MAX_FILE_BYTES (16u << 20)

/* ---- built-ins --------------------------------------------------------- */

static int builtin_count(void)
{
    int n = 0;
    while (brink_builtins[n].name)
        n++;
    return n;
}

/* Built-in i in listing order: the default case first, then table order. */
static const brink_builtin *builtin_at(int i)
{
    int n = builtin_count();
    if (i < 0 || i >= n)
        return NULL;
    int def = 0;
    for (int k = 0; k < n; k++)
        if (strcmp(brink_builtins[k].name, DEFAULT_SCENARIO) == 0)
            def = k;
    if (i == 0)
        return &brink_builtins[def];
    int k = i <= def ? i - 1 : i;
    return &brink_builtins[k];
}

const char *brink_builtin_name(int i)
{
    const brink_builtin *b = builtin_at(i);
    return b ? b->name : NULL;
}

const char *brink_builtin_text(int i)
{
    const brink_builtin *b = builtin_at(i);
    return b ? b->text : NULL;
}

#define MAX_DESCRIBED 64
static char descriptions[MAX_DESCRIBED][BRINK_LABEL_MAX];
static pthread_once_t descriptions_once = PTHREAD_ONCE_INIT;

static void fill_descriptions(void)
{
    brink_error_list *errs = malloc(sizeof *errs);
    if (!errs)
        return;
    for (int i = 0; i < MAX_DESCRIBED && builtin_at(i); i++) {
        memset(errs, 0, sizeof *errs);
        const brink_builtin *b = builtin_at(i);
        brink_scenario *sc = scn_load_text(b->text, b->len, b->name, errs);
        if (sc)
            snprintf(descriptions[i], sizeof descriptions[i], "%s", sc->layout.label);
        brink_scenario_free(sc);
    }
    free(errs);
}

const char *brink_builtin_description(int i)
{
    if (!builtin_at(i))
        return NULL;
    if (i >= MAX_DESCRIBED)
        return "";
    pthread_once(&descriptions_once, fill_descriptions);
    return descriptions[i];
}

static void hint_builtins(brink_error *e)
{
    if (!e)
        return;
    const char *names[MAX_DESCRIBED];
    size_t n = 0;
    for (int i = 0; n < MAX_DESCRIBED && brink_builtin_name(i); i++)
        names[n++] = brink_builtin_name(i);
    char list[200];
    yu_join(names, n, list, sizeof list);
    brink_error_hint(e, "built-in scenarios: %s", list);
}

/* ---- loading ----------------------------------------------------------- */

static brink_error *add_error(brink_error_list *errs, brink_status code, const char *file,
                              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Appends an error without position; returns it (NULL when the list is full). */
static brink_error *add_error(brink_error_list *errs, brink_status code, const char *file,
                              const char *fmt, ...)
{
    brink_error e;
    memset(&e, 0, sizeof e);
    e.code = code;
    if (file)
        snprintf(e.file, sizeof e.file, "%s", file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    if (errs->count >= BRINK_MAX_ERRORS) {
        errs->dropped++;
        return NULL;
    }
    brink_error_list_add(errs, &e);
    return &errs->items[errs->count - 1];
}

brink_scenario *brink_scenario_load_string(const char *text, size_t len, const char *filename,
                                           brink_error_list *errs)
{
    brink_error_list local;
    if (!errs)
        errs = &local;
    memset(errs, 0, sizeof *errs);
    return scn_load_text(text ? text : "", text ? len : 0, filename ? filename : "<string>",
                         errs);
}

brink_scenario *brink_scenario_load_file(const char *path, brink_error_list *errs)
{
    brink_error_list local;
    if (!errs)
        errs = &local;
    memset(errs, 0, sizeof *errs);
    FILE *f = fopen(path, "rb");
    if (!f) {
        brink_error e;
        brink_error_set(&e, brink_errno_status(errno), path, 0, 0, NULL, "cannot open '%s': %s",
                        path, strerror(errno));
        brink_error_list_add(errs, &e);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int failed = 0;
    for (;;) {
        if (len == cap) {
            if (cap >= MAX_FILE_BYTES) {
                failed = 2;
                break;
            }
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                failed = 3;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                failed = 1;
            break;
        }
    }
    int e_no = errno;
    fclose(f);
    if (failed) {
        free(buf);
        if (failed == 1)
            brink_error_hint(add_error(errs, brink_errno_status(e_no), path, "cannot read '%s'",
                                       path),
                             "%s", strerror(e_no));
        else if (failed == 2)
            add_error(errs, BRINK_ERR_INPUT, path, "'%s' is too large for a scenario", path);
        else
            add_error(errs, BRINK_ERR_RUNTIME, path, "out of memory reading '%s'", path);
        return NULL;
    }
    brink_scenario *sc = scn_load_text(buf ? buf : "", len, path, errs);
    free(buf);
    return sc;
}

brink_scenario *brink_scenario_load_builtin(const char *name, brink_error_list *errs)
{
    brink_error_list local;
    if (!errs)
        errs = &local;
    memset(errs, 0, sizeof *errs);
    for (int i = 0; brink_builtins[i].name; i++) {
        if (strcmp(brink_builtins[i].name, name) != 0)
            continue;
        char file[256];
        snprintf(file, sizeof file, "<builtin:%s>", name);
        return scn_load_text(brink_builtins[i].text, brink_builtins[i].len, file, errs);
    }
    hint_builtins(add_error(errs, BRINK_ERR_INPUT, NULL, "no built-in scenario named '%s'", name));
    return NULL;
}

brink_scenario *brink_scenario_load(const char *spec, brink_error_list *errs)
{
    if (!spec || !*spec)
        spec = DEFAULT_SCENARIO;
    for (int i = 0; brink_builtins[i].name; i++)
        if (strcmp(brink_builtins[i].name, spec) == 0)
            return brink_scenario_load_builtin(spec, errs);
    struct stat st;
    if (stat(spec, &st) != 0 && errno == ENOENT) {
        brink_error_list local;
        if (!errs)
            errs = &local;
        memset(errs, 0, sizeof *errs);
        hint_builtins(add_error(errs, BRINK_ERR_INPUT, NULL,
                                "no built-in scenario or file named '%s'", spec));
        return NULL;
    }
    return brink_scenario_load_file(spec, errs);
}

void brink_scenario_free(brink_scenario *sc)
{
    if (!sc)
        return;
    free(sc->source.text);
    free(sc);
}

brink_scenario *brink_scenario_clone(const brink_scenario *sc, brink_error *err)
{
    brink_scenario *copy = malloc(sizeof *copy);
    char *text = malloc(sc->source.text_len + 1);
    if (!copy || !text) {
        free(copy);
        free(text);
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    *copy = *sc;
    memcpy(text, sc->source.text, sc->source.text_len);
    text[sc->source.text_len] = '\0';
    copy->source.text = text;
    return copy;
}
