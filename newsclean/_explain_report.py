"""The HTML report of ``newsclean explain``: one self-contained file, safe to open.

Safety rules, in order of importance:

* no page markup is ever copied: every page-derived string goes through
  :func:`esc` (text and attribute values alike), and page URLs are shown as
  text, never as ``href``/``src``;
* page data never reaches CSS or JS source: step colours are indexed classes,
  and the script reads ``data-*`` attributes and writes with ``textContent``;
* a Content-Security-Policy ``<meta>``, the first element of ``<head>``, allows
  nothing but this module's own ``<style>`` and ``<script>``, by SHA-256 hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from .explain import BlockTrace, Explanation, Region

# Distinct, readable on white; kept is green and outside grey, so neither is here.
PALETTE = ("#d62728", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
           "#393b79", "#ad494a", "#8c6d31", "#7b4173", "#3182bd", "#e6550d", "#637939", "#843c39",
           "#5254a3", "#d6616b", "#6b6ecf", "#b5cf6b")
KEPT, OUTSIDE = "#2ca02c", "#8a8a8a"
OPEN_REGION_BLOCKS = 8  # removed regions with more text blocks than this start folded

BASE_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;background:#f6f6f4}
header.top{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
header.top h1{font-size:18px;margin:0 0 2px}
.muted{color:#666}.mono,code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 420px;gap:16px;padding:16px 20px;align-items:start}
main.doc{min-width:0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin-bottom:14px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #eee;
vertical-align:top}th{font-weight:600;font-size:13px}td.n{text-align:right;font-variant-numeric:tabular-nums}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;background:var(--c);vertical-align:-1px;
margin-right:6px}
tr.zero{color:#999}
details summary{cursor:pointer;font-weight:600}
.filters{margin:6px 0}.filters label{margin-right:14px;font-size:13px}
.chips{display:flex;flex-wrap:wrap;gap:6px 14px}.chip{font-size:13.5px;white-space:nowrap}
#legend details{margin-top:4px}
.page{background:#fff;border:1px solid #ddd;border-radius:6px;padding:18px 22px}
.b{position:relative;margin:4px 0;padding:3px 8px 3px 10px;border-left:4px solid var(--c);cursor:pointer;
border-radius:2px;outline:none}
.b:hover,.b:focus{background:#f0f0ff}
.b.selected{box-shadow:0 0 0 2px #335;background:#eef}
.st-kept{--c:KEPT}.st-outside{--c:OUTSIDE;color:#777}
.st-removed{color:#555;background:color-mix(in srgb,var(--c) 9%,#fff)}
.badge{float:right;font-size:11px;padding:0 5px;margin-left:8px;border-radius:8px;background:var(--c);color:#fff}
.k-heading{font-weight:650}.k-heading.l1{font-size:24px}.k-heading.l2{font-size:20px}.k-heading.l3{font-size:17px}
.k-list_item{margin-left:calc(18px * var(--lv,1))}.k-list_item::before{content:"\\2022  ";color:#999}
.lv2{--lv:2}.lv3{--lv:3}.lv4{--lv:4}
.k-quote{font-style:italic}.k-code{white-space:pre-wrap;font-family:ui-monospace,Menlo,monospace;font-size:13px}
.k-caption{font-size:13px;color:#555}
.region{border:2px dashed var(--c);border-radius:6px;margin:10px -6px;padding:2px 6px 6px}
.region>.rh{font-size:12px;color:var(--c);font-weight:600;cursor:pointer;padding:2px 0}
del.trim{text-decoration:line-through;text-decoration-color:var(--c);text-decoration-thickness:2px;
background:color-mix(in srgb,var(--c) 14%,#fff)}
.hide-removed .st-removed,.hide-removed .region{display:none}.hide-outside .st-outside{display:none}
aside.side{position:sticky;top:10px;max-height:calc(100vh - 20px);overflow:auto}
#detail dl{margin:0}#detail dt{font-weight:600;font-size:12px;color:#555;margin-top:8px}
#detail dd{margin:0}#detail pre{background:#f4f4f4;padding:6px 8px;border-radius:4px;white-space:pre-wrap;
margin:2px 0}
#detail .verdict{font-weight:650;border-left:4px solid var(--c);padding-left:8px}
ol.ablocks{padding-left:28px;margin:6px 0}ol.ablocks li{margin:3px 0;cursor:pointer;font-size:13.5px}
ol.ablocks li.selected{background:#eef}
.fields{table-layout:fixed}.fields td{overflow-wrap:anywhere}.fields th:first-child{width:30%}
.fields th:last-child{width:22%}.fields td:first-child{font-weight:600}
button{font:inherit;font-size:12px}
"""

