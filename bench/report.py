"""Turns bench/run's samples into the printed table and bench/results/<date>.json."""
import datetime
import json
import statistics
import sys

samples_file, statements_file, out_file, machine, throughput, big_incidents = sys.argv[1:7]


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


times = {}
for line in open(samples_file):
    name, size, seconds = line.rstrip("\n").split("\t")
    times.setdefault(name, {}).setdefault(size, []).append(float(seconds) * 1000)

info = {}
for line in open(statements_file):
    name, size, code, size_bytes, statements = line.rstrip("\n").split("\t")
    info.setdefault(name, {})[size] = {"status": int(code), "bytes": int(size_bytes),
                                       "statements": int(statements) if statements else None}

pages = {}
for name, by_size in times.items():
    page = {"rounds": len(by_size["small"])}
    for size in ("small", "big"):
        page[f"p50_ms_{size}"] = round(percentile(by_size[size], 50), 1)
        page[f"p95_ms_{size}"] = round(percentile(by_size[size], 95), 1)
        page[f"status_{size}"] = info[name][size]["status"]
        page[f"html_bytes_{size}"] = info[name][size]["bytes"]
        if info[name][size]["statements"] is not None:
            page[f"statements_{size}"] = info[name][size]["statements"]
    page["p95_ratio"] = round(page["p95_ms_big"] / page["p95_ms_small"], 2)
    pages[name] = page

result = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "machine": machine + " (shared with other work while measuring)",
    "sizes": {"small": "100 incidents, 1,000 + 20,000 timeline events",
              "big": f"{int(big_incidents):,} incidents, 1,000,000 timeline events"},
    "page_p95_ratio_max": max(p["p95_ratio"] for p in pages.values()),
}
counted = [p[k] for p in pages.values() for k in ("statements_small", "statements_big") if k in p]
if counted:
    result["statements_per_page_max"] = max(counted)
if "search_common" in pages:
    result["search_p95_ms_big"] = max(pages["search_common"]["p95_ms_big"], pages["search_rare"]["p95_ms_big"])
if throughput.strip():
    result["throughput"] = {"endpoint": "GET /api/incidents/2, Bearer token, wrk -t2 -c10",
                            **{k: float(v) for k, v in (x.split("=") for x in throughput.split())}}
result["pages"] = pages
with open(out_file, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")

print("| Page | p50 / p95 small (ms) | p50 / p95 big (ms) | p95 ratio | statements small / big | bytes big |")
print("|---|---|---|---|---|---|")
for name, p in pages.items():
    print(f"| {name} | {p['p50_ms_small']} / {p['p95_ms_small']} | {p['p50_ms_big']} / {p['p95_ms_big']} "
          f"| {p['p95_ratio']}x | {p.get('statements_small', '-')} / {p.get('statements_big', '-')} "
          f"| {p['html_bytes_big']:,} |")
for key in ("statements_per_page_max", "page_p95_ratio_max", "search_p95_ms_big", "throughput"):
    if key in result:
        print(f"{key}: {result[key]}")
