/* The HTML report: date checks, the same bytes for equal inputs, the data
 * block cannot be closed by scenario text, every event kind has a sentence,
 * failures leave no file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brink/ensemble.h"
#include "brink/report.h"
#include "brink/scenario.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static brink_scenario *load(const char *text)
{
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = text ? brink_scenario_load_string(text, strlen(text), "t.yaml", &errs)
                              : brink_scenario_load_builtin("iran-2025", &errs);
    assert_non_null(sc);
    assert_int_equal(brink_scenario_set(sc, "simulation.horizon_months=24", NULL), BRINK_OK);
    return sc;
}

static brink_ensemble_result *ensemble(const brink_scenario *sc, int threads)
{
    brink_ensemble_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.npolicies = brink_scenario_policy_count(sc) < 2 ? 1 : 2;
    for (int k = 0; k < cfg.npolicies; k++)
        cfg.policies[k] = k;
    cfg.runs = 200;
    cfg.seed = 3;
    cfg.threads = threads;
    brink_ensemble_result *r = NULL;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &r, NULL), BRINK_OK);
    return r;
}

static void tmpname(char *buf, size_t size, const char *leaf)
{
    snprintf(buf, size, "/tmp/brink_report_test_%ld_%s", (long)getpid(), leaf);
}

static void test_dates(void **state)
{
    (void)state;
    assert_true(brink_report_date_valid("2025-01-31"));
    assert_true(brink_report_date_valid("2024-02-29"));
    assert_true(brink_report_date_valid("2000-02-29"));
    assert_false(brink_report_date_valid("1900-02-29"));
    assert_false(brink_report_date_valid("2025-02-29"));
    assert_false(brink_report_date_valid("2025-04-31"));
    assert_false(brink_report_date_valid("2025-13-01"));
    assert_false(brink_report_date_valid("2025-00-10"));
    assert_false(brink_report_date_valid("2025-1-01"));
    assert_false(brink_report_date_valid("2025/01/01"));
    assert_false(brink_report_date_valid("20250101"));
    assert_false(brink_report_date_valid(""));
    assert_false(brink_report_date_valid(NULL));
}

/* Equal inputs (threads 1 and 2) give equal bytes; the date is pinned. */
static void test_deterministic(void **state)
{
    (void)state;
    brink_scenario *sc = load(NULL);
    brink_ensemble_result *r1 = ensemble(sc, 1), *r2 = ensemble(sc, 2);
    char p1[256], p2[256];
    tmpname(p1, sizeof p1, "a.html");
    tmpname(p2, sizeof p2, "b.html");
    brink_report_options o;
    memset(&o, 0, sizeof o);
    o.command = "compare";
    o.date = "2025-03-04";
    o.zopa_runs = 20;
    o.ens = r1;
    brink_error err;
    assert_int_equal(brink_report_write(sc, &o, p1, &err), BRINK_OK);
    o.ens = r2;
    assert_int_equal(brink_report_write(sc, &o, p2, &err), BRINK_OK);
    size_t n1, n2;
    char *a = slurp(p1, &n1), *b = slurp(p2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_non_null(strstr(a, "data-nondeterministic=\"date\">2025-03-04<"));
    assert_non_null(strstr(a, "<script type=\"application/json\" id=\"brink-data\">{"));
    assert_null(strstr(a, "@@")); /* every placeholder filled */
    free(a);
    free(b);
    unlink(p1);
    unlink(p2);
    brink_ensemble_result_free(r1);
    brink_ensemble_result_free(r2);
    brink_scenario_free(sc);
}

/* Text from the scenario cannot end the data block or the page early. */
static void test_escaping(void **state)
{
    (void)state;
    const char *yaml = "name: evil\n"
                       "label: \"</script><script>alert(1)</script><!-- & 'x'\"\n"
                       "issues:\n  nuclear:\n    salience: 0.5\n    security_value: 2\n"
                       "policies:\n  only:\n    sanctions: {target: 0.5}\n"
                       "    posture: 0.3\n    rhetoric: 0.3\n"
                       "senders: {s: {gdp_usd_bn: 1000, label: \"<b>&</b>\"}}\n"
                       "exports: {oil: {value_usd_bn_year: 10}}\n"
                       "target: {gdp_usd_bn: 50, fiscal: {breakeven_usd_bn_year: 5},\n"
                       "  fx: {reserves_usd_bn: 5, rate: 1}, prices: {inflation: 0.1}}\n";
    brink_scenario *sc = load(yaml);
    brink_ensemble_result *r = ensemble(sc, 1);
    char p[256];
    tmpname(p, sizeof p, "e.html");
    brink_report_options o;
    memset(&o, 0, sizeof o);
    o.command = "report";
    o.date = "2025-03-04";
    o.ens = r;
    assert_int_equal(brink_report_write(sc, &o, p, NULL), BRINK_OK);
    size_t n;
    char *html = slurp(p, &n);
    assert_null(strstr(html, "alert(1)</script>"));
    assert_null(strstr(html, "<script>alert"));
    assert_non_null(strstr(html, "&lt;/script&gt;&lt;script&gt;alert(1)"));
    /* inside the data block: no '<' at all */
    const char *start = strstr(html, "id=\"brink-data\">");
    assert_non_null(start);
    start += strlen("id=\"brink-data\">");
    const char *end = strstr(start, "</script>");
    assert_non_null(end);
    for (const char *c = start; c < end; c++)
        assert_true(*c != '<');
    assert_non_null(strstr(start, "\\u003c\\/script>"));
    free(html);
    unlink(p);
    brink_ensemble_result_free(r);
    brink_scenario_free(sc);
}

/* A bad date or an unwritable path: an error and no file. */
static void test_failures(void **state)
{
    (void)state;
    brink_scenario *sc = load(NULL);
    char p[256];
    tmpname(p, sizeof p, "f.html");
    brink_report_options o;
    memset(&o, 0, sizeof o);
    o.command = "run";
    o.date = "2025-02-30";
    o.run_policy = 0;
    o.run_seed = 1;
    brink_error err;
    assert_int_equal(brink_report_write(sc, &o, p, &err), BRINK_ERR_INPUT);
    assert_int_equal(access(p, F_OK), -1);
    o.date = "2025-02-28";
    assert_int_not_equal(brink_report_write(sc, &o, "/nonexistent-dir/x/r.html", &err),
                         BRINK_OK);
    assert_int_equal(access("/nonexistent-dir", F_OK), -1);
    /* a single run makes a report too */
    assert_int_equal(brink_report_write(sc, &o, p, &err), BRINK_OK);
    size_t n;
    char *html = slurp(p, &n);
    assert_non_null(strstr(html, "\"ensemble\":null"));
    free(html);
    unlink(p);
    brink_scenario_free(sc);
}

static void test_event_sentences(void **state)
{
    (void)state;
    brink_scenario *sc = load(NULL);
    for (int k = 0; k < BRINK_EV_COUNT; k++) {
        brink_event e;
        memset(&e, 0, sizeof e);
        e.kind = (brink_event_kind)k;
        e.subject = k == BRINK_EV_OFFER ? -1 : 0;
        e.value = 0.5;
        int pol = 0;
        char buf[512] = "";
        brink_event_describe(sc, &e, &pol, buf, sizeof buf);
        assert_true(strlen(buf) > 5);
        assert_null(strchr(buf, '?'));
    }
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_failures),
        cmocka_unit_test(test_event_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
