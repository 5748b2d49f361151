#!/usr/bin/env python3
"""Independent figures for this example, read from the raw exports with Python's csv
module (not with roi): the goal KPIs over 1-21 August 2026. Prints JSON."""
import csv, json, sys
from decimal import Decimal
from pathlib import Path

here = Path(__file__).parent / "exports"

def num(text):  # Vietnamese "1.234.567" → 1234567
    return Decimal(text.replace(".", "")) if text.strip() else Decimal(0)

# Meta Ads: the newer download (later last date) wins for the days both hold.
meta = {}
for name in sorted(here.glob("meta-ads-*.csv")):  # older first, so newer overwrites
    with open(name, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["Tên chiến dịch"] == "Tổng":
                continue
            meta[(row["Ngày"], row["Tên chiến dịch"])] = row
leads = sum(Decimal(r["Kết quả"]) for r in meta.values())
spend = sum(num(r["Số tiền đã chi tiêu (VND)"]) for r in meta.values())

# GA4: Facebook sources to the new-products page.
with open(here / "ga4-traffic-acquisition.csv", encoding="utf-8", newline="") as f:
    lines = [l for l in f if not l.startswith("#")]
fb_sessions = sum(
    int(r["Sessions"]) for r in csv.DictReader(lines)
    if r["Landing page"] == "/san-pham-moi"
    and r["Session source / medium"].split(" / ")[0] in ("l.facebook.com", "m.facebook.com"))

with open(here / "tiktok" / "Overview.csv", encoding="utf-8-sig", newline="") as f:
    views = sum(int(r["Video Views"]) for r in csv.DictReader(f))

with open(here / "Campaign report.csv", encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))[2:]
header, data = rows[0], [r for r in rows[1:] if not r[0].startswith("Total")]
google_usd = sum(Decimal(r[header.index("Cost")]) for r in data)

# Instagram posts: engagement rate by content type = Σ engagements / Σ reach.
by_type = {}
with open(here / "instagram-content-2026-08.csv", encoding="utf-8-sig", newline="") as f:
    for r in csv.DictReader(f):
        kind = {"IG image": "image", "IG carousel": "carousel", "IG reel": "reel"}[r["Post type"]]
        e = sum(int(r[k]) for k in ("Likes", "Comments", "Shares", "Saves"))
        t = by_type.setdefault(kind, [0, 0, 0])
        t[0] += e
        t[1] += int(r["Reach"])
        t[2] += 1

# Meltwater mentions (UTF-16, tabs): ours vs all, and our rated sentiment.
with open(here / "meltwater-mentions-2026-08.csv", encoding="utf-16", newline="") as f:
    mentions = list(csv.DictReader(f, delimiter="\t"))
ours = [m for m in mentions if m["Input Name"] == "Ván Trượt Sài Gòn"]
pos = sum(m["Sentiment"] == "Positive" for m in ours)
neg = sum(m["Sentiment"] == "Negative" for m in ours)

# TikTok follower activity: mean active followers at 20:00 over the days.
with open(here / "tiktok" / "FollowerActivity.csv", encoding="utf-8-sig", newline="") as f:
    at_20 = [int(r["Active followers"]) for r in csv.DictReader(f) if r["Hour"] == "20"]

json.dump({
    "engagement_rate_by_type": {k: str(Decimal(e) / Decimal(r)) for k, (e, r, n) in by_type.items()},
    "posts_by_type": {k: n for k, (e, r, n) in by_type.items()},
    "share_of_voice": str(Decimal(len(ours)) / Decimal(len(mentions))),
    "net_sentiment": str(Decimal(pos - neg) / Decimal(pos + neg)),
    "active_followers_20h": str(Decimal(sum(at_20)) / Decimal(len(at_20))),
    "leads": str(leads),
    "cpl": str((spend / leads).quantize(Decimal("0.000001"))),
    "facebook_sessions_new_items": str(fb_sessions),
    "tiktok_views": str(views),
    "spend_vnd_with_fx": str(spend + google_usd * 25000),
}, sys.stdout, indent=2)
print()
