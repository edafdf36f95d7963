/* --set PATH=VALUE: the value is read as YAML and assigned through the same
 * code as a file's keys, on a copy, so that a failed set changes nothing. */
#include "io/scenario_priv.h"

#include <stdlib.h>
#include <string.h>

#include "io/yaml_util.h"

#define SET_FILE "--set"
/* Room for a parameter path, NUL included. */
#define SET_PATH_MAX 256

/* A path is dotted words of [a-z0-9_-]. */
static int valid_path(const char *p, size_t n)
{
    if (n == 0 || p[0] == '.' || p[n - 1] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        if (ch == '.' && p[i + 1] == '.')
            return 0;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' ||
              ch == '-'))
            return 0;
    }
    return 1;
}

static void assign_path(scn_ctx *c, const char *path, yaml_node_t *val)
{
    const char *dot = strchr(path, '.');
    if (!dot) {
        scn_assign_top(c, path, NULL, val);
        return;
    }
    char head[256];
    yu_fmt(head, sizeof head, "%.*s", (int)(dot - path), path);
    int g = scn_group_of(head);
    if (g <= 0) {
        scn_assign_scalar(c, path, NULL, val);
        return;
    }
    const char *id = dot + 1;
    const char *dot2 = strchr(id, '.');
    char idbuf[256];
    yu_fmt(idbuf, sizeof idbuf, "%.*s", dot2 ? (int)(dot2 - id) : (int)strlen(id), id);
    int idx = scn_entity_index(c->sc, (brink_group)g, idbuf);
    if (idx < 0) {
        char p2[256];
        yu_fmt(p2, sizeof p2, "%s.%s", head, idbuf);
        scn_loc loc = {1, (int)(id - path) + 1};
        brink_error *e = scn_error(c, NULL, loc, p2, "unknown %s '%s'",
                                   scn_group_noun((brink_group)g), idbuf);
        scn_hint_ids(e, c->sc, (brink_group)g, idbuf);
        return;
    }
    scn_assign_entity(c, (brink_group)g, idx, dot2 ? dot2 + 1 : "", NULL, val);
}

brink_status brink_scenario_set(brink_scenario *sc, const char *assignment, brink_error *err)
{
    brink_error_clear(err);
    const char *eq = strchr(assignment, '=');
    if (!eq) {
        brink_error_set(err, BRINK_ERR_INPUT, SET_FILE, 1, (int)strlen(assignment) + 1, NULL,
                        "expected PATH=VALUE, found no '='");
        brink_error_hint(err, "e.g. --set target.resolve=2 or --set "
                              "'target.resolve={normal: [1.5, 0.5]}'");
        return BRINK_ERR_INPUT;
    }
    size_t plen = (size_t)(eq - assignment);
    if (plen >= SET_PATH_MAX) {
        brink_error_set(err, BRINK_ERR_INPUT, SET_FILE, 1, 1, NULL,
                        "path of %zu bytes is too long (at most %d)", plen, SET_PATH_MAX - 1);
        brink_error_hint(err, "a dotted parameter path such as target.fx.reserves_usd_bn "
                              "(see 'brink params')");
        return BRINK_ERR_INPUT;
    }
    if (!valid_path(assignment, plen)) {
        brink_error_set(err, BRINK_ERR_INPUT, SET_FILE, 1, 1, NULL, "invalid path '%.*s'",
                        (int)(plen < 200 ? plen : 200), assignment);
        brink_error_hint(err, "a dotted parameter path such as target.fx.reserves_usd_bn "
                              "(see 'brink params')");
        return BRINK_ERR_INPUT;
    }
    char path[SET_PATH_MAX];
    yu_fmt(path, sizeof path, "%.*s", (int)plen, assignment);
    const char *value = eq + 1;
    int set_col = (int)plen + 1;

    yaml_document_t doc;
    brink_error perr;
    if (yu_load(value, strlen(value), SET_FILE, &doc, &perr) != BRINK_OK) {
        /* libyaml may place the problem just past the end of a one-line value */
        if (!strchr(value, '\n') && perr.line > 1) {
            perr.line = 1;
            perr.column = (int)strlen(value) + 1;
        }
        if (perr.line <= 1) {
            perr.line = 1;
            perr.column += set_col;
        }
        yu_fmt(perr.path, sizeof perr.path, "%s", path);
        if (err)
            *err = perr;
        return perr.code;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root) {
        yaml_document_delete(&doc);
        brink_error_set(err, BRINK_ERR_INPUT, SET_FILE, 1, set_col + 1, path,
                        "missing value after '='");
        return BRINK_ERR_INPUT;
    }

    /* the value goes into sc itself, which the backup restores when it, or
     * the scenario with it, does not pass: one copy of the scenario where
     * a set that passes would otherwise take two */
    brink_scenario *backup = malloc(sizeof *backup);
    scn_locs *locs = calloc(1, sizeof *locs);
    brink_error_list *errs = malloc(sizeof *errs); /* (items read up to count only) */
    yu_dups dups;
    if (!backup || !locs || !errs || yu_dups_init(&dups, &doc, NULL) != BRINK_OK) {
        free(backup);
        free(locs);
        free(errs);
        yaml_document_delete(&doc);
        return brink_error_set(err, BRINK_ERR_RUNTIME, SET_FILE, 0, 0, path, "out of memory");
    }
    errs->count = errs->dropped = 0;
    *backup = *sc; /* shares sc->source.text; never freed through the backup */
    scn_ctx c = {sc, &doc, errs, SET_FILE, locs, 1, set_col, &dups};
    assign_path(&c, path, root);
    if (scn_error_count(&c) == 0)
        scn_check(&c);
    brink_status st = BRINK_OK;
    if (scn_error_count(&c) > 0) {
        st = errs->count > 0 ? errs->items[0].code : BRINK_ERR_INPUT;
        if (err && errs->count > 0)
            *err = errs->items[0];
        *sc = *backup;
    }
    yu_dups_release(&dups);
    yaml_document_delete(&doc);
    free(backup);
    free(locs);
    free(errs);
    return st;
}
