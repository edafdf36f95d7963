/* Files compiled into the library by cmake/embed_assets.cmake: the report's
 * template, style sheet and script (src/report/), and Chart.js as installed
 * by Debian's libjs-chart.js. Each is NUL-terminated; _len excludes the NUL. */
#ifndef BRINK_REPORT_ASSETS_H
#define BRINK_REPORT_ASSETS_H

#include <stddef.h>

extern const char *const brink_asset_template;
extern const size_t brink_asset_template_len;
extern const char *const brink_asset_css;
extern const size_t brink_asset_css_len;
extern const char *const brink_asset_js;
extern const size_t brink_asset_js_len;
extern const char *const brink_asset_chartjs;
extern const size_t brink_asset_chartjs_len;

#endif
