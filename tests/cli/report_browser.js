#!/usr/bin/env node
/* Opens a brink report in headless Chromium and checks it, using the
 * DevTools protocol over a pipe (cdp.js) with Node's built-in modules only.
 *
 * usage: node report_browser.js CHROMIUM REPORT.html SCREENSHOT.png MIN_CHARTS [REPORT SHOT MIN]...
 *
 * Each report opens in a new tab of one browser.
 * Fails (exit 1) on: a console error, an uncaught exception, a failed
 * request, any request that is not file: or data: (the report must not
 * fetch anything), a report status other than "ok", fewer than MIN_CHARTS
 * charts, or a chart with no data, no size or no painted pixels. Saves a
 * full-page screenshot (1400 px wide). Prints what it checked. */
'use strict';
const fs = require('fs');
const path = require('path');
const cdp = require('./cdp.js');

const chromium = process.argv[2];
const jobs = [];
for (let i = 3; i + 2 < process.argv.length; i += 3)
  jobs.push({ report: process.argv[i], shot: process.argv[i + 1], min: Number(process.argv[i + 2]) });
if (!chromium || !jobs.length) {
  console.error('usage: report_browser.js CHROMIUM REPORT.html SCREENSHOT.png MIN_CHARTS [...]');
  process.exit(2);
}
let problems = [];
let requests = [];
const browser = cdp.launch(chromium, { width: 1400, height: 4000 });
const send = browser.send;
const cleanup = browser.close;
const watchdog = setTimeout(() => {
  console.error('FAIL: timed out; chromium stderr:\n' + browser.stderr.slice(-2000));
  cleanup(1);
}, 90000);
browser.child.on('error', (e) => { console.error('FAIL: cannot start ' + chromium + ': ' + e.message); cleanup(1); });

