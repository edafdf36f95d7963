#!/bin/sh
# Writes the man pages from the built program's own help, so that they never
# drift from it: brink.1 from `brink --help` and one brink-CMD.1 per command
# that `brink --help` lists, from `brink CMD --help`. Run by the build
# (CMakeLists.txt, target brink_man); installed to man1 by `cmake --install`.
# Usage: sh cmake/manpages.sh BRINK OUTDIR VERSION
set -eu
[ $# -eq 3 ] || { echo "usage: manpages.sh BRINK OUTDIR VERSION" >&2; exit 2; }
brink=$1
out=$2
version=$3
mkdir -p "$out"
rm -f "$out"/*.1 "$out"/*.tmp

"$brink" --help > "$out/help.tmp"
# the command list: "  NAME   summary" lines after "commands:"
awk '/^commands:$/ { on = 1; next }
     on && /^$/ { exit }
     on && /^  [a-z]/ { print $1 }' "$out/help.tmp" > "$out/commands.tmp"
if [ ! -s "$out/commands.tmp" ]; then
    echo "manpages.sh: no commands in '$brink --help'" >&2
    exit 1
fi

# The converter: the help text (usage line(s), paragraphs, "options:"
# sections, "  --opt ARG   description" entries with indented continuation
# lines, indented examples) as man(7) source.
# shellcheck disable=SC2016 # an awk program, not shell
roff='
function esc(s) {
    gsub(/\\/, "\\e", s)
    if (s ~ /^[.\047]/) s = "\\&" s
    return s
}
function dashes(s) { s = esc(s); gsub(/-/, "\\-", s); return s }
function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
function endpre() { if (pre) { print ".fi"; print ".RE"; pre = 0 } }
BEGIN {
    print ".TH " toupper(page) " 1 \"\" \"brink " version "\" \"brink manual\""
    print ".SH NAME"
    print dashes(page) " \\- " esc(summary)
    print ".SH SYNOPSIS"
    print ".nf"
    state = "usage"; pre = 0; gap = 0; sections = 0; entries = 0
}
state == "usage" {
    if ($0 == "") { print ".fi"; print ".SH DESCRIPTION"; state = "text"; next }
    line = $0
    if (!sub(/^usage: /, "", line)) sub(/^       /, "", line)
    print esc(line)
    next
}
/^$/ { endpre(); gap = 1; next }
/^[A-Za-z][A-Za-z ]*:$/ {
    endpre()
    name = toupper(substr($0, 1, length($0) - 1))
    print ".SH " name
    sections++; gap = 0; state = "entries"
    next
}
state == "entries" && entries && /^      / && !gap { print esc(trim($0)); next }
/^  +-/ || /^  [A-Z][A-Z_.]*[ ,]/ {
    endpre()
    if (state == "text" && !sections) { print ".SH OPTIONS"; sections++ }
    state = "entries"; entries = 1; gap = 0
    line = $0; sub(/^ +/, "", line)
    key = line; desc = ""
    if (match(line, /   */)) {
        key = substr(line, 1, RSTART - 1)
        desc = substr(line, RSTART + RLENGTH)
    }
    print ".TP"
    print "\\fB" dashes(key) "\\fR"
    if (desc != "") print esc(desc)
    next
}
/^ / {
    if (!pre) { print ".RS"; print ".nf"; pre = 1 }
    print esc($0)
    gap = 0
    next
}
{
    endpre()
    if (state == "entries" && entries) { print ".SH NOTES"; entries = 0; state = "text" }
    else if (gap) print ".PP"
    gap = 0
    print esc($0)
}
END {
    endpre()
    print ".SH SEE ALSO"
    print "\\fBbrink\\fR(1)"
}
'

while read -r cmd; do
    summary=$(awk -v c="$cmd" '/^commands:$/ { on = 1; next }
        on && $1 == c { sub(/^  [a-z]+ +/, ""); print; exit }' "$out/help.tmp")
    if ! "$brink" "$cmd" --help > "$out/cmd.tmp"; then
        echo "manpages.sh: '$brink $cmd --help' failed" >&2
        exit 1
    fi
    awk -v page="brink-$cmd" -v summary="$summary" -v version="$version" "$roff" \
        "$out/cmd.tmp" > "$out/brink-$cmd.1"
done < "$out/commands.tmp"

# brink.1: the program, its commands and where the rest is documented
{
    printf '.TH BRINK 1 "" "brink %s" "brink manual"\n' "$version"
    cat <<'EOF'
.SH NAME
brink \- simulate and analyse coercive diplomacy
.SH SYNOPSIS
.nf
\fBbrink\fR \fICOMMAND\fR [\fIOPTIONS\fR]
\fBbrink\fR \fICOMMAND\fR \fB\-\-help\fR
\fBbrink \-\-help\fR | \fB\-\-version\fR
.fi
.SH DESCRIPTION
brink simulates and analyses coercive diplomacy: a sender state
squeezing a target with sanctions, military posture and public offers.
Every actor, issue, channel and policy is data in a YAML scenario;
the default case and the historical cases are built in
(\fBbrink scenarios\fR).
Each command is described by its own page, \fBbrink\-\fICOMMAND\fR(1),
and by \fBbrink \fICOMMAND\fB \-\-help\fR.
.SH COMMANDS
EOF
    while read -r cmd; do
        summary=$(awk -v c="$cmd" '/^commands:$/ { on = 1; next }
            on && $1 == c { sub(/^  [a-z]+ +/, ""); print; exit }' "$out/help.tmp" |
            sed 's/\\/\\e/g')
        printf '.TP\n\\fB%s\\fR\n%s; see \\fBbrink\\-%s\\fR(1).\n' "$cmd" "$summary" "$cmd"
    done < "$out/commands.tmp"
    cat <<'EOF'
.SH EXIT STATUS
0 done; 1 runtime failure (I/O, out of memory); 2 bad input or usage;
130 interrupted (the long commands write what they completed, marked partial).
.SH FILES
The documentation (the model, ensembles, statistics, the game, the cases,
calibration, validation, claims, reports, testing) is installed with the
program in its documentation directory, e.g. /usr/local/share/doc/brink.
.SH SEE ALSO
EOF
    sep=""
    while read -r cmd; do
        printf '%s\\fBbrink\\-%s\\fR(1)' "$sep" "$cmd"
        sep=",
"
    done < "$out/commands.tmp"
    printf '\n'
} > "$out/brink.1"
rm -f "$out"/*.tmp
