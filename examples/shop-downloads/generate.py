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
