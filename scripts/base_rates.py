#!/usr/bin/env python3
"""Recomputes brink's base rates from the public data sets (not shipped with
brink; pass the folder that holds ties/, eusanct/, gml-mid/ and icb/).

Usage: python3 scripts/base_rates.py DATA_DIR [--check] [--archigos=FILE [--emit-archigos]]

Writes, next to this script's repository root:
  src/analysis/base_rate.def           episodes by brink outcome and duration bin
  src/analysis/calibration_targets.def historical moments for calibration
and prints every figure behind them, the horizon-conditioned forecast and the
legacy six-outcome counts of brink_base_rate_counts() (src/analysis/backtest.c).
With --check it writes nothing and exits 1 if a committed table differs from
what the data give.

Regime crises come from Archigos 4.1, which is not among the shared data
sets: the few figures taken from it (which TIES and EUSANCT episodes saw the
target's leader removed irregularly, and when; the all-states baseline) are
kept in the ARCHIGOS table below. --archigos=FILE (a CSV of the Archigos
leader table, or peacesciencer's data/archigos.rda, read with scripts/rdata.py;
DATA_DIR/archigos/archigos.csv is used when present) recomputes them and says
whether they still agree; with --emit-archigos it prints the new table instead.

Python 3 standard library only. Sources (cite them):
  TIES v4.1: Morgan, Bapat & Kobayashi (2014), CMPS 31(5): 541-558.
  GML MID 2.1.1: Gibler, Miller & Little (2016), ISQ 60(4); COW MID 5: Palmer
    et al. (2022), CMPS; both as shipped in peacesciencer (Miller 2022).
  ICB v14: Brecher & Wilkenfeld (2000), A Study of Crisis; ICB codebook.
  EUSANCT: Weber & Schneider (2022), CMPS 39(1).
  Archigos 4.1: Goemans, Gleditsch & Chiozza (2009), JPR 46(2): 269-283, as
    shipped in peacesciencer (data/archigos.rda).
"""
import collections
import csv
import datetime
import os
import sys

OUTCOMES = ("deal", "partial_deal", "stalemate", "sender_backs_down", "war",
            "regime_crisis", "deal_reversed")
# TIES final outcome -> brink outcome (the brief's mapping; 4 and 9 are
# stalemates, and so is every episode still going at the horizon)
TIES_MAP = {2: "deal", 5: "deal", 7: "deal", 10: "deal",
            1: "partial_deal", 6: "partial_deal",
            3: "sender_backs_down", 8: "sender_backs_down",
            4: "stalemate", 9: "stalemate"}
BIN = 6                                # months per duration bin
TIES_END = datetime.date(2005, 12, 31)  # end of TIES coverage: censoring date when no date is given
MONTH = 365.25 / 12                    # days per month
ALPHA = 1.0                            # Dirichlet (add-alpha) smoothing per outcome, as base_rate.c
HORIZONS = (12, 36, 60, 120, 240, 480)


def num(x):
    try:
        return int(float(x))
    except (TypeError, ValueError):
        return None


def mkdate(y, m=None, d=None):
    """A date from possibly missing parts: month unknown -> July 1 (mid-year),
    day unknown -> the 15th (mid-month)."""
    if y is None:
        return None
    if m is None or not 1 <= m <= 12:
        return datetime.date(y, 7, 1)
    if d is None or d < 1:
        d = 15
    while True:
        try:
            return datetime.date(y, m, d)
        except ValueError:
            d -= 1


def months(a, b):
    return (b - a).days / MONTH


def read_csv(path, enc="utf-8"):
    with open(path, encoding=enc, newline="") as f:
        return list(csv.DictReader(f))


