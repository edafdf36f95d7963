/* Shared by the parts of the HTML report (src/report/). Internal. */
#ifndef BRINK_REPORT_INTERNAL_H
#define BRINK_REPORT_INTERNAL_H

#include <math.h>

#include <jansson.h>

#include "brink/report.h"
#include "brink/scenario.h"
#include "core/json_out.h"

#define REPORT_MAX_FINDINGS 6
#define REPORT_FINDING_SIZE 640

typedef struct {
    char text[REPORT_MAX_FINDINGS][REPORT_FINDING_SIZE];
    int n;
} report_findings;

/* Appends a sentence (dropped beyond REPORT_MAX_FINDINGS). */
__attribute__((format(printf, 2, 3))) void report_add_finding(report_findings *f,
                                                              const char *fmt, ...);

static inline const char *report_policy_label(const brink_scenario *sc, int p)
{
    return brink_scenario_entity_label(sc, BRINK_ENTITY_POLICY, p);
}

/* The exploration's part of the data block (src/report/report_explore.c),
 * its key findings, and its lines of the provenance (HTML, escaped). */
json_t *report_explore_json(const brink_scenario *sc, const brink_report_exploration *x);
void report_explore_findings(const brink_scenario *sc, const brink_report_exploration *x,
                             report_findings *f);
/* A subtitle in words, at most size bytes (plain text). */
void report_explore_subtitle(const brink_scenario *sc, const brink_report_exploration *x,
                             char *buf, size_t size);

#endif