SCRIPT = r"""(function () {
  "use strict";
  var detail = document.getElementById("detail");
  var picked = [];
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function row(dl, label, value, pre) {
    if (!value) return null;
    add(dl, "dt", label);
    return add(add(dl, "dd"), pre ? "pre" : "span", value);
  }
  function show(id) {
    var el = id ? document.getElementById(id) : null;
    if (!el || !el.hasAttribute("data-verdict")) return;
    picked.forEach(function (p) { p.classList.remove("selected"); });
    picked = [el];
    el.classList.add("selected");
    var fold = el.parentElement && el.parentElement.closest("details.region");
    if (fold) fold.open = true;
    var d = el.dataset;
    detail.replaceChildren();
    add(detail, "h2", "Selected");
    var v = add(detail, "p", d.verdict, "verdict " + (d.cls || ""));
    var dl = add(detail, "dl");
    row(dl, "Why", d.why);
    row(dl, "Removed element", d.node, true);
    row(dl, "This block's element", d.sel, true);
    row(dl, "Parts removed from it", d.trims, true);
    var pre = row(dl, d.act ? "Site rule to " + d.act + " it" : "", d.toml, true);
    if (pre) {
      var b = add(dl, "button", "Copy rule");
      b.type = "button";
      b.addEventListener("click", function () {
        if (navigator.clipboard) navigator.clipboard.writeText(pre.textContent);
      });
    }
    row(dl, "Note", d.note);
    if (d.art) {
      var a = document.getElementById(d.art);
      if (a) { a.classList.add("selected"); picked.push(a); a.scrollIntoView({block: "nearest"}); }
    }
    el.scrollIntoView({block: "nearest"});
  }
  document.addEventListener("click", function (e) {
    var t = e.target.closest("[data-verdict],[data-b]");
    if (!t) return;
    var id = t.hasAttribute("data-b") ? t.getAttribute("data-b") : t.id;
    if (location.hash === "#show-" + id) show(id); else location.hash = "show-" + id;
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.hasAttribute && e.target.hasAttribute("data-verdict")) e.target.click();
  });
  // "#show-b7" selects block b7; it names no element, so the browser's own anchor scrolling stays out of it
  function fromHash() { if (location.hash.indexOf("#show-") === 0) show(location.hash.slice(6)); }
  window.addEventListener("hashchange", fromHash);
  ["removed", "outside"].forEach(function (k) {
    var box = document.getElementById("show-" + k);
    box.addEventListener("change", function () { document.body.classList.toggle("hide-" + k, !box.checked); });
  });
  fromHash();
  document.documentElement.setAttribute("data-report-ready", "1");
})();
"""


def esc(value: object) -> str:
    """Escape for HTML text and double-quoted attribute values alike."""
    return html.escape(str(value), quote=True)


def csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def step_classes(exp: Explanation) -> dict[str, str]:
    """Step name -> CSS class, in pipeline order (the class names never carry the step's name)."""
    return {s.name: f"s{i}" for i, s in enumerate(exp.steps)}


def stylesheet(classes: dict[str, str]) -> str:
    rules = "".join(f".{cls}{{--c:{PALETTE[i % len(PALETTE)]}}}" for i, cls in enumerate(classes.values()))
    return BASE_CSS.replace("KEPT", KEPT).replace("OUTSIDE", OUTSIDE) + rules + "\n"


def render_html(exp: Explanation) -> str:
    classes = step_classes(exp)
    css = stylesheet(classes)
    policy = (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(SCRIPT)}; img-src 'none'; "
              "base-uri 'none'; form-action 'none'")
    art = exp.article
    title = art.title or "(no title)"
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head>",
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">',
        '<meta charset="utf-8"><meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>newsclean explain: {esc(title)}</title>",
        f"<style>{css}</style></head><body>",
        *_header(exp, title),
        '<div class="layout"><main class="doc">',
        *_legend(exp, classes),
        '<div class="page" id="page">', *_page(exp, classes), "</div></main>",
        '<aside class="side">', *_side(exp), "</aside></div>",
        f"<script>{SCRIPT}</script></body></html>\n",
    ]
    return "\n".join(parts)


