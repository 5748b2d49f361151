#!/usr/bin/env python3
"""Terminal output (ANSI colours and bold) to a dark terminal-like HTML page, for the
README's terminal screenshot. Reads stdin, writes stdout."""
import html
import re
import sys

COLOURS = {"31": "#ff6b6b", "32": "#69db7c", "33": "#ffd43b", "90": "#909296", "2": "#909296"}
text = sys.stdin.read().replace("\r", "")
out, open_spans = [], 0
for part in re.split(r"(\x1b\[[0-9;]*m)", text):
    codes = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
    if not codes:
        out.append(html.escape(part))
        continue
    # 256-colour codes (`38;5;10`) name the basic colours by number.
    params = (codes.group(1) or "0").replace("38;5;9", "31").replace("38;5;10", "32")
    params = params.replace("38;5;11", "33").replace("38;5;8", "90")
    for code in params.split(";"):
        if code in ("0", "39", "22"):
            out.append("</span>" * open_spans)
            open_spans = 0
        elif code == "1":
            out.append('<span style="font-weight:bold">')
            open_spans += 1
        elif code in COLOURS:
            out.append(f'<span style="color:{COLOURS[code]}">')
            open_spans += 1
out.append("</span>" * open_spans)
print('<!doctype html><html lang="en"><meta charset="utf-8"><title>roi report</title>'
      '<body style="margin:0;background:#1e1e1e">'
      '<pre style="margin:0;padding:16px;display:inline-block;color:#e0e0e0;background:#1e1e1e;'
      'font:13px/1.35 \'DejaVu Sans Mono\',monospace">$ roi report --config examples/shop-downloads/roi.toml --as-of 2026-08-21\n'
      + "".join(out) + "</pre></body></html>")
