// Element screenshots for the README (run by scripts/screenshots).
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [work, out] = process.argv.slice(2);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function shot(browser, file, width, selector, target, clipHeight) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto('file://' + path.resolve(work, file), { waitUntil: 'load' });
  const element = await page.$(selector);
  if (!element) throw new Error(`${file}: no ${selector}`);
  const box = await element.boundingBox();
  const clip = { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, clipHeight || box.height) };
  await page.screenshot({ path: path.join(out, target), clip, fullPage: true });
  console.log(`${target}: ${file} ${selector} at ${width}px`);
  await page.close();
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    await shot(browser, 'terminal.html', 1500, 'pre', 'terminal-report.png', 1400);
    await shot(browser, 'report.en.html', 1280, '#goals', 'html-report-desktop.png', 1300);
    await shot(browser, 'report.en.html', 1280, '#insights', 'html-report-insights.png', 1400);
    await shot(browser, 'report.vi.html', 390, 'body', 'html-report-phone-vi.png', 1500);
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
