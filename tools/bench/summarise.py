"""Summarises the JSON reports tools/bench/run.sh collected: per-stage min/median/max for each side, the end-to-end
real-time factor, peak RSS, and the ours/Python ratio (min/median/max over the alternating pairs of runs).

Usage: summarise.py <work-dir> [--markdown]
Reads <work-dir>/e2e-<model>-<round>-{ours,python}.json (and cold-*.json, rss-*.json, stream-*.json when present).
"""
import json
import statistics
import sys
from pathlib import Path

STAGES = ["load", "io", "f0", "features", "retrieval", "synthesis", "post", "total", "cpu_s"]


def mmm(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return min(xs), statistics.median(xs), max(xs)


def ours_rows(rep):
    """Per-run stage dicts in the common vocabulary (breakdown medians fill the neural stages)."""
    bd = rep.get("breakdown") or []
    med = {k: statistics.median([b.get(k, 0.0) for b in bd]) for k in ("features", "retrieval", "synthesis")} if bd else {}
    rows = []
    for r in rep["runs"]:
        row = {"io": r.get("io"), "f0": r.get("f0"), "total": r["total"], "cpu_s": r.get("cpu_s")}
        if med:
            row.update(med)
            row["post"] = r.get("prepare", 0.0) + r["convert"] - sum(med.values())
        rows.append(row)
    load = (rep.get("breakdown_load") or {}).get("load")
    return rows, load


def python_rows(rep):
    rows = []
    for r in rep["runs"]:
        rows.append({"io": r.get("decode"), "f0": r.get("f0"), "features": r.get("features"),
                     "retrieval": r.get("retrieval", 0.0), "synthesis": r.get("synthesis"), "post": r.get("post"),
                     "total": r["total"], "cpu_s": r.get("cpu_s")})
    return rows, rep.get("load")


def fmt(t, digits=2):
    if t is None:
        return "-"
    return "/".join(("%." + str(digits) + "f") % x for x in t)


def main():
    work = Path(sys.argv[1])
    md = "--markdown" in sys.argv
    models = sorted({p.name.split("-")[1] + "-" + p.name.split("-")[2] for p in work.glob("e2e-*-ours.json")})
    out = []
    for model in models:
        sides = {"ours": [], "python": []}
        loads = {"ours": [], "python": []}
        rss = {"ours": [], "python": []}
        pairs = []
        cpu_pairs = []
        secs = None
        for ours_file in sorted(work.glob("e2e-%s-*-ours.json" % model)):
            py_file = Path(str(ours_file).replace("-ours.json", "-python.json"))
            o = json.loads(ours_file.read_text())
            secs = o["input_seconds"]
            rows, load = ours_rows(o)
            sides["ours"] += rows
            loads["ours"].append(load)
            rss["ours"].append(o.get("peak_rss_mib"))
            if py_file.exists():
                p = json.loads(py_file.read_text())
                prow, pload = python_rows(p)
                sides["python"] += prow
                loads["python"].append(pload)
                rss["python"].append(p.get("peak_rss_mib"))
                for a, b in zip(rows, prow):
                    pairs.append(a["total"] / b["total"])
                    if a.get("cpu_s") and b.get("cpu_s"):
                        cpu_pairs.append(a["cpu_s"] / b["cpu_s"])
        out.append("## %s, %.0f s input (min/median/max seconds over %d ours and %d Python runs)" % (
            model, secs or 0, len(sides["ours"]), len(sides["python"])))
        out.append("")
        out.append("| stage | ours | Python | ours/Python (medians) |")
        out.append("|---|---|---|---|")
        for st in STAGES:
            if st == "load":
                a, b = mmm(loads["ours"]), mmm(loads["python"])
            else:
                a = mmm([r.get(st) for r in sides["ours"]])
                b = mmm([r.get(st) for r in sides["python"]])
            ratio = "%.2f" % (a[1] / b[1]) if a and b and b[1] else "-"
            out.append("| %s | %s | %s | %s |" % (st, fmt(a), fmt(b), ratio))
        ra = mmm([r["total"] / secs for r in sides["ours"]])
        rb = mmm([r["total"] / secs for r in sides["python"]])
        out.append("| real-time factor (total / input) | %s | %s | |" % (fmt(ra, 3), fmt(rb, 3)))
        out.append("| peak RSS MiB | %s | %s | |" % (fmt(mmm(rss["ours"]), 0), fmt(mmm(rss["python"]), 0)))
        out.append("")
        out.append("End-to-end ours/Python over alternating pairs: min/median/max = %s (n = %d); target <= 0.80." % (
            fmt(mmm(pairs)), len(pairs)))
        out.append("Process CPU seconds ours/Python over the same pairs: min/median/max = %s." % fmt(mmm(cpu_pairs)))
        out.append("")
    for f in sorted(work.glob("cold-*.json")):
        r = json.loads(f.read_text())
        key = "jvm_start_to_first_second_s" if "jvm_start_to_first_second_s" in r else "process_start_to_first_second_s"
        out.append("cold start %s: process start to first converted second = %.2f s (target <= 5 s)" % (f.stem, r[key]))
    for f in sorted(work.glob("rss-*.json")):
        r = json.loads(f.read_text())
        xs = r["rss_mib_after_each"]
        if xs:
            n = len(xs)
            half = xs[n // 2:]
            slope = (half[-1] - half[0]) / max(1, len(half) - 1)
            out.append("RSS %s: %d conversions of %.1f s, after first %.0f MiB, last %.0f MiB, max %.0f MiB, drift %+.1f %%,"
                       " second-half slope %+.2f MiB/conversion -> %+.0f MiB extrapolated to 200" % (
                           f.stem, n, r["input_seconds"] if "input_seconds" in r else 0, xs[0], xs[-1], max(xs),
                           100 * (xs[-1] - xs[0]) / xs[0], slope, slope * (200 - n)))
    for f in sorted(work.glob("stream-*.json")):
        r = json.loads(f.read_text())
        out.append("")
        out.append("| block ms | context ms | algorithmic latency ms | block time ms median/p95/max | time / block |")
        out.append("|---|---|---|---|---|")
        for s in r["stream"]:
            out.append("| %.0f | %.0f | %.0f | %.0f/%.0f/%.0f | %.2f |" % (
                s["block_ms"], s["context_ms"], s["algorithmic_latency_ms"], s.get("block_time_ms_median", 0),
                s.get("block_time_ms_p95", 0), s.get("block_time_ms_max", 0), s.get("real_time_factor_median", 0)))
    print("\n".join(out))


if __name__ == "__main__":
    main()
