#!/bin/sh
# brink report and --report: a self-contained file with the data block, the
# same bytes for any thread count, bad options, atomic writes.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"
# a read-only directory below needs its permission back to be removed
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# none MSG RC: a grep that must find nothing exited RC (1: nothing found;
# 0: found; 2: an error, which is a failure too, not a pass)
none() {
    if [ "$2" -eq 1 ]; then ok; else bad "$1 (grep exit $2)"; fi
}

# expect CODE CMD...: exit code CODE
expect() {
    code=$1
    shift
    "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ "$rc" -ne "$code" ]; then
        bad "$* exited $rc, expected $code: $(cat "$tmp/err")"
    else
        ok
    fi
}

N="--runs 300 --months 36"

# 1. the report: written, self-contained, with its data block
"$BRINK" report $N --date 2025-01-31 --threads 1 -o "$tmp/t1.html" 2> "$tmp/err1" \
    || bad "brink report failed: $(cat "$tmp/err1")"
f="$tmp/t1.html"
if [ -s "$f" ]; then ok; else bad "no report written"; fi
if grep -q "written" "$tmp/err1"; then ok; else bad "no message naming the file"; fi
if head -1 "$f" | grep -q '^<!DOCTYPE html>'; then ok; else bad "not an HTML document"; fi
grep -Eiq '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?(https?:)?//' "$f"
none "an external src or href" $?
grep -Eiq '<script[^>]*[[:space:]]src[[:space:]]*=' "$f"
none "an external script" $?
grep -Eiq '<link[^>]*stylesheet' "$f"
none "an external style sheet" $?
sed -n '/<style>/,/<\/style>/p' "$f" > "$tmp/style.css" || bad "cannot read the style block"
grep -Eiq '@import|url\(' "$tmp/style.css"
none "CSS that fetches" $?
if grep -q 'Chart.js v3' "$f"; then ok; else bad "Chart.js not inlined"; fi
if grep -q '<script type="application/json" id="brink-data">' "$f"; then ok; else bad "no data block"; fi
# the data block parses and holds the expected keys (with node when present)
if command -v node > /dev/null 2>&1; then
    if node -e '
        const fs = require("fs");
        const html = fs.readFileSync(process.argv[1], "utf8");
        const m = html.match(/<script type="application\/json" id="brink-data">([\s\S]*?)<\/script>/);
        const d = JSON.parse(m[1]);
        const need = ["schema", "version", "scenario", "scenario_hash", "seed", "runs", "policies",
                      "horizon_months", "ensemble", "typical", "game", "findings", "fan_vars"];
        const miss = need.filter((k) => !(k in d));
        if (miss.length) { console.error("missing keys: " + miss); process.exit(1); }
        if (d.policies.length !== 4 || d.ensemble.length !== 4) { console.error("policies"); process.exit(1); }
        const e = d.ensemble[1];
        for (const k of ["outcomes", "by_month", "survival", "deal_by", "fans", "costs", "vs_baseline"])
            if (!(k in e)) { console.error("ensemble lacks " + k); process.exit(1); }
        if (e.by_month.war.length !== 36 || e.survival.S.length !== 37) { console.error("months"); process.exit(1); }
        if (!d.typical.events.length || !d.game.nowin || !d.game.zopa) { console.error("typical/game"); process.exit(1); }
        if (d.findings.length < 3) { console.error("findings"); process.exit(1); }
        if (JSON.stringify(d).includes("2025-01-31")) { console.error("date in the data"); process.exit(1); }
    ' "$f"; then ok; else bad "data block lacks expected keys"; fi
fi
if grep -q 'data-nondeterministic="date">2025-01-31<' "$f"; then ok; else bad "date not pinned"; fi
if [ "$(grep -o '2025-01-31' "$f" | wc -l)" -eq 1 ]; then ok; else bad "the date appears more than once"; fi
if grep -q '<details class="params">' "$f" && grep -q 'horizon_months: 36' "$f"; then ok
else bad "no parameters section"; fi

# 2. byte-identical across thread counts; the env var pins the date too
BRINK_REPORT_DATE=2025-01-31 "$BRINK" report $N --threads 2 -o "$tmp/t2.html" 2> /dev/null \
    || bad "brink report --threads 2 failed"
if cmp -s "$tmp/t1.html" "$tmp/t2.html"; then ok; else bad "reports differ between --threads 1 and 2"; fi
"$BRINK" compare --policies maximum_pressure,staged_reciprocity $N --threads 1 --quiet \
    --report "$tmp/c1.html" --date 2025-01-31 > /dev/null || bad "compare --report failed"
"$BRINK" compare --policies maximum_pressure,staged_reciprocity $N --threads 2 --quiet \
    --report "$tmp/c2.html" --date 2025-01-31 > /dev/null || bad "compare --report failed"
