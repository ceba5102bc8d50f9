"""Printable Chinese pages of the dispatch table and of the records behind one of its numbers."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

_STYLE = """body{font-family:"SimSun","Songti SC",serif;margin:2em}h1{text-align:center;font-size:20px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px 6px;font-size:14px}
.late{color:#b00}.meta{margin:.4em 0}@media print{a{color:#000;text-decoration:none}.noprint{display:none}}"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body>{body}</body></html>")


def _query(table: dict) -> str:
    return urlencode({"month": table["month"], "unit": table["unit_code"], "scope": table["scope"]})


def _figure_link(table: dict, figure: dict, text: str) -> str:
    href = f"/reports/campaigns/{table['campaign_id']}/dispatch/figures/{figure['key']}.html?{_query(table)}"
    mark = f'<sup class="late">补录{figure["late"]}</sup>' if figure["late"] else ""
    return f'<a href="{escape(href)}">{escape(text)}</a>{mark}'


def _cell(table: dict, row: dict) -> str:
    """The cell as the form is filled in (its wording as Row.text), each number a link to its records."""
    links = [_figure_link(table, f, str(f["value"])) for f in row["figures"]]
    if len(links) == 1:
        return links[0]
    if row["no"] == 3:
        return f"{links[0]}次，{links[1]}万元"
    if row["no"] == 6:
        return f"（停产）{links[0]} （关闭）{links[1]}"
    return f"{links[0]}，其中危险作业罪案例{links[1]}"


def dispatch_page(table: dict) -> str:
    lines = []
    for section in table["sections"]:
        rows = section["rows"]
        pairs = list(zip(rows[0::2], rows[1::2]))
        for n, (left, right) in enumerate(pairs):
            head = f'<th rowspan="{len(pairs)}">{escape(section["label"])}</th>' if n == 0 else ""
            lines.append("<tr>" + head + "".join(
                f'<td>{r["no"]}</td><td>{escape(r["form_label"])}</td><td>{_cell(table, r)}</td>'
                for r in (left, right)) + "</tr>")
    status = "" if table["final"] else "（当月尚未结束, 数字仍会变化）"
    late = ""
    if table["late_entries"]:
        items = "".join(f'<li>{escape(e["kind"])} {escape(e["id"])}: 发生于 {escape(e["happened_at"][:10])}, '
                        f'录入于 {escape(e["entered_at"][:19])}, 计入 {escape("、".join(e["figures"]))}</li>'
                        for e in table["late_entries"])
        late = (f'<p class="late">本表于 {escape(table["first_generated_at"][:19])} 首次生成; 此后补录的记录'
                f'（标“补录”）:</p><ul class="late">{items}</ul>')
    notes = "".join(f"<p>{'注：' if n == 0 else ''}{escape(note)}</p>" for n, note in enumerate(table["notes"]))
    body = (f'<h1>{escape(table["title"])}</h1>'
            f'<p class="meta">单位：{escape(table["unit_name"])}（{escape(table["unit_code"])}，'
            f'{escape(table["scope_label"])}）</p>'
            f'<p class="meta">时间：{escape(table["as_of"])}（自专项行动开始至当月末累计）{status}</p>'
            f'<table>{"".join(lines)}</table>{late}{notes}')
    return _page(table["title"], body)


def records_page(records: dict) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in (
            i["kind"], i["id"], (i.get("enterprise") or {}).get("name", i["enterprise_id"]),
            i.get("ledger_no") or i.get("decision_no") or i.get("target") or "", i["happened_at"][:10],
            i["entered_at"][:19], "补录" if i["late"] else "")) + "</tr>"
        for i in records["items"])
    title = f"{records['label']}（{records['measure']}）：{records['value']}"
    body = (f"<h1>{escape(title)}</h1><p class='meta'>填报单位 {escape(records['unit_code'])}，"
            f"{escape(records['month'])}，共 {records['total']} 条记录</p>"
            "<table><tr><th>类别</th><th>编号</th><th>企业</th><th>台账号/决定书/对象</th><th>发生日期</th>"
            f"<th>录入时间</th><th></th></tr>{rows}</table>")
    return _page(title, body)
