/* Game files: the accepted format, and each kind of bad input reported at
 * its line, column and path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "brink/game.h"

static brink_game *parse_ok(const char *text)
{
    brink_game *g = NULL;
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_game_parse(text, strlen(text), "t.yaml", &g, &err);
    if (st != BRINK_OK)
        fail_msg("unexpected error %d:%d %s: %s", err.line, err.column, err.path,
                 err.message);
    assert_non_null(g);
    return g;
}

/* Parsing fails at line:column with path and a message containing `what`. */
static void parse_bad(const char *text, int line, int column, const char *path,
                      const char *what)
{
    brink_game *g = (brink_game *)1;
    brink_error err;
    brink_error_clear(&err);
    assert_int_equal(brink_game_parse(text, strlen(text), "t.yaml", &g, &err),
                     BRINK_ERR_INPUT);
    assert_null(g);
    assert_int_equal(err.code, BRINK_ERR_INPUT);
    assert_string_equal(err.file, "t.yaml");
    if (err.line != line || err.column != column || strcmp(err.path, path) != 0 ||
        !strstr(err.message, what))
        fail_msg("got %d:%d '%s': %s; expected %d:%d '%s': ...%s...", err.line,
                 err.column, err.path, err.message, line, column, path, what);
}

static void full_file(void **state)
{
    (void)state;
    brink_game *g = parse_ok("players: [sender, target]\n"
                             "strategies:\n"
                             "  - [tighten, hold, relax]\n"
                             "  - [accept, reject, escalate]\n"
                             "payoffs:\n"
                             "  - [[3, 0, 2], [0, 3, 1], [1, 1, 1]]\n"
                             "  - [[3, 0, 1], [0, 3, 1], [2, 1, -0.5e1]]\n");
    assert_int_equal(g->m, 3);
    assert_int_equal(g->n, 3);
    assert_string_equal(g->player[0], "sender");
    assert_string_equal(g->player[1], "target");
    assert_string_equal(g->strategy[0][2], "relax");
    assert_string_equal(g->strategy[1][0], "accept");
    assert_true(g->a[2] == 2.0);
    assert_true(g->b[8] == -5.0);
    brink_game_free(g);
}

static void json_and_defaults(void **state)
{
    (void)state;
    brink_game *g = parse_ok("{\"payoffs\": [[[1, 2, 3], [4, 5, 6]], "
                             "[[6, 5, 4], [3, 2, 1]]]}");
    assert_int_equal(g->m, 2);
    assert_int_equal(g->n, 3);
    assert_string_equal(g->player[0], "row");
    assert_string_equal(g->player[1], "column");
    assert_string_equal(g->strategy[0][1], "r2");
    assert_string_equal(g->strategy[1][2], "c3");
    assert_true(g->a[5] == 6.0 && g->b[0] == 6.0);
    brink_game_free(g);
}

static void syntax_error(void **state)
{
    (void)state;
    parse_bad("payoffs: [[[1, 2], [3, 4]], [[1, 2], [3, 4]]\n", 2, 1, "", "expected");
    parse_bad("payoffs:\n  - [[1]]\n - [[1]]\n", 3, 2, "", "");
}

static void shapes(void **state)
{
    (void)state;
    parse_bad("", 1, 1, "", "empty");
    parse_bad("[1, 2]\n", 1, 1, "", "expected a mapping");
    parse_bad("players: [a, b]\n", 1, 1, "payoffs", "missing");
    parse_bad("payoffs: [[[1]]]\n", 1, 10, "payoffs", "two matrices");
    parse_bad("payoffs: 3\n", 1, 10, "payoffs", "expected a sequence");
    parse_bad("payoffs: [[], [[1]]]\n", 1, 11, "payoffs[0]", "at least one row");
    parse_bad("payoffs: [[[]], [[1]]]\n", 1, 12, "payoffs[0][0]", "at least one number");
    parse_bad("payoffs: [[[1, 2], [3]], [[1, 2], [3, 4]]]\n", 1, 20, "payoffs[0][1]",
              "row has 1 entries, expected 2");
    parse_bad("payoffs:\n  - [[1, 2], [3, 4]]\n  - [[1, 2]]\n", 3, 5, "payoffs[1]",
              "1 rows, but payoffs[0] has 2");
    parse_bad("payoffs:\n  - [[1, 2], [3, 4]]\n  - [[1, 2], [3, 4, 5]]\n", 3, 14,
              "payoffs[1][1]", "row has 3 entries, expected 2");
    parse_bad("payoffs: [[1, 2], [[1, 2]]]\n", 1, 12, "payoffs[0][0]", "expected a row");
}

