#!/bin/sh
# brink serve: the command line, the JSON API and its error paths (bad JSON,
# unknown fields, parameters and policies with a did-you-mean, values out of
# range with the range, YAML errors with line and column, bodies over the
# limit, declared or chunked), the limits on runs and jobs, a stale job
# stopped by a newer one, results identical to `brink ensemble` and `brink
# compare`, and a clean stop on SIGTERM and SIGINT. Needs curl; SKIP when
# brink was built without libmicrohttpd.
set -u
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"
. "$BRINK_SOURCE_DIR/tests/cli/serve_start.inc"
serve_require

# ---- the command line
expect_exit 0 "serve --help" "$BRINK" serve --help
has "$tmp/out" "--listen ADDR" "help names --listen"
expect_exit 2 "unknown option" "$BRINK" serve --prot 1
has "$tmp/err" "did you mean '--port'" "unknown option: did-you-mean"
expect_exit 2 "port out of range" "$BRINK" serve --port 70000
expect_exit 2 "bad address" "$BRINK" serve --port 0 --listen 127.0.0.x
has "$tmp/err" "is not an IPv4 or IPv6 address" "bad address named"
expect_exit 2 "unknown scenario" "$BRINK" serve iran-2052 --port 0
has "$tmp/err" "iran-2025" "unknown scenario: suggestion"

start_server
if [ -z "$url" ]; then
    bad "the server did not start: $(cat "$tmp/server.err")"
    finish
    exit 1
fi
ok
case "$url" in
http://127.0.0.1:*) ok ;;
*) bad "not bound to 127.0.0.1 by default: $url" ;;
esac

# ---- the page and its files
code=$(curl -s -D "$tmp/head" -o "$tmp/body" -w '%{http_code}' "$url/")
if [ "$code" = 200 ]; then ok; else bad "GET /: $code"; fi
has "$tmp/head" "Content-Security-Policy: default-src 'none'" "the page's CSP"
has "$tmp/body" '<script src="/chart.js">' "the page loads Chart.js from the server"
get /chart.js
if [ "$code" = 200 ]; then ok; else bad "GET /chart.js: $code"; fi
has "$tmp/body" "Chart.js v3" "Chart.js is the report's embedded copy"
get /nope
if [ "$code" = 404 ]; then ok; else bad "GET /nope: $code"; fi
has "$tmp/body" '"error":"no such page or API' "404 in JSON"
get /api/run
if [ "$code" = 405 ]; then ok; else bad "GET /api/run: $code"; fi
post /api/status '{}'
if [ "$code" = 405 ]; then ok; else bad "POST /api/status: $code"; fi
code=$(curl -s -o "$tmp/body" -w '%{http_code}' -H 'Host: attacker.example' "$url/api/scenarios")
if [ "$code" = 421 ]; then ok; else bad "a foreign Host header: $code"; fi

# ---- the server's status: an idle server, its limits, its memory
get /api/status
if [ "$code" = 200 ]; then ok; else bad "GET /api/status: $code"; fi
has "$tmp/body" '"jobs":{"running":0,"active":0,"kept":0,"results_kept":0,"max_jobs":4,"slots":32,"results_limit":8}' \
    "status: an idle server's job table and limits"
if grep -Eq '"memory":\{"heap_in_use_bytes":([0-9]+|null),"heap_held_bytes":([0-9]+|null),"resident_bytes":[1-9][0-9]*\}' "$tmp/body"; then
    ok
else
    bad "status: the memory figures: $(cat "$tmp/body")"
fi

# ---- scenarios and parameters
get /api/scenarios
has "$tmp/body" '"name":"russia-2022"' "scenarios listed"
get "/api/params?scenario=iran-2025"
if [ "$code" = 200 ]; then ok; else bad "params: $code"; fi
has "$tmp/body" '"path":"target.resolve"' "params: target.resolve"
has "$tmp/body" '"dist":"' "params: the uncertain ones with their distribution"
get "/api/params?scenario=iran-2052"
if [ "$code" = 404 ]; then ok; else bad "params of an unknown scenario: $code"; fi
has "$tmp/body" "iran-2025" "unknown scenario: suggestion"

