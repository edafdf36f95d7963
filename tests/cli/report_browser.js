#!/usr/bin/env node
/* Opens a brink report in headless Chromium and checks it, using the
 * DevTools protocol over a pipe (--remote-debugging-pipe: JSON messages
 * separated by NUL on file descriptors 3 and 4) with Node's built-in
 * modules only.
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
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const chromium = process.argv[2];
const jobs = [];
for (let i = 3; i + 2 < process.argv.length; i += 3)
  jobs.push({ report: process.argv[i], shot: process.argv[i + 1], min: Number(process.argv[i + 2]) });
if (!chromium || !jobs.length) {
  console.error('usage: report_browser.js CHROMIUM REPORT.html SCREENSHOT.png MIN_CHARTS [...]');
  process.exit(2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'brink-chromium-'));
let problems = [];
let requests = [];

const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--mute-audio',
  '--user-data-dir=' + profile, '--window-size=1400,4000', '--remote-debugging-pipe',
  'about:blank'
];
const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => { stderr += d; });
const toBrowser = child.stdio[3];
const fromBrowser = child.stdio[4];

let nextId = 1;
const pending = new Map();
const listeners = [];
let buf = Buffer.alloc(0);
fromBrowser.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  let i;
  while ((i = buf.indexOf(0)) >= 0) {
    const msg = JSON.parse(buf.subarray(0, i).toString('utf8'));
    buf = buf.subarray(i + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject, method } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(method + ': ' + JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else if (msg.method) {
      listeners.forEach((l) => l(msg));
    }
  }
});

function send(method, params, sessionId) {
  const id = nextId++;
  const msg = { id, method, params: params || {} };
  if (sessionId) msg.sessionId = sessionId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, method });
    toBrowser.write(JSON.stringify(msg) + '\0');
  });
}
function waitFor(method, sessionId, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout waiting for ' + method)), ms);
    listeners.push((m) => {
      if (m.method === method && m.sessionId === sessionId) { clearTimeout(t); resolve(m.params); }
    });
  });
}

function cleanup(code) {
  try { child.kill('SIGKILL'); } catch (e) { /* already gone */ }
  try { fs.rmSync(profile, { recursive: true, force: true }); } catch (e) { /* ignore */ }
  process.exit(code);
}
const watchdog = setTimeout(() => {
  console.error('FAIL: timed out; chromium stderr:\n' + stderr.slice(-2000));
  cleanup(1);
}, 90000);
child.on('error', (e) => { console.error('FAIL: cannot start ' + chromium + ': ' + e.message); cleanup(1); });

async function check(report, shot, minCharts) {
  problems = [];
  requests = [];
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  listeners.push((m) => {
    if (m.sessionId !== sessionId) return;
    const p = m.params;
    if (m.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
      problems.push('console ' + p.type + ': ' + p.args.map((a) => a.value || a.description).join(' '));
    } else if (m.method === 'Runtime.exceptionThrown') {
      const d = p.exceptionDetails;
      problems.push('uncaught exception: ' + (d.exception && d.exception.description || d.text));
    } else if (m.method === 'Log.entryAdded' && p.entry.level === 'error') {
      problems.push('log error: ' + p.entry.text + (p.entry.url ? ' (' + p.entry.url + ')' : ''));
    } else if (m.method === 'Network.requestWillBeSent') {
      requests.push(p.request.url);
      if (!/^(file|data|about|blob):/.test(p.request.url))
        problems.push('network request: ' + p.request.url);
    } else if (m.method === 'Network.loadingFailed') {
      problems.push('failed request: ' + p.errorText + ' ' + (p.requestId || ''));
    }
  });
  await send('Runtime.enable', {}, sessionId);
  await send('Log.enable', {}, sessionId);
  await send('Network.enable', {}, sessionId);
  await send('Page.enable', {}, sessionId);
  await send('Emulation.setDeviceMetricsOverride',
             { width: 1400, height: 4000, deviceScaleFactor: 1, mobile: false }, sessionId);
  const loaded = waitFor('Page.loadEventFired', sessionId, 60000);
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
  console.error('FAIL: ' + e.message + '\nchromium stderr:\n' + stderr.slice(-2000));
  clearTimeout(watchdog);
  cleanup(1);
});
