// Checks self-contained HTML reports in headless Chromium. Run via scripts/browser-check,
// which installs Chromium and playwright-core and sets NODE_PATH (CommonJS honours it, ESM doesn't).
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

async function checkFile(browser, outDir, lang, file) {
  // A Set: each viewport loads the page again, so load-time errors would otherwise repeat.
  const failures = new Set();
  const shots = {};
  const url = 'file://' + path.resolve(file);
  if (!fs.existsSync(file)) return { failures: [`file not found: ${file}`], shots };

  for (const vp of VIEWPORTS) {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    // Abort rather than let requests go out: a self-contained page must make none, and
    // aborting keeps the check fast and offline.
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith('file:') || u.startsWith('data:')) return route.continue();
      failures.add(`network request: ${u}`);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') failures.add(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => failures.add(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      const u = r.url();
      // Non-local requests were already reported (and aborted) by the route above.
      if (u.startsWith('file:') || u.startsWith('data:')) failures.add(`request failed: ${u} (${r.failure()?.errorText})`);
    });

    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);

    if (vp.name === 'desktop') {
      const info = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title.trim(),
        svgs: document.querySelectorAll('svg').length,
      }));
      if (info.lang !== lang) failures.add(`<html lang> is ${JSON.stringify(info.lang)}, expected ${JSON.stringify(lang)}`);
      if (!info.title) failures.add('missing or empty <title>');
      if (info.svgs === 0) failures.add('no <svg> element');
    } else {
      const overflow = await page.evaluate(() => {
        const limit = window.innerWidth + 1;
        const scrollWidth = document.documentElement.scrollWidth;
        if (scrollWidth <= limit) return null;
        let worst = null;
        for (const el of document.body.querySelectorAll('*')) {
          const right = el.getBoundingClientRect().right;
          if (right > limit && (!worst || right > worst.right)) {
            const cls = typeof el.className === 'string' ? el.className : el.getAttribute('class') || '';
            worst = { right, desc: el.tagName.toLowerCase() + (cls.trim() ? '.' + cls.trim().split(/\s+/).join('.') : '') };
          }
        }
        return { scrollWidth, inner: window.innerWidth, worst };
      });
      if (overflow) {
        const who = overflow.worst ? `widest: <${overflow.worst.desc}> right edge ${Math.round(overflow.worst.right)}px` : 'no single element found';
        failures.add(`horizontal overflow at ${vp.width}px: scrollWidth ${overflow.scrollWidth} > ${overflow.inner} (${who})`);
      }
    }

    const shot = path.join(outDir, `${path.basename(file, path.extname(file))}-${vp.name}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    shots[vp.name] = shot;
    await context.close();
  }
  return { failures: [...failures], shots };
}

async function main() {
  const [outDir, ...pairs] = process.argv.slice(2);
  if (!outDir || pairs.length === 0 || pairs.some((p) => !/^[^=]+=.+/.test(p))) {
    console.error('usage: browser-check OUT_DIR LANG=FILE.html [LANG=FILE.html ...]');
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let failed = false;
  try {
    for (const pair of pairs) {
      const i = pair.indexOf('=');
      const lang = pair.slice(0, i);
      const file = pair.slice(i + 1);
      const { failures, shots } = await checkFile(browser, outDir, lang, file);
      if (failures.length === 0) {
        console.log(`ok ${lang} ${file} (desktop: ${shots.desktop}, phone: ${shots.phone})`);
      } else {
        failed = true;
        console.log(`FAIL ${lang} ${file}`);
        for (const f of failures) console.log(`  - ${f}`);
      }
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
