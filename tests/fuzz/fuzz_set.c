/* --set PATH=VALUE on the default case, the assignment arbitrary text. A
 * failed set leaves the scenario unchanged, to the byte; a successful one
 * leaves a scenario that writes and loads again. */
#include <string.h>

#include "fuzz_common.h"
#include "model/scenario_model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static brink_scenario *base;
    if (!base)
        base = brink_scenario_load_builtin("iran-2025", NULL);
    FUZZ_CHECK(base != NULL, "the default case does not load");
    char *arg = malloc(size + 1);
    if (!arg)
        return 0;
    memcpy(arg, data, size);
    arg[size] = '\0';
    brink_scenario *sc = brink_scenario_clone(base, NULL);
    if (!sc) {
        free(arg);
        return 0;
    }
    uint64_t before = brink_scenario_hash(sc);
    brink_scenario *bytes = malloc(sizeof *bytes);
    if (!bytes) {
        brink_scenario_free(sc);
        free(arg);
        return 0;
    }
    memcpy(bytes, sc, sizeof *bytes);
    brink_error err;
    if (brink_scenario_set(sc, arg, &err) != BRINK_OK) {
        FUZZ_CHECK(err.code == BRINK_ERR_INPUT || err.code == BRINK_ERR_RUNTIME,
                   "a failed set without a status");
        FUZZ_CHECK(err.message[0] != '\0', "a failed set without a message");
        FUZZ_CHECK(brink_scenario_hash(sc) == before, "a failed set changed the scenario");
        FUZZ_CHECK(memcmp(bytes, sc, sizeof *bytes) == 0,
                   "a failed set changed the scenario's bytes");
    } else {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        if (f) {
            FUZZ_CHECK(brink_scenario_write_yaml(sc, f, &err) == BRINK_OK,
                       "a set scenario cannot be written");
            fclose(f);
            brink_error_list errs;
            brink_scenario *again = brink_scenario_load_string(text, len, "again.yaml", &errs);
            FUZZ_CHECK(again != NULL, "a set scenario does not load again");
            brink_scenario_free(again);
        }
        free(text);
    }
    free(bytes);
    brink_scenario_free(sc);
    free(arg);
    return 0;
}
