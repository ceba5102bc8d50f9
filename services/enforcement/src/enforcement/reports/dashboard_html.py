"""The campaign dashboard as a Chinese page with server-rendered SVG charts (no script)."""

from __future__ import annotations

from html import escape

_TARGETS = {("coverage", "county"): "县级全覆盖检查", ("sampling", "city"): "市级抽查检查",
            ("coverage", "city"): "市级全覆盖检查", ("sampling", "county"): "县级抽查检查"}
_STYLE = """body{font-family:"Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:1.5em}table{border-collapse:collapse}
td,th{border:1px solid #999;padding:3px 8px;font-size:13px;text-align:right}th{background:#eee}
.met{color:#080}.unmet{color:#b00}svg text{font-size:11px}"""


def _bars(title: str, items: list[tuple[str, float]], target: float | None = None, unit: str = "%",
          top: float | None = None) -> str:
    """A horizontal bar per item, with the target as a red line."""
    width, left, row = 520, 110, 22
    top = top or max([v for _, v in items] + [target or 0, 1])
    height = row * len(items) + 30
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{width + left + 60}" height="{height}">']
    for n, (label, value) in enumerate(items):
        y = 10 + n * row
        w = width * value / top
        parts.append(f'<text x="0" y="{y + 13}">{escape(label)}</text>'
                     f'<rect x="{left}" y="{y}" width="{w:.1f}" height="16" fill="#3a7bd5"/>'
                     f'<text x="{left + w + 4:.1f}" y="{y + 13}">{value:g}{escape(unit)}</text>')
    if target is not None:
        x = left + width * target / top
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 16}" stroke="#d00" stroke-width="2"/>'
                     f'<text x="{x + 3:.1f}" y="{height - 4}" fill="#d00">目标 {target:g}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _lines(title: str, dates: list[str], series: dict[str, list[float]]) -> str:
    """A line per series over the dates."""
    width, height, left, bottom = 560, 200, 40, 30
    top = max([v for values in series.values() for v in values] + [1])
    colours = ["#d00", "#080", "#3a7bd5", "#e90"]
    step = width / max(len(dates) - 1, 1)
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{width + left + 120}" height="{height + bottom}">',
             f'<line x1="{left}" y1="{height}" x2="{left + width}" y2="{height}" stroke="#999"/>',
             f'<text x="0" y="12">{top:g}</text><text x="0" y="{height}">0</text>']
    for n, day in enumerate(dates):
        parts.append(f'<text x="{left + n * step - 20:.1f}" y="{height + 18}">{escape(day[5:])}</text>')
    for k, (name, values) in enumerate(series.items()):
        points = " ".join(f"{left + n * step:.1f},{height - (height - 10) * v / top:.1f}" for n, v in enumerate(values))
        colour = colours[k % len(colours)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
                     f'<text x="{left + width + 8}" y="{20 + 16 * k}" fill="{colour}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def page(data: dict) -> str:
    charts = []
    for target in data["targets"]:
        label = _TARGETS.get((target["kind"], target["level"]), f'{target["kind"]}/{target["level"]}')
        state = '<span class="met">已达标</span>' if target["met"] else '<span class="unmet">未达标</span>'
        charts.append(f"<h2>{escape(label)}（目标 ≥{target['percent']}%，{escape(target['start'])} 至 "
                      f"{escape(target['end'])}）{state}</h2>" + _bars(
                          label, [(b["jurisdiction_code"], b["percent"]) for b in target["bureaus"]],
                          target["percent"], top=100))
    dates = [p["date"] for p in data["series"]]
    zeroing = _lines("重大事故隐患动态清零", dates, {
        "未整改": [p["open"] for p in data["series"]], "已销号": [p["closed"] for p in data["series"]],
        "新发现": [p["new"] for p in data["series"]], "逾期": [p["overdue"] for p in data["series"]]})
    penalties = _bars("行政处罚金额", [(b["jurisdiction_code"], float(b["penalty_wan_yuan"])) for b in data["bureaus"]],
                      unit="万元")
    head = ("<tr><th>单位</th><th>行动开始时存量</th><th>新发现</th><th>已销号</th><th>未整改</th><th>逾期</th>"
            "<th>行政处罚（次）</th><th>罚款（万元）</th></tr>")
    rows = "".join(
        f'<tr><td>{escape(b["jurisdiction_code"])}</td>' + "".join(
            f"<td>{escape(str(b[k]))}</td>" for k in ("stock_at_start", "new", "closed", "open", "overdue",
                                                      "penalties", "penalty_wan_yuan")) + "</tr>"
        for b in [*data["bureaus"], {"jurisdiction_code": "合计", **data["totals"]}])
    body = (f"<h1>{escape(data['campaign_name'])} · 专项行动看板</h1>"
            f"<p>{escape(data['issuing_bureau'])}（{escape(data['jurisdiction_code'])}），"
            f"{escape(data['starts_on'])} 至 {escape(data['ends_on'])}；截至 {escape(data['as_of'])}</p>"
            + "".join(charts)
            + f"<h2>重大事故隐患动态清零（截至各月末）</h2>{zeroing}"
            + f"<h2>各单位重大事故隐患与处罚</h2><table>{head}{rows}</table>"
            + f"<h2>行政处罚金额（万元）</h2>{penalties}")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>专项行动看板</title>'
            f"<style>{_STYLE}</style></head><body>{body}</body></html>")
