/* Never a crash on garbage: random bytes, random YAML-ish tokens, and every
 * truncation and single-byte corruption of the default case must either
 * load or fail with at least one error. Deterministic (fixed seeds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "io/builtin.h"
#include "scenario_test_util.h"

static uint64_t rng_state;

static uint32_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static brink_error_list errs;

/* text[len] must be NUL: it doubles as the source for formatting. */
static void feed(const char *text, size_t len)
{
    brink_scenario *sc = brink_scenario_load_string(text, len, "garbage", &errs);
    if (sc) {
        /* whatever loads must write and reload */
        char *t = test_write(sc);
        assert_non_null(t);
        brink_scenario *again = brink_scenario_load_string(t, strlen(t), "again", &errs);
        assert_non_null(again);
        brink_scenario_free(again);
        free(t);
        brink_scenario_free(sc);
        return;
    }
    assert_true(errs.count >= 1);
    for (int i = 0; i < errs.count; i++) {
        char buf[2048];
        brink_error_format(&errs.items[i], text, buf, sizeof buf);
        assert_true(errs.items[i].message[0] != '\0');
    }
}

static void test_random_bytes(void **state)
{
    (void)state;
    rng_state = 0x9E3779B97F4A7C15ULL;
    char buf[4096];
    for (int round = 0; round < 300; round++) {
        size_t len = rnd() % sizeof buf;
        for (size_t i = 0; i < len; i++)
            buf[i] = (char)(rnd() & 0xFF);
        buf[len] = '\0';
        feed(buf, len);
    }
}

static void test_random_tokens(void **state)
{
    (void)state;
    static const char *const tokens[] = {
        "name", "issues", "policies", "third_parties", "target", "oil", "nuclear", ":", ": ",
        "\n", "\n  ", "\n    ", "- ", "{", "}", "[", "]", ",", "0.5", "-1", "1e999", "~",
        "&a ", "*a", "!!str ", "'", "\"", "#", "---\n", "...\n", "? ", "|\n", ">\n",
        "uniform", "{uniform: [0, 1]}", "access", "milestones", "on_success", "\t", "%YAML 1.1\n",
        "\\", "sanctions", "target: 1", "\xc3\xa9", "\xff"};
    size_t nt = sizeof tokens / sizeof tokens[0];
    rng_state = 0xD1B54A32D192ED03ULL;
    char buf[4096];
    for (int round = 0; round < 2000; round++) {
        size_t len = 0;
        int n = (int)(rnd() % 120);
        for (int i = 0; i < n; i++) {
            const char *t = tokens[rnd() % nt];
            size_t tl = strlen(t);
            if (len + tl >= sizeof buf)
                break;
            memcpy(buf + len, t, tl);
            len += tl;
        }
        buf[len] = '\0';
        feed(buf, len);
    }
}

static void test_truncated_and_corrupted(void **state)
{
    (void)state;
    const char *text = brink_builtins[0].text;
    size_t len = brink_builtins[0].len;
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    for (size_t cut = 0; cut < len; cut += 7) {
        memcpy(copy, text, cut);
        copy[cut] = '\0';
        feed(copy, cut);
    }
    rng_state = 0x2545F4914F6CDD1DULL;
    static const char bytes[] = ":{}[],-#&*!|>'\"\n \t0a\x80";
    for (int round = 0; round < 400; round++) {
        memcpy(copy, text, len);
        size_t at = rnd() % len;
        copy[at] = bytes[rnd() % (sizeof bytes - 1)];
        copy[len] = '\0';
        feed(copy, len);
    }
    free(copy);
}

static void test_set_garbage(void **state)
{
    (void)state;
    brink_scenario *sc = brink_scenario_load(NULL, NULL);
    assert_non_null(sc);
    rng_state = 0x853C49E6748FEA9BULL;
    static const char *const paths[] = {"target.resolve", "third_parties.india", "policies",
                                        "policies.status_quo.milestones", "name",
                                        "third_parties.india.access", "x", "sender"};
    char buf[256];
    for (int round = 0; round < 500; round++) {
        const char *p = paths[rnd() % (sizeof paths / sizeof paths[0])];
        int n = snprintf(buf, sizeof buf, "%s=", p);
        size_t len = (size_t)n + rnd() % 40;
        for (size_t i = (size_t)n; i < len; i++)
            buf[i] = (char)(1 + rnd() % 255);
        buf[len] = '\0';
        brink_error err;
        brink_scenario_set(sc, buf, &err);
    }
    /* whatever was accepted is still a valid scenario */
    char *t = test_write(sc);
    brink_scenario *again = brink_scenario_load_string(t, strlen(t), "again", &errs);
    if (!again)
        test_dump_errors(&errs);
    assert_non_null(again);
    brink_scenario_free(again);
    free(t);
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_random_tokens),
        cmocka_unit_test(test_truncated_and_corrupted),
        cmocka_unit_test(test_set_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
