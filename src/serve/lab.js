/* brink lab: the page of `brink serve` (docs/serve.md). Every change of a
 * lever posts the settings to /api/run and polls the job until its last
 * stage; a newer change makes the older job stale (the server stops it).
 * The settings live in the URL's fragment, so a view can be shared. */
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const OUTCOMES = ['deal', 'partial_deal', 'stalemate', 'sender_backs_down', 'war',
                    'regime_crisis', 'deal_reversed'];
  const COLORS = ['#1f5fa8', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207',
                  '#4b5563'];
  const FANS = ['exports_mbpd', 'reserves_usd_bn', 'inflation', 'legitimacy'];
  const client = Array.from(crypto.getRandomValues(new Uint8Array(12)),
                            (b) => b.toString(16).padStart(2, '0')).join('');
  const state = { scenario: null, yaml: null, yamlName: '', policies: [], months: null,
                  runs: 20000, seed: 1, set: {} };
  let info = null;      /* the scenario's policies and parameters (/api/params) */
  let seq = 0;          /* the latest request; older answers are stale */
  let timer = null;
  const charts = {};
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function status(s, text) {
    document.body.dataset.labStatus = s;
    $('status').textContent = text;
  }

  function showErrors(el, data) {
    if (!data) { el.hidden = true; el.textContent = ''; return; }
    const lines = [data.error || 'error'];
    (data.errors || []).forEach((e) => { if (e.text) lines.push(e.text.trimEnd()); });
    el.textContent = lines.join('\n\n');
    el.hidden = false;
  }

  async function api(url, body) {
    const opt = body ? { method: 'POST', headers: { 'Content-Type': 'application/json' },
                         body: JSON.stringify(body) } : {};
    const r = await fetch(url, opt);
    let data = null;
    try { data = await r.json(); } catch (e) { data = { error: 'unreadable answer (' + r.status + ')' }; }
    return { status: r.status, data };
  }

  /* ---- State in the URL ---------------------------------------------------- */
  function readHash() {
    const q = new URLSearchParams(location.hash.slice(1));
    if (q.get('s')) state.scenario = q.get('s');
    if (q.get('p')) state.policies = q.get('p').split(',').filter((x) => x);
    if (q.get('m')) state.months = Number(q.get('m'));
    if (q.get('r')) state.runs = Number(q.get('r'));
    if (q.get('seed')) state.seed = Number(q.get('seed'));
    for (const [k, v] of q) if (k.startsWith('set.')) state.set[k.slice(4)] = isNaN(Number(v)) ? v : Number(v);
  }
  function writeHash() {
    const q = new URLSearchParams();
    if (state.scenario) q.set('s', state.scenario);
    q.set('p', state.policies.join(','));
    if (state.months) q.set('m', String(state.months));
    q.set('r', String(state.runs));
    q.set('seed', String(state.seed));
    Object.keys(state.set).forEach((k) => q.set('set.' + k, String(state.set[k])));
    history.replaceState(null, '', '#' + q.toString());
  }

  /* ---- Levers ---------------------------------------------------------------- */
  function param(path) { return info.params.find((p) => p.path === path); }

  function lever(p) {
    const div = document.createElement('div');
    div.className = 'lever';
    div.dataset.path = p.path;
    const name = document.createElement('div');
    name.className = 'name';
    const code = document.createElement('code');
    code.textContent = p.path;
    const unit = document.createElement('span');
    unit.textContent = p.unit || '';
    name.append(code, unit);
    name.title = p.doc + (p.dist ? '\nuncertain: ' + p.dist : '');
    const row = document.createElement('div');
    row.className = 'row';
    const raw = p.path in state.set ? state.set[p.path] : p.value;
    const cur = typeof raw === 'number' ? Number(raw.toPrecision(6)) : raw;
    let input;
    if (p.kind === 'boolean' || p.kind === 'choice') {
      input = document.createElement('select');
      const opts = p.kind === 'boolean' ? ['false', 'true'] : p.choices;
      opts.forEach((o, i) => { const e = document.createElement('option'); e.value = o; e.textContent = o;
                               if (i === cur || o === cur) e.selected = true; input.append(e); });
      input.addEventListener('change', () => change(p.path, input.value, div));
      row.append(input);
    } else {
      const lo = Math.max(p.lo, Math.min(p.plo ?? p.lo, cur)), hi = Math.min(p.hi, Math.max(p.phi ?? p.hi, cur));
      const slider = document.createElement('input');
      slider.type = 'range';
      slider.min = lo; slider.max = hi;
      slider.step = p.kind === 'integer' ? 1 : (hi - lo) / 200 || 'any';
      slider.value = cur;
      slider.setAttribute('aria-label', p.path);
      const box = document.createElement('input');
      box.type = 'number';
      box.min = p.lo; box.max = p.hi; box.step = 'any';
      box.value = cur;
      slider.addEventListener('input', () => { box.value = slider.value; change(p.path, Number(slider.value), div); });
      box.addEventListener('change', () => { slider.value = box.value; change(p.path, Number(box.value), div); });
      row.append(slider, box);
    }
    div.append(name, row);
    if (p.path in state.set) div.classList.add('changed');
    return div;
  }

  function change(path, value, div) {
    state.set[path] = value;
    if (div) div.classList.add('changed');
    schedule();
  }

  function buildLevers() {
    const box = $('sliders');
    box.textContent = '';
    info.params.filter((p) => p.dist || p.path in state.set).forEach((p) => box.append(lever(p)));
    const pol = $('policies');
    pol.textContent = '';
    const names = info.policies;
    state.policies = state.policies.filter((n) => names.includes(n));
    if (!state.policies.length) state.policies = [names[info.default_policy]];
    names.forEach((n) => {
      const l = document.createElement('label');
      const c = document.createElement('input');
      c.type = 'checkbox'; c.value = n; c.checked = state.policies.includes(n);
      c.addEventListener('change', () => {
        if (c.checked) state.policies.push(n);
        else state.policies = state.policies.filter((x) => x !== n);
        if (!state.policies.length) { state.policies = [n]; c.checked = true; }
        schedule();
      });
      l.append(c, ' ' + n);
      pol.append(l);
    });
    const h = param('simulation.horizon_months');
    $('months').value = state.months || (h ? h.value : 120);
    $('runs').value = String(state.runs);
    $('seed').value = String(state.seed);
    $('title').textContent = info.label;
  }

  function search() {
    const q = $('search').value.trim().toLowerCase();
    const ul = $('found');
    ul.textContent = '';
    if (!q || !info) return;
    info.params.filter((p) => p.path.includes(q) || (p.doc || '').toLowerCase().includes(q)).slice(0, 40)
      .forEach((p) => {
        const li = document.createElement('li');
        li.textContent = p.path + (p.unit ? ' (' + p.unit + ')' : '');
        li.title = p.doc;
        li.addEventListener('click', () => {
          if (!$('sliders').querySelector('[data-path="' + CSS.escape(p.path) + '"]')) $('sliders').append(lever(p));
          ul.textContent = ''; $('search').value = '';
        });
        ul.append(li);
      });
  }

  async function loadScenario(name) {
    const r = await api('/api/params?scenario=' + encodeURIComponent(name));
    if (r.status !== 200) { showErrors($('request-errors'), r.data); status('error', 'error'); return false; }
    info = r.data;
    state.scenario = name;
    state.yaml = null;
    buildLevers();
    return true;
  }

  async function upload(file) {
    const text = await file.text();
    status('checking', 'checking ' + file.name);
    const r = await api('/api/check', { yaml: text });
    if (r.status !== 200 || !r.data.ok) {
      showErrors($('upload-errors'), r.data);
      status('upload-error', 'the file has problems');
      return;
    }
    showErrors($('upload-errors'), null);
    info = r.data;
    state.yaml = text; state.yamlName = file.name; state.scenario = null;
    state.set = {}; state.policies = []; state.months = null;
    buildLevers();
    run();
  }

  /* ---- Running ------------------------------------------------------------------ */
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 50);
  }

  async function run() {
    const my = ++seq;
    writeHash();
    downloads(null);
    const body = { client, runs: state.runs, seed: state.seed, policies: state.policies, set: state.set };
    if (state.months) body.months = state.months;
    if (state.yaml) body.yaml = state.yaml; else body.scenario = state.scenario;
    status('running', 'starting');
    for (;;) {
      const r = await api('/api/run', body);
      if (my !== seq) return;
      if (r.status === 429) { await new Promise((res) => setTimeout(res, 250)); if (my !== seq) return; continue; }
      if (r.status !== 202) { showErrors($('request-errors'), r.data); status('error', 'not run: see the message'); return; }
      showErrors($('request-errors'), null);
      poll(my, r.data.job, -1);
      return;
    }
  }

  async function poll(my, id, shown) {
    const r = await api('/api/job?id=' + id);
    if (my !== seq) return;
    if (r.status !== 200) { showErrors($('request-errors'), r.data); status('error', 'lost the job'); return; }
    const j = r.data;
    if (j.result && j.runs_done !== shown) {
      render(j.result);
      shown = j.runs_done;
      document.body.dataset.runsDone = String(j.runs_done);
      document.body.dataset.job = String(id);
    }
    if (j.state === 'running') {
      status('running', j.runs_done + ' of ' + j.runs + ' runs, refining...');
      setTimeout(() => poll(my, id, shown), 50);
    } else if (j.state === 'done') {
      status('done', j.runs + ' runs in ' + j.seconds.toFixed(2) + ' s (first answer ' + j.first_seconds.toFixed(2) + ' s)');
      downloads(id);
    } else {
      status('error', 'job ' + j.state + (j.error ? ': ' + j.error : ''));
    }
  }

  function downloads(id) {
    [['dl-yaml', 'scenario.yaml'], ['dl-csv', 'outcomes.csv'], ['dl-html', 'briefing.html']].forEach(([el, f]) => {
      const a = $(el);
      if (id === null) { a.removeAttribute('href'); a.className = 'disabled'; return; }
      a.href = '/api/download?job=' + id + '&file=' + f;
      a.download = f;
      a.className = '';
    });
  }

  /* ---- Showing ------------------------------------------------------------------ */
  function pct(x) { return x === null || x === undefined ? '-' : (100 * x).toFixed(1) + '%'; }

  function chart(id, type, data, yTitle, xTitle, extra) {
    if (charts[id]) {
      charts[id].data = data;
      charts[id].update('none');
      return;
    }
    charts[id] = new Chart($(id), {
      type, data,
      options: Object.assign({ responsive: true, interaction: { mode: 'index', intersect: false },
        scales: { x: { title: { display: true, text: xTitle } }, y: { title: { display: true, text: yTitle }, beginAtZero: true } },
        plugins: { legend: { display: true } } }, extra || {})
    });
  }

  function render(res) {
    const s = res.summary;
    const pols = s.results.map((r) => r.policy);
    chart('chart-outcomes', 'bar', {
      labels: OUTCOMES,
      datasets: s.results.map((r, i) => ({ label: r.policy, backgroundColor: COLORS[i % 8],
                                           data: OUTCOMES.map((o) => r.outcomes[o].p) }))
    }, 'probability', 'outcome');
    const t = $('outcomes');
    t.textContent = '';
    const head = t.insertRow();
    ['outcome'].concat(pols).forEach((h) => { const th = document.createElement('th'); th.textContent = h; head.append(th); });
    OUTCOMES.forEach((o) => {
      const row = t.insertRow();
      row.insertCell().textContent = o;
      s.results.forEach((r) => { const x = r.outcomes[o];
        row.insertCell().textContent = pct(x.p) + '  [' + pct(x.ci[0]) + ', ' + pct(x.ci[1]) + ']'; });
    });
    const d = $('diffs');
    d.textContent = '';
    $('diff-section').hidden = !s.comparison;
    if (s.comparison) {
      const h2 = d.insertRow();
      ['outcome'].concat(pols.slice(1).map((p) => p + ' - ' + s.comparison.baseline)).forEach((h) => {
        const th = document.createElement('th'); th.textContent = h; h2.append(th); });
      OUTCOMES.forEach((o) => {
        const row = d.insertRow();
        row.insertCell().textContent = o;
        (s.comparison.outcomes[o] || []).forEach((x) => {
          row.insertCell().textContent = (x.diff >= 0 ? '+' : '') + pct(x.diff) + '  [' + pct(x.diff_ci[0]) + ', ' + pct(x.diff_ci[1]) + ']';
        });
      });
    }
    const months = res.curves[0].deal.map((_, i) => i + 1);
    chart('chart-deal', 'line', {
      labels: months,
      datasets: res.curves.map((c, i) => ({ label: pols[i], data: c.deal, borderColor: COLORS[i % 8],
                                            backgroundColor: COLORS[i % 8], pointRadius: 0, borderWidth: 2 }))
    }, 'probability of a deal by then', 'month');
    FANS.forEach((v) => {
      const f = res.curves[0].fans[v];
      chart('fan-' + v, 'line', {
        labels: months,
        datasets: [
          { label: '5%', data: f.q05, borderColor: '#9db7d9', pointRadius: 0, borderWidth: 1 },
          { label: '95%', data: f.q95, borderColor: '#9db7d9', backgroundColor: 'rgba(31,95,168,0.15)', fill: '-1', pointRadius: 0, borderWidth: 1 },
          { label: 'median', data: f.q50, borderColor: COLORS[0], pointRadius: 0, borderWidth: 2 }
        ]
      }, v, 'month', { plugins: { title: { display: true, text: v + ' (' + pols[0] + ')' } } });
    });
    const st = res.story;
    const ol = $('story');
    ol.textContent = '';
    if (st) {
      $('story-head').textContent = 'Policy ' + st.policy + ': ' + st.outcome + ' in month ' + st.month + ' (' + st.cause + ').';
      st.events.forEach((e) => { const li = document.createElement('li'); li.textContent = 'month ' + e.month + ': ' + e.text; ol.append(li); });
    }
  }

  /* ---- Start ---------------------------------------------------------------------- */
  async function start() {
    readHash();
    const r = await api('/api/scenarios');
    const sel = $('scenario');
    r.data.scenarios.forEach((s) => { const o = document.createElement('option'); o.value = s.name;
      o.textContent = s.name + ': ' + s.description; sel.append(o); });
    const name = state.scenario || r.data.default;
    sel.value = name;
    if (!(await loadScenario(name))) return;
    sel.addEventListener('change', async () => {
      state.set = {}; state.policies = []; state.months = null;
      if (await loadScenario(sel.value)) run();
    });
    $('upload').addEventListener('change', () => { const f = $('upload').files[0]; if (f) upload(f); });
    $('months').addEventListener('change', () => { state.months = Number($('months').value); schedule(); });
    $('runs').addEventListener('change', () => { state.runs = Number($('runs').value); schedule(); });
    $('seed').addEventListener('change', () => { state.seed = Number($('seed').value); schedule(); });
    $('search').addEventListener('input', search);
    $('reset').addEventListener('click', () => { state.set = {}; state.months = null; buildLevers(); run(); });
    run();
  }
  start().catch((e) => status('error', String(e)));
})();
