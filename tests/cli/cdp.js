/* Headless Chromium driven over the DevTools protocol on a pipe
 * (--remote-debugging-pipe: JSON messages separated by NUL on file
 * descriptors 3 and 4), with Node's built-in modules only. Shared by the
 * browser tests (report_browser.js, serve_browser.js).
 *
 *   const b = cdp.launch(CHROMIUM, { width, height });
 *   await b.send(method, params, sessionId); b.waitFor(method, sessionId, ms);
 *   b.listen((msg) => ...); b.open(url) -> { targetId, sessionId } with
 *   Runtime, Log, Network and Page enabled and the given viewport;
 *   b.close(code) ends the browser, removes its profile and exits. */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

function launch(chromium, size) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'brink-chromium-'));
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-extensions', '--mute-audio',
    '--user-data-dir=' + profile, '--window-size=' + size.width + ',' + size.height,
    '--remote-debugging-pipe', 'about:blank'
  ];
  const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const b = { child, stderr: '', listeners: [] };
  child.stderr.on('data', (d) => { b.stderr += d; });
  const toBrowser = child.stdio[3];
  let nextId = 1;
  const pending = new Map();
  let buf = Buffer.alloc(0);
  child.stdio[4].on('data', (chunk) => {
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
        b.listeners.forEach((l) => l(msg));
      }
    }
  });
  b.send = (method, params, sessionId) => {
    const id = nextId++;
    const msg = { id, method, params: params || {} };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, method });
      toBrowser.write(JSON.stringify(msg) + '\0');
    });
  };
  b.listen = (fn) => b.listeners.push(fn);
  b.waitFor = (method, sessionId, ms) => new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout waiting for ' + method)), ms);
    b.listen((m) => {
      if (m.method === method && m.sessionId === sessionId) { clearTimeout(t); resolve(m.params); }
    });
  });
  b.open = async () => {
    const { targetId } = await b.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await b.send('Target.attachToTarget', { targetId, flatten: true });
    return { targetId, sessionId };
  };
  b.enable = async (sessionId) => {
    for (const d of ['Runtime', 'Log', 'Network', 'Page'])
      await b.send(d + '.enable', {}, sessionId);
    await b.send('Emulation.setDeviceMetricsOverride',
                 { width: size.width, height: size.height, deviceScaleFactor: 1, mobile: false },
                 sessionId);
  };
  /* Console errors, uncaught exceptions, error log entries and failed
   * requests of one tab go to problems; every request URL to requests. */
  b.watch = (sessionId, problems, requests) => b.listen((m) => {
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
    } else if (m.method === 'Network.loadingFailed' && !p.canceled) {
      problems.push('failed request: ' + p.errorText + ' ' + (p.requestId || ''));
    }
  });
  b.close = (code) => {
    try { child.kill('SIGKILL'); } catch (e) { /* already gone */ }
    try { fs.rmSync(profile, { recursive: true, force: true }); } catch (e) { /* ignore */ }
    process.exit(code);
  };
  return b;
}

module.exports = { launch };
