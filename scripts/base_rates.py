#!/usr/bin/env python3
"""Recomputes the base rates of docs/validation.md from the public data sets
(not shipped with brink; pass the folder that holds ties/, gml-mid/, icb/).

Usage: python3 scripts/base_rates.py DATA_DIR

Prints the TIES/MID outcome counts behind brink_base_rate_counts()
(src/analysis/backtest.c), the MID and ICB war rates and the ICB crisis
durations used by `brink backtest --calibration`.
"""
import collections
import csv
import datetime
import os
import sys


def num(x):
    try:
        return int(x)
    except ValueError:
        return None


def main(d):
    ties = list(csv.DictReader(open(os.path.join(d, "ties/TIESv4.1_cases.csv"), encoding="latin-1")))
    imp = [r for r in ties if r["imposition"] == "1" and r["finaloutcome"]]
    # war-level MID onsets (hostility level 5) per dyad, GML 2.1.1 dyad-years
    war = collections.defaultdict(list)
    for r in csv.DictReader(open(os.path.join(d, "gml-mid/gml-ddy-disputes-2.1.1.csv"))):
        if r["hostlev"] == "5" and r["midonset"] == "1":
            a, b = int(r["ccode1"]), int(r["ccode2"])
            war[(min(a, b), max(a, b))].append(int(r["year"]))
    mapping = {"7": "deal", "10": "deal", "6": "partial_deal", "8": "stalemate",
               "9": "stalemate", "3": "stalemate"}
    counts = collections.Counter()
    for r in imp:
        t = num(r["targetstate"])
        senders = [num(r["sender%d" % i]) for i in range(1, 6)]
        y0 = num(r["sancimpositionstartyear"]) or num(r["startyear"])
        y1 = num(r["endyear"]) or num(r["ongoingasofyear"]) or 2005
        hit = t is not None and any(
            y0 <= y <= y1 for s in senders if s for y in war.get((min(s, t), max(s, t)), []))
        counts["war" if hit else mapping.get(r["finaloutcome"], "other")] += 1
    n = len(imp)
    print("TIES v4.1 imposed cases with a final outcome: %d" % n)
    for k in ("deal", "partial_deal", "stalemate", "war", "regime_crisis", "deal_reversed"):
        c = counts.get(k, 0)
        print("  %-14s %4d  %.4f  smoothed %.4f" % (k, c, c / n, (c + 1) / (n + 6)))
    mids = list(csv.DictReader(open(os.path.join(d, "gml-mid/gml_mid_disps.csv"))))
    w = sum(1 for r in mids if r["hostlev"] == "5")
    print("GML MID disputes: %d, reaching war (hostlev 5): %d (%.4f)" % (len(mids), w, w / len(mids)))
    icb = list(csv.DictReader(open(os.path.join(d, "icb/icb1v14.csv"), encoding="utf-8-sig")))
    icb = [r for r in icb if r["viol"] in ("1", "2", "3", "4")]
    c = collections.Counter(r["viol"] for r in icb)
    print("ICB crises: %d, full-scale war (viol 4): %.4f" % (len(icb), c["4"] / len(icb)))
    for name, sub in (("non-violent trigger (break 1-7)", [r for r in icb if r["break"] and int(r["break"]) <= 7]),
                      ("violent trigger (break 8-9)", [r for r in icb if r["break"] and int(r["break"]) >= 8])):
        k = sum(1 for r in sub if r["viol"] == "4")
        print("  %s: %d crises, war %.4f" % (name, len(sub), k / len(sub)))
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


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
