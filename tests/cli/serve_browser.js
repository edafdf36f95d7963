#!/usr/bin/env node
/* Drives the lab of `brink serve` in headless Chromium (cdp.js).
 *
 * usage: node serve_browser.js CHROMIUM URL SCREENSHOT.png BROKEN.yaml WHERE
 *
 * Loads the page and waits for its first complete answer; moves a slider
 * and measures, in the page, the time until the outcome chart's data change
 * (must be under a second, or BRINK_SERVE_SLIDER_MS); waits for the last stage and saves a screenshot
 * (1400 px wide); uploads BROKEN.yaml and waits for the inline message, which
 * must hold WHERE (e.g. "upload.yaml:5:15"). Fails (exit 1) on any console
 * error, uncaught exception, failed request, or request to anything but the
 * server. Prints what it measured. */
'use strict';
const fs = require('fs');
const cdp = require('./cdp.js');

const [chromium, url, shot, broken, where] = process.argv.slice(2);
if (!where) {
  console.error('usage: serve_browser.js CHROMIUM URL SCREENSHOT.png BROKEN.yaml WHERE');
  process.exit(2);
}
const origin = new URL(url).origin;
/* a second on an idle machine; BRINK_SERVE_SLIDER_MS for a loaded one */
const limitMs = Number(process.env.BRINK_SERVE_SLIDER_MS || 1000);
const W = 1400, H = 2200;
const b = cdp.launch(chromium, { width: W, height: H });
const problems = [], requests = [];
const watchdog = setTimeout(() => {
  console.error('FAIL: timed out; chromium stderr:\n' + b.stderr.slice(-2000));
  b.close(1);
}, 600000);

async function evaluate(sessionId, expression) {
  const ev = await b.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true },
                          sessionId);
  if (ev.exceptionDetails) throw new Error('in the page: ' + JSON.stringify(ev.exceptionDetails));
  return ev.result.value;
}

/* resolves when the page's status is one of `states` (within ms) */
function status(sessionId, states, ms) {
  return evaluate(sessionId, `new Promise((ok, no) => {
    const t0 = performance.now();
    (function look() {
      const s = document.body.dataset.labStatus;
      if (${JSON.stringify(states)}.includes(s)) return ok(s);
      if (performance.now() - t0 > ${ms}) return no(new Error('status ' + s + ' after ${ms} ms'));
      setTimeout(look, 20);
    })();
  })`);
}

async function main() {
  const { targetId, sessionId } = await b.open();
  b.watch(sessionId, problems, requests);
  await b.enable(sessionId);
  const loaded = b.waitFor('Page.loadEventFired', sessionId, 120000);
  const nav = await b.send('Page.navigate', { url }, sessionId);
  if (nav.errorText) problems.push('navigation failed: ' + nav.errorText);
  await loaded;
  await status(sessionId, ['done'], 240000);
  const first = await evaluate(sessionId, `({ runs: document.body.dataset.runsDone,
    charts: Object.keys(Chart.instances).length, sliders: document.querySelectorAll('#sliders input[type=range]').length })`);
  console.log('loaded: ' + first.runs + ' runs, ' + first.charts + ' charts, ' + first.sliders + ' sliders');
  if (!(first.charts >= 6)) problems.push('only ' + first.charts + ' charts');
  if (!(first.sliders >= 5)) problems.push('only ' + first.sliders + ' sliders');

  /* move the target's resolve (or the first slider) to the end of its range */
  const moved = await evaluate(sessionId, `new Promise((ok) => {
    const sig = () => JSON.stringify(Object.values(Chart.instances).find((c) => c.canvas.id === 'chart-outcomes').data.datasets.map((d) => d.data));
    const before = sig();
    const el = document.querySelector('#sliders [data-path="target.resolve"] input[type=range]') ||
               document.querySelector('#sliders input[type=range]');
    const path = el.closest('.lever').dataset.path;
    el.value = Number(el.value) > (Number(el.min) + Number(el.max)) / 2 ? el.min : el.max;
    const t0 = performance.now();
    el.dispatchEvent(new Event('input', { bubbles: true }));
    (function look() {
      if (sig() !== before) return ok({ path, value: el.value, ms: performance.now() - t0, hash: location.hash });
      if (performance.now() - t0 > 10000) return ok({ path, value: el.value, ms: -1 });
      setTimeout(look, 5);
    })();
  })`);
  if (moved.ms < 0) problems.push('the charts did not change within 10 s of moving ' + moved.path);
  else if (moved.ms >= limitMs) problems.push('the charts changed ' + moved.ms.toFixed(0) + ' ms after moving ' + moved.path + ' (at most ' + limitMs + ')');
  if (!moved.hash || !moved.hash.includes('set.' + moved.path + '=')) problems.push('the URL does not hold the lever: ' + moved.hash);
  console.log('slider: ' + moved.path + ' -> ' + moved.value + '; charts changed after ' + moved.ms.toFixed(0) + ' ms');
  await status(sessionId, ['done'], 240000);
  console.log('status: ' + await evaluate(sessionId, `document.getElementById('status').textContent`));

  const metrics = await b.send('Page.getLayoutMetrics', {}, sessionId);
  const h = Math.min(6000, Math.ceil(metrics.cssContentSize.height));
  await b.send('Emulation.setDeviceMetricsOverride', { width: W, height: h, deviceScaleFactor: 1, mobile: false }, sessionId);
  await new Promise((r) => setTimeout(r, 400));
  const png = await b.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: W, height: h, scale: 1 } }, sessionId);
  fs.writeFileSync(shot, Buffer.from(png.data, 'base64'));
  console.log('screenshot: ' + shot + ' (' + W + 'x' + h + ')');

  const doc = await b.send('DOM.getDocument', {}, sessionId);
  const { nodeId } = await b.send('DOM.querySelector', { nodeId: doc.root.nodeId, selector: '#upload' }, sessionId);
  await b.send('DOM.setFileInputFiles', { files: [broken], nodeId }, sessionId);
  await status(sessionId, ['upload-error'], 120000);
  const msg = await evaluate(sessionId, `(() => { const e = document.getElementById('upload-errors');
    return { hidden: e.hidden, text: e.textContent }; })()`);
  if (msg.hidden || !msg.text.includes(where)) problems.push('the upload error does not show ' + where + ': ' + JSON.stringify(msg));
  console.log('upload error: ' + msg.text.split('\n')[0]);

  const outside = requests.filter((u) => !u.startsWith(origin + '/') && !/^(data|blob|about):/.test(u));
  outside.forEach((u) => problems.push('request outside the server: ' + u));
  console.log('requests: ' + requests.length + ', all to ' + origin + (outside.length ? ' except ' + outside.length : ''));
  await b.send('Target.closeTarget', { targetId });
  problems.forEach((p) => console.error('FAIL: ' + p));
  return problems.length ? 1 : 0;
}

main().then((code) => { clearTimeout(watchdog); b.close(code); }, (e) => {
  console.error('FAIL: ' + e.message + '\nchromium stderr:\n' + b.stderr.slice(-2000));
  clearTimeout(watchdog);
  b.close(1);
});