def quantile_sorted(xs, q):
    """Linear-interpolation quantile (type 7) of a sorted list."""
    if not xs:
        return float("nan")
    h = (len(xs) - 1) * q
    lo = int(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


def km_quantiles(times, ended, qs):
    """Kaplan-Meier quantiles of a duration with right censoring: the first
    time at which the estimated share ended reaches q (None if never)."""
    pts = sorted(zip(times, ended), key=lambda t: (t[0], not t[1]))
    n = len(pts)
    s = 1.0
    out = {q: None for q in qs}
    i = 0
    while i < len(pts):
        t = pts[i][0]
        d = c = 0
        while i < len(pts) and pts[i][0] == t:
            d += pts[i][1]
            c += not pts[i][1]
            i += 1
        if d:
            s *= 1 - d / n
            for q in qs:
                if out[q] is None and 1 - s >= q - 1e-12:
                    out[q] = t
        n -= d + c
    return out


# ---- data ------------------------------------------------------------------------


def load_wars(d):
    """War-level MID onsets per (unordered) dyad: GML 2.1.1 dyad-years with
    hostlev 5 and midonset 1 (the rule of the original script). Each onset
    carries `both`: whether both states' own hostility level in the dispute
    (hostlev1, hostlev2) is at least 4, use of force; where it is not, the
    dyad's hostlev 5 comes from fighting with others (e.g. the US and the USSR
    in the Vietnam war dispute). The onset month is the dispute's start month
    when the dyad's onset year is the dispute's start year; otherwise July."""
    disp = {r["dispnum"]: r for r in read_csv(os.path.join(d, "gml-mid/gml_mid_disps.csv"))}
    war = collections.defaultdict(list)
    for r in read_csv(os.path.join(d, "gml-mid/gml-ddy-disputes-2.1.1.csv")):
        if r["hostlev"] == "5" and r["midonset"] == "1":
            a, b = int(r["ccode1"]), int(r["ccode2"])
            y = int(r["year"])
            dd = disp.get(r["dispnum"])
            m = num(dd["stmon"]) if dd and num(dd["styear"]) == y else None
            both = min(num(r["hostlev1"]) or 0, num(r["hostlev2"]) or 0) >= 4
            war[(min(a, b), max(a, b))].append((y, mkdate(y, m), r["dispnum"], both))
    return war


def cow_to_gw(c, when):
    """COW state code -> Gleditsch-Ward code (Archigos uses GW codes)."""
    if c == 255:                      # unified Germany (COW) = 260 in GW
        return 260
    if c == 679:                      # unified Yemen (COW) = 678 in GW
        return 678
    if c == 345 and when >= datetime.date(2006, 6, 5):
        return 340                    # Serbia after Montenegro's exit
    return c


# Archigos exit codes that count as a regime crisis: the leader removed by the
# military, rebels, popular protest, other government actors or a power
# struggle. Left out: "Assassination by Unsupported Individual" and
# "Irregular, Other" (lone assassins: Verwoerd 1966, Sadat 1981, Rabin 1995;
# the regime went on), and exit = "Foreign" (removed by a foreign power: war,
# not a domestic breakdown).
REGIME_CODES = ("Removed by Military", "Removed by Rebels", "Popular Protest",
                "Removed by Other Government Actors", "Removed in Military Power Struggle")


def load_archigos(path):
    """Leader exits per Gleditsch-Ward state code from Archigos 4.1 (CSV, or
    peacesciencer's data/archigos.rda read with scripts/rdata.py), with the
    leader spells for the all-states baseline."""
    if path.endswith(".rda") or path.endswith(".rds"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import rdata
        rows = [{k: "" if v is None else str(v) for k, v in r.items()} for r in rdata.records(path)]
    else:
        rows = read_csv(path)
    ex = collections.defaultdict(list)
    spells = []
    for r in rows:
        if not r["startdate"] or not r["enddate"]:
            continue
        a = datetime.date.fromisoformat(r["startdate"])
        e = datetime.date.fromisoformat(r["enddate"])
        regime = r["exit"] == "Irregular" and r["exitcode"].startswith(REGIME_CODES)
        spells.append((a, e, regime))
        if r["exit"] in ("Irregular", "Foreign"):
            ex[num(r["gwcode"])].append((e, r["exit"], r["exitcode"], r["leader"], regime))
    for v in ex.values():
        v.sort()
    return ex, spells


def find_exits(exits, cow, start, end):
    """The first regime-crisis exit and the first other irregular or foreign
    exit of the target's leader after `start`, up to `end`."""
    rc = other = None
    for e, kind, why, who, regime in exits.get(cow_to_gw(cow, start), []):
        if start < e <= end:
            if regime and rc is None:
                rc = (e.isoformat(), why, who)
            elif not regime and other is None:
                other = (e.isoformat(), "%s: %s" % (kind, why), who)
    return rc, other


def ties_episodes(d, wars):
    """One record per TIES v4.1 case with imposition = 1 and a final outcome:
    dates, TIES code and the war-level onsets in its sender-target dyads."""
    ties = read_csv(os.path.join(d, "ties/TIESv4.1_cases.csv"), "latin-1")
    eps = []
    for r in ties:
        if r["imposition"] != "1" or not r["finaloutcome"]:
            continue
        code = int(r["finaloutcome"])
        if num(r["sancimpositionstartyear"]):
            start = mkdate(num(r["sancimpositionstartyear"]), num(r["sancimpositionstartmonth"]),
                           num(r["sancimpositionstartday"]))
        else:
            start = mkdate(num(r["startyear"]), num(r["startmonth"]), num(r["startday"]))
        if num(r["endyear"]):
            end, no_end = mkdate(num(r["endyear"]), num(r["endmonth"]), num(r["endday"])), False
        elif num(r["ongoingasofyear"]):
            end, no_end = mkdate(num(r["ongoingasofyear"]), num(r["ongoingasofmonth"]),
                                 num(r["ongoingasofday"])), True
        else:
            end, no_end = TIES_END, True
        end = max(end, start)
        t = num(r["targetstate"])
        senders = [s for s in (num(r["sender%d" % i]) for i in range(1, 6)) if s]
        # the original war rule, by year: a war-level onset in a sender-target
        # dyad from the imposition (or start) year to the end (ongoing-as-of,
        # else 2005) year
        y0 = num(r["sancimpositionstartyear"]) or num(r["startyear"])
        y1 = num(r["endyear"]) or num(r["ongoingasofyear"]) or 2005
        hits = [w for s in senders if t for w in wars.get((min(s, t), max(s, t)), [])
                if y0 <= w[0] <= y1]
        eps.append(dict(caseid=r["caseid"], target=t, senders=senders, start=start, end=end,
                        no_end=no_end, code=code, war_hits=hits,
                        war_year_rule=bool(hits), war=any(w[3] for w in hits),
                        multi=bool(r["sender2"]) or r["institution"] == "1"))
    return ties, eps


def classify(e, regime):
    """The brink outcome and duration of an episode: the first of war (onset,
    not before the imposition) and regime crisis; else its TIES code (no end
    date and coded stalemate: censored at the last observation)."""
    ev = []
    if e["war"]:
        ev.append((max(min(w[1] for w in e["war_hits"] if w[3]), e["start"]), 0, "war"))
    if regime:
        ev.append((datetime.date.fromisoformat(regime[0]), 1, "regime_crisis"))
    if ev:
        when, _, outcome = min(ev)
        e.update(outcome=outcome, months=months(e["start"], when), censored=False)
    elif e["no_end"] and e["code"] in (4, 9):
        e.update(outcome=None, months=months(e["start"], e["end"]), censored=True)
    else:
        # ended; or (6 cases) an outcome coded without an end date, taken to
        # have happened by the ongoing-as-of date
        e.update(outcome=TIES_MAP[e["code"]], months=months(e["start"], e["end"]),
                 censored=False)
    e["regime"] = regime


# ---- the horizon-conditioned forecast (mirror of src/analysis/base_rate.c) -------------


def bin_upper(m):
    """Upper edge of the duration bin of m months: bins are [0,6], (6,12], ..."""
    k = int(-(-m // BIN)) if m > 0 else 1
    return max(k, 1) * BIN


def table_rows(eps):
    rows = collections.Counter()
    for e in eps:
        rows[("censored" if e["censored"] else e["outcome"], bin_upper(e["months"]))] += 1
    order = {k: i for i, k in enumerate(OUTCOMES + ("censored",))}
    return sorted(rows.items(), key=lambda kv: (kv[0][1], order[kv[0][0]]))


def forecast(rows, h, alpha=ALPHA, names=OUTCOMES):
    """Life-table (Aalen-Johansen) cumulative incidence of each outcome by h
    months, censored episodes at risk for half their bin, linear within the bin
    that holds h; the mass still going at h is stalemate; then add-alpha."""
    n = sum(c for _, c in rows)
    cif = dict.fromkeys(names, 0.0)
    s, atrisk, i = 1.0, float(n), 0
    while i < len(rows):
        up = rows[i][0][1]
        lo = up - BIN
        if h <= lo:
            break
        j = i
        dall = cens = 0
        while j < len(rows) and rows[j][0][1] == up:
            if rows[j][0][0] == "censored":
                cens += rows[j][1]
            else:
                dall += rows[j][1]
            j += 1
        nprime = atrisk - cens / 2.0
        f = 1.0 if h >= up else (h - lo) / BIN
        for (name, _), c in rows[i:j]:
            if name in cif:
                cif[name] += s * f * c / nprime
        s *= 1.0 - f * dall / nprime
        atrisk -= dall + cens
        i = j
    cif["stalemate"] += s
    tot = sum(cif.values())
    return {k: (n * cif[k] + alpha) / (n * tot + alpha * len(names)) for k in names}, cif


# ---- writers --------------------------------------------------------------------------


def base_rate_def(rows, eps):
    n = len(eps)
    by = collections.Counter("censored" if e["censored"] else e["outcome"] for e in eps)
    rcs = [e for e in eps if e["regime"]]
    head = """/* GENERATED by scripts/base_rates.py from the public data sets; do not edit.
 * Regenerate: python3 scripts/base_rates.py /work/shared/data
 *
 * Sanctions episodes by brink outcome and duration, for the horizon-
 * conditioned base rate brink_base_rate_at() (src/analysis/base_rate.c).
 *
 * Row format: X(outcome, upper, count): `count` episodes ended as `outcome`
 * with a duration in (upper - %(bin)d, upper] months (the first bin is [0, %(bin)d]).
 * Outcome "censored": episodes still going at their last observation, with
 * that much time observed. Rows are sorted by `upper` (then in outcome
 * order); empty bins are left out. The duration runs from the start of
 * imposition (TIES sancimpositionstart*, else the case start) to the end
 * date, or to the war or regime crisis that ended the episode; a missing
 * month is taken as July, a missing day as the 15th.
 *
 * Episodes: TIES v4.1, the %(n)d cases with imposition = 1 and a final outcome
 * (Morgan, Bapat & Kobayashi 2014, "Threat and imposition of economic
 * sanctions 1945-2005: Updating the TIES dataset", CMPS 31(5): 541-558).
 * The outcome of an episode is the first of
 *   war           a war-level militarized dispute between a sender and the
 *                 target: GML MID 2.1.1 dyad-years (Gibler, Miller & Little
 *                 2016, ISQ 60(4)) with hostlev 5 and midonset = 1 in a year
 *                 from the imposition year to the end year (ongoing-as-of
 *                 year, else 2005), both states' own hostility level at least
 *                 4 (use of force); dated by the dispute's start month when
 *                 the onset year is the dispute's start year, else July, and
 *                 not before the imposition;
 *   regime_crisis the target's leader removed irregularly after the
 *                 imposition, up to the end (or censoring) date: Archigos 4.1
 *                 (Goemans, Gleditsch & Chiozza 2009, JPR 46(2)) exit =
 *                 Irregular, removed by the military, rebels, popular
 *                 protest, other government actors or a power struggle (not
 *                 lone assassins; not removal by a foreign power). %(rc)d
 *                 episodes had one, %(rcw)d after a war had begun;
 * and otherwise the TIES final outcome: 2, 5, 7, 10 deal; 1, 6 partial_deal;
 * 3, 8 sender_backs_down; 4, 9 stalemate. Cases without an end date and coded
 * stalemate (9) are censored at their ongoing-as-of date (else 2005-12-31);
 * the %(noend)d coded 6 or 8 without an end date are taken to have ended so by
 * that date. deal_reversed is coded by none of these sources: no rows.
 * Totals: %(tot)s.
 */
""" % dict(bin=BIN, n=n, rc=len(rcs), rcw=sum(1 for e in rcs if e["outcome"] == "war"),
           noend=sum(1 for e in eps if e["no_end"] and e["code"] not in (4, 9)),
           tot=", ".join("%s %d" % (k, by.get(k, 0)) for k in OUTCOMES + ("censored",)))
    body = "".join('X("%s", %d, %d)\n' % (name, up, c) for (name, up), c in rows)
    return head + body


def targets_def(targets):
    head = """/* GENERATED by scripts/base_rates.py from the public data sets; do not edit.
 * Regenerate: python3 scripts/base_rates.py /work/shared/data
 *
 * Historical moments for calibrating brink. Row format:
 *   X(name, value, n, "source/definition")
 * value: a share (0..1), a duration in months or a monthly hazard, as the
 * name says; n: the number of cases it is computed over.
 * Sources: TIES v4.1 (Morgan, Bapat & Kobayashi 2014, CMPS 31(5)); EUSANCT
 * (Weber & Schneider 2022, CMPS 39(1)); GML MID 2.1.1 (Gibler, Miller & Little
 * 2016, ISQ 60(4)) and COW MID 5 (Palmer et al. 2022, CMPS), dispute level, as
 * shipped in peacesciencer (Miller 2022); ICB v14 system level (Brecher &
 * Wilkenfeld 2000; ICB codebook); Archigos 4.1 (Goemans, Gleditsch & Chiozza
 * 2009, JPR 46(2)). Durations: Kaplan-Meier quantiles where episodes are still
 * going (censored) at their last observation.
 */
"""
    body = "".join('X(%s, %.6g, %d, "%s")\n' % (k, v, n, s) for k, v, n, s in targets)
    return head + body


# ---- main -----------------------------------------------------------------------------


def eusanct_cases(d):
    """EUSANCT imposed cases (sanction = 1): start = the earliest imposition
    start of the senders that imposed (impositionEU/US/UN_start), end = the
    latest of their end dates (enddateEU/US/UN); 'ongoing' -> censored at the
    latest date in the data."""
    eu = read_csv(os.path.join(d, "eusanct/EUSANCT_case_level.csv"), "latin-1")

    def eudate(s):
        try:
            return datetime.datetime.strptime(s, "%d%b%Y").date()
        except ValueError:
            return None
    last = max(x for r in eu for c in ("enddateEU", "enddateUS", "enddateUN")
               for x in [eudate(r[c])] if x)
    cases, skipped = [], 0
    for r in eu:
        if r["sanction"] != "1":
            continue
        imp = [s for s in ("EU", "US", "UN") if r["imposition" + s] == "1"]
        starts = [x for x in (eudate(r["imposition%s_start" % s]) for s in imp) if x]
        ends = [r["enddate" + s] for s in imp]
        if not starts or not ends:
            skipped += 1
            continue
        if any(x == "ongoing" for x in ends):
            b, fin = last, False
        elif all(eudate(x) for x in ends):
            b, fin = max(eudate(x) for x in ends), True
        else:
            skipped += 1
            continue
        a = min(starts)
        cases.append(dict(caseid=r["caseid"], target=num(r["targetstate"]),
                          name=r["targetstate_name"], start=a, end=max(a, b), ended=fin,
                          months=max(months(a, b), 0.0), code=r["finaloutcome"]))
    return cases, skipped, last


def archigos_derived(exits, spells, eps, eu):
    """Everything the tables take from Archigos: the first regime-crisis exit
    (and the first other irregular or foreign exit) of the target's leader in
    each TIES and EUSANCT episode, and the all-states baseline 1946-2005."""
    out = {"ties": {}, "ties_other": {}, "eusanct": {}}
    for e in eps:
        rc, other = find_exits(exits, e["target"], e["start"], e["end"])
        if rc:
            out["ties"][e["caseid"]] = rc
        if other:
            out["ties_other"][e["caseid"]] = other
    for c in eu:
        rc, _ = find_exits(exits, c["target"], c["start"], c["end"])
        if rc:
            out["eusanct"][c["caseid"]] = rc
    lo, hi = datetime.date(1946, 1, 1), datetime.date(2005, 12, 31)
    expo = sum(months(max(a, lo), min(b, hi)) for a, b, _ in spells if b > lo and a < hi)
    ev = sum(1 for a, b, r in spells if r and lo <= b <= hi)
    out["baseline_1946_2005"] = (ev, round(expo, 1))
    return out


# What archigos_derived() gives for Archigos 4.1 (peacesciencer data/archigos.rda,
# commit fe150a2648056fbd4fbbbd833f0c9e437b2ed04b). Archigos is not among the
# shared data sets; pass --archigos=FILE (.csv or .rda) to recompute and check
# this table, and --emit-archigos to print a new one.
ARCHIGOS = {'baseline_1946_2005': (322, 97275.8),
 'eusanct': {'1984022201': ('1989-11-22', 'Removed by Rebels, without Foreign Support', 'Moawad'),
             '1987043001': ('1989-12-25', 'Popular Protest, without Foreign Support', 'Ceausescu'),
             '1987070901': ('1988-06-20',
                            'Removed by Military, without Foreign Support',
                            'Manigat'),
             '1987090902': ('1992-04-16',
                            'Removed by Rebels, without Foreign Support',
                            'Najibullah'),
             '1988092101': ('1991-01-26',
                            'Removed by Rebels, without Foreign Support',
                            'Siad Barre'),
             '1990052201': ('1997-05-16', 'Removed by Rebels, without Foreign Support', 'Mobutu'),
             '1990092301': ('1993-04-18',
                            'Removed by Other Government Actors, without Foreign Support',
                            'Sharif'),
             '1990122101': ('1993-05-31',
                            'Removed by Military, without Foreign Support',
                            'Serrano Elias'),
             '1991012301': ('1991-02-23',
                            'Removed by Military, without Foreign Support',
                            'Choonhavan'),
             '1991081901': ('1991-08-21',
                            'Removed by Military, without Foreign Support',
                            'Gorbachev'),
             '1992102401': ('1993-06-18',
                            'Removed by Rebels, without Foreign Support',
                            'Abulfaz Elchibey'),
             '1993040101': ('1996-09-27',
                            'Removed by Rebels, without Foreign Support',
                            'Burhanuddin Rabbani'),
             '1993052501': ('1993-05-31',
                            'Removed by Military, without Foreign Support',
                            'Serrano Elias'),
             '1993062401': ('1993-11-17',
                            'Removed by Military, without Foreign Support',
                            'Shonekan'),
             '1993102101': ('1996-07-25',
                            'Removed by Other Government Actors, without Foreign Support',
                            'Ntibantunganya'),
             '1994101501': ('2004-02-29', 'Removed by Rebels, with Foreign Support', 'Aristide'),
             '1996012901': ('1999-04-11',
                            'Removed by Military, without Foreign Support',
                            'Mainassara'),
             '1996121701': ('2001-11-13', 'Removed by Rebels, with Foreign Support', 'Mullah Omar'),
             '1997051601': ('2001-01-16',
                            'Removed by Military, without Foreign Support',
                            'Laurent Kabila'),
             '1997060501': ('1997-10-15', 'Removed by Rebels, with Foreign Support', 'Lissouba'),
             '1998051002': ('1999-10-12', 'Removed by Military, without Foreign Support', 'Sharif'),
             '1998120101': ('1999-12-25',
                            'Removed by Military, without Foreign Support',
                            'Konan Bedie'),
             '1999122801': ('2000-10-25', 'Popular Protest, without Foreign Support', 'Guei'),
             '2000040901': ('2004-02-29', 'Removed by Rebels, with Foreign Support', 'Aristide'),
             '2003020401': ('2011-04-11',
                            'Removed by Military, with Foreign Support',
                            'Laurent Gbagbo'),
             '2005020101': ('2006-04-30', 'Popular Protest, without Foreign Support', 'Gyanendra'),
             '2008122401': ('2009-12-05',
                            'Removed by Military, without Foreign Support',
                            'Dadis Camara'),
             '2009020601': ('2009-03-17',
                            'Removed by Military, without Foreign Support',
                            'Marc Ravalomanana'),
             '2009070102': ('2010-02-08',
                            'Removed by Military, without Foreign Support',
                            'Mamadou Tandja'),
             '2010040801': ('2012-04-12',
                            'Removed by Military, without Foreign Support',
                            'Raimundo Pereira'),
             '2010120601': ('2011-04-11',
                            'Removed by Military, with Foreign Support',
                            'Laurent Gbagbo'),
             '2011012801': ('2013-07-03', 'Popular Protest, without Foreign Support', 'Morsi'),
             '2011022301': ('2011-08-23', 'Removed by Rebels, with Foreign Support', 'Qaddafi')},
 'ties': {'1950022402': ('1956-07-15',
                         'Removed by Other Government Actors, without Foreign Support',
                         'Rakoski'),
          '1951062201': ('1953-08-19',
                         'Removed by Other Government Actors, without Foreign Support',
                         'Mohammad Mossadeg'),
          '1951102201': ('1952-07-22', 'Removed by Military, without Foreign Support', 'Farouk'),
          '1953070901': ('1953-08-19',
                         'Removed by Other Government Actors, without Foreign Support',
                         'Mohammad Mossadeg'),
          '1956020301': ('1956-07-15',
                         'Removed by Other Government Actors, without Foreign Support',
                         'Rakoski'),
          '1957052301': ('1957-07-25',
                         'Removed by Other Government Actors, without Foreign Support',
                         'Muhammad al-Amin'),
          '1960070101': ('1961-05-30',
                         'Removed by Military, without Foreign Support',
                         'Rafel Trujillo'),
          '1960092301': ('1960-12-10',
                         'Removed by Military, without Foreign Support',
                         'Souvanna Phouma'),
          '1960092302': ('1960-12-10',
                         'Removed by Military, without Foreign Support',
                         'Souvanna Phouma'),
          '1962071901': ('1963-03-03',
                         'Removed in Military Power Struggle Short of Coup',
                         'Perez Godoy'),
          '1962081101': ('1974-04-25', 'Removed by Military, without Foreign Support', 'Caetano'),
          '1963089901': ('1966-03-12', 'Removed by Military, without Foreign Support', 'Sukarno'),
          '1963091201': ('1963-11-01',
                         'Removed by Military, without Foreign Support',
                         'Ngo Dinh Diem'),
          '1965019901': ('1965-06-19', 'Removed by Military, without Foreign Support', 'Bella'),
          '1965061401': ('1975-08-29',
                         'Removed by Military, without Foreign Support',
                         'Velasco Alvarado'),
          '1965061402': ('1972-02-15',
                         'Removed by Military, without Foreign Support',
                         'Velasco Ibarra'),
          '1965090601': ('1969-03-25', 'Popular Protest, without Foreign Support', 'Ayub Khan'),
          '1965090701': ('1969-03-25', 'Popular Protest, without Foreign Support', 'Ayub Khan'),
          '1967042501': ('1967-12-13', 'Removed by Military, without Foreign Support', 'Kollias'),
          '1967060503': ('1970-11-13',
                         'Removed by Military, without Foreign Support',
                         'El-Atassi, N.'),
          '1969051001': ('1970-03-18', 'Removed by Military, without Foreign Support', 'Sihanouk'),
          '1973101705': ('1974-04-25', 'Removed by Military, without Foreign Support', 'Caetano'),
          '1974119901': ('1977-07-05', 'Removed by Military, without Foreign Support', 'Bhutto'),
          '1975062601': ('1975-12-02',
                         'Removed by Rebels, with Foreign Support',
                         'Souvanna Phouma'),
          '1977022401': ('1982-03-23',
                         'Removed by Military, without Foreign Support',
                         'Lucas Garcia'),
          '1977022402': ('1979-07-17',
                         'Removed by Rebels, with Foreign Support',
                         'Anastasio Somoza Debayle'),
          '1977022403': ('1981-12-11',
                         'Removed in Military Power Struggle Short of Coup',
                         'Liendo'),
          '1977022405': ('1979-10-15',
                         'Removed by Military, without Foreign Support',
                         'Romero Mena'),
          '1977031201': ('1991-05-21',
                         'Removed by Rebels, without Foreign Support',
                         'Mengistu Marriam'),
          '1977042001': ('1977-07-05', 'Removed by Military, without Foreign Support', 'Bhutto'),
          '1979022101': ('1979-03-27',
                         'Removed by Other Government Actors, without Foreign Support',
                         'Taraki'),
          '1979110201': ('1980-07-17',
                         'Removed by Other Government Actors, with Foreign Support',
                         'Lidia Gueiler Tejada'),
          '1982040301': ('1982-06-17',
                         'Removed in Military Power Struggle Short of Coup',
                         'Galtieri'),
          '1990122101': ('1993-05-31',
                         'Removed by Military, without Foreign Support',
                         'Serrano Elias'),
          '1992042003': ('1993-05-31',
                         'Removed by Military, without Foreign Support',
                         'Serrano Elias'),
          '1992042004': ('2000-01-21', 'Popular Protest, without Foreign Support', 'Mahuad'),
          '1992061101': ('1993-06-18',
                         'Removed by Rebels, without Foreign Support',
                         'Abulfaz Elchibey'),
          '1993021101': ('1997-05-16', 'Removed by Rebels, without Foreign Support', 'Mobutu'),
          '1993062302': ('1993-11-17', 'Removed by Military, without Foreign Support', 'Shonekan'),
          '1995030101': ('1996-09-27',
                         'Removed by Rebels, without Foreign Support',
                         'Burhanuddin Rabbani'),
          '1995033001': ('1997-06-30', 'Removed by Military, without Foreign Support', 'Erbakan'),
          '1997042505': ('1999-10-12', 'Removed by Military, without Foreign Support', 'Sharif'),
          '1997052201': ('2001-11-13', 'Removed by Rebels, with Foreign Support', 'Mullah Omar'),
          '1998051002': ('1999-10-12', 'Removed by Military, without Foreign Support', 'Sharif'),
          '2000040901': ('2004-02-29', 'Removed by Rebels, with Foreign Support', 'Aristide'),
          '2000051901': ('2000-07-14',
                         'Removed by Other Government Actors, without Foreign Support',
                         'Bainimarama'),
          '2004062401': ('2011-04-11',
                         'Removed by Military, with Foreign Support',
                         'Laurent Gbagbo')},
 'ties_other': {'1946031101': ('1966-09-06',
                               'Irregular: Assassination by Unsupported Individual',
                               'Verwoerd'),
                '1950022402': ('1956-11-04',
                               'Foreign: Removed through Threat of Foreign Force',
                               'Nagy'),
                '1960032701': ('1966-09-06',
                               'Irregular: Assassination by Unsupported Individual',
                               'Verwoerd'),
                '1972080701': ('1979-04-11',
                               'Foreign: Removed through Threat of Foreign Force',
                               'Amin'),
                '1975051601': ('1979-01-07',
                               'Foreign: Removed through Threat of Foreign Force',
                               'Pol Pot'),
                '1978092401': ('1981-10-06', 'Irregular: Irregular, Other', 'Sadat'),
                '1991042301': ('1995-11-04',
                               'Irregular: Assassination by Unsupported Individual',
                               'Rabin')}}


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) if "=" in a else (a[2:], "") for a in argv[1:]
                if a.startswith("--"))
    d = args[0] if args else "../shared/data"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    wars = load_wars(d)
    ties, eps = ties_episodes(d, wars)
    eu, eu_skipped, eu_last = eusanct_cases(d)
    arch = ARCHIGOS
    apath = opts.get("archigos") or os.path.join(d, "archigos/archigos.csv")
    if os.path.exists(apath):
        exits, spells = load_archigos(apath)
        arch = archigos_derived(exits, spells, eps, eu)
        if "emit-archigos" in opts:
            import pprint
            print("ARCHIGOS = " + pprint.pformat(arch, width=100))
            return 0
        if arch != ARCHIGOS:
            print("NOTE: Archigos from %s differs from the table in this script "
                  "(rerun with --emit-archigos)" % apath)
        else:
            print("Archigos from %s: same as the table in this script" % apath)
    for e in eps:
        classify(e, arch["ties"].get(e["caseid"]))
    n = len(eps)
    targets = []

    def target(name, value, count, src):
        targets.append((name, value, count, src))

    # ---- TIES outcome shares ----
    print("TIES v4.1 imposed cases with a final outcome: %d" % n)
    code = collections.Counter(e["code"] for e in eps)
    groups = (("target_concedes", (7,), "final outcome 7, total acquiescence by the target after imposition"),
              ("partial", (6,), "final outcome 6, partial acquiescence by the target"),
              ("target_gives_in", (6, 7), "final outcome 6 or 7, total or partial acquiescence by the target"),
              ("settlement", (10,), "final outcome 10, negotiated settlement after imposition"),
              ("sender_gives_up", (3, 8), "final outcome 8 (or 3), capitulation by the sender"),
              ("stalemate", (9,), "final outcome 9, stalemate after imposition"))
    for name, codes, what in groups:
        c = sum(code[k] for k in codes)
        print("  %-16s %4d  %.4f" % (name, c, c / n))
        target("ties_imposed_" + name, c / n, n,
               "TIES v4.1 cases with imposition = 1 and a final outcome: " + what)
    for lab, sub, what in (("multi", [e for e in eps if e["multi"]],
                            "several senders (sender2 given) or an institution (institution = 1)"),
                           ("single", [e for e in eps if not e["multi"]],
                            "a single sender and no institution")):
        cc = collections.Counter(e["code"] for e in sub)
        print("  %s sender: n = %d" % (lab, len(sub)))
        for name, codes, w2 in groups:
            c = sum(cc[k] for k in codes)
            print("    %-16s %4d  %.4f" % (name, c, c / len(sub)))
            target("ties_%s_%s" % (lab, name), c / len(sub), len(sub),
                   "TIES v4.1 imposed cases with a final outcome against %s: %s" % (what, w2))

    # ---- threats ----
    threats = [r for r in ties if r["threat"] == "1"]
    imposed = sum(1 for r in threats if r["imposition"] == "1")
    print("TIES threats: %d, went on to imposition %d (%.4f)" % (len(threats), imposed, imposed / len(threats)))
    target("ties_threat_imposed", imposed / len(threats), len(threats),
           "TIES v4.1 cases with threat = 1: share with imposition = 1")
    never = [r for r in ties if r["imposition"] == "0" and r["finaloutcome"]]
    tc = collections.Counter(int(r["finaloutcome"]) for r in never)
    gave = tc[1] + tc[2]
    print("TIES never imposed with a final outcome: %d; target gave in at the threat stage "
          "(1, 2) %d (%.4f); complete (2) %.4f; settlement (5) %.4f; sender backed down (3) %.4f; "
          "stalemate (4) %.4f; coded with post-imposition codes 6-10: %d" %
          (len(never), gave, gave / len(never), tc[2] / len(never), tc[5] / len(never),
           tc[3] / len(never), tc[4] / len(never), sum(tc[k] for k in (6, 7, 8, 9, 10))))
    for name, codes, what in (("target_gives_in", (1, 2), "1 or 2, partial or complete acquiescence "
                                                          "by the target at the threat stage"),
                              ("settlement", (5,), "5, negotiated settlement at the threat stage"),
                              ("sender_backs_down", (3,), "3, capitulation by the sender at the "
                                                          "threat stage")):
        target("ties_threat_only_" + name, sum(tc[k] for k in codes) / len(never), len(never),
               "TIES v4.1 cases with imposition = 0 and a final outcome: share coded " + what)

    # ---- durations ----
    tdur = [months(e["start"], e["end"]) for e in eps]
    tend = [not e["no_end"] for e in eps]
    q = km_quantiles(tdur, tend, (0.25, 0.5, 0.75))
    done = sorted(x for x, f in zip(tdur, tend) if f)
    print("TIES episode duration, months (start of imposition to end date; %d without an end "
          "date censored): Kaplan-Meier quartiles %.1f / %.1f / %.1f; ended episodes only "
          "(n = %d): %.1f / %.1f / %.1f; share ended within 12 months %.4f" %
          (tend.count(False), q[0.25], q[0.5], q[0.75], len(done), quantile_sorted(done, .25),
           quantile_sorted(done, .5), quantile_sorted(done, .75),
           sum(1 for x in done if x <= 12) / n))
    for k, lab in ((0.25, "q25"), (0.5, "median"), (0.75, "q75")):
        target("ties_duration_months_" + lab, q[k], n,
               "TIES v4.1 imposed cases with a final outcome: Kaplan-Meier %s of months from the "
               "start of imposition to the end date (no end date: censored at the ongoing-as-of "
               "date, else 2005-12-31)" % ("median" if k == .5 else "quartile %g" % k))
    target("ties_duration_months_median_ended", quantile_sorted(done, .5), len(done),
           "TIES v4.1 imposed cases with a final outcome and an end date: median months from the "
           "start of imposition to the end date")
    eq = km_quantiles([c["months"] for c in eu], [c["ended"] for c in eu], (0.25, 0.5, 0.75))
    print("EUSANCT imposed cases (sanction = 1) with dates: %d (%d skipped, no usable dates), "
          "%d ongoing (censored at %s): Kaplan-Meier quartiles %.1f / %.1f / %.1f months" %
          (len(eu), eu_skipped, sum(1 for c in eu if not c["ended"]), eu_last,
           eq[0.25], eq[0.5], eq[0.75]))
    for k, lab in ((0.25, "q25"), (0.5, "median"), (0.75, "q75")):
        target("eusanct_duration_months_" + lab, eq[k], len(eu),
               "EUSANCT cases with sanction = 1: Kaplan-Meier %s of months from the earliest "
               "imposition start (impositionEU/US/UN_start) to the latest end date of the imposing "
               "senders (enddateEU/US/UN; ongoing: censored at %s)" %
               ("median" if k == .5 else "quartile %g" % k, eu_last))

    # ---- MIDs ----
    for lab, f in (("gml", "gml-mid/gml_mid_disps.csv"), ("cow", "gml-mid/cow_mid_disps.csv")):
        mids = read_csv(os.path.join(d, f))
        w = sum(1 for r in mids if r["hostlev"] == "5")
        known = [r for r in mids if r["fatality"] != "-9"]
        fat = sum(1 for r in known if int(r["fatality"]) > 0)
        print("%s MID disputes: %d, war (hostlev 5) %d (%.4f); fatalities > 0: %d of %d with "
              "known fatalities (%.4f; %.4f of all)" %
              (lab.upper(), len(mids), w, w / len(mids), fat, len(known), fat / len(known),
               fat / len(mids)))
        src = "GML MID 2.1.1" if lab == "gml" else "COW MID 5"
        target("%s_mid_war" % lab, w / len(mids), len(mids),
               "%s disputes: share reaching hostility level 5 (war)" % src)
        target("%s_mid_fatal" % lab, fat / len(known), len(known),
               "%s disputes with known fatality (not -9): share with fatality > 0 "
               "(at least one death)" % src)

    # ---- ICB ----
    icb = [r for r in read_csv(os.path.join(d, "icb/icb1v14.csv"), "utf-8-sig")
           if r["viol"] in ("1", "2", "3", "4")]
    c = collections.Counter(r["viol"] for r in icb)
    print("ICB crises: %d; violence none %.4f, minor clashes %.4f, serious clashes %.4f, "
          "full-scale war %.4f" % tuple([len(icb)] + [c[k] / len(icb) for k in "1234"]))
    for k, lab in (("1", "none"), ("2", "minor"), ("3", "serious"), ("4", "war")):
        target("icb_violence_" + lab, c[k] / len(icb), len(icb),
               "ICB v14 crises (system level) with viol = %s (%s)" %
               (k, {"1": "no violence", "2": "minor clashes", "3": "serious clashes",
                    "4": "full-scale war"}[k]))
    for lab, sub, what in (("nonviolent", [r for r in icb if r["break"] and int(r["break"]) <= 7],
                            "non-violent trigger (break 1-7)"),
                           ("violent", [r for r in icb if r["break"] and int(r["break"]) >= 8],
                            "violent trigger (break 8 indirect violent act, 9 violent act)")):
        k = sum(1 for r in sub if r["viol"] == "4")
        print("  %s: %d crises, war %.4f" % (what, len(sub), k / len(sub)))
        target("icb_war_given_%s_trigger" % lab, k / len(sub), len(sub),
               "ICB v14 crises with a %s: share with viol = 4 (full-scale war)" % what)
    days = []
    for r in icb:
        try:
            a = datetime.date(int(r["yrtrig"]), int(r["motrig"]), int(r["datrig"] or 15))
            b = datetime.date(int(r["yrterm"]), int(r["moterm"]), int(r["daterm"] or 15))
            days.append((b - a).days)
        except ValueError:
            pass
    days.sort()
    print("ICB crisis duration: median %d days; %.2f end within a year" %
          (days[len(days) // 2], sum(1 for x in days if x <= 365) / len(days)))

    # ---- war in the TIES episodes ----
    yr = [e for e in eps if e["war_year_rule"]]
    print("War, original rule (GML 2.1.1 dyad-years, hostlev 5, midonset 1, onset year from the "
          "imposition year to the end year): %d episodes; %d kept when both states' own hostility "
          "level is at least 4 (use of force):" % (len(yr), sum(e["war"] for e in yr)))
    for e in yr:
        ws = sorted(set((w[1], w[0], w[2], w[3]) for w in e["war_hits"]))
        print("    %s %s target %s senders %s, %s..%s, TIES %d; onsets %s" %
              ("war " if e["war"] else "DROP", e["caseid"], e["target"], e["senders"], e["start"],
               e["end"], e["code"], ", ".join("%s (dispute %s%s)" % (w[0], w[2], "" if w[3] else
                                                                   ", one side below 4") for w in ws)))
    early = [e for e in eps if e["war"] and
             max(w[1] for w in e["war_hits"] if w[3]) < e["start"]]
    print("  of the kept, %d have every dyadic onset dated (dispute start month) before the "
          "imposition: %s; the war is then dated at the imposition" %
          (len(early), ", ".join(e["caseid"] for e in early)))

    # ---- regime crisis ----
    rcs = [e for e in eps if e["regime"]]
    print("Regime crisis (Archigos 4.1: the target's leader removed by the military, rebels, "
          "protest, other government actors or a power struggle after the imposition, up to the "
          "end or censoring date): %d episodes; outcome regime_crisis in %d (in %d a war came "
          "first)" % (len(rcs), sum(1 for e in eps if e["outcome"] == "regime_crisis"),
                      sum(1 for e in rcs if e["outcome"] == "war")))
    for e in rcs:
        print("    %s target %s %s..%s TIES %d: %s %s (%s)%s" %
              (e["caseid"], e["target"], e["start"], e["end"], e["code"], e["regime"][0],
               e["regime"][2], e["regime"][1], "  [war first]" if e["outcome"] == "war" else ""))
    print("  other irregular or foreign exits during episodes, not counted: %s" % "; ".join(
        "%s %s %s (%s)" % (k, v[2], v[0], v[1]) for k, v in sorted(arch["ties_other"].items())))
    # monthly hazard while the episode runs: first exits over the episode-months
    # at risk (to the exit, else to the end or censoring date)
    expo = sum(months(e["start"], datetime.date.fromisoformat(e["regime"][0]) if e["regime"]
                      else e["end"]) for e in eps)
    haz = len(rcs) / expo
    ev0, expo0 = arch["baseline_1946_2005"]
    eu_rc = [c for c in eu if c["caseid"] in arch["eusanct"]]
    eu_expo = sum(months(c["start"], datetime.date.fromisoformat(arch["eusanct"][c["caseid"]][0])
                         if c["caseid"] in arch["eusanct"] else c["end"]) for c in eu)
    e11 = [c for c in eu if c["code"] == "11"]
    print("  hazard in TIES episodes: %d exits over %.0f episode-months = %.5f a month "
          "(%.4f a year)\n  in EUSANCT episodes (1989-2015): %d over %.0f case-months = %.5f a month"
          "\n  all states 1946-2005 (Archigos leader spells): %d over %.0f country-months = %.5f a "
          "month; ratio TIES/all %.2f" %
          (len(rcs), expo, haz, 1 - (1 - haz) ** 12, len(eu_rc), eu_expo, len(eu_rc) / eu_expo,
           ev0, expo0, ev0 / expo0, haz / (ev0 / expo0)))
    print("  EUSANCT final outcome 11 (imposed cases): %d (%s): %.5f a month over %.0f case-months"
          % (len(e11), "; ".join("%s %s..%s" % (c["name"], c["start"], c["end"]) for c in e11),
             len(e11) / sum(c["months"] for c in eu), sum(c["months"] for c in eu)))
    target("regime_crisis_share", sum(1 for e in eps if e["outcome"] == "regime_crisis") / n, n,
           "TIES v4.1 imposed cases with a final outcome in which the target's leader was removed "
           "irregularly (Archigos 4.1: military, rebels, protest, other government actors, power "
           "struggle) after the imposition and before any war (brink outcome regime_crisis)")
    target("regime_crisis_hazard_monthly", haz, len(rcs),
           "Irregular removals of the target's leader (Archigos 4.1, as for regime_crisis_share) "
           "during TIES v4.1 imposed episodes, per episode-month at risk (%.0f months; n = events)"
           % expo)
    target("regime_crisis_hazard_monthly_eusanct", len(eu_rc) / eu_expo, len(eu_rc),
           "The same during EUSANCT imposed cases, 1989-2015 (%.0f case-months; n = events)"
           % eu_expo)
    target("regime_crisis_hazard_monthly_all_states", ev0 / expo0, ev0,
           "The same for all leaders of all states, 1946-2005 (Archigos 4.1 leader spells, "
           "%.0f country-months; n = events): the unconditional baseline" % expo0)
    target("eusanct_outcome11_hazard_monthly", len(e11) / sum(c["months"] for c in eu), len(e11),
           "EUSANCT imposed cases with final outcome 11 (not a TIES code; no codebook at hand: the "
           "six cases, DR Congo 1997, Russia 1991, Yugoslavia 1998, Guinea-Bissau 2012, Cote "
           "d'Ivoire 2011, Egypt 2013, end at a change of government or regime), per case-month")
    target("war_share", sum(1 for e in eps if e["outcome"] == "war") / n, n,
           "TIES v4.1 imposed cases with a final outcome with a war-level MID (GML 2.1.1 hostlev 5, "
           "both states at use of force or above) between a sender and the target begun in the "
           "years of the episode, before any regime crisis (brink outcome war)")

    # ---- the horizon table ----
    rows = table_rows(eps)
    by = collections.Counter("censored" if e["censored"] else e["outcome"] for e in eps)
    print("brink outcomes of the %d episodes: %s" %
          (n, ", ".join("%s %d" % (k, by.get(k, 0)) for k in OUTCOMES + ("censored",))))
    print("Horizon-conditioned base rate (add-%g smoothing over %d outcomes; raw: before "
          "smoothing):" % (ALPHA, len(OUTCOMES)))
    print("      H  " + " ".join("%9s" % k[:9] for k in OUTCOMES))
    for h in HORIZONS:
        p, raw = forecast(rows, h)
        print("  %5d  " % h + " ".join("%9.4f" % p[k] for k in OUTCOMES))
        print("    raw  " + " ".join("%9.4f" % raw[k] for k in OUTCOMES))
    print("  (were the censored episodes stalemates for good, stalemate at H = 120 / 480 would "
          "be %.4f / %.4f before smoothing)" % tuple(
              sum(1 for e in eps if e["censored"] or e["outcome"] == "stalemate" or
                  e["months"] > h) / n for h in (120, 480)))

    # legacy counts of brink_base_rate_counts() in backtest.c (six outcomes,
    # war by the original year rule, sender capitulation folded into stalemate)
    legacy = {7: "deal", 10: "deal", 6: "partial_deal", 8: "stalemate", 9: "stalemate",
              3: "stalemate"}
    lc = collections.Counter("war" if e["war_year_rule"] else legacy.get(e["code"], "other")
                             for e in eps)
    print("Legacy counts (backtest.c, brink_base_rate_counts): " +
          ", ".join("%s %d" % (k, lc.get(k, 0)) for k in
                    ("deal", "partial_deal", "stalemate", "war", "regime_crisis", "deal_reversed")))

    out = {os.path.join(root, "src/analysis/base_rate.def"): base_rate_def(rows, eps),
           os.path.join(root, "src/analysis/calibration_targets.def"): targets_def(targets)}
    bad = 0
    for path, text in out.items():
        old = open(path).read() if os.path.exists(path) else None
        if "check" in opts:
            if old != text:
                print("DIFFERS: %s" % path)
                bad = 1
        elif old != text:
            with open(path, "w") as f:
                f.write(text)
            print("wrote %s" % path)
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