async function check(report, shot, minCharts) {
  problems = [];
  requests = [];
  const { targetId, sessionId } = await browser.open();
  const found = [], urls = [];
  browser.watch(sessionId, found, urls);
  /* the report must not fetch anything: only file: and data: requests */
  problems = found;
  requests = urls;
  await browser.enable(sessionId);
  const loaded = browser.waitFor('Page.loadEventFired', sessionId, 60000);
  const url = 'file://' + path.resolve(report);
  const nav = await send('Page.navigate', { url }, sessionId);
  if (nav.errorText) problems.push('navigation failed: ' + nav.errorText);
  await loaded;
  await new Promise((r) => setTimeout(r, 300));

  const probe = `(() => {
    const b = document.body.dataset;
    const charts = Object.values(Chart.instances).map((c) => {
      let points = 0;
      c.data.datasets.forEach((ds) => (ds.data || []).forEach((p) => {
        const y = (p && typeof p === 'object') ? p.y : p;
        if (typeof y === 'number' && isFinite(y)) points++;
      }));
      let painted = 0;
      try {
        const ctx = c.canvas.getContext('2d');
        const img = ctx.getImageData(0, 0, c.canvas.width, c.canvas.height).data;
        for (let i = 3; i < img.length; i += 4 * 7) if (img[i] > 0) painted++;
      } catch (e) { painted = -1; }
      const xs = c.options.scales && c.options.scales.x, ys = c.options.scales && c.options.scales.y;
      return { id: c.canvas.id || c.canvas.closest('figure').querySelector('h3').textContent,
               datasets: c.data.datasets.length, points, painted,
               width: c.width, height: c.height,
               xTitle: xs && xs.title && xs.title.display ? xs.title.text : '',
               yTitle: ys && ys.title && ys.title.display ? ys.title.text : '',
               legend: c.legend ? c.legend.legendItems.length : 0 };
    });
    const scripts = Array.from(document.scripts).map((s) => s.src).filter((s) => s);
    const links = Array.from(document.querySelectorAll('[href],[src]')).map((e) => e.getAttribute('href') || e.getAttribute('src'))
      .filter((h) => h && !h.startsWith('#'));
    return JSON.stringify({ status: b.reportStatus, total: +b.chartsTotal, rendered: +b.chartsRendered,
      empty: b.chartsEmpty, charts, scripts, links, height: document.documentElement.scrollHeight,
      findings: document.querySelectorAll('#findings li').length,
      date: (document.getElementById('report-date') || {}).textContent });
  })()`;
  const ev = await send('Runtime.evaluate', { expression: probe, returnByValue: true }, sessionId);
  if (ev.exceptionDetails) throw new Error('probe failed: ' + JSON.stringify(ev.exceptionDetails));
  const r = JSON.parse(ev.result.value);

  requests.filter((u) => !/^(file|data|about|blob):/.test(u))
    .forEach((u) => problems.push('network request: ' + u));
  if (r.status !== 'ok') problems.push('report status: ' + r.status);
  if (!(r.total >= minCharts)) problems.push('only ' + r.total + ' charts, expected at least ' + minCharts);
  if (r.rendered !== r.total) problems.push('charts without data: ' + r.empty);
  if (r.scripts.length) problems.push('external scripts: ' + r.scripts.join(' '));
  if (r.links.length) problems.push('external links or sources: ' + r.links.join(' '));
  if (r.findings < 3) problems.push('only ' + r.findings + ' key findings');
  r.charts.forEach((c) => {
    if (!(c.datasets > 0 && c.points > 0)) problems.push('chart ' + c.id + ': no data');
    if (!(c.width > 0 && c.height > 0)) problems.push('chart ' + c.id + ': no size');
    if (!(c.painted > 50)) problems.push('chart ' + c.id + ': nothing painted (' + c.painted + ')');
    if (!c.xTitle || !c.yTitle) problems.push('chart ' + c.id + ': an axis without a title');
    if (c.legend < 1) problems.push('chart ' + c.id + ': no legend');
  });

  /* Make the viewport as tall as the page first, and let the charts settle,
   * so that nothing is resized (and redrawn) while the picture is taken. */
  const metrics = await send('Page.getLayoutMetrics', {}, sessionId);
  const h = Math.min(16000, Math.ceil(metrics.cssContentSize ? metrics.cssContentSize.height : r.height));
  await send('Emulation.setDeviceMetricsOverride',
             { width: 1400, height: h, deviceScaleFactor: 1, mobile: false }, sessionId);
  await new Promise((res) => setTimeout(res, 500));
  const png = await send('Page.captureScreenshot', {
    format: 'png', clip: { x: 0, y: 0, width: 1400, height: h, scale: 1 }
  }, sessionId);
  fs.writeFileSync(shot, Buffer.from(png.data, 'base64'));
  if (process.env.REPORT_SHOT_PARTS) {
    /* also the page in slices of 1400 x 1800, for reading at full size */
    for (let y = 0, k = 1; y < h; y += 1800, k++) {
      const part = await send('Page.captureScreenshot', {
        format: 'png',
        clip: { x: 0, y, width: 1400, height: Math.min(1800, h - y), scale: 1 }
      }, sessionId);
      fs.writeFileSync(shot.replace(/\.png$/, '') + '.part' + k + '.png', Buffer.from(part.data, 'base64'));
    }
  }

  console.log('report: ' + report);
  console.log('charts: ' + r.rendered + ' of ' + r.total + ' with data; page height ' + h + ' px');
  r.charts.forEach((c) => console.log('  ' + c.id + ': ' + c.datasets + ' datasets, ' + c.points +
    ' points, ' + c.width + 'x' + c.height + ', x "' + c.xTitle + '", y "' + c.yTitle + '"'));
  console.log('requests: ' + requests.length + ' (' + requests.map((u) => u.split(':')[0]).join(',') + ')');
  console.log('screenshot: ' + shot);
  await send('Target.closeTarget', { targetId });
  if (problems.length) {
    problems.forEach((p) => console.error('FAIL: ' + report + ': ' + p));
    return 1;
  }
  return 0;
}

async function main() {
  let failed = 0;
  for (const j of jobs) failed += await check(j.report, j.shot, j.min);
  return failed ? 1 : 0;
}

main().then((code) => { clearTimeout(watchdog); cleanup(code); }, (e) => {
  console.error('FAIL: ' + e.message + '\nchromium stderr:\n' + browser.stderr.slice(-2000));
  clearTimeout(watchdog);
  cleanup(1);
});
