#!/usr/bin/env python3
"""Writes the raw exports of this example: what a Vietnamese shop downloads from its
platforms in August 2026. Deterministic (fixed seed); run it to regenerate."""
import datetime as dt
import random

rng = random.Random(2026)
out = "exports/"

def days(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)

def vnd(n):  # 1234567 -> "1.234.567"
    return f"{n:,}".replace(",", ".")

# Meta Ads Manager, Vietnamese UI, daily breakdown: two downloads that overlap on
# 8-14 August. The second, newer one has later (corrected) figures for those days.
campaigns = [("Back to school", "Khách hàng tiềm năng"),
             ("Tin nhắn Zalo-FB", "Lượt bắt đầu cuộc trò chuyện qua tin nhắn")]
header = ("Tên chiến dịch,Ngày,Bắt đầu báo cáo,Kết thúc báo cáo,Người tiếp cận,Lượt hiển thị,"
          "Loại kết quả,Kết quả,Số tiền đã chi tiêu (VND),Lượt click vào liên kết,"
          "CTR (tỷ lệ click vào liên kết)\n")
base = {}
for day in days(dt.date(2026, 8, 1), dt.date(2026, 8, 21)):
    for name, kind in campaigns:
        reach = rng.randint(3000, 6000)
        base[(day, name)] = (reach, reach * 2 + rng.randint(0, 900), kind,
                             rng.randint(15, 40), rng.randint(2_000, 4_000) * 1000,
                             rng.randint(80, 200))

def meta_file(path, first, last, bump):
    lines = [header]
    for day in days(first, last):
        for name, _ in campaigns:
            reach, impr, kind, results, spend, clicks = base[(day, name)]
            if bump and day <= dt.date(2026, 8, 14):
                results += 1  # late-attributed results in the newer download
            ctr = f"{clicks / impr * 100:.2f}".replace(".", ",")
            d = day.strftime("%d/%m/%Y")
            lines.append(f'{name},{d},{d},{d},"{vnd(reach)}","{vnd(impr)}",{kind},{results},'
                         f'"{vnd(spend)}",{clicks},"{ctr}%"\n')
    lines.append('Tổng,,,,,,,,,,\n')
    with open(path, "w", encoding="utf-8-sig") as f:
        f.writelines(lines)

meta_file(out + "meta-ads-2026-08-01_2026-08-14.csv", dt.date(2026, 8, 1), dt.date(2026, 8, 14), False)
meta_file(out + "meta-ads-2026-08-08_2026-08-21.csv", dt.date(2026, 8, 8), dt.date(2026, 8, 21), True)

# Google Analytics 4, traffic acquisition by day, source / medium and landing page.
sources = [("l.facebook.com / referral", 90, 160), ("m.facebook.com / referral", 40, 80),
           ("pin.it / referral", 5, 20), ("t.co / referral", 2, 10),
           ("google / organic", 150, 260), ("(direct) / (none)", 60, 120)]
rows = ["# ----------------------------------------", "# Report CSV Export",
        "# Account: Cua hang Van Truot", "# Property: vantruot.vn",
        "# ----------------------------------------", "# ",
        "# Start date: 20260801", "# End date: 20260820",
        "Date,Session source / medium,Landing page,Sessions,Key events,Total revenue"]
for day in days(dt.date(2026, 8, 1), dt.date(2026, 8, 20)):
    for src, lo, hi in sources:
        for page in ("/san-pham-moi", "/"):
            sessions = rng.randint(lo, hi) // (1 if page == "/" else 2)
            events = sessions // rng.randint(15, 30)
            revenue = events * rng.choice([0, 450000, 890000])
            rows.append(f"{day:%Y%m%d},{src},{page},{sessions},{events},{revenue}")
with open(out + "ga4-traffic-acquisition.csv", "w", encoding="utf-8", newline="") as f:
    f.write("\r\n".join(rows) + "\r\n")

# TikTok analytics overview: every field quoted, dates without a year.
lines = ['"Date","Video Views","Profile Views","Likes","Comments","Shares"\n']
for day in days(dt.date(2026, 8, 1), dt.date(2026, 8, 20)):
    views = rng.randint(20000, 60000)
    lines.append(f'"{day:%B} {day.day}","{views}","{views // 300}","{views // 40}",'
                 f'"{views // 900}","{views // 1200}"\n')
with open(out + "tiktok/Overview.csv", "w", encoding="utf-8-sig") as f:
    f.writelines(lines)

# Google Ads campaign report in USD, with its title and date-range lines.
with open(out + "Campaign report.csv", "w", encoding="utf-8") as f:
    f.write('Campaign report\n"August 1, 2026 - August 20, 2026"\n')
    f.write("Campaign status,Campaign,Currency code,Impr.,Clicks,Cost,Conversions,Conv. rate\n")
    f.write('Enabled,Van truot - Search,USD,"48,210","2,310",1250.40,58.00,2.51%\n')
    f.write('Enabled,Back to school - PMax,USD,"120,400","1,820",980.10,31.00,1.70%\n')
    f.write('Total: Campaigns, --,USD,"168,610","4,130",2230.50,89.00,2.15%\n')
    f.write('Total: Account, --,USD,"168,610","4,130",2230.50,89.00,2.15%\n')