def _header(exp: Explanation, title: str) -> Iterator[str]:
    kept, removed, outside = exp.count("kept"), exp.count("removed"), exp.count("outside")
    yield '<header class="top">'
    yield f"<h1>{esc(title)}</h1>"
    if exp.url:
        yield f'<div class="mono muted">{esc(exp.url)}</div>'
    chosen = (f"content root <code>{esc(exp.content_selector)}</code>" if exp.content_selector
              else "no content root found")
    by = f" (site rule <code>{esc(exp.rule_id)}</code>)" if exp.rule_id else ""
    yield (f'<div class="muted">{len(exp.blocks)} text blocks: {kept} kept in {len(exp.article.blocks)} article '
           f"blocks, {removed} removed, {outside} outside the chosen content; {chosen}{by}; "
           f"explained in {exp.ms:.0f} ms</div>")
    yield "</header>"


def _legend(exp: Explanation, classes: dict[str, str]) -> Iterator[str]:
    yield '<section class="card" id="legend"><div class="chips">'
    yield f'<span class="chip st-kept"><span class="sw"></span>kept <b>{exp.count("kept")}</b></span>'
    yield (f'<span class="chip st-outside"><span class="sw"></span>not in the chosen content '
           f'<b>{exp.count("outside")}</b></span>')
    for s in exp.steps:
        if s.blocks or s.trims:
            yield (f'<span class="chip {classes[s.name]}"><span class="sw"></span>{esc(s.name)} '
                   f"<b>{s.blocks}</b>{f' +{s.trims} trims' if s.trims else ''}</span>")
    yield "</div>"
    yield ('<div class="filters"><label><input type="checkbox" id="show-removed" checked> show removed</label>'
           '<label><input type="checkbox" id="show-outside" checked> show outside the content</label>'
           '<span class="muted">Numbers are text blocks. Click a block for the step, the reason and a site '
           "rule.</span></div>")
    yield '<details id="steps"><summary>Every step on this page</summary><table><thead><tr><th>Step</th>'
    yield ('<th>Stage</th><th class="n">Nodes removed</th><th class="n">Chars</th><th class="n">Text blocks</th>'
           '<th class="n">Trims</th><th class="n">ms</th><th>Note</th></tr></thead><tbody>')
    for s in exp.steps:
        zero = " zero" if not (s.removed or s.blocks or s.trims) and s.stage != "select" else ""
        note = s.note if s.stage != "select" else f"content root: {s.note}"
        yield (f'<tr class="{classes[s.name]}{zero}" data-step="{esc(s.name)}"><td><span class="sw"></span>'
               f"{esc(s.name)}</td><td>{esc(s.stage)}</td><td class=\"n\">{s.removed}</td>"
               f'<td class="n">{s.chars}</td><td class="n">{s.blocks}</td><td class="n">{s.trims}</td>'
               f'<td class="n">{s.ms:.1f}</td><td class="mono">{esc(note)}</td></tr>')
    yield "</tbody></table></details>"
    yield from _candidates(exp)
    yield "</section>"


def _candidates(exp: Explanation) -> Iterator[str]:
    yield '<details id="candidates"><summary>Content selection: top candidates</summary>'
    if not exp.candidates:
        why = (f"the site rule {exp.rule_id!r} chose the content root" if exp.rule_id and exp.content_selector
               else "the scorer found no candidate")
        yield f'<p class="muted">{esc(why)}</p></details>'
        return
    yield '<table><thead><tr><th>Candidate (trace path)</th><th class="n">Score</th><th></th></tr></thead><tbody>'
    chosen = next((s.note for s in exp.steps if s.stage == "select"), None)
    for c in exp.candidates:
        mark = "chosen" if c.selector == chosen else ""
        yield (f'<tr><td class="mono">{esc(c.selector)}</td><td class="n">{c.score:.1f}</td>'
               f"<td>{mark}</td></tr>")
    yield ("</tbody></table><p class=\"muted\">Among containers scoring within 2% of the best, the deepest "
           "wins.</p></details>")


def _page(exp: Explanation, classes: dict[str, str]) -> Iterator[str]:
    open_region: int | None = None
    for b in exp.blocks:
        if b.region != open_region:
            if open_region is not None:
                yield "</details>"
            open_region = b.region
            if b.region is not None:
                yield from _region_head(exp.regions[b.region], exp, classes)
        yield _block(b, exp, classes)
    if open_region is not None:
        yield "</details>"


def _region_head(r: Region, exp: Explanation, classes: dict[str, str]) -> Iterator[str]:
    first = exp.blocks[r.blocks[0]]
    attrs = _data(first, classes, r)
    is_open = " open" if len(r.blocks) <= OPEN_REGION_BLOCKS else ""
    yield f'<details class="region {classes.get(r.step, "")}" id="r{r.index}"{is_open}>'
    yield (f'<summary class="rh" id="rh{r.index}"{attrs}>removed by {esc(r.step)}: <span class="mono">'
           f"{esc(r.path)}</span> ({len(r.blocks)} text blocks, {r.chars} chars)</summary>")


