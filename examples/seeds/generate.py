#!/usr/bin/env python3
"""Writes this example's data in roi's own format. Deterministic: the figures are
chosen so that each goal ends in a known status (see ../README.md)."""
import datetime as dt

def days(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)

D = dt.date

def write(name, header, rows):
    with open(f"data/{name}", "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")

# Facebook page reach: 2,000 a day in July, 2,900 a day in August.
write("facebook-page.csv", "date,platform,account,reach",
      [(d, "facebook", "Skate Shop", 2000 if d.month == 7 else 2900)
       for d in days(D(2026, 7, 1), D(2026, 8, 31))])

# Back to school (5 Aug - 1 Sep): 17 Facebook and 6 Twitter leads a day;
# an always-on Facebook campaign in Q4: 60.00 USD and 10 leads a day through 20 Nov.
rows = []
for d in days(D(2026, 8, 5), D(2026, 9, 1)):
    rows.append((d, "facebook", "Back to school", 17, 40.00))
    rows.append((d, "twitter", "Back to school", 6, 15.00))
for d in days(D(2026, 10, 1), D(2026, 11, 20)):
    rows.append((d, "facebook", "Always on", 10, 60.00))
write("ads.csv", "date,platform,campaign,leads,spend", rows)

# Website sessions by source: Pinterest to /new-items 10 a day in Q3, 14 a day in Q4
# (exported through 20 November); other pages and sources must not count.
rows = []
for d in days(D(2026, 7, 1), D(2026, 11, 20)):
    rows.append((d, "pinterest", "pinterest.com", "referral", "/new-items", 10 if d.month <= 9 else 14))
    rows.append((d, "pinterest", "pinterest.com", "referral", "/", 50))
    rows.append((d, "facebook", "l.facebook.com", "referral", "/new-items", 30))
write("web.csv", "date,platform,source,medium,landing_page,sessions", rows)

# Influencer contracts, one row per contract signed.
write("influencers.csv", "date,medium,content_id,influencers_signed", [
    (D(2026, 7, 20), "unpaid", "@skate_linh", 1),
    (D(2026, 9, 10), "paid", "@board_minh", 1),
    (D(2026, 10, 3), "unpaid", "@ollie_an", 1),  # Q4: outside the Q3 goal
])

# Skateboard sales through Pre-Holiday Blow Out, rotating across Facebook, Pinterest
# and Instagram: 100.00 a day in Q2, 115.00 a day in Q3. Noise that must not count:
# helmets in the same campaign, skateboards in another campaign, a Twitter sale.
rows = []
platforms = ["facebook", "pinterest", "instagram"]
for i, d in enumerate(days(D(2026, 4, 1), D(2026, 9, 30))):
    q3 = d >= D(2026, 7, 1)
    rows.append((d, platforms[i % 3], "Pre-Holiday Blow Out", "skateboard", 1, "115.00" if q3 else "100.00"))
    rows.append((d, platforms[i % 3], "Pre-Holiday Blow Out", "helmet", 1, "40.00"))
    rows.append((d, "facebook", "Summer", "skateboard", 1, "30.00"))
rows.append((D(2026, 8, 15), "twitter", "Pre-Holiday Blow Out", "skateboard", 5, "500.00"))
write("sales.csv", "date,platform,campaign,product,purchases,revenue", rows)

# TikTok followers (a stock): 10,000 on 30 September, +8 a day, exported through 20 November.
write("tiktok.csv", "date,platform,followers",
      [(d, "tiktok", 10000 + 8 * (d - D(2026, 9, 30)).days)
       for d in days(D(2026, 9, 30), D(2026, 11, 20))])