if cmp -s "$tmp/c1.html" "$tmp/c2.html"; then ok; else bad "compare reports differ between thread counts"; fi
# a different date changes exactly one line
"$BRINK" report $N --date 2024-12-01 -o "$tmp/t3.html" 2> /dev/null
if [ "$(cmp -l "$tmp/t1.html" "$tmp/t3.html" | wc -l)" -le 10 ] &&
    [ "$(diff "$tmp/t1.html" "$tmp/t3.html" | grep -c '^<')" -eq 1 ]; then ok
else bad "another date changes more than the date"; fi

# 3. --report on ensemble and run
if "$BRINK" ensemble $N --quiet --report "$tmp/e.html" --date 2025-01-31 > "$tmp/e.txt" \
    && grep -q '"command":"ensemble"' "$tmp/e.html" && grep -q 'brink ensemble' "$tmp/e.txt"; then ok
else bad "ensemble --report"; fi
if "$BRINK" run --report "$tmp/r.html" --date 2025-01-31 > "$tmp/r.txt" \
    && grep -q '"command":"run"' "$tmp/r.html" && grep -q '"ensemble":null' "$tmp/r.html" \
    && grep -q '^Outcome:' "$tmp/r.txt"; then ok; else bad "run --report"; fi
if "$BRINK" run --out "$tmp/plain" > "$tmp/plain.txt" && cmp -s "$tmp/plain.txt" "$tmp/r.txt"
then ok; else bad "run --report changed the story"; fi
if "$BRINK" report $N --policies staged_reciprocity -o "$tmp/one.html" 2> /dev/null \
    && grep -q '"vs_baseline":null' "$tmp/one.html"; then ok; else bad "report of one policy"; fi
# a short horizon: the game layer is skipped with a note
if "$BRINK" report --runs 50 --months 6 -o "$tmp/short.html" 2> /dev/null \
    && grep -q 'ends before month 12' "$tmp/short.html"; then ok; else bad "short horizon"; fi
# every built-in case makes a report
ncases=0
for s in $("$BRINK" scenarios | awk '{ print $1 }'); do
    ncases=$((ncases + 1))
    if "$BRINK" report "$s" --runs 100 --months 24 -o "$tmp/case.html" 2> "$tmp/err" \
        && [ -s "$tmp/case.html" ]; then ok; else bad "report of $s: $(cat "$tmp/err")"; fi
done
if [ "$ncases" -ge 2 ]; then ok; else bad "no built-in cases listed"; fi

# 4. bad options exit 2 and write nothing
expect 2 "$BRINK" report --runs 0 -o "$tmp/x.html"
expect 2 "$BRINK" report --runs abc -o "$tmp/x.html"
expect 2 "$BRINK" report --date 2025-13-01 -o "$tmp/x.html"
expect 2 "$BRINK" report --date yesterday -o "$tmp/x.html"
expect 2 "$BRINK" report --policies maximum_pressure,nope -o "$tmp/x.html"
expect 2 "$BRINK" report --format json -o "$tmp/x.html"
expect 2 "$BRINK" report --bogus
expect 2 "$BRINK" report --set target.trust=7 -o "$tmp/x.html"
expect 2 "$BRINK" report no-such-case -o "$tmp/x.html"
expect 2 "$BRINK" run --date 2025-01-01
expect 2 "$BRINK" run --report "$tmp/x.html" --date 2025-02-30
expect 2 "$BRINK" ensemble --runs 10 --date 2025-01-01
expect 2 env BRINK_REPORT_DATE=soon "$BRINK" compare --policies maximum_pressure,status_quo \
    --runs 10 --report "$tmp/x.html"
if [ ! -e "$tmp/x.html" ]; then ok; else bad "a bad option left a file"; fi

# 5. an unwritable path fails (exit 1) and leaves no partial file; an old file stays intact
mkdir "$tmp/ro"
echo old > "$tmp/ro/report.html"
chmod a-w "$tmp/ro"
if [ -w "$tmp/ro" ]; then
    # a user who can write anyway (root): nothing here can be tested
    skip "an unwritable report path (the directory stays writable for this user, e.g. root)"
else
    expect 1 "$BRINK" report --runs 50 -o "$tmp/ro/report.html"
    if [ "$(cat "$tmp/ro/report.html")" = old ] && [ "$(ls "$tmp/ro" | wc -l)" -eq 1 ]; then ok
    else bad "a failed write changed the directory"; fi
fi
chmod u+w "$tmp/ro"
expect 1 "$BRINK" report --runs 50 -o "$tmp/missing/dir/report.html"
if [ ! -e "$tmp/missing" ]; then ok; else bad "a failed write created a directory"; fi
expect 1 "$BRINK" run --report "$tmp/missing/r.html"
# a directory in the way: refused as any path that is not a regular file
# (exit 2, docs/testing.md), and no temporary file is left
mkdir "$tmp/isdir.html"
expect 2 "$BRINK" report --runs 50 -o "$tmp/isdir.html"
if [ "$(ls "$tmp" | grep -c 'isdir.html.tmp')" -eq 0 ]; then ok; else bad "a temporary file was left"; fi

finish
