#!/usr/bin/env python3
"""Independent figures for the real exports in ../shared/real-exports, read with
Python's csv module by rules written from ../shared/formats.md (not from roi's code).
Prints JSON: per file, data rows, skipped rows, first/last date and main sums.
Year-less TikTok dates are reported as (month, day) pairs; roi's year choice is
checked separately."""
import csv, io, json, sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

root = Path(sys.argv[1])

def read_text(path):
    raw = path.read_bytes()
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    return raw.decode("utf-8")

def num(s):
    s = s.strip().replace(",", "")
    if s in ("", "-", "--", "undefined"):
        return None
    return Decimal(s.rstrip("%"))

def total(rows, col):
    return str(sum((num(r[col]) or 0) for r in rows))

def span(dates):
    return [min(dates).isoformat(), max(dates).isoformat()]

out = {}

# X/Twitter tweet activity: every row is a tweet; time is "%Y-%m-%d %H:%M %z".
f = next((root / "twitter").glob("*.csv"))
rows = list(csv.DictReader(io.StringIO(read_text(f))))
out["twitter"] = {"rows": len(rows), "skipped": 0,
    "dates": span([datetime.strptime(r["time"], "%Y-%m-%d %H:%M %z").date() for r in rows]),
    "sums": {"impressions": total(rows, "impressions"), "likes": total(rows, "likes"),
             "shares": total(rows, "retweets"), "comments": total(rows, "replies"),
             "link_clicks": total(rows, "url clicks")}}

# Classic Facebook post export: row 2 is descriptions; duplicate names, so by position.
f = next((root / "facebook-page").glob("*.csv"))
recs = list(csv.reader(io.StringIO(read_text(f))))
header, data = recs[0], [r for r in recs[2:] if any(c.strip() for c in r)]
col = lambda name: header.index(name)
out["facebook-page"] = {"rows": len(data), "skipped": 1,
    "dates": span([datetime.strptime(r[col("Posted")], "%m/%d/%Y %I:%M:%S %p").date() for r in data]),
    "sums": {"reach": str(sum(num(r[col("Lifetime Post Total Reach")]) or 0 for r in data)),
             "impressions": str(sum(num(r[col("Lifetime Post Total Impressions")]) or 0 for r in data))}}

# Meta Ads 2017: each row covers Reporting Starts .. Reporting Ends; empty = no value.
rows = list(csv.DictReader(io.StringIO(read_text(root / "meta-ads/facebook_ads_manager.csv"))))
starts = [datetime.strptime(r["Reporting Starts"], "%Y-%m-%d").date() for r in rows]
ends = [datetime.strptime(r["Reporting Ends"], "%Y-%m-%d").date() for r in rows]
out["meta-ads"] = {"rows": len(rows), "skipped": 0, "dates": [min(starts).isoformat(), max(ends).isoformat()],
    "sums": {"impressions": total(rows, "Impressions"), "link_clicks": total(rows, "Link Clicks"),
             "shares": total(rows, "Post Shares"), "comments": total(rows, "Post Comments"),
             "likes": total(rows, "Post Reactions"), "spend": total(rows, "Amount Spent (USD)")}}

# Instagram content export (Spanish): publish time is MM/DD/YYYY HH:MM.
rows = list(csv.DictReader(io.StringIO(read_text(root / "instagram-meta-business-suite/Contenido_Posts_Feb24_Mar23.csv"))))
out["instagram-content"] = {"rows": len(rows), "skipped": 0,
    "dates": span([datetime.strptime(r["Hora de publicación"], "%m/%d/%Y %H:%M").date() for r in rows]),
    "sums": {"reach": total(rows, "Alcance"), "likes": total(rows, "Me gusta"),
             "shares": total(rows, "Veces que se ha compartido"), "comments": total(rows, "Comentarios"),
             "saves": total(rows, "Veces guardado"), "video_views": total(rows, "Visualizaciones")}}

# Instagram single-metric series: sep= line, title line, then Fecha/Primary.
lines = read_text(root / "instagram-meta-business-suite/Alcance.csv").splitlines()
rows = list(csv.DictReader(io.StringIO("\n".join(lines[2:]))))
out["instagram-reach-series"] = {"rows": len(rows), "skipped": 0,
    "dates": span([datetime.strptime(r["Fecha"][:10], "%Y-%m-%d").date() for r in rows]),
    "sums": {"reach": total(rows, "Primary")}}

