#!/bin/sh
# Printed results do not depend on which of glibc's variants of exp, log,
# pow, expm1 and log1p the processor gets: run again with the FMA and AVX2
# variants switched off (GLIBC_TUNABLES, as on a processor without them),
# the same commands print the same bytes. The last bits of values inside a
# run do differ between the variants; outcomes and printed figures must not
# (docs/ensembles.md, "Across processors"). Skipped where the switch
# changes nothing (a processor without FMA or AVX2, or a C library without
# the tunable): a probe compares the two variants' results first.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

off=glibc.cpu.hwcaps=-AVX2,-FMA
# the probe: a digest of the five functions' results over a range of
# arguments, in this process's libm (Python's math module calls it)
probe='import hashlib, math, struct
h = hashlib.sha256()
for i in range(300000):
    x = i * 0.0001234567 - 18.5
    h.update(struct.pack("<5d", math.exp(x), math.log(abs(x) + 1e-3),
                         math.pow(abs(x) + 0.1, 0.37), math.expm1(x / 8), math.log1p(abs(x))))
print(h.hexdigest())'
if ! command -v python3 >/dev/null 2>&1; then
    skip "no python3 for the probe of the libm variants"
    exit 77
fi
mine=$(python3 -c "$probe")
other=$(GLIBC_TUNABLES=$off python3 -c "$probe")
if [ -z "$mine" ] || [ "$mine" = "$other" ]; then
    skip "switching off glibc's FMA and AVX2 variants changes no result here: nothing to compare"
    exit 77
fi
ok # the variants differ in their last bits on this machine

runs=4000
if [ "${BRINK_TEST_SANITIZE:-OFF}" = ON ]; then
    runs=1000
fi

# both NAME ARGS...: brink ARGS with either variant; stdout and exit codes equal
both() {
    name=$1
    shift
    "$BRINK" "$@" >"$tmp/a" 2>"$tmp/a.err"
    ra=$?
    GLIBC_TUNABLES=$off "$BRINK" "$@" >"$tmp/b" 2>"$tmp/b.err"
    rb=$?
    if [ "$ra" -ne 0 ] || [ "$rb" -ne 0 ]; then
        bad "$name: exit $ra and $rb, expected 0"
        sed 's/^/    /' "$tmp/a.err" "$tmp/b.err" >&2
    elif cmp -s "$tmp/a" "$tmp/b"; then
        ok
    else
        bad "$name: the printed bytes depend on the libm variant"
        diff "$tmp/a" "$tmp/b" | head -n 6 >&2
    fi
}

# single runs with their event logs, drawn values, every policy
for policy in maximum_pressure staged_reciprocity low_stakes_first status_quo; do
    for seed in 1 2 3; do
        both "run $policy seed $seed" run --policy "$policy" --seed "$seed" --draw --format json
    done
done
# an ensemble's summary and its files, and a comparison of the policies
both "ensemble summary" ensemble --runs "$runs" --seed 5 --format json --quiet
"$BRINK" ensemble --runs "$runs" --seed 5 --out "$tmp/ea" --quiet >/dev/null 2>&1
GLIBC_TUNABLES=$off "$BRINK" ensemble --runs "$runs" --seed 5 --out "$tmp/eb" --quiet \
    >/dev/null 2>&1
if [ -s "$tmp/ea/fans.csv" ] && diff -r "$tmp/ea" "$tmp/eb" >/dev/null; then
    ok
else
    bad "ensemble files: missing, or dependent on the libm variant"
fi
both "compare" compare --policies maximum_pressure,staged_reciprocity,low_stakes_first,status_quo \
    --runs "$runs" --seed 2 --quiet

finish
