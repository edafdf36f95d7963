#!/bin/sh
# brink sensitivity, discover and robust --report: a self-contained briefing
# whose exploration section holds the numbers the command printed, the same
# bytes for any thread count, and the error paths (--date without --report,
# a bad date, an unwritable path: nothing runs, nothing is written).
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

# data FILE.html: the report's data block, as JSON, on stdout
data() {
    sed -n 's/^<script type="application\/json" id="brink-data">\(.*\)<\/script>$/\1/p' "$1"
}

# self_contained FILE: no external src, href, script or style sheet
self_contained() {
    if grep -Eiq '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?(https?:)?//' "$1" ||
        grep -Eiq '<script[^>]*[[:space:]]src[[:space:]]*=' "$1" ||
        grep -Eiq '<link[^>]*stylesheet' "$1"; then
        bad "$1 is not self-contained"
    else
        ok
    fi
    if grep -q 'Chart.js v3' "$1"; then ok; else bad "$1: Chart.js not inlined"; fi
    if grep -q 'data-nondeterministic="date">2025-01-31<' "$1"; then ok; else bad "$1: date"; fi
}

P3="--param target.resolve=-1:1.5 --param behaviour.conflict.escalation_base=-6:-3 --param target.trust=0.1:0.6"

# 1. Sobol: the report's indices are those of --format json
# shellcheck disable=SC2086
expect_exit 0 "sensitivity --report" "$BRINK" sensitivity $P3 --base 16 --runs 30 --threads 1 \
    --format json --report "$tmp/s1.html" --date 2025-01-31
cp "$tmp/out" "$tmp/s.json"
has "$tmp/err" "report written to $tmp/s1.html" "sensitivity: no message naming the report"
self_contained "$tmp/s1.html"
has "$tmp/s1.html" '<section id="sec-explore"' "sensitivity: no exploration section"
# shellcheck disable=SC2086
expect_exit 0 "sensitivity --report, 2 threads" "$BRINK" sensitivity $P3 --base 16 --runs 30 \
    --threads 2 --format json --report "$tmp/s2.html" --date 2025-01-31
if cmp -s "$tmp/s1.html" "$tmp/s2.html"; then ok; else bad "sensitivity reports differ between 1 and 2 threads"; fi
# the leading parameter of P(deal within 60) in the key findings
lead=$(node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const p = j.outputs[0].parameters.slice().sort((a, b) => b.st - a.st)[0];
    console.log(p.path + " (total index " + p.st.toFixed(2));' "$tmp/s.json" 2>/dev/null)
if [ -z "$lead" ]; then
    skip "node is missing: the report's numbers are not compared with the command's"
else
    if grep -F "<li>" "$tmp/s1.html" | grep -qF "driven most by $lead"; then ok
    else bad "sensitivity: the findings do not name the leading parameter '$lead'"; fi
    data "$tmp/s1.html" > "$tmp/s1.data"
    if node -e '
        const fs = require("fs");
        const j = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
        const d = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
        const x = d.exploration;
        const fail = (m) => { console.error(m); process.exit(1); };
        if (x.kind !== "sobol" || d.ensemble !== null || d.typical !== null) fail("kind");
        if (x.units !== 16 || x.points !== 16 * 5 || x.runs_per_point !== 30) fail("design");
        if (x.run_months !== j.run_months) fail("run-months");
        const close = (a, b) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
        j.outputs.forEach((o, k) => {
            const r = x.outputs[k];
            if (r.output !== o.output) fail("output " + k);
            if (!close(r.mean, o.mean) || !close(r.variance, o.variance)) fail("mean " + k);
            o.parameters.forEach((p, i) => {
                if (x.parameters[i].path !== p.path) fail("path " + i);
                for (const f of ["s1", "s1_lo", "s1_hi", "st", "st_lo", "st_hi"])
                    if (!close(r[f][i], p[f])) fail(f + " of " + p.path + ": " + r[f][i] + " vs " + p[f]);
            });
        });
    ' "$tmp/s.json" "$tmp/s1.data"; then ok; else bad "sensitivity: the report's indices differ from --format json"; fi
fi

# 2. Morris: mu* as printed
# shellcheck disable=SC2086
expect_exit 0 "morris --report" "$BRINK" sensitivity --method morris $P3 --trajectories 6 \
    --runs 30 --format json -q --report "$tmp/m.html" --date 2025-01-31
cp "$tmp/out" "$tmp/m.json"
lacks "$tmp/err" "report written" "morris: -q still says the report was written"
self_contained "$tmp/m.html"
if [ -n "$lead" ]; then
    data "$tmp/m.html" > "$tmp/m.data"
    if node -e '
        const fs = require("fs");
        const j = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
        const x = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).exploration;
        const close = (a, b) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
        if (x.kind !== "morris" || x.units !== 6) process.exit(1);
        j.outputs.forEach((o, k) => o.parameters.forEach((p, i) => {
            for (const f of ["mu_star", "mu_star_lo", "mu_star_hi", "mu", "sigma"])
                if (!close(x.outputs[k][f][i], p[f])) { console.error(f); process.exit(1); }
        }));
    ' "$tmp/m.json" "$tmp/m.data"; then ok; else bad "morris: the report's effects differ from --format json"; fi