# ---- bad requests: 4xx with a clear message
post /api/run '{"runs": 2000,'
if [ "$code" = 400 ]; then ok; else bad "bad JSON: $code"; fi
has "$tmp/body" '"error":"bad JSON at line 1, column' "bad JSON: position"
post /api/run '[1, 2]'
if [ "$code" = 400 ]; then ok; else bad "not an object: $code"; fi
post /api/run '{"rusn": 2000}'
if [ "$code" = 400 ]; then ok; else bad "unknown field: $code"; fi
has "$tmp/body" "unknown field 'rusn'; did you mean 'runs'?" "unknown field: did-you-mean"
post /api/run '{"set": {"target.resolv": 1.5}}'
if [ "$code" = 400 ]; then ok; else bad "unknown parameter: $code"; fi
has "$tmp/body" "target.resolv: unknown key 'resolv'" "unknown parameter: path"
has "$tmp/body" "did you mean 'resolve'?" "unknown parameter: did-you-mean"
post /api/run '{"set": {"target.resolve": 100}}'
if [ "$code" = 400 ]; then ok; else bad "out of range: $code"; fi
has "$tmp/body" "value 100 is outside the allowed range [-10, 10]" "out of range: the range"
has "$tmp/body" '"path":"target.resolve"' "out of range: the path"
post /api/run '{"set": {"senders.xx.participation": 1}}'
if [ "$code" = 400 ]; then ok; else bad "unknown sender: $code"; fi
post /api/run '{"set": {"target.resolve": [1]}}'
if [ "$code" = 400 ]; then ok; else bad "a list as a value: $code"; fi
post /api/run '{"runs": 200001}'
if [ "$code" = 400 ]; then ok; else bad "runs over the cap: $code"; fi
has "$tmp/body" "outside the allowed range [1, 200000]" "runs: the range"
post /api/run '{"runs": 0.5}'
if [ "$code" = 400 ]; then ok; else bad "runs a fraction: $code"; fi
post /api/run '{"months": 601}'
if [ "$code" = 400 ]; then ok; else bad "months over 600: $code"; fi
post /api/run '{"policies": ["maximum_presure"]}'
if [ "$code" = 400 ]; then ok; else bad "unknown policy: $code"; fi
has "$tmp/body" "did you mean 'maximum_pressure'?" "unknown policy: did-you-mean"
post /api/run '{"scenario": "iran-2025", "yaml": "name: x"}'
if [ "$code" = 400 ]; then ok; else bad "scenario and yaml: $code"; fi
post /api/run '{"client": "a b"}'
if [ "$code" = 400 ]; then ok; else bad "bad client id: $code"; fi

# YAML uploads: errors with file, line, column, path and range
post /api/run "$(json_file "$BRINK_FIXTURES/bad_range.yaml")"
if [ "$code" = 400 ]; then ok; else bad "bad YAML upload: $code"; fi
has "$tmp/body" "upload.yaml:5:15" "bad YAML: line and column"
has "$tmp/body" "third_parties.china_state.exposure" "bad YAML: path"
has "$tmp/body" "allowed range [0, 1]" "bad YAML: range"
post /api/check "$(json_file "$BRINK_FIXTURES/bad_syntax.yaml")"
if [ "$code" = 200 ]; then ok; else bad "check of broken YAML: $code"; fi
has "$tmp/body" '"ok":false' "check: not ok"
has "$tmp/body" '"line":5,"column":4' "check: line and column"
post /api/check "$(json_file "$BRINK_FIXTURES/minimal.yaml")"
has "$tmp/body" '"ok":true' "check of a good file"

# bodies over the limit (4 MiB): declared, and sent in chunks
head -c 5000000 /dev/zero | tr '\0' ' ' > "$tmp/huge"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' -X POST --data-binary @"$tmp/huge" "$url/api/run")
if [ "$code" = 413 ]; then ok; else bad "huge body: $code"; fi
has "$tmp/body" "request body too large (at most 4194304 bytes)" "huge body: the limit"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' -X POST -H 'Transfer-Encoding: chunked' \
    --data-binary @"$tmp/huge" "$url/api/run")
if [ "$code" = 413 ]; then ok; else bad "huge chunked body: $code"; fi

# ---- jobs
get "/api/job?id=x1"
if [ "$code" = 400 ]; then ok; else bad "bad job id: $code"; fi
get "/api/job?id=999999"
if [ "$code" = 404 ]; then ok; else bad "unknown job: $code"; fi
get "/api/download?job=999999&file=outcomes.csv"
if [ "$code" = 404 ]; then ok; else bad "download of an unknown job: $code"; fi

