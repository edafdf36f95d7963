#!/bin/sh
# A CLI that helps: did-you-mean for commands and options, brink help CMD,
# numbers formatted alike across the tables, the "why" table's headers over
# their columns.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

# 1. a misspelled command: exit 2, a suggestion and a pointer, not the help
expect_exit 2 "brink rnu" "$BRINK" rnu
has "$tmp/err" "brink: unknown command 'rnu'; did you mean 'run'?" "rnu: no suggestion"
has "$tmp/err" "brink --help" "rnu: no pointer to brink --help"
lacks "$tmp/err" "commands:" "rnu: the whole help text"
lacks "$tmp/out" "usage" "rnu: something on stdout"
expect_exit 2 "brink ensembel" "$BRINK" ensembel
has "$tmp/err" "did you mean 'ensemble'?" "ensembel: no suggestion"
expect_exit 2 "brink xyzzy" "$BRINK" xyzzy
has "$tmp/err" "unknown command 'xyzzy'" "xyzzy: message"
lacks "$tmp/err" "did you mean" "xyzzy: a suggestion for a word close to nothing"
expect_exit 2 "brink --verison" "$BRINK" --verison
has "$tmp/err" "did you mean '--version'?" "--verison: no suggestion"

# 2. a misspelled option of every command: exit 2 and its closest option
# (CMD WRONG RIGHT [more arguments])
while read -r cmd wrong right rest; do
    # shellcheck disable=SC2086
    expect_exit 2 "brink $cmd $wrong" "$BRINK" $cmd $wrong $rest
    has "$tmp/err" "unknown option '$wrong'; did you mean '$right'?" \
        "brink $cmd $wrong: $(head -n 1 "$tmp/err")"
    has "$tmp/err" "brink $cmd --help" "brink $cmd $wrong: no pointer to its help"
    lacks "$tmp/err" "usage:" "brink $cmd $wrong: the whole help text"
done <<'LIST'
run --sede --seed 3
ensemble --rnus --runs 5
compare --polcies --policies a,b
report --rnus --runs 5
backtest --widnow --window 3
calibrate --pionts --points 3
claims --clam --claim 3
zopa --rnus --runs 3
sweep --pionts --points 3
sensitivity --metod --method sobol
discover --wehn --when x
robust --pionts --points 3
tioli --sed --seed 3
game --stpe --step 0.5
show --ouput --output x
params --formt --format x
scenarios --hlp --help
LIST
expect_exit 2 "ensemble --rnus=5" "$BRINK" ensemble --rnus=5
has "$tmp/err" "unknown option '--rnus'; did you mean '--runs'?" "--rnus=5: $(head -n 1 "$tmp/err")"
expect_exit 2 "ensemble --bogus" "$BRINK" ensemble --bogus
has "$tmp/err" "unknown option '--bogus'" "--bogus: message"
lacks "$tmp/err" "did you mean" "--bogus: a suggestion for a word close to nothing"
expect_exit 2 "ensemble --po x" "$BRINK" ensemble --po x
has "$tmp/err" "option '--po' is ambiguous; possibilities: '--policy' '--policies'" "--po: message"
expect_exit 2 "ensemble --runs" "$BRINK" ensemble --runs
has "$tmp/err" "option '--runs' needs a value" "--runs without a value: message"
expect_exit 2 "ensemble --quiet=1" "$BRINK" ensemble --quiet=1
has "$tmp/err" "option '--quiet' takes no value" "--quiet=1: message"
expect_exit 2 "ensemble -x" "$BRINK" ensemble -x
has "$tmp/err" "unknown option '-x'" "-x: message"
expect_exit 2 "ensemble -runs 5" "$BRINK" ensemble -runs 5
has "$tmp/err" "did you mean '--runs'?" "-runs: no suggestion of --runs"
expect_exit 2 "report -o" "$BRINK" report -o
has "$tmp/err" "option '-o' needs a value" "report -o: message"

# 3. brink help CMD is CMD --help; brink help is the top-level help
for cmd in run ensemble compare report show scenarios params claims backtest calibrate \
           game tioli zopa; do
    expect_exit 0 "brink help $cmd" "$BRINK" help "$cmd"
    mv "$tmp/out" "$tmp/help"
    expect_exit 0 "brink $cmd --help" "$BRINK" "$cmd" --help
    check "brink help $cmd differs from brink $cmd --help" cmp -s "$tmp/help" "$tmp/out"
    check "brink help $cmd: empty" test -s "$tmp/help"
