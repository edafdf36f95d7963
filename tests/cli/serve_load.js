#!/usr/bin/env node
/* Load on `brink serve` over loopback: CLIENTS pages, each moving a lever
 * as fast as the answers come, for SECONDS. A page posts a run, polls it,
 * and now and then moves on after the first answer (its next request makes
 * the job stale, as a dragged slider does). Refusals for the job limit (429)
 * are waited out and counted.
 *
 * usage: node serve_load.js URL SERVER_PID SECONDS CLIENTS
 *
 * Fails (exit 1) on a connection error, an answer other than 200, 202 or
 * 429, or a server that is gone. Prints the counts, latency percentiles
 * (from the lever's move, refusals included, to the first answer and to
 * the last stage) and the server's resident memory after a warm-up (40% of
 * the time) and at the end, as "rss_kb: WARM END". */
'use strict';
const http = require('http');
const fs = require('fs');

const [url, pidArg, secArg, clientsArg] = process.argv.slice(2);
const pid = Number(pidArg), seconds = Number(secArg), nclients = Number(clientsArg);
if (!url || !pid || !(seconds > 0) || !(nclients > 0)) {
  console.error('usage: serve_load.js URL SERVER_PID SECONDS CLIENTS');
  process.exit(2);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: nclients * 2 });
const problems = [];
const counts = { posted: 0, accepted: 0, refused: 0, polls: 0, done: 0, moved_on: 0 };
const first = [], last = [];
let seed = 12345;
function rand() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function request(method, path, body) {
  return new Promise((resolve) => {
    const req = http.request(url + path, { method, agent, headers: body ? { 'Content-Type': 'application/json' } : {} },
      (res) => {
        let data = '';
        res.on('data', (d) => { data += d; });
        res.on('end', () => resolve({ status: res.statusCode, data }));
      });
    req.on('error', (e) => resolve({ status: 0, data: e.message }));
    if (body) req.write(body);
    req.end();
  });
}

function rssKb() {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'));
    return m ? Number(m[1]) : -1;
  } catch (e) { return -1; }
}

function bad(what) { if (problems.length < 20) problems.push(what); }

async function client(i, deadline) {
  let t0 = 0; /* the lever's move: the first attempt, refusals included */
  while (Date.now() < deadline) {
    const set = {};
    set['target.resolve'] = Math.round((rand() * 4 - 1) * 100) / 100;
    const body = JSON.stringify({ client: 'load' + i, runs: 2000 + Math.floor(rand() * 4) * 1024,
                                  seed: 1 + (i % 3), set });
    if (!t0) t0 = Date.now();
    counts.posted++;
    const r = await request('POST', '/api/run', body);
    if (r.status === 429) { counts.refused++; await sleep(50 + rand() * 150); continue; }
    if (r.status !== 202) { bad('POST /api/run: ' + r.status + ' ' + r.data.slice(0, 200)); await sleep(100); continue; }
    counts.accepted++;
    const id = JSON.parse(r.data).job;
    const moveOn = rand() < 0.3;
    let gotFirst = false;
    for (;;) {
      await sleep(40);
      const p = await request('GET', '/api/job?id=' + id);
      counts.polls++;
      if (p.status !== 200) { bad('GET /api/job: ' + p.status + ' ' + p.data.slice(0, 200)); break; }
      const j = JSON.parse(p.data);
      if (j.result && !gotFirst) { gotFirst = true; first.push(Date.now() - t0); }
      if (j.state === 'done') { counts.done++; last.push(Date.now() - t0); break; }
      if (j.state !== 'running') break;
      if (gotFirst && moveOn) { counts.moved_on++; break; }
    }
    t0 = 0;
  }
}

function pcts(a) {
  if (!a.length) return 'none';
  const s = a.slice().sort((x, y) => x - y);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return 'n ' + s.length + ', p50 ' + q(0.5) + ' ms, p90 ' + q(0.9) + ' ms, p99 ' + q(0.99) + ' ms, max ' + s[s.length - 1] + ' ms';
}

async function main() {
  const start = Date.now(), deadline = start + seconds * 1000;
  const warmAt = start + seconds * 400; /* 40% of the time: the kept results are there */
  let warm = -1, peak = 0;
  const sampler = setInterval(() => {
    const r = rssKb();
    if (r < 0) bad('the server (pid ' + pid + ') is gone');
    peak = Math.max(peak, r);
    if (warm < 0 && Date.now() >= warmAt) warm = r;
  }, 200);
  await Promise.all(Array.from({ length: nclients }, (_, i) => client(i, deadline)));
  clearInterval(sampler);
  await sleep(1500); /* the last jobs end */
  const end = rssKb();
  if (end < 0) bad('the server (pid ' + pid + ') is gone');
  console.log('clients: ' + nclients + ', seconds: ' + seconds);
  console.log('requests: ' + JSON.stringify(counts));
  console.log('first answer: ' + pcts(first));
  console.log('last stage: ' + pcts(last));
  console.log('rss_kb: ' + warm + ' ' + end + ' (peak ' + peak + ')');
  problems.forEach((p) => console.error('FAIL: ' + p));
  agent.destroy();
  return problems.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error('FAIL: ' + e.stack); process.exit(1); });