def _block(b: BlockTrace, exp: Explanation, classes: dict[str, str]) -> str:
    cls = ["b", f"k-{b.kind}", f"st-{b.status}"]
    if b.kind == "heading":
        cls.append(f"l{b.level}")
    elif b.kind == "list_item" and b.level > 1:
        cls.append(f"lv{min(b.level, 4)}")
    if b.status == "removed" and b.step:
        cls.append(classes.get(b.step, ""))
    badge = ""
    if b.status == "kept" and b.article_block is not None:
        badge = f'<span class="badge">#{b.article_block + 1}</span>'
    region = exp.regions[b.region] if b.region is not None else None
    return (f'<div class="{" ".join(c for c in cls if c)}" id="b{b.index}" tabindex="0"{_data(b, classes, region)}>'
            f"{badge}{_marked_text(b, classes)}</div>")


def _marked_text(b: BlockTrace, classes: dict[str, str]) -> str:
    """The block's text with the parts steps removed from it struck through in their step's colour."""
    text = b.text
    spans: list[tuple[int, int, str]] = []
    for t in b.trims:
        at = text.find(t.text)
        if at >= 0 and all(at >= e or at + len(t.text) <= s for s, e, _ in spans):
            spans.append((at, at + len(t.text), t.step))
    out, pos = [], 0
    for s, e, step in sorted(spans):
        out.append(esc(text[pos:s]))
        out.append(f'<del class="trim {classes.get(step, "")}" title="removed by {esc(step)}">{esc(text[s:e])}</del>')
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def _data(b: BlockTrace, classes: dict[str, str], region: Region | None) -> str:
    """The block's details as escaped ``data-*`` attributes for the side panel."""
    sug = b.suggestion
    if b.status == "kept":
        verdict = (f"Kept: article block #{b.article_block + 1}" if b.article_block is not None
                   else "Kept (merged into a neighbouring block)")
    elif b.status == "outside":
        verdict = "Not in the chosen content"
    else:
        verdict = f"Removed by step {b.step}" if b.step not in ("site-rule",) else "Removed by the site rule"
    d = {
        "verdict": verdict,
        "cls": f"st-{b.status} " + (classes.get(b.step or "", "") if b.status == "removed" else ""),
        "why": region.reason if region is not None else ("all of its text was in parts removed by "
                                                         f"{b.step}" if b.status == "removed" else ""),
        "node": (f"{region.selector}  ({_matches(region.matches)}; trace path: {region.path})"
                 if region is not None else ""),
        "sel": f"{b.selector}  ({_matches(b.matches)})" if b.selector else "",
        "trims": "\n".join(f"{t.step}: {t.text}  [{t.selector}]" for t in b.trims),
        "act": sug.action,
        "toml": "\n".join(sug.toml),
        "note": sug.note,
        "art": f"a{b.article_block}" if b.article_block is not None else "",
    }
    return "".join(f' data-{k}="{esc(v)}"' for k, v in d.items() if v)


def _matches(n: int) -> str:
    return "not counted" if n < 0 else f"matches {n} element{'s' if n != 1 else ''} on this page"


def _side(exp: Explanation) -> Iterator[str]:
    yield ('<section class="card" id="detail"><h2>Selected</h2><p class="muted">Click a block of the page (or of the '
           "article below) to see which step removed it, why, and the site rule that would change it.</p></section>")
    art = exp.article
    yield '<section class="card" id="article"><h2>Article</h2>'
    yield '<table class="fields"><thead><tr><th>Field</th><th>Value</th><th>Source</th></tr></thead><tbody>'
    for f in exp.fields:
        yield (f"<tr><td>{esc(f.name)}</td><td>{esc(f.value)}</td>"
               f'<td class="muted">{esc(f.source or "not recorded")}</td></tr>')
    yield "</tbody></table>"
    home = {}
    for b in exp.blocks:
        if b.article_block is not None:
            home.setdefault(b.article_block, b.index)
    yield f'<ol class="ablocks" id="ablocks">'
    for i, blk in enumerate(art.blocks):
        back = f' data-b="b{home[i]}"' if i in home else ""
        yield f'<li id="a{i}" class="k-{esc(blk.kind)}"{back}>{esc(blk.text)}</li>'
    yield "</ol>"
    if not art.blocks:
        yield '<p class="muted">No article text was found.</p>'
    yield "</section>"
