#!/bin/sh
# Where the seed's claims hold: runs `brink claims --claim K` on the default
# case over a grid of one parameter and prints, per grid value, each test's
# effect with its 95% interval and whether the claim holds. The tables of
# docs/validation.md ("Where each claim holds") come from this script.
#
# Usage: scripts/claim_sweeps.sh [BRINK] [RUNS] [SEED]
#   BRINK  the brink binary (default build/brink)
#   RUNS   paired runs per claim and grid value (default 1000)
#   SEED   random seed (default 1)
#
# --arm-set changes every arm of an experiment after its own overrides (so it
# wins over, e.g., the rhetoric an experiment sets); --set changes the
# scenario before the experiment (the experiment's own overrides still win).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
BRINK=${1:-$here/build/brink}
RUNS=${2:-1000}
SEED=${3:-1}

# sweep CLAIM LABEL OPTION TEMPLATE VALUES...: TEMPLATE has X for the value
sweep() {
    claim=$1 label=$2 opt=$3 template=$4
    shift 4
    echo
    echo "## claim $claim vs $label ($opt $template)"
    printf '%-8s  %-8s  %s\n' "$label" "holds" "effect [95% interval] per test"
    for v in "$@"; do
        set_value=$(printf '%s' "$template" | sed "s/X/$v/g")
        # several assignments are separated by ';'
        args=""
        old_ifs=$IFS
        IFS=';'
        for a in $set_value; do
            args="$args $opt $a"
        done
        IFS=$old_ifs
        # shellcheck disable=SC2086
        out=$("$BRINK" claims --claim "$claim" --runs "$RUNS" --seed "$SEED" $args 2>&1 || true)
        holds=$(printf '%s\n' "$out" | grep -q '\[HOLDS\]' && echo yes || echo no)
        effects=$(printf '%s\n' "$out" | awk '/^      effect /{ printf "%s%s %s%s", sep, $2, $3, $4; sep = "; " }')
        printf '%-8s  %-8s  %s\n' "$v" "$holds" "$effects"
    done
}

# Claim 3 (pressure raises P(deal) under behaviour-change rhetoric) and
# claim 9 (it does not under regime-change rhetoric): the rhetoric at which
# the effect of pressure changes sign.
sweep 3 rhetoric --arm-set 'policies.@.rhetoric=X' 0 0.1 0.2 0.3 0.35 0.4 0.45 0.5 0.6 0.8 1
sweep 9 rhetoric --arm-set 'policies.@.rhetoric=X' 0 0.2 0.3 0.35 0.4 0.45 0.5 0.6 0.8 1
# Claim 3 against the durability of deals (trust, set in every arm).
sweep 3 trust --arm-set 'target.trust=X' 0.1 0.2 0.3 0.4 0.5 0.6 0.8 1
# Claim 4: lowering trust to 0.05 lowers P(agreement), from which starting trust.
sweep 4 trust --set 'target.trust=X' 0.05 0.1 0.15 0.2 0.3 0.5 0.8
# Claim 8 (bundling lowers P(deal)) against the issues' security values,
# scaled together from the default case's 2, 3 and 2.5 (factor X).
for f in 0.25 0.5 0.75 1 1.5 2 3; do
    n=$(awk -v f="$f" 'BEGIN { printf "%g", 2 * f }')
    m=$(awk -v f="$f" 'BEGIN { printf "%g", 3 * f }')
    r=$(awk -v f="$f" 'BEGIN { printf "%g", 2.5 * f }')
    eval "sv_$(echo "$f" | tr . _)='issues.nuclear.security_value=$n;issues.missiles.security_value=$m;issues.regional.security_value=$r'"
done
echo
echo "## claim 8 vs the issues' security values (scaled by a factor; default 2, 3, 2.5)"
printf '%-8s  %-8s  %s\n' "factor" "holds" "effect [95% interval] per test"
for f in 0.25 0.5 0.75 1 1.5 2 3; do
    eval "sets=\$sv_$(echo "$f" | tr . _)"
    args=""
    old_ifs=$IFS
    IFS=';'
    for a in $sets; do args="$args --set $a"; done
    IFS=$old_ifs
    # shellcheck disable=SC2086
    out=$("$BRINK" claims --claim 8 --runs "$RUNS" --seed "$SEED" $args 2>&1 || true)
    holds=$(printf '%s\n' "$out" | grep -q '\[HOLDS\]' && echo yes || echo no)
    effects=$(printf '%s\n' "$out" | awk '/^      effect /{ printf "%s%s %s%s", sep, $2, $3, $4; sep = "; " }')
    printf '%-8s  %-8s  %s\n' "$f" "$holds" "$effects"
done
# Claim 14: the escalation index an open channel removes.
sweep 14 hotline --set 'behaviour.conflict.escalation_hotline=X' 0 0.1 0.2 0.4 0.8 1.2 2
# Claim 13 (de-escalated rhetoric raises acceptance) against face saving.
sweep 13 face --set 'behaviour.bargain.face_saving=X' 0 0.2 0.4 0.6 0.8 1
# Claim 5 (public offers accepted less often) against the audience cost.
sweep 5 audience --set 'behaviour.bargain.audience_cost=X' 0 0.25 0.5 1 1.5 3