# Instagram content export from Meta Business Suite (English UI): one row per post,
# publish times month-first in the page's time zone. Reels posted in the evening do
# best; short captions slightly better than long ones.
kinds = [("IG image", 0.055), ("IG carousel", 0.075), ("IG reel", 0.11)]
captions = ["New deck drop", "Back to school sale: 20% off every complete board",
            "Kickflip tutorial part 2", "Wheel guide: hard or soft? Our team explains "
            "which wheels suit street, park and cruising, and why durometer matters",
            "Weekend session at the park", "Grip tape art", "Customer of the week"]
lines = ["Post ID,Account ID,Account username,Account name,Description,Duration (sec),"
         "Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,"
         "Follows,Comments,Saves\n"]
post = 0
for day in days(dt.date(2026, 8, 1), dt.date(2026, 8, 21)):
    for _ in range(rng.choice([1, 2, 3])):
        post += 1
        kind, rate = rng.choice(kinds)
        hour = rng.choice([8, 9, 12, 12, 13, 18, 19, 20, 20, 21])
        minute = rng.choice([0, 15, 30, 45])
        evening = 1.35 if hour >= 18 else 1.0
        reach = rng.randint(1500, 9000)
        engaged = int(reach * rate * evening * rng.uniform(0.8, 1.2))
        likes = int(engaged * 0.7)
        comments = int(engaged * 0.1)
        shares = int(engaged * 0.08)
        saves = engaged - likes - comments - shares
        duration = rng.choice([15, 30, 45, 75, 120]) if kind == "IG reel" else ""
        caption = rng.choice(captions)
        link = ("reel" if kind == "IG reel" else "p") + f"/C{post:04d}"
        lines.append(f'1790{post:04d},1784,vantruot.vn,Ván Trượt Sài Gòn,"{caption}",{duration},'
                     f'{day:%m/%d/%Y} {hour:02d}:{minute:02d},https://www.instagram.com/{link}/,'
                     f'{kind},,Lifetime,{reach * 2},{reach},{likes},{shares},'
                     f'{rng.randint(0, 12)},{comments},{saves}\n')
with open(out + "instagram-content-2026-08.csv", "w", encoding="utf-8-sig") as f:
    f.writelines(lines)

# TikTok follower activity: active followers by hour, dates without a year.
lines = ['"Date","Hour","Active followers"\n']
for day in days(dt.date(2026, 8, 15), dt.date(2026, 8, 21)):
    for hour in range(24):
        shape = {0: 0.3, 1: 0.15, 2: 0.1, 3: 0.08, 4: 0.08, 5: 0.12, 6: 0.3, 7: 0.5,
                 8: 0.55, 9: 0.5, 10: 0.5, 11: 0.6, 12: 0.8, 13: 0.7, 14: 0.55,
                 15: 0.55, 16: 0.6, 17: 0.7, 18: 0.85, 19: 0.95, 20: 1.0, 21: 0.95,
                 22: 0.75, 23: 0.5}[hour]
        lines.append(f'"{day:%B} {day.day}","{hour}","{int(4200 * shape * rng.uniform(0.9, 1.1))}"\n')
with open(out + "tiktok/FollowerActivity.csv", "w", encoding="utf-8-sig") as f:
    f.writelines(lines)

# Meltwater mentions export (UTF-16, tab-separated): the shop and a competitor.
texts = {
    "Positive": ["Ván Trượt Sài Gòn ship nhanh, ván xịn", "great boards at Van Truot Saigon",
                 "nhân viên Ván Trượt Sài Gòn tư vấn nhiệt tình"],
    "Neutral": ["Ván Trượt Sài Gòn có mở cửa Chủ Nhật không?", "Van Truot Saigon restock list"],
    "Negative": ["Ván Trượt Sài Gòn giao hàng chậm", "my order from Van Truot Saigon arrived damaged"],
    "Not Rated": ["Ván Trượt Sài Gòn livestream tối nay"],
}
header = ["Date", "Headline", "URL", "Opening Text", "Hit Sentence", "Source", "Influencer",
          "Country", "Language", "Reach", "Engagement", "AVE", "Sentiment", "Key Phrases",
          "Input Name", "Keywords"]
rows = ["\t".join(header)]
n = 0
for day in days(dt.date(2026, 8, 1), dt.date(2026, 8, 21)):
    for _ in range(rng.randint(3, 9)):
        n += 1
        brand = rng.choices(["Ván Trượt Sài Gòn", "Board House"], [0.6, 0.4])[0]
        sentiment = rng.choices(["Positive", "Neutral", "Negative", "Not Rated"],
                                [0.5, 0.25, 0.15, 0.1])[0]
        text = rng.choice(texts[sentiment])
        if brand == "Board House":
            text = text.replace("Ván Trượt Sài Gòn", "Board House").replace("Van Truot Saigon", "Board House")
        source = rng.choice(["Facebook", "Twitter", "TikTok", "News"])
        stamp = f"{day.day:02d}-{day:%b}-{day.year} {rng.randint(1, 12):02d}:{rng.choice(['05', '20', '45'])}{rng.choice(['AM', 'PM'])}"
        rows.append("\t".join([stamp, "", f"https://social.example/m/{n}", "", text, source, "",
                               "Vietnam", "Vietnamese", str(rng.randint(100, 20000)),
                               str(rng.randint(0, 300)), "0", sentiment, "", brand, "ván trượt"]))
with open(out + "meltwater-mentions-2026-08.csv", "wb") as f:
    f.write(b"\xff\xfe" + ("\r\n".join(rows) + "\r\n").encode("utf-16-le"))
