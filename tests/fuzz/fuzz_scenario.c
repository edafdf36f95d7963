/* The scenario loader on arbitrary text. A scenario that loads must write
 * canonical YAML that loads again to the same scenario (same hash). */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    brink_error_list errs;
    brink_scenario *sc = brink_scenario_load_string((const char *)data, size, "fuzz.yaml", &errs);
    if (!sc) {
        fuzz_check_errors(&errs);
        return 0;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f) {
        brink_error err;
        brink_status st = brink_scenario_write_yaml(sc, f, &err);
        fclose(f);
        FUZZ_CHECK(st == BRINK_OK, "a loaded scenario cannot be written");
        brink_scenario *again = brink_scenario_load_string(text, len, "again.yaml", &errs);
        FUZZ_CHECK(again != NULL, "the written scenario does not load");
        FUZZ_CHECK(brink_scenario_hash(again) == brink_scenario_hash(sc),
                   "the written scenario is another scenario");
        brink_scenario_free(again);
    }
    free(text);
    brink_scenario_free(sc);
    return 0;
}
