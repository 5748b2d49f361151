#!/usr/bin/env python3
"""Deterministic generator of a Meta-Ads-like export for the benchmarks.

Usage: generate.py ROWS OUT_DIR
Writes OUT_DIR/roi.csv (roi's normalized format), OUT_DIR/meta.csv (an English
Meta Ads Manager export of the same rows, broken down by platform; Meta has no
content type column), OUT_DIR/meta-vi.csv (the same export in Vietnamese: BOM,
day-first dates, `1.234` thousands and `28,99` decimals), OUT_DIR/ga4.csv (a Google
Analytics 4 export: `#` preamble, YYYYMMDD dates, link clicks as sessions from
`l.facebook.com` or `l.instagram.com`, leads as key events) and OUT_DIR/google-ads.csv
(a Google Ads campaign report: title and date range lines, `12,500` thousands, the
same rows' impressions, link clicks, spend, leads and revenue). 20 columns: date, platform, campaign,
ad set, content id, content type, impressions, reach, likes, comments, shares,
saves, link clicks, profile visits, spend, leads, purchases, revenue, video views,
followers gained. Campaign names hold commas and escaped quotes; a quarter of the
rows have empty money columns. Seeded: the same ROWS give the same bytes."""
import csv
import datetime as dt
import os
import random
import sys

rows = int(sys.argv[1])
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(7)

platforms = ["facebook", "instagram"]
campaigns = [f'Summer sale {i}, "wave {i % 7}"' for i in range(40)]
ad_sets = [f"Audience {i}" for i in range(25)]
types = ["image", "video", "carousel", "reel"]
start = dt.date(2024, 1, 1)
days = [str(start + dt.timedelta(days=d)) for d in range(730)]

roi_header = ["date", "platform", "campaign", "ad_set", "content_id", "content_type",
              "impressions", "reach", "likes", "comments", "shares", "saves",
              "link_clicks", "profile_visits", "spend", "leads", "purchases", "revenue",
              "video_views", "followers_gained", "currency"]
meta_header = ["Day", "Campaign name", "Ad set name", "Ad name", "Platform", "Impressions",
               "Reach", "Post reactions", "Post comments", "Post shares", "Post saves",
               "Link clicks", "Instagram profile visits", "Amount spent (USD)", "Leads",
               "Purchases", "Purchases conversion value", "Video plays", "Page likes"]

meta_vi_header = ["Ngày", "Tên chiến dịch", "Tên nhóm quảng cáo", "Tên quảng cáo", "Nền tảng",
                  "Lượt hiển thị", "Người tiếp cận", "Cảm xúc về bài viết",
                  "Bình luận về bài viết", "Lượt chia sẻ bài viết", "Lượt lưu bài viết",
                  "Lượt click vào liên kết", "Lượt truy cập trang cá nhân Instagram",
                  "Số tiền đã chi tiêu (USD)", "Khách hàng tiềm năng", "Lượt mua",
                  "Giá trị chuyển đổi mua hàng", "ThruPlays", "Lượt thích Trang"]


def vi(value):
    """A number as a Vietnamese export writes it: `12.345`, `28,99`."""
    if value == "":
        return ""
    whole, _, cents = str(value).partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{cents}" if cents else whole


def vi_day(day):
    year, month, d = day.split("-")
    return f"{d}/{month}/{year}"


with open(os.path.join(out, "roi.csv"), "w", newline="") as a, \
        open(os.path.join(out, "meta.csv"), "w", newline="") as b, \
        open(os.path.join(out, "meta-vi.csv"), "w", newline="", encoding="utf-8-sig") as c, \
        open(os.path.join(out, "ga4.csv"), "w", newline="") as d, \
        open(os.path.join(out, "google-ads.csv"), "w", newline="") as e:
    roi = csv.writer(a, lineterminator="\n")
    meta = csv.writer(b, lineterminator="\n")
    meta_vi = csv.writer(c, lineterminator="\n")
    roi.writerow(roi_header)
    meta.writerow(meta_header)
    meta_vi.writerow(meta_vi_header)
    ga4 = csv.writer(d, lineterminator="\n")
    d.write("# ----------------------------------------\n# Report CSV Export\n"
            "# ----------------------------------------\n#\n"
            f"# Start date: {days[0].replace('-', '')}\n# End date: {days[-1].replace('-', '')}\n")
    ga4.writerow(["Date", "Session source / medium", "Session campaign", "Sessions",
                  "Key events", "Total revenue"])
    ads = csv.writer(e, lineterminator="\n")
    e.write(f"Campaign report\n\"{days[0]} - {days[-1]}\"\n")
    ads.writerow(["Day", "Campaign", "Currency code", "Impr.", "Clicks", "Cost", "Conversions",
                  "Conv. value"])
    r = rng.random
    for i in range(rows):
        day = days[i * len(days) // rows]
        platform = platforms[i & 1]
        campaign = campaigns[int(r() * 40)]
        ad_set = ad_sets[int(r() * 25)]
        content = f"ad_{int(r() * 50000)}"
        kind = types[int(r() * 4)]
        impressions = int(r() * 20000)
        reach = impressions * 7 // 10
        likes = impressions // 50
        comments = impressions // 400
        shares = impressions // 600
        saves = impressions // 800
        clicks = impressions // 90
        visits = impressions // 300
        video = impressions // 3 if kind in ("video", "reel") else 0
        followers = impressions // 2000
        if r() < 0.25:
            spend = leads = purchases = revenue = ""
        else:
            cents = int(r() * 50000)
            spend = f"{cents // 100}.{cents % 100:02d}"
            leads = int(r() * 20)
            purchases = int(r() * 5)
            cents = int(r() * 200000)
            revenue = f"{cents // 100}.{cents % 100:02d}"
        roi.writerow([day, platform, campaign, ad_set, content, kind, impressions, reach,
                      likes, comments, shares, saves, clicks, visits, spend, leads,
                      purchases, revenue, video, followers, "USD"])
        meta.writerow([day, campaign, ad_set, content, platform, impressions, reach, likes,
                       comments, shares, saves, clicks, visits, spend, leads, purchases,
                       revenue, video, followers])
        ga4.writerow([day.replace("-", ""), f"l.{platform}.com / referral", campaign, clicks,
                      leads or 0, revenue or 0])
        ads.writerow([day, campaign, "USD", f"{impressions:,}", f"{clicks:,}",
                      f"{float(spend):,.2f}" if spend else " --", leads, revenue])
        meta_vi.writerow([vi_day(day), campaign, ad_set, content, platform]
                         + [vi(v) for v in (impressions, reach, likes, comments, shares, saves,
                                            clicks, visits, spend, leads, purchases, revenue,
                                            video, followers)])
