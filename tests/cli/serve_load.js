#!/usr/bin/env node
/* Load on `brink serve` over loopback: CLIENTS pages, each moving a lever
 * as fast as the answers come, for SECONDS. A page posts a run, polls it,
 * and now and then moves on after the first answer (its next request makes
 * the job stale, as a dragged slider does). Refusals for the job limit (429)
 * are waited out and counted.
 *
 * usage: node serve_load.js URL SERVER_PID SECONDS CLIENTS [WARM_JOBS]
 *
 * Fails (exit 1) on a connection error, an answer other than 200, 202 or
 * 429 (or 404 for a job polled after its end, once its slot was reused),
 * or a server that is gone. Prints the counts, latency percentiles
 * (from the lever's move, refusals included, to the first answer and to
 * the last stage) and the server's memory, idle both times, after a
 * warm-up of WARM_JOBS (40) small jobs, which fills the server's job table
 * and kept results, and at the end: the heap in use (GET /api/status) as
 * "heap_kb: WARM END", the resident size as "rss_kb: WARM END (peak P)". */
'use strict';
const http = require('http');
const fs = require('fs');

const [url, pidArg, secArg, clientsArg, warmArg] = process.argv.slice(2);
const warmJobs = Number(warmArg || 40);
const pid = Number(pidArg), seconds = Number(secArg), nclients = Number(clientsArg);
if (!url || !pid || !(seconds > 0) || !(nclients > 0)) {
  console.error('usage: serve_load.js URL SERVER_PID SECONDS CLIENTS');
  process.exit(2);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: nclients * 2 });
const problems = [];
const counts = { warm_done: 0, dropped: 0, posted: 0, accepted: 0, refused: 0, polls: 0, done: 0, moved_on: 0 };
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

/* Waits until no worker of the server runs (stopped jobs end a little
 * after the request that stopped them), then returns the heap in use, in
 * kB, from GET /api/status (-1 when it does not say). */
async function idleHeapKb()
{
    for (let waited = 0;; waited += 50) {
        const r = await request('GET', '/api/status');
        if (r.status !== 200) {
            bad('GET /api/status: ' + r.status + ' ' + r.data.slice(0, 200));
            return -1;
        }
        const st = JSON.parse(r.data);
        if (st.jobs.running === 0) {
            const b = st.memory.heap_in_use_bytes;
            return typeof b === 'number' ? Math.round(b / 1024) : -1;
        }
        if (waited > 60000) {
            bad('the server still runs ' + st.jobs.running + ' jobs a minute after the load');
            return -1;
        }
        await sleep(50);
    }
}

function bad(what) { if (problems.length < 20) problems.push(what); }

/* Warm-up: small jobs, each polled to its end, until `target` jobs are
 * done (every slot of the server's job table used), so that memory is
 * measured in the steady state. */
async function warmup(i, target) {
  while (counts.warm_done < target) {
    const r = await request('POST', '/api/run', JSON.stringify({ client: 'warm' + i, runs: 1024, seed: i }));
    if (r.status === 429) { await sleep(50 + rand() * 100); continue; }
    if (r.status !== 202) { bad('warm-up POST /api/run: ' + r.status + ' ' + r.data.slice(0, 200)); return; }
    if (!(await settle(JSON.parse(r.data).job))) return;
    counts.warm_done++;
  }
}

/* polls a job until it is no longer running */
async function settle(id) {
  for (;;) {
    const p = await request('GET', '/api/job?id=' + id);
    if (p.status === 404) { counts.dropped++; return true; } /* finished, and its slot reused */
    if (p.status !== 200) { bad('GET /api/job: ' + p.status + ' ' + p.data.slice(0, 200)); return false; }
    if (JSON.parse(p.data).state !== 'running') return true;
    await sleep(40);
  }
}

async function client(i, deadline) {
  let t0 = 0, lastId = 0; /* the lever's move: the first attempt, refusals included */
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
    lastId = id;
    const moveOn = rand() < 0.3;
    let gotFirst = false;
    for (;;) {
      await sleep(40);
      const p = await request('GET', '/api/job?id=' + id);
      counts.polls++;
      if (p.status === 404) { counts.dropped++; break; } /* finished, and its slot reused */
      if (p.status !== 200) { bad('GET /api/job: ' + p.status + ' ' + p.data.slice(0, 200)); break; }
      const j = JSON.parse(p.data);
      if (j.result && !gotFirst) { gotFirst = true; first.push(Date.now() - t0); }
      if (j.state === 'done') { counts.done++; last.push(Date.now() - t0); break; }
      if (j.state !== 'running') break;
      if (gotFirst && moveOn) { counts.moved_on++; break; }
    }
    t0 = 0;
  }
  if (lastId) await settle(lastId); /* the server is idle at the end */
}

function pcts(a) {
  if (!a.length) return 'none';
  const s = a.slice().sort((x, y) => x - y);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return 'n ' + s.length + ', p50 ' + q(0.5) + ' ms, p90 ' + q(0.9) + ' ms, p99 ' + q(0.99) + ' ms, max ' + s[s.length - 1] + ' ms';
}

async function main() {
  let peak = 0;
  const sampler = setInterval(() => {
    const r = rssKb();
    if (r < 0) bad('the server (pid ' + pid + ') is gone');
    peak = Math.max(peak, r);
  }, 200);
  const w0 = Date.now();
  await Promise.all(Array.from({ length: nclients }, (_, i) => warmup(i, warmJobs)));
  const warmHeap = await idleHeapKb(), warm = rssKb();
  console.log('warm-up: ' + counts.warm_done + ' jobs in ' + (Date.now() - w0) + ' ms');
  const start = Date.now(), deadline = start + seconds * 1000;
  await Promise.all(Array.from({ length: nclients }, (_, i) => client(i, deadline)));
  clearInterval(sampler);
  const endHeap = await idleHeapKb(), end = rssKb();
  if (end < 0) bad('the server (pid ' + pid + ') is gone');
  console.log('clients: ' + nclients + ', seconds: ' + seconds);
  console.log('requests: ' + JSON.stringify(counts));
  console.log('first answer: ' + pcts(first));
  console.log('last stage: ' + pcts(last));
  console.log('heap_kb: ' + warmHeap + ' ' + endHeap);
  console.log('rss_kb: ' + warm + ' ' + end + ' (peak ' + peak + ')');
  problems.forEach((p) => console.error('FAIL: ' + p));
  agent.destroy();
  return problems.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error('FAIL: ' + e.stack); process.exit(1); });