static void numbers(void **state)
{
    (void)state;
    parse_bad("payoffs:\n  - [[1, 2], [3, 4]]\n  - [[1, 2], [3, x]]\n", 3, 18,
              "payoffs[1][1][1]", "expected a number, found 'x'");
    parse_bad("payoffs: [[[\"1\"]], [[1]]]\n", 1, 13, "payoffs[0][0][0]", "found '1'");
    parse_bad("payoffs: [[[.nan]], [[1]]]\n", 1, 13, "payoffs[0][0][0]", "'.nan'");
    parse_bad("payoffs: [[[0x10]], [[1]]]\n", 1, 13, "payoffs[0][0][0]", "'0x10'");
    parse_bad("payoffs: [[[1e400]], [[1]]]\n", 1, 13, "payoffs[0][0][0]", "'1e400'");
    parse_bad("payoffs: [[[[1]]], [[1]]]\n", 1, 13, "payoffs[0][0][0]", "found a sequence");
    parse_bad("payoffs: [[[1]], [[{a: 1}]]]\n", 1, 20, "payoffs[1][0][0]", "found a mapping");
}

static void names(void **state)
{
    (void)state;
    const char *p = "payoffs: [[[1, 2]], [[1, 2]]]\n";
    char buf[512];
    snprintf(buf, sizeof buf, "players: [a]\n%s", p);
    parse_bad(buf, 1, 10, "players", "two players");
    snprintf(buf, sizeof buf, "players: [a, a]\n%s", p);
    parse_bad(buf, 1, 14, "players[1]", "duplicate");
    snprintf(buf, sizeof buf, "players: [a, [b]]\n%s", p);
    parse_bad(buf, 1, 14, "players[1]", "expected a name");
    snprintf(buf, sizeof buf, "strategies: [[a], [b]]\n%s", p);
    parse_bad(buf, 1, 19, "strategies[1]", "1 names for 2 columns");
    snprintf(buf, sizeof buf, "strategies: [[a], [b, b]]\n%s", p);
    parse_bad(buf, 1, 23, "strategies[1][1]", "duplicate");
    snprintf(buf, sizeof buf, "strategies: [[a, b], [c, d]]\n%s", p);
    parse_bad(buf, 1, 14, "strategies[0]", "2 names for 1 rows");
    snprintf(buf, sizeof buf, "strategies: [[a]]\n%s", p);
    parse_bad(buf, 1, 13, "strategies", "two lists");
    snprintf(buf, sizeof buf,
             "strategies: [[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]"
             ", [c, d]]\n%s", p);
    parse_bad(buf, 1, 15, "strategies[0][0]", "1 to 63 bytes");
}

static void keys(void **state)
{
    (void)state;
    parse_bad("payoff: [[[1]], [[1]]]\n", 1, 1, "payoff", "unknown key");
    parse_bad("payoffs: [[[1]], [[1]]]\npayoffs: [[[1]], [[1]]]\n", 2, 1, "payoffs",
              "duplicate key");
    parse_bad("payoffs: [[[1]], [[1]]]\n---\npayoffs: [[[1]], [[1]]]\n", 2, 1, "",
              "expected one yaml document, found more");
}

static void size_cap(void **state)
{
    (void)state;
    int n = BRINK_GAME_MAX_STRATEGIES + 1;
    size_t size = 16 * (size_t)n + 64;
    char *text = malloc(size);
    assert_non_null(text);
    size_t used = (size_t)snprintf(text, size, "payoffs: [[[");
    for (int j = 0; j < n; j++)
        used += (size_t)snprintf(text + used, size - used, "%s1", j ? ", " : "");
    snprintf(text + used, size - used, "]], [[1]]]\n");
    parse_bad(text, 1, 12, "payoffs[0][0]", "too many columns");
    /* and exactly the cap is fine */
    used = (size_t)snprintf(text, size, "payoffs: [[[");
    for (int j = 0; j < n - 1; j++)
        used += (size_t)snprintf(text + used, size - used, "%s1", j ? ", " : "");
    snprintf(text + used, size - used, "]], [[");
    used = strlen(text);
    for (int j = 0; j < n - 1; j++)
        used += (size_t)snprintf(text + used, size - used, "%s2", j ? ", " : "");
    snprintf(text + used, size - used, "]]]\n");
    brink_game *g = parse_ok(text);
    assert_int_equal(g->n, BRINK_GAME_MAX_STRATEGIES);
    brink_game_free(g);
    free(text);
}

static void load_missing_file(void **state)
{
    (void)state;
    brink_game *g = NULL;
    brink_error err;
    assert_int_equal(brink_game_load("/nonexistent/game.yaml", &g, &err), BRINK_ERR_INPUT);
    assert_null(g);
    assert_string_equal(err.file, "/nonexistent/game.yaml");
}

static void load_fixture(void **state)
{
    (void)state;
    const char *dir = getenv("BRINK_FIXTURES");
    assert_non_null(dir);
    char path[1024];
    snprintf(path, sizeof path, "%s/game/pressure.yaml", dir);
    brink_game *g = NULL;
    assert_int_equal(brink_game_load(path, &g, NULL), BRINK_OK);
    assert_int_equal(g->m, 3);
    assert_string_equal(g->strategy[1][2], "escalate");
    brink_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_file),       cmocka_unit_test(json_and_defaults),
        cmocka_unit_test(syntax_error),    cmocka_unit_test(shapes),
        cmocka_unit_test(numbers),         cmocka_unit_test(names),
        cmocka_unit_test(keys),            cmocka_unit_test(size_cap),
        cmocka_unit_test(load_missing_file), cmocka_unit_test(load_fixture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