# the results are those of brink compare / brink ensemble
post /api/run '{"runs": 3000, "seed": 7, "months": 60, "set": {"target.resolve": 1.5},
                "policies": ["maximum_pressure", "staged_reciprocity"]}'
if [ "$code" = 202 ]; then ok; else bad "run: $code $(cat "$tmp/body")"; fi
job=$(sed -n 's/.*"job":\([0-9]*\).*/\1/p' "$tmp/body")
if wait_job "$job"; then ok; else bad "job $job did not finish"; fi
has "$tmp/body" '"state":"done"' "the job is done"
has "$tmp/body" '"runs_completed":3000' "the last stage has every run"
get "/api/download?job=$job&file=../../etc/passwd"
if [ "$code" = 404 ]; then ok; else bad "download of another file: $code"; fi
"$BRINK" compare --policies maximum_pressure,staged_reciprocity --runs 3000 --seed 7 --months 60 \
    --set target.resolve=1.5 --out "$tmp/cmp" --quiet > /dev/null
for f in outcomes.csv comparison.csv fans.csv; do
    get "/api/download?job=$job&file=$f"
    if [ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/cmp/$f"; then ok; else bad "$f differs from brink compare ($code)"; fi
done
post /api/run '{"runs": 2500, "seed": 3, "scenario": "russia-2022"}'
job=$(sed -n 's/.*"job":\([0-9]*\).*/\1/p' "$tmp/body")
wait_job "$job"
"$BRINK" ensemble russia-2022 --runs 2500 --seed 3 --out "$tmp/ens" --quiet > /dev/null
get "/api/download?job=$job&file=outcomes.csv"
if [ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/ens/outcomes.csv"; then ok; else bad "outcomes.csv differs from brink ensemble"; fi
get "/api/download?job=$job&file=comparison.csv"
if [ "$code" = 404 ]; then ok; else bad "comparison.csv of one policy: $code"; fi
get "/api/download?job=$job&file=scenario.yaml"
if [ "$code" = 200 ]; then ok; else bad "scenario.yaml: $code"; fi
has "$tmp/body" "name: russia-2022" "scenario.yaml is the scenario"
get "/api/download?job=$job&file=briefing.html"
if [ "$code" = 200 ]; then ok; else bad "briefing.html: $code"; fi
has "$tmp/body" 'data-report-status' "briefing.html is the report"

# a newer request of the same page stops the older job
post /api/run '{"client": "page1", "runs": 200000}'
old=$(sed -n 's/.*"job":\([0-9]*\).*/\1/p' "$tmp/body")
post /api/run '{"client": "page1", "runs": 2000}'
new=$(sed -n 's/.*"job":\([0-9]*\).*/\1/p' "$tmp/body")
wait_job "$old"
has "$tmp/body" '"state":"stopped"' "the stale job is stopped"
wait_job "$new"
has "$tmp/body" '"state":"done"' "the newer job is done"
get "/api/download?job=$old&file=outcomes.csv"
if [ "$code" = 409 ]; then ok; else bad "download of a stopped job: $code"; fi

stop_server TERM
if [ "$server_rc" -eq 0 ]; then ok; else bad "SIGTERM: exit $server_rc"; fi
has "$tmp/server.out" "brink serve: stopped" "SIGTERM: a clean stop"

# the limit on jobs running at once: 429, then room again
start_server --max-jobs 1 --max-runs 1000000
post /api/run '{"client": "a", "runs": 1000000}'
first=$(sed -n 's/.*"job":\([0-9]*\).*/\1/p' "$tmp/body")
get /api/status
has "$tmp/body" '"running":1,"active":1,"kept":1,"results_kept":0,"max_jobs":1' "status: one job running, the limit"
post /api/run '{"client": "b", "runs": 2000}'
if [ "$code" = 429 ]; then ok; else bad "over the job limit: $code"; fi
has "$tmp/body" "too many jobs running (at most 1)" "429: the limit"
post /api/run '{"client": "a", "runs": 2000}'
if [ "$code" = 202 ]; then ok; else bad "the same page replaces its job: $code"; fi
# SIGINT while a job runs: it is stopped and the server ends cleanly
post /api/run '{"client": "a", "runs": 1000000}'
sleep 0.3
stop_server INT
if [ "$server_rc" -eq 0 ]; then ok; else bad "SIGINT: exit $server_rc"; fi
has "$tmp/server.out" "brink serve: stopped" "SIGINT: a clean stop"
: "$first"
finish
