# Shared by the command-line test scripts: source it after `set -u`.
#
#   ok / bad MSG          count a passed / failed check (bad prints MSG)
#   skip MSG              print SKIP: a skipped check counts as nothing
#   check MSG CMD...      CMD must exit 0
#   expect_exit CODE MSG CMD...
#                         CMD must exit with CODE; its stdout and stderr are
#                         left in $tmp/out and $tmp/err
#   has FILE TEXT MSG     FILE holds the fixed string TEXT
#   lacks FILE TEXT MSG   FILE does not hold TEXT
#   finish                print the counts; the script's status
#
# Exit codes are compared explicitly, never through `cmd && ok || bad`.
: "${BRINK:?}"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    echo "FAIL: $*" >&2
}
skip() { echo "SKIP: $*" >&2; }

check() {
    msg=$1
    shift
    if "$@"; then ok; else bad "$msg"; fi
}

expect_exit() {
    code=$1
    msg=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq "$code" ]; then
        ok
    else
        bad "$msg: exit $rc, expected $code"
        sed 's/^/    /' "$tmp/err" >&2
    fi
}

has() {
    if grep -qF -- "$2" "$1"; then ok; else bad "$3"; fi
}

lacks() {
    if grep -qF -- "$2" "$1"; then bad "$3"; else ok; fi
}

finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