done
expect_exit 0 "brink help" "$BRINK" help
mv "$tmp/out" "$tmp/help"
expect_exit 0 "brink --help" "$BRINK" --help
check "brink help differs from brink --help" cmp -s "$tmp/help" "$tmp/out"
has "$tmp/out" "brink help <command>" "brink --help does not mention brink help"
expect_exit 2 "brink help nosuch" "$BRINK" help nosuch
has "$tmp/err" "unknown command 'nosuch'" "help nosuch: message"
expect_exit 2 "brink help ensmble" "$BRINK" help ensmble
has "$tmp/err" "did you mean 'ensemble'?" "help ensmble: no suggestion"
expect_exit 2 "brink help run extra" "$BRINK" help run extra

# 4. the "why" table of brink run: each value ends in the column where its
# header and its unit end
# why_aligned FILE: prints the problems, nothing when the table lines up
why_aligned() {
    awk '
        function ends(line, arr,    n, i, c, prev) {
            n = 0; prev = " "
            for (i = 1; i <= length(line) + 1; i++) {
                c = i <= length(line) ? substr(line, i, 1) : " "
                if (c == " " && prev != " ") arr[++n] = i - 1
                prev = c
            }
            return n
        }
        /^Why the target/ { state = 1; next }
        state == 1 && /^month/ { nh = ends($0, h); state = 2; next }
        state == 2 { nu = ends($0, u); units = $0; state = 3; next }
        state == 3 && /^$/ { state = 4; next }
        state == 3 {
            rows++
            nd = ends($0, d)
            if (nd != 7) { print "a row of " nd " values: " $0; next }
            for (i = 2; i <= nd; i++) {
                found = 0
                for (j = 1; j <= nh; j++) if (h[j] == d[i]) found = 1
                if (!found) print "value " i " (ending in column " d[i] ") under no header: " $0
            }
        }
        END {
            if (!rows) print "no why table"
            # every unit ends over a column of values
            for (j = 1; j <= nu; j++) {
                # a unit of two words ("% GDP/yr"): its first word is free
                if (substr(units, u[j] + 1, 1) == " " && substr(units, u[j] + 2, 1) != " " &&
                    u[j] + 2 <= length(units)) continue
                found = 0
                for (i = 2; i <= 7; i++) if (u[j] == d[i]) found = 1
                if (!found) print "a unit ending in column " u[j] " over no column"
            }
        }' "$1"
}
for s in iran-2025 russia-2022 iraq-1990 rhodesia-1965; do
    expect_exit 0 "brink run $s" "$BRINK" run "$s"
    why_aligned "$tmp/out" > "$tmp/why"
    check "brink run $s: the why table is misaligned: $(head -n 3 "$tmp/why")" test ! -s "$tmp/why"
done

# 5. numbers alike across the tables: never an exponent; money in USD bn
# with one decimal; probabilities with three
expect_exit 0 "brink run" "$BRINK" run
cp "$tmp/out" "$tmp/run.txt"
expect_exit 0 "brink ensemble" "$BRINK" ensemble --runs 200 --quiet
cp "$tmp/out" "$tmp/ens.txt"
expect_exit 0 "brink compare" "$BRINK" compare --policies maximum_pressure,status_quo --runs 100 \
    --quiet
cp "$tmp/out" "$tmp/cmp.txt"
expect_exit 0 "brink backtest" "$BRINK" backtest --runs 20 iran-2012 iraq-1991
cp "$tmp/out" "$tmp/bt.txt"
for f in run ens cmp bt; do
    grep -Eq '[0-9]e[-+]?[0-9]' "$tmp/$f.txt"
    rc=$?
    if [ "$rc" -eq 1 ]; then ok; else bad "$f: a number with an exponent (grep exit $rc)"; fi
done
grep -E '^Totals: ' "$tmp/run.txt" > "$tmp/totals"
check "run: totals not in USD bn with one decimal" \
    grep -Eq 'GDP loss USD [0-9]+\.[0-9] bn; sender cost USD [0-9]+\.[0-9] bn' "$tmp/totals"
check "ensemble: outcome probabilities not with three decimals" \
    grep -Eq '^  deal +[01]\.[0-9]{3}  \[[01]\.[0-9]{3}, [01]\.[0-9]{3}\]' "$tmp/ens.txt"
check "compare: outcome probabilities not with three decimals" \
    grep -Eq '^  maximum_pressure +[01]\.[0-9]{3} \[[01]\.[0-9]{3}, [01]\.[0-9]{3}\]' "$tmp/cmp.txt"
check "ensemble: money not in USD bn with one decimal" \
    grep -Eq '^  sender_cost_usd_bn( +[0-9]+\.[0-9]){5}$' "$tmp/ens.txt"
check "compare: money not in USD bn with one decimal" \
    grep -Eq '^  status_quo +[0-9]+\.[0-9]  [-+][0-9]+\.[0-9] \[' "$tmp/cmp.txt"
check "backtest: probabilities not with three decimals" \
    grep -Eq '^iran-2012 .*( +[01]\.[0-9]{3}){7}  ' "$tmp/bt.txt"
finish
