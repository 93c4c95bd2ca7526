#!/usr/bin/env python3
"""Renders the shadowgate dashboard's panels to a PNG from a live Prometheus, for the README.

Not a screenshot of Grafana (there is none on the build machines): the same PromQL, read from
grafana/dashboards/shadowgate.json with its variables filled the way Grafana fills them, run through
Prometheus's HTTP API, drawn with matplotlib. Time series panels become line charts (gate series
dashed red), state timelines become bands, bar gauges horizontal bars; transitions (the dashboard's
annotation query) are vertical lines on every time axis.

  apt-get install -y python3-matplotlib
  /usr/bin/python3 grafana/render/render_dashboard.py --prometheus http://127.0.0.1:9093 --minutes 3 \
      --out grafana/render/dashboard.png
grafana/render/run-demo-with-prometheus.sh does all of it: demo, Prometheus, render.
"""
import argparse
import json
import math
import re
import time
import urllib.parse
import urllib.request
from datetime import datetime

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

VARIABLE = re.compile(r"\$(\{\w+\}|\w+)")
COLORS = {"match": "tab:green", "mismatch": "tab:red", "compared": "tab:green", "shed": "gold",
          "timeout": "tab:orange", "error": "tab:red", "skipped": "tab:purple", "stable": "tab:blue",
          "candidate": "tab:orange"}


def render(expr, values):
    return VARIABLE.sub(lambda m: values[m.group(1).strip("{}")], expr)


def api(base, path, **params):
    url = base + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as answer:
        body = json.load(answer)
    if body.get("status") != "success":
        raise RuntimeError(f"{path} {params}: {body}")
    return body["data"]["result"]


def legend(fmt, labels):
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt).strip() or "value"


def number(text):
    value = float(text)
    return None if math.isnan(value) or math.isinf(value) else value


def scale(unit):
    return (100.0, "%") if unit == "percentunit" else (1000.0, "ms") if unit == "s" else (1.0, {
        "percent": "%", "reqps": "/s"}.get(unit, ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prometheus", required=True)
    parser.add_argument("--dashboard", default="grafana/dashboards/shadowgate.json")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--step", default="2s")
    parser.add_argument("--rate-interval", default="8s")
    parser.add_argument("--job", default="shadowgate")
    parser.add_argument("--out", default="grafana/render/dashboard.png")
    args = parser.parse_args()

    dashboard = json.load(open(args.dashboard))
    end = time.time()
    start = end - args.minutes * 60
    values = {"job": args.job, "instance": ".*", "__rate_interval": args.rate_interval, "__interval": args.step,
              "__range": f"{int(args.minutes * 60)}s", "datasource": "prometheus"}

    transitions = []
    for annotation in dashboard["annotations"]["list"]:
        if annotation.get("datasource", {}).get("type") != "prometheus":
            continue
        for series in api(args.prometheus, "/api/v1/query_range", query=render(annotation["expr"], values),
                          start=start, end=end, step=args.step):
            # One series per (to, actor); each run of consecutive points is one transition.
            step = float(args.step.rstrip("s"))
            previous = None
            for at, _ in series["values"]:
                at = float(at)
                if previous is None or at - previous > step * 1.5:
                    transitions.append((datetime.fromtimestamp(at), "-> " + series["metric"].get("to", "?")))
                previous = at

    panels = [p for p in dashboard["panels"] if p["type"] in ("timeseries", "state-timeline", "bargauge")]
    columns = 3
    rows = math.ceil(len(panels) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(18, 3.1 * rows), squeeze=False)
    figure.suptitle(f"{dashboard['title']} (rendered from Prometheus, last {args.minutes:g} minutes)", fontsize=14)
    for axis, panel in zip(axes.flat, panels):
        axis.set_title(panel["title"], fontsize=10, loc="left")
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
        factor, suffix = scale(unit)
        if panel["type"] == "bargauge":
            labels, bars = [], []
            for target in panel["targets"]:
                for series in api(args.prometheus, "/api/v1/query", query=render(target["expr"], values), time=end):
                    labels.append(legend(target.get("legendFormat", ""), series["metric"]) or "(whole answer)")
                    bars.append(number(series["value"][1]) or 0)
            if not any(bars):
                axis.text(0.5, 0.5, "none in this range", ha="center", va="center", transform=axis.transAxes, color="gray")
                axis.set_xticks([])
                axis.set_yticks([])
                continue
            ordered = sorted(zip(bars, labels))[-10:]
            axis.barh([label if label else "(whole answer)" for _, label in ordered], [bar for bar, _ in ordered],
                      color="tab:red" if "path" in panel["title"].lower() else "tab:blue")
            axis.tick_params(labelsize=7)
            continue
        timeline = panel["type"] == "state-timeline"
        row = 0
        drawn = 0
        for target in panel["targets"]:
            result = api(args.prometheus, "/api/v1/query_range", query=render(target["expr"], values),
                         start=start, end=end, step=args.step)
            for series in sorted(result, key=lambda s: json.dumps(s["metric"], sort_keys=True)):
                name = legend(target.get("legendFormat", ""), series["metric"])
                times = [datetime.fromtimestamp(float(t)) for t, _ in series["values"]]
                points = [number(v) for _, v in series["values"]]
                if timeline:
                    on = [t for t, v in zip(times, points) if v == 1]
                    axis.scatter(on, [row] * len(on), marker="s", s=12, color="tab:green")
                    axis.text(times[0], row + 0.3, name, fontsize=7)
                    row += 1
                    continue
                drawn += 1
                points = [None if v is None else v * factor for v in points]
                gate = name == "gate"
                axis.plot(times, points, label=name, linewidth=1.6 if gate else 1.2,
                          linestyle="--" if gate else "-", color="red" if gate else COLORS.get(name.split(" ")[-1]))
        if not drawn and not timeline:
            axis.text(0.5, 0.5, "no data in this range", ha="center", va="center", transform=axis.transAxes,
                      color="gray")
            axis.set_xticks([])
            axis.set_yticks([])
            continue
        if timeline:
            axis.set_yticks([])
            axis.set_ylim(-0.5, row)
        else:
            axis.legend(fontsize=7, loc="best")
            if suffix:
                axis.set_ylabel(suffix, fontsize=8)
        for when, text in transitions:
            axis.axvline(when, color="tab:orange", linestyle=":", linewidth=1)
            if panel is panels[0] or timeline:
                axis.text(when, axis.get_ylim()[1], text, fontsize=7, color="tab:orange", rotation=90, va="top")
        axis.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M:%S"))
        axis.tick_params(labelsize=7)
    for axis in list(axes.flat)[len(panels):]:
        axis.axis("off")
    figure.tight_layout()
    figure.savefig(args.out, dpi=80)
    print(f"{len(panels)} panels, {len(transitions)} transitions -> {args.out}")


if __name__ == "__main__":
    main()