fi

# 3. discover: the share where the condition holds, the trajectory, the box
D="--param target.resolve=-1:1.5 --param behaviour.conflict.escalation_base=-6:-3 --points 60 --runs 30"
# shellcheck disable=SC2086
expect_exit 0 "discover --report" "$BRINK" discover $D --when "P(war,120) > 0.15" -q \
    --report "$tmp/d.html" --date 2025-01-31
cp "$tmp/out" "$tmp/d.txt"
self_contained "$tmp/d.html"
holds=$(sed -n 's/^The condition holds at \([0-9]*\) of \([0-9]*\) points.*/\1 \2/p' "$tmp/d.txt")
density=$(sed -n 's/^The box (after pasting and pruning): the condition holds at \([0-9]*\)%.*/\1/p' "$tmp/d.txt")
if [ -n "$holds" ] && [ -n "$density" ]; then ok; else bad "discover: no box to compare ($(head -5 "$tmp/d.txt"))"; fi
set -- $holds
if grep -F "<li>" "$tmp/d.html" | grep -qF "holds at $1 of $2 points"; then ok
else bad "discover: the findings lack 'holds at $1 of $2 points'"; fi
if grep -F "<li>" "$tmp/d.html" | grep -qF "it holds at $density% of the points"; then ok
else bad "discover: the findings lack the box's density $density%"; fi
if [ -n "$lead" ]; then
    data "$tmp/d.html" > "$tmp/d.data"
    if node -e '
        const x = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).exploration;
        const p = x.prim;
        const ok = x.kind === "prim" && x.hits === +process.argv[2] && x.points === +process.argv[3] &&
            p.steps.length > 1 && p.steps[0].coverage === 1 && p.chosen < p.steps.length &&
            Math.round(100 * p.box.density) === +process.argv[4] && p.box.limits.length >= 1 &&
            p.box.limits.every((l) => l.low >= l.sampled_low && l.high <= l.sampled_high && l.p_value <= 0.05);
        process.exit(ok ? 0 : 1);
    ' "$tmp/d.data" "$1" "$2" "$density"; then ok; else bad "discover: the report's PRIM data"; fi
fi

# 4. robust: the table's figures and the minimax policy
R="--param target.resolve=-1:1.5 --param behaviour.conflict.escalation_base=-6:-3 --points 20 --runs 30"
# shellcheck disable=SC2086
expect_exit 0 "robust --report" "$BRINK" robust $R --policies maximum_pressure,status_quo,staged_reciprocity \
    -q --report "$tmp/r.html" --date 2025-01-31
cp "$tmp/out" "$tmp/r.txt"
self_contained "$tmp/r.html"
mm=$(sed -n 's/^Minimax regret: \([a-z_]*\) .*/\1/p' "$tmp/r.txt")
if [ -n "$mm" ]; then ok; else bad "robust: no minimax policy printed"; fi
if [ -n "$lead" ]; then
    data "$tmp/r.html" > "$tmp/r.data"
    # each table row: policy, mean, mean regret, max regret, share
    awk '/^  [a-z_]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+/ { print $1, $2, $3, $4, $5 }' "$tmp/r.txt" > "$tmp/r.rows"
    if [ "$(wc -l < "$tmp/r.rows")" -eq 3 ]; then ok; else bad "robust: 3 table rows expected"; fi
    if node -e '
        const fs = require("fs");
        const x = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).exploration;
        const rows = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => l.split(" "));
        const fail = (m) => { console.error(m); process.exit(1); };
        if (x.kind !== "robust" || x.policies.length !== 3) fail("kind");
        if (x.policies[x.minimax].id !== process.argv[3]) fail("minimax");
        rows.forEach((r, k) => {
            const p = x.policies[k];
            if (p.id !== r[0] || p.mean.toFixed(3) !== r[1] || p.mean_regret.toFixed(3) !== r[2] ||
                p.max_regret.toFixed(3) !== r[3] || p.share_meets.toFixed(2) !== r[4]) fail("row " + r);
        });
    ' "$tmp/r.data" "$tmp/r.rows" "$mm"; then ok; else bad "robust: the report's table differs from the printed one"; fi
fi

# 5. errors: nothing runs, nothing is written
expect_exit 2 "--date without --report" "$BRINK" sensitivity --base 16 --date 2025-01-31
has "$tmp/err" "--date is for the report" "--date without --report: message"
expect_exit 2 "a bad date" "$BRINK" robust --report "$tmp/x.html" --date 2025-02-30
if [ -e "$tmp/x.html" ]; then bad "a bad date wrote a report"; else ok; fi
expect_exit 1 "an unwritable report" "$BRINK" discover --when "P(war,60) > 0.1" \
    --report "$tmp/no/such/dir/d.html"
has "$tmp/err" "no/such/dir" "an unwritable report: the path is not named"
if [ -s "$tmp/out" ]; then bad "an unwritable report: the analysis ran first"; else ok; fi

finish
