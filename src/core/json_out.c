/* Writing a JSON document (json_out.h). */
#include "core/json_out.h"

brink_status brink_json_write(json_t *root, FILE *out, int digits, brink_error *err)
{
    int rc = root ? json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(digits)) : -1;
    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "cannot write JSON");
    return BRINK_OK;
}