# TikTok: year-less dates, `undefined` cells.
def md(s):
    d = datetime.strptime(s, "%B %d")
    return (d.month, d.day)
rows = list(csv.DictReader(io.StringIO(read_text(root / "tiktok/Overview.csv"))))
out["tiktok-overview"] = {"rows": len(rows), "skipped": 0, "first": md(rows[0]["Date"]), "last": md(rows[-1]["Date"]),
    "sums": {"video_views": total(rows, "Video Views"), "profile_visits": total(rows, "Profile Views"),
             "likes": total(rows, "Likes"), "comments": total(rows, "Comments"), "shares": total(rows, "Shares")}}
rows = list(csv.DictReader(io.StringIO(read_text(root / "tiktok/Content.csv"))))
out["tiktok-content"] = {"rows": len(rows), "skipped": 0,
    "sums": {"likes": total(rows, "Total likes"), "comments": total(rows, "Total comments"),
             "shares": total(rows, "Total shares"), "video_views": total(rows, "Total views")}}
rows = list(csv.DictReader(io.StringIO(read_text(root / "tiktok/FollowerHistory.csv"))))
known = [r for r in rows if num(r["Followers"]) is not None]
out["tiktok-followers"] = {"rows": len(rows), "skipped": 0, "first": md(rows[0]["Date"]), "last": md(rows[-1]["Date"]),
    "last_followers": str(num(known[-1]["Followers"])),
    "sums": {"followers_net": total(rows, "Difference in followers from previous day")}}

# YouTube Studio: Table data has a Total row first; publish time "%b %d, %Y".
rows = list(csv.DictReader(io.StringIO(read_text(root / "youtube-studio/Table data.csv"))))
data = [r for r in rows if r["Content"] != "Total"]
out["youtube-table"] = {"rows": len(data), "skipped": len(rows) - len(data),
    "dates": span([datetime.strptime(r["Video publish time"], "%b %d, %Y").date() for r in data]),
    "sums": {"video_views": total(data, "Views"), "impressions": total(data, "Impressions")}}
rows = list(csv.DictReader(io.StringIO(read_text(root / "youtube-studio/Chart data.csv"))))
out["youtube-chart"] = {"rows": len(rows), "skipped": 0,
    "dates": span([datetime.strptime(r["Date"], "%Y-%m-%d").date() for r in rows]),
    "sums": {"video_views": total(rows, "Views")}}

# Google Ads: title, "All time" (no date range), header, then `Total:` rows.
recs = list(csv.reader(io.StringIO(read_text(root / "google-ads/intragoinc-cp-mktg-google-ads-i/Campaign report.csv"))))
data = [r for r in recs[3:] if r and not r[0].startswith("Total")]
out["google-ads"] = {"rows": 0, "skipped": len(recs) - 3, "no_date_rows": len(data),
    "range_line": recs[1][0],
    "sums_if_dated": {"impressions": str(sum(num(r[recs[2].index("Impr.")]) or 0 for r in data))}}

# GA4 multi-table download: the one table with sessions, over the preamble's range.
text = read_text(root / "ga4/LilyHeAsamiko-GA4/data-export.csv")
blocks, cur = [], []
for line in text.splitlines():
    if line.startswith("#"):
        if any(not l.startswith("#") and l.strip() for l in cur):
            blocks.append(cur); cur = []
    cur.append(line)
blocks.append(cur)
for b in blocks:
    body = [l for l in b if not l.startswith("#") and l.strip()]
    if body and "Sessions" in body[0].split(","):
        rows = list(csv.DictReader(io.StringIO("\n".join(body))))
        pre = {l.split(":")[0].strip("# ").strip(): l.split(":", 1)[1].strip() for l in b if ":" in l}
        out["ga4"] = {"rows": len(rows), "skipped": 0,
            "dates": [datetime.strptime(pre["Start date"], "%Y%m%d").date().isoformat(),
                      datetime.strptime(pre["End date"], "%Y%m%d").date().isoformat()],
            "sums": {"sessions": total(rows, "Sessions")}}

json.dump(out, sys.stdout, indent=1, default=list)
print()
