#!/bin/sh
# brink runs glibc's variants of exp, log, pow, expm1 and log1p without FMA
# on every processor (src/cli/libm.h: it sets glibc's tunable and runs
# itself again), so that its results are the same to the bit wherever it
# runs: its check of those functions (brink --version) equals the one it
# gives with the FMA and AVX2 variants switched off by hand (GLIBC_TUNABLES,
# as on a processor without them), and differs from the one it gives when
# the user asks for the processor's own variants (an empty
# glibc.cpu.hwcaps), which brink then keeps. Those variants differ from the
# others in the last bits of values inside a run; outcomes and printed
# figures must not (docs/ensembles.md, "Results across processors"): the
# same commands print the same bytes with either. Skipped where the switch
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

own=glibc.cpu.hwcaps= # the processor's own variants, as a user may ask
# the line of `brink --version` that names the variants, and its check
version() {
    "$@" --version >"$tmp/version" 2>&1
    rc=$?
    if [ "$rc" -ne 0 ]; then
        bad "brink --version: exit $rc"
    fi
    sed -n 's/^libm check: //p' "$tmp/version"
}
default=$(version "$BRINK")
has "$tmp/version" "libm: glibc's variants without FMA, the same bits on every x86-64 processor" \
    "brink --version: the variants it runs"
by_hand=$(GLIBC_TUNABLES=$off version "$BRINK")
has "$tmp/version" "libm: glibc's variants as GLIBC_TUNABLES chooses" \
    "brink --version: the variants the user chose"
processor=$(GLIBC_TUNABLES=$own version "$BRINK")
kept=$(GLIBC_TUNABLES=glibc.malloc.check=0 version "$BRINK")
if [ -n "$default" ] && [ "$default" = "$by_hand" ] && [ "$default" = "$kept" ]; then
    ok
else
    bad "brink's libm check '$default': not that of the variants without FMA ('$by_hand'), or not with other tunables set ('$kept')"
fi
# a second start (marked in the environment) never starts a third
again=$(BRINK_LIBM_AGAIN_=1 version "$BRINK")
if [ -n "$again" ] && [ "$again" = "$processor" ]; then
    ok
else
    bad "brink marked as started again ('$again') should keep the processor's variants ('$processor')"
fi
if [ -n "$processor" ] && [ "$processor" != "$default" ]; then
    ok
else
    bad "brink's libm check with the processor's own variants ('$processor') should differ from '$default'"
fi

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
    GLIBC_TUNABLES=$own "$BRINK" "$@" >"$tmp/b" 2>"$tmp/b.err"
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
GLIBC_TUNABLES=$own "$BRINK" ensemble --runs "$runs" --seed 5 --out "$tmp/eb" --quiet \
    >/dev/null 2>&1
if [ -s "$tmp/ea/fans.csv" ] && diff -r "$tmp/ea" "$tmp/eb" >/dev/null; then
    ok
else
    bad "ensemble files: missing, or dependent on the libm variant"
fi
both "compare" compare --policies maximum_pressure,staged_reciprocity,low_stakes_first,status_quo \
    --runs "$runs" --seed 2 --quiet

finish
