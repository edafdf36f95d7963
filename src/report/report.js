/* brink report: builds the charts and tables from the JSON data block with
 * Chart.js (inlined above). Nothing is fetched. When done it sets, on
 * <body>: data-charts-total (charts made), data-charts-rendered (charts with
 * at least one plotted point), data-charts-empty (names of the others) and
 * data-report-status ("ok" or "error: ..."). See docs/reports.md. */
(function () {
  'use strict';

  var body = document.body;
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message || e));
    body.dataset.reportStatus = 'error: ' + errors.join('; ');
  });

  var D = JSON.parse(document.getElementById('brink-data').textContent);

  /* Okabe & Ito (2008), colour-blind safe. */
  var OI = {
    black: '#000000', orange: '#E69F00', sky: '#56B4E9', green: '#009E73',
    yellow: '#F0E442', blue: '#0072B2', vermillion: '#D55E00', purple: '#CC79A7',
    grey: '#BBBBBB'
  };
  var POLICY_COLOURS = [OI.blue, OI.orange, OI.green, OI.purple, OI.sky, OI.vermillion,
                        OI.black, OI.yellow];
  var OUTCOME = {
    deal: { label: 'Deal', colour: OI.green },
    partial_deal: { label: 'Partial deal', colour: OI.sky },
    stalemate: { label: 'Stalemate', colour: OI.grey },
    deal_reversed: { label: 'Deal reversed', colour: OI.orange },
    regime_crisis: { label: 'Regime crisis', colour: OI.purple },
    war: { label: 'War', colour: OI.vermillion }
  };
  /* bottom to top in the stacked chart */
  var STACK = ['deal', 'partial_deal', 'stalemate', 'deal_reversed', 'regime_crisis', 'war'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = '"Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#1b1f24';
  Chart.defaults.plugins.legend.labels.boxWidth = 14;
  Chart.defaults.plugins.legend.labels.filter = function (item) {
    return item.text && item.text.charAt(0) !== '_';
  };
  Chart.defaults.plugins.tooltip.filter = function (item) {
    return item.dataset.label && item.dataset.label.charAt(0) !== '_';
  };
  Chart.defaults.elements.point.radius = 0;
  Chart.defaults.elements.line.borderWidth = 2;

  /* ---- helpers -------------------------------------------------------- */

  function rgba(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16 & 255) + ',' + (n >> 8 & 255) + ',' + (n & 255) + ',' + a + ')';
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function fin(x) { return typeof x === 'number' && isFinite(x); }
  function pct(p, digits) {
    if (!fin(p)) return '–';
    if (p === 0) return '0%';
    if (p < 0.001) return '<0.1%';
    return (100 * p).toFixed(digits === undefined ? 1 : digits) + '%';
  }
  function ci(lo, hi) {
    if (!fin(lo) || !fin(hi)) return '';
    return '[' + (100 * lo).toFixed(1) + '–' + (100 * hi).toFixed(1) + ']';
  }
  function pts(d) {
    if (!fin(d)) return '–';
    return (d >= 0 ? '+' : '−') + Math.abs(100 * d).toFixed(1);
  }
  function num(x, digits) {
    if (!fin(x)) return '–';
    var a = Math.abs(x);
    if (a >= 1e9) return (x / 1e9).toPrecision(3) + ' bn';
    if (a >= 1e6) return (x / 1e6).toPrecision(3) + ' M';
    if (a >= 1e5) return (x / 1e3).toFixed(0) + 'k';
    if (digits !== undefined) return x.toFixed(digits);
    if (a >= 100) return x.toFixed(0);
    if (a >= 10) return x.toFixed(1);
    return x.toFixed(2);
  }
  function policyColour(k) { return POLICY_COLOURS[k % POLICY_COLOURS.length]; }
  function startLabel() {
    return MONTHS[(D.start.month - 1) % 12] + ' ' + D.start.year;
  }
  function monthAxis(max, min) {
    return {
      type: 'linear', min: min === undefined ? 0 : min, max: max,
      title: { display: true, text: 'Months from the start (' + startLabel() + ')' },
      ticks: { stepSize: 12 },
      grid: { color: '#eef0f3' }
    };
  }
  function table(head, rows, cls) {
    var t = el('table', cls ? { 'class': cls } : null);
    var th = el('thead'), tr = el('tr');
    head.forEach(function (h, i) {
      var first = rows.length ? rows[0][i] : null;
      var left = first && typeof first === 'object' && first.cls === 'text';
      tr.appendChild(el('th', left ? { 'class': 'text' } : null, h));
    });
    th.appendChild(tr);
    t.appendChild(th);
    var tb = el('tbody');
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c, i) {
        if (c && typeof c === 'object' && c.node) {
          var td = el('td', c.cls ? { 'class': c.cls } : null);
          td.appendChild(c.node);
          row.appendChild(td);
        } else if (c && typeof c === 'object') {
          row.appendChild(el('td', c.cls ? { 'class': c.cls } : null, c.text));
        } else {
          row.appendChild(el('td', null, c));
        }
      });
      tb.appendChild(row);
    });
    t.appendChild(tb);
    return t;
  }
  function swatch(colour, text) {
    var s = el('span');
    var b = el('span', { 'class': 'swatch' });
    b.style.background = colour;
    s.appendChild(b);
    s.appendChild(document.createTextNode(text));
    return { node: s };
  }
  function figure(parent, title, cls) {
    var f = el('figure', { 'class': 'chart' });
    if (title) f.appendChild(el('h3', null, title));
    var box = el('div', { 'class': 'cbox' + (cls ? ' ' + cls : '') });
    var c = el('canvas');
    box.appendChild(c);
    f.appendChild(box);
    parent.appendChild(f);
    return { fig: f, canvas: c };
  }
  function hideSection(id, why) {
    var s = document.getElementById(id);
    if (!s) return;
    if (why) {
      Array.prototype.slice.call(s.children).forEach(function (c) {
        if (c.tagName !== 'H2') c.style.display = 'none';
      });
      s.appendChild(el('p', { 'class': 'skip' }, why));
    } else {
      s.style.display = 'none';
    }
  }
  function wrap(text, width) {
    var words = String(text).split(' '), lines = [], cur = '';
    words.forEach(function (w) {
      if (cur && (cur + ' ' + w).length > width) { lines.push(cur); cur = w; }
      else cur = cur ? cur + ' ' + w : w;
    });
    if (cur) lines.push(cur);
    return lines;
  }

  var charts = [];
  function make(canvas, config, name) {
    var c = new Chart(canvas, config);
    charts.push({ name: name, chart: c });
    return c;
  }
  function hasPoints(c) {
    return c.data.datasets.some(function (ds) {
      return (ds.data || []).some(function (p) {
        if (p === null || p === undefined) return false;
        if (typeof p === 'number') return isFinite(p);
        return fin(p.y) && (p.x === undefined || fin(p.x));
      });
    });
  }

  var E = D.ensemble;                 /* per policy, or null for a single run */
  var X = D.exploration;              /* an exploration (sensitivity, discover, robust), or null */
  var H = D.horizon_months;
  var P = D.policies;
  var YEARS = [1, 2, 5, 10].filter(function (y) { return 12 * y <= H; });

  /* ---- 1. outcomes over time --------------------------------------------- */

  function outcomesOverTime() {
    if (!E) { hideSection('sec-outcomes'); return; }
    var box = document.getElementById('outcome-charts');
    E.forEach(function (pol, k) {
      var f = figure(box, P[k].label + (k === 0 && P.length > 1 ? ' (baseline)' : ''));
      var ds = STACK.map(function (o, i) {
        return {
          label: OUTCOME[o].label,
          data: pol.by_month[o].map(function (p, t) { return { x: t + 1, y: p === null ? null : 100 * p }; }),
          borderColor: OUTCOME[o].colour, backgroundColor: rgba(OUTCOME[o].colour, 0.75),
          borderWidth: 1, fill: i === 0 ? 'origin' : '-1', stack: 'o'
        };
      });
      make(f.canvas, {
        type: 'line', data: { datasets: ds },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: monthAxis(H, 1),
            y: { stacked: true, min: 0, max: 100, title: { display: true, text: '% of runs' } }
          },
          plugins: {
            legend: { position: 'bottom' },
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + num(c.parsed.y, 1) + '%'; } } }
          }
        }
      }, 'outcomes-' + P[k].id);
      var rows = STACK.map(function (o) {
        return [swatch(OUTCOME[o].colour, OUTCOME[o].label)].concat(YEARS.map(function (y) {
          return pct(pol.by_month[o][12 * y - 1]);
        }));
      });
      f.fig.appendChild(table(['status at'].concat(YEARS.map(function (y) { return 'year ' + y; })), rows, 'numbers'));
    });
  }

  /* ---- 2. time to a deal ---------------------------------------------------- */

  function survival() {
    if (!E) { hideSection('sec-survival'); return; }
    var ds = [];
    E.forEach(function (pol, k) {
      var col = policyColour(k);
      var sv = pol.survival;
      function series(a) { return a.map(function (v, t) { return { x: t, y: v === null ? null : 100 * v }; }); }
      ds.push({ label: '_lo' + k, data: series(sv.lo), borderWidth: 0, fill: false, stepped: true });
      ds.push({ label: '_hi' + k, data: series(sv.hi), borderWidth: 0, fill: '-1', stepped: true,
                backgroundColor: rgba(col, 0.16) });
      ds.push({ label: P[k].label, data: series(sv.S), borderColor: col, backgroundColor: col,
                fill: false, stepped: true });
    });
    var low = 100;
    E.forEach(function (pol) { pol.survival.lo.forEach(function (v) { if (fin(v)) low = Math.min(low, 100 * v); }); });
    var ymin = Math.min(50, Math.max(0, Math.floor((low - 5) / 10) * 10));
    make(document.getElementById('chart-survival'), {
      type: 'line', data: { datasets: ds },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: monthAxis(H, 0),
          y: { min: ymin, max: 100, title: { display: true, text: '% with no comprehensive deal yet' + (ymin > 0 ? ' (axis from ' + ymin + '%)' : '') } }
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + num(c.parsed.y, 1) + '%'; } } }
        }
      }
    }, 'survival');
    var head = ['policy', 'median months [95%]'].concat(YEARS.filter(function (y) { return y >= 2; })
      .map(function (y) { return 'deal by year ' + y; }));
    var rows = E.map(function (pol, k) {
      var sv = pol.survival;
      var med = sv.median === null ? 'not reached' : sv.median + ' [' +
        (sv.median_lo === null ? 'n.r.' : sv.median_lo) + ', ' + (sv.median_hi === null ? 'n.r.' : sv.median_hi) + ']';
      var r = [swatch(policyColour(k), P[k].label), med];
      pol.deal_by.forEach(function (b) {
        if (b.years >= 2) r.push(pct(b.p) + ' ' + ci(b.lo, b.hi));
      });
      return r;
    });
    var side = document.getElementById('survival-table');
    side.appendChild(table(head, rows));
    side.appendChild(el('p', { 'class': 'note' }, 'Deal by year N: share of all runs with a comprehensive deal within N years (runs ended by war or crisis first count as no deal), 95% Wilson interval. "n.r.": the curve does not reach one half.'));
  }

  /* ---- 3. policy comparison -------------------------------------------------- */

  function dotWhisker(canvas, name, xTitle, valueOf, policies, zeroLine, xRange) {
    var outs = STACK.slice();
    var n = policies.length, ds = [];
    policies.forEach(function (k, j) {
      var off = n > 1 ? (j - (n - 1) / 2) * (0.7 / n) : 0;
      var col = policyColour(k);
      var dots = [];
      outs.forEach(function (o, i) {
        var v = valueOf(k, o);
        if (!v || !fin(v.p)) return;
        dots.push({ x: 100 * v.p, y: i + off });
        ds.push({ type: 'line', label: '_w' + k + o, data: [{ x: 100 * v.lo, y: i + off }, { x: 100 * v.hi, y: i + off }],
                  borderColor: col, borderWidth: 2, pointRadius: 0, fill: false });
      });
      ds.push({ type: 'scatter', label: P[k].label, data: dots, backgroundColor: col, borderColor: col,
                pointRadius: 5, pointHoverRadius: 6 });
    });
    if (zeroLine)
      ds.push({ type: 'line', label: '_zero', data: [{ x: 0, y: -0.5 }, { x: 0, y: outs.length - 0.5 }],
                borderColor: '#000', borderWidth: 1, borderDash: [4, 3], pointRadius: 0, fill: false });
    var x = { type: 'linear', title: { display: true, text: xTitle }, grid: { color: '#eef0f3' } };
    if (xRange) { x.min = xRange[0]; x.max = xRange[1]; }
    make(canvas, {
      type: 'scatter', data: { datasets: ds },
      options: {
        scales: {
          x: x,
          y: {
            type: 'linear', min: -0.5, max: outs.length - 0.5, reverse: true,
            title: { display: true, text: 'final outcome' },
            afterBuildTicks: function (axis) { axis.ticks = outs.map(function (_, i) { return { value: i }; }); },
            ticks: { callback: function (v) { return OUTCOME[outs[v]] ? OUTCOME[outs[v]].label : ''; }, font: { size: 12, weight: '600' } },
            grid: { color: '#eef0f3' }
          }
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: function (c) {
            var i = Math.round(c.parsed.y);
            return c.dataset.label + ', ' + (OUTCOME[outs[i]] ? OUTCOME[outs[i]].label : '') + ': ' + num(c.parsed.x, 1);
          } } }
        }
      }
    }, name);
  }

  function comparison() {
    if (!E) { hideSection('sec-compare'); return; }
    document.getElementById('baseline-name').textContent = P[0].label;
    var all = P.map(function (_, k) { return k; });
    dotWhisker(document.getElementById('chart-probs'), 'probabilities', 'Probability of the final outcome (% of runs, 95% Wilson interval)',
      function (k, o) { return E[k].outcomes[o]; }, all, false, [0, 100]);
    if (P.length > 1) {
      dotWhisker(document.getElementById('chart-diffs'), 'differences',
        'Difference from ' + P[0].label + ' (percentage points, 95% paired interval)',
        function (k, o) { var d = E[k].vs_baseline.outcomes[o]; return { p: d.diff, lo: d.lo, hi: d.hi }; },
        all.slice(1), true, null);
    } else {
      /* one policy: its final outcomes, with the numbers beside the chart */
      var sec = document.getElementById('sec-compare');
      sec.querySelector('h2').textContent = 'Final outcomes';
      sec.querySelector('.lede').textContent = 'The probability of each final outcome (dot) with its 95% Wilson interval (whisker). ' +
        'For paired differences between policies, make the report with brink report or brink compare.';
      var f = document.getElementById('fig-diffs');
      f.parentNode.replaceChild(document.getElementById('compare-table'), f);
    }
    var head = ['outcome'];
    P.forEach(function (p, k) { head.push(p.label); if (k > 0) head.push('vs baseline (points)'); });
    var rows = STACK.map(function (o) {
      var r = [swatch(OUTCOME[o].colour, OUTCOME[o].label)];
      E.forEach(function (pol, k) {
        var v = pol.outcomes[o];
        r.push(pct(v.p) + ' ' + ci(v.lo, v.hi));
        if (k > 0) {
          var d = pol.vs_baseline.outcomes[o];
          r.push(pts(d.diff) + ' [' + pts(d.lo) + ', ' + pts(d.hi) + ']');
        }
      });
      return r;
    });
    var tbox = document.getElementById('compare-table');
    tbox.appendChild(el('h3', null, P.length > 1 ? 'Final outcomes: probability [95% interval]; difference from the baseline on the same runs'
                                                 : 'Final outcomes: probability [95% interval]'));
    tbox.appendChild(table(head, rows));

    var COSTS = [
      ['target_gdp_loss_usd_bn', "Target's cumulative GDP loss", 'USD bn'],
      ['sender_cost_usd_bn', "Sender's cumulative cost", 'USD bn'],
      ['months_below_breakeven', 'Months with exports below break-even', 'months'],
      ['reserves_end_usd_bn', 'Reserves at the end of the run', 'USD bn']
    ];
    var ch = ['cost (mean per run)'];
    P.forEach(function (p, k) { ch.push(p.label); if (k > 0) ch.push('difference [95%]'); });
    var crow = COSTS.map(function (c) {
      var r = [c[1] + ' (' + c[2] + ')'];
      E.forEach(function (pol, k) {
        var v = pol.costs[c[0]];
        r.push(num(v.mean) + ' (5–95%: ' + num(v.q05) + '–' + num(v.q95) + ')');
        if (k > 0) {
          var d = pol.vs_baseline.costs[c[0]];
          r.push((d.diff >= 0 ? '+' : '') + num(d.diff) + ' [' + num(d.lo) + ', ' + num(d.hi) + ']');
        }
      });
      return r;
    });
    var cbox = document.getElementById('cost-table');
    cbox.appendChild(el('h3', null, 'Costs per run'));
    cbox.appendChild(table(ch, crow));
  }

  /* ---- 4. fans ---------------------------------------------------------------- */

  var fanCharts = [];
  function fanDatasets(v, k) {
    var scale = v.scale;
    function ser(a) { return a.map(function (q, t) { return { x: t + 1, y: q === null ? null : q * scale }; }); }
    var ds;
    if (E) {
      var f = E[k].fans[v.key], col = policyColour(k);
      ds = [
        { label: '_q05', data: ser(f.q05), borderWidth: 0, fill: false },
        { label: '5–95%', data: ser(f.q95), borderWidth: 0, fill: '-1', backgroundColor: rgba(col, 0.15) },
        { label: '_q25', data: ser(f.q25), borderWidth: 0, fill: false },
        { label: '25–75%', data: ser(f.q75), borderWidth: 0, fill: '-1', backgroundColor: rgba(col, 0.35) },
        { label: 'median', data: ser(f.q50), borderColor: col, backgroundColor: col, fill: false }
      ];
    } else {
      ds = [{ label: 'this run', data: ser(D.typical.series[v.key]), borderColor: OI.blue,
              backgroundColor: OI.blue, fill: false }];
    }
    if (v.key === 'exports_mbpd' && fin(D.breakeven_mbpd)) {
      var be = [];
      for (var t = 1; t <= H; t++) be.push({ x: t, y: D.breakeven_mbpd });
      ds.push({ label: 'fiscal break-even (' + D.breakeven_mbpd + ' mbpd)', data: be, borderColor: OI.black,
                borderDash: [6, 4], borderWidth: 1.5, fill: false, backgroundColor: OI.black });
    }
    return ds;
  }
  function fanNumbers(v, k) {
    var box = el('div');
    if (!E) return box;
    var f = E[k].fans[v.key];
    var rows = YEARS.map(function (y) {
      var t = 12 * y - 1;
      return ['year ' + y, num(f.q50[t] === null ? null : f.q50[t] * v.scale),
              num(f.q05[t] === null ? null : f.q05[t] * v.scale) + ' – ' + num(f.q95[t] === null ? null : f.q95[t] * v.scale),
              String(f.n[t])];
    });
    box.appendChild(table(['', 'median', '5–95%', 'runs going'], rows, 'numbers'));
    return box;
  }
  function fans() {
    if (!D.typical) { hideSection('sec-fans'); return; }
    var box = document.getElementById('fan-charts');
    if (!E) {
      document.getElementById('fans-title').textContent = 'Key states of this run';
      document.getElementById('fans-lede').textContent = 'Month by month, as in brink run\'s monthly.csv.';
    }
    D.fan_vars.forEach(function (v) {
      var f = figure(box, v.label + ' (' + v.unit + ')', 'short');
      var y = { type: v.log ? 'logarithmic' : 'linear', title: { display: true, text: v.unit.replace(', log scale', ' (log)') },
                grid: { color: '#eef0f3' } };
      if (/0 to 1/.test(v.unit)) { y.min = 0; y.max = 1; }
      if (v.key === 'reserves_usd_bn' || v.key === 'exports_mbpd') y.min = 0;
      if (v.log) y.ticks = { callback: function (val) {
        var l = Math.log10(val);
        return Math.abs(l - Math.round(l)) < 1e-9 || /^[125]/.test(String(val)) ? Number(val).toLocaleString('en-US') : '';
      } };
      var c = make(f.canvas, {
        type: 'line', data: { datasets: fanDatasets(v, 0) },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: { x: monthAxis(H, 1), y: y },
          plugins: {
            legend: { position: 'bottom' },
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + num(c.parsed.y); } } }
          }
        }
      }, 'fan-' + v.key);
      var nb = fanNumbers(v, 0);
      f.fig.appendChild(nb);
      fanCharts.push({ v: v, chart: c, numbers: nb, fig: f.fig });
    });
    var sel = document.getElementById('fan-selector');
    if (!E || E.length < 2) { sel.style.display = 'none'; return; }
    sel.appendChild(el('span', null, 'Policy: '));
    var caption = el('span', { 'class': 'muted print-only' });
    P.forEach(function (p, k) {
      var b = el('button', { type: 'button' }, p.label);
      if (k === 0) b.className = 'on';
      b.addEventListener('click', function () {
        Array.prototype.forEach.call(sel.querySelectorAll('button'), function (x) { x.className = ''; });
        b.className = 'on';
        fanCharts.forEach(function (fc) {
          fc.chart.data.datasets = fanDatasets(fc.v, k);
          fc.chart.update();
          var nb = fanNumbers(fc.v, k);
          fc.fig.replaceChild(nb, fc.numbers);
          fc.numbers = nb;
        });
      });
      sel.appendChild(b);
    });
    sel.appendChild(caption);
  }

  /* ---- 5. the typical run ------------------------------------------------------ */

  var LANES = [
    ['offers', 'Offers'], ['answers', 'Answers'], ['milestones', 'Steps & deals'],
    ['pressure', 'Pressure'], ['incidents', 'Incidents & war'], ['politics', 'Politics'],
    ['economy', 'Economy']
  ];
  var KIND = {
    offer: [OI.blue, 'circle'], milestone_offer: [OI.blue, 'rectRounded'], entry_offer: [OI.sky, 'circle'],
    accept: [OI.green, 'circle'], milestone_accept: [OI.green, 'rectRounded'], entry_success: [OI.green, 'triangle'],
    reject: [OI.vermillion, 'crossRot'], milestone_reject: [OI.vermillion, 'crossRot'], entry_failure: [OI.vermillion, 'cross'],
    milestone_verified: [OI.green, 'star'], cheating_detected: [OI.vermillion, 'star'], deal: [OI.green, 'star'],
    tighten: [OI.black, 'triangle'], policy_switch: [OI.black, 'rect'],
    incident: [OI.orange, 'triangle'], war: [OI.vermillion, 'rectRot'],
    election: [OI.purple, 'circle'], reversal: [OI.purple, 'rectRot'], regime_crisis: [OI.purple, 'star'],
    reserves_floor: [OI.sky, 'rect'], below_breakeven: [OI.sky, 'triangle']
  };
  function typical() {
    var T = D.typical;
    if (!T) { hideSection('sec-typical'); return; }
    var lede = document.getElementById('typical-lede');
    var ends = ': it ends in ' + T.outcome.replace(/_/g, ' ') + ' in month ' + T.outcome_month + ' (' + T.cause + ').';
    if (E) {
      lede.textContent = 'How one representative run unfolds. It is chosen by a fixed rule, ' + T.rule.charAt(0).toLowerCase() +
        T.rule.slice(1, -1) + ': here run ' + T.run + ' of ' + T.policy_label + ends;
    } else {
      document.querySelector('#sec-typical h2').textContent = 'The events of this run';
      lede.textContent = 'Run ' + T.run + ' of ' + T.policy_label + ' (seed ' + T.seed + ', ' + T.values + ' values)' + ends;
    }
    var laneIndex = {};
    LANES.forEach(function (l, i) { laneIndex[l[0]] = i; });
    var byKind = {}, order = [];
    T.events.forEach(function (e) {
      if (!byKind[e.kind]) { byKind[e.kind] = []; order.push(e.kind); }
      byKind[e.kind].push({ x: e.month, y: laneIndex[e.lane] === undefined ? LANES.length - 1 : laneIndex[e.lane], ev: e });
    });
    var ds = order.map(function (k) {
      var s = KIND[k] || [OI.black, 'circle'];
      return { label: k.replace(/_/g, ' '), data: byKind[k], backgroundColor: rgba(s[0], 0.85), borderColor: s[0],
               pointStyle: s[1], pointRadius: k === 'war' || k === 'deal' || k === 'regime_crisis' || k === 'reversal' ? 9 : 6,
               pointHoverRadius: 9, borderWidth: 1.5 };
    });
    make(document.getElementById('chart-timeline'), {
      type: 'scatter', data: { datasets: ds },
      options: {
        scales: {
          x: monthAxis(H, 0),
          y: {
            type: 'linear', min: -0.5, max: LANES.length - 0.5, reverse: true,
            title: { display: true, text: 'kind of event' },
            afterBuildTicks: function (axis) { axis.ticks = LANES.map(function (_, i) { return { value: i }; }); },
            ticks: { callback: function (v) { return LANES[v] ? LANES[v][1] : ''; }, font: { weight: '600' } },
            grid: { color: '#eef0f3' }
          }
        },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true } },
          tooltip: { callbacks: {
            title: function (items) { var e = items[0].raw.ev; return e.date + ' (month ' + e.month + ')'; },
            label: function (c) { return wrap(c.raw.ev.text, 70); }
          } }
        }
      }
    }, 'timeline');

    var S = T.series;
    function ser(a, f) { return a.map(function (v, t) { return { x: t + 1, y: v === null ? null : (f ? f(v) : v) }; }); }
    var path = [
      { label: 'sanctions (effective, 0–1)', data: ser(S.sanctions), borderColor: OI.black, backgroundColor: OI.black, yAxisID: 'y' },
      { label: 'relief in force (0–1)', data: ser(S.relief), borderColor: OI.green, backgroundColor: OI.green, yAxisID: 'y' },
      { label: 'legitimacy (0–1)', data: ser(S.legitimacy), borderColor: OI.purple, backgroundColor: OI.purple, yAxisID: 'y' },
      { label: 'trust (0–1)', data: ser(S.trust), borderColor: OI.sky, backgroundColor: OI.sky, yAxisID: 'y' },
      { label: 'tension (0–1)', data: ser(S.tension), borderColor: OI.vermillion, backgroundColor: OI.vermillion, yAxisID: 'y' },
      { label: 'P(target accepts the standing offer)', data: ser(S.p_accept), borderColor: OI.black, backgroundColor: OI.black, yAxisID: 'y', borderDash: [2, 3], borderWidth: 1.5 },
      { label: 'exports (mbpd, right axis)', data: ser(S.exports_mbpd), borderColor: OI.blue, backgroundColor: OI.blue, yAxisID: 'y2', borderDash: [6, 3] }
    ];
    make(document.getElementById('chart-path'), {
      type: 'line', data: { datasets: path },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: monthAxis(H, 1),
          y: { min: 0, max: 1, title: { display: true, text: 'index or share, 0 to 1' }, grid: { color: '#eef0f3' } },
          y2: { position: 'right', min: 0, title: { display: true, text: 'oil exports, million barrels a day' }, grid: { drawOnChartArea: false } }
        },
        plugins: { legend: { position: 'bottom' }, title: { display: true, text: 'The path of this run' },
                   tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + num(c.parsed.y); } } } }
      }
    }, 'path');

    var rows = T.events.map(function (e) {
      return [String(e.month), e.date, { text: e.kind.replace(/_/g, ' '), cls: 'text' }, { text: e.text, cls: 'text' }];
    });
    var box = el('div', { 'class': 'scroll' });
    box.appendChild(table(['month', 'date', 'event', 'what happened'], rows));
    document.getElementById('event-table').appendChild(box);
  }

  /* ---- 6. the game layer ----------------------------------------------------------- */

  function game() {
    var G = D.game;
    if (!G) { hideSection('sec-game'); return; }
    document.getElementById('game-title').textContent = 'The bargaining at month ' + G.month;
    var lede = document.getElementById('game-lede');
    if (G.note) {
      hideSection('sec-game', 'The game analysis is not shown: ' + G.note.replace(/^not computed: /, '') + '.');
      return;
    }
    lede.textContent = 'The state at the start of month ' + G.month + ' of a run of ' + G.policy_label +
      ' with the scenario\'s ' + G.values + ' values (seed ' + G.seed + ')' +
      (G.values === 'point' ? ', as brink game --scenario ' + D.scenario + ' --policy ' + G.policy + ' --month ' + G.month + ' --seed ' + G.seed + ' computes it' : '') +
      '.' + (G.ended_early ? ' Note: ' + G.ended_early + '.' : '');
    var nb = document.getElementById('nowin');
    if (G.nowin) {
      var N = G.nowin;
      nb.appendChild(el('h3', null, 'The no-win matrix'));
      nb.appendChild(el('p', { 'class': 'lede' }, 'The sender tightens, holds or relaxes sanctions (now ' + num(N.sanctions) +
        '); the target accepts the standing offer (' + pct(N.relief, 0) + ' relief), rejects it, or escalates. ' +
        'Target payoffs in GDP-months against its pre-crisis value of 0 (negative: worse off); sender payoffs in sender value over ' +
        N.horizon_months + ' months. Outlined: pure Nash equilibria. ' +
        (N.no_win_pre_crisis ? 'Every cell is worse for the target than before the crisis (true by construction unless inducements outweigh the costs a deal leaves). ' : 'Not every cell is worse for the target than before the crisis. ') +
        'Against holding out at today\'s sanctions (' + num(N.status_quo) + '): accepting is ' + (N.accept_worse ? 'worse' : 'not worse') +
        ', rejecting while the sender tightens is ' + (N.reject_worse ? 'worse' : 'not worse') +
        ', escalating while it tightens is ' + (N.escalate_worse ? 'worse' : 'not worse') +
        (N.no_win ? ': a no-win position.' : ': not a no-win position.')));
      var pure = {};
      N.equilibria.forEach(function (q) {
        if (!q.pure) return;
        pure[q.sender.indexOf(1) + ',' + q.target.indexOf(1)] = true;
      });
      var worst = 0;
      N.cells.forEach(function (r) { r.forEach(function (c) { if (fin(c.target)) worst = Math.max(worst, Math.abs(c.target)); }); });
      var t = el('table', { 'class': 'matrix' });
      var hr = el('tr');
      hr.appendChild(el('th', null, 'sender ↓ / target →'));
      N.answers.forEach(function (a) { hr.appendChild(el('th', null, a)); });
      var th = el('thead'); th.appendChild(hr); t.appendChild(th);
      var tb = el('tbody');
      N.cells.forEach(function (row, a) {
        var tr = el('tr');
        tr.appendChild(el('th', null, N.actions[a]));
        row.forEach(function (c, b) {
          var td = el('td', { 'class': 'cell' + (pure[a + ',' + b] ? ' eq' : '') });
          td.appendChild(document.createTextNode('target ' + num(c.target) + ' · sender ' + num(c.sender)));
          td.appendChild(el('span', { 'class': 'sub' }, 'P(war) ' + pct(c.p_war) + (c.worse ? ' · worse than pre-crisis' : '')));
          if (c.worse && worst > 0) td.style.background = rgba(OI.vermillion, 0.08 + 0.32 * Math.abs(c.target) / worst);
          tr.appendChild(td);
        });
        tb.appendChild(tr);
      });
      t.appendChild(tb);
      nb.appendChild(t);
      var eqs = N.equilibria.map(function (q) {
        function mix(v, names) {
          return v.map(function (p, i) { return p > 0 ? names[i] + (p < 1 ? ' ' + num(p, 2) : '') : null; })
            .filter(function (x) { return x; }).join(' + ');
        }
        return '(' + mix(q.sender, N.actions) + ', ' + mix(q.target, N.answers) + '): payoffs ' + num(q.payoffs[0]) + ', ' + num(q.payoffs[1]);
      });
      nb.appendChild(el('p', { 'class': 'note' }, 'Nash equilibria (all, by vertex enumeration' + (N.degenerate ? '; the game is degenerate, extreme equilibria shown' : '') + '): ' + eqs.join('; ') + '.'));
    } else {
      nb.appendChild(el('p', { 'class': 'skip' }, G.nowin_note));
    }

    var zs = document.getElementById('zopa-summary');
    var zc = document.getElementById('zopa-charts');
    if (!G.zopa) {
      zs.appendChild(el('p', { 'class': 'skip' }, G.zopa_note));
      return;
    }
    var Z = G.zopa;
    if (Z.uncertainty) {
      var U = Z.uncertainty;
      zs.appendChild(table(['Over ' + U.runs + ' runs with drawn values at month ' + G.month, 'P(zone not empty) [95%]'], [
        ['bundled', pct(U.bundled.p) + ' ' + ci(U.bundled.lo, U.bundled.hi)],
        ['unbundled, on some issue', pct(U.unbundled_any.p) + ' ' + ci(U.unbundled_any.lo, U.unbundled_any.hi)],
        ['unbundled, on every issue', pct(U.unbundled_all.p) + ' ' + ci(U.unbundled_all.lo, U.unbundled_all.hi)]
      ], 'numbers'));
    }
    zc.className = Z.slices.length === 2 || Z.slices.length === 4 ? 'grid2' : 'grid3';
    Z.slices.forEach(function (s, i) {
      var title = (i === 0 ? 'Bundled' : 'Unbundled: ' + s.label) + (s.nonempty ? ' — zone present' : ' — zone empty');
      var f = figure(zc, title, 'tall');
      function ser(a) { return a.map(function (v, j) { return { x: 100 * Z.slices[i].concession[j], y: v === null ? null : 100 * v }; }); }
      var lower = s.target_min_relief.map(function (t, j) { var u = s.sender_max_relief[j]; return t !== null && u !== null && t <= u ? t : null; });
      var upper = s.sender_max_relief.map(function (u, j) { return lower[j] !== null ? u : null; });
      var ds = [
        { label: 'sender gives at most', data: ser(s.sender_max_relief), borderColor: OI.blue, backgroundColor: rgba(OI.blue, 0.10), fill: 'start' },
        { label: 'target needs at least', data: ser(s.target_min_relief), borderColor: OI.orange, backgroundColor: rgba(OI.orange, 0.12), fill: 'end' },
        { label: '_zone_lo', data: ser(lower), borderWidth: 0, fill: false },
        { label: 'zone of possible agreement', data: ser(upper), borderWidth: 0, borderColor: OI.green, backgroundColor: rgba(OI.green, 0.55), fill: '-1' }
      ];
      if (s.nash) ds.push({ type: 'scatter', label: 'Nash bargaining point', data: [{ x: 100 * s.nash.c, y: 100 * s.nash.r }],
                            backgroundColor: OI.black, borderColor: '#ffffff', pointStyle: 'rectRot', pointRadius: 8,
                            pointHoverRadius: 9, borderWidth: 1.5, clip: false });
      make(f.canvas, {
        type: 'line', data: { datasets: ds },
        options: {
          scales: {
            x: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'concession asked (% of the demand)' }, grid: { color: '#eef0f3' } },
            y: { min: 0, max: 100, title: { display: true, text: 'relief given (% of sanctions lifted)' }, grid: { color: '#eef0f3' } }
          },
          plugins: { legend: { position: 'bottom' },
                     tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + num(c.parsed.y, 0) + '% relief at ' + num(c.parsed.x, 0) + '% concession'; } } } }
        }
      }, 'zopa-' + (s.issue || 'bundled'));
      var notes = [];
      if (s.target_min_relief.every(function (v) { return v === null; }))
        notes.push('The target accepts nowhere here: its best net gain over holding out is ' + num(s.target_best) + ' GDP-months (full relief, no concession).');
      if (s.sender_max_relief.every(function (v) { return v === null; }))
        notes.push('The sender gains nowhere here: its best gain is ' + num(s.sender_best) + '.');
      if (s.nonempty) notes.push('Zone area ' + pct(s.area) + ' of the space; Nash point: ' + pct(s.nash.c, 0) + ' concession for ' + pct(s.nash.r, 0) + ' relief.');
      if (notes.length) f.fig.appendChild(el('figcaption', null, notes.join(' ')));
    });
  }

  /* ---- 0. an exploration: sensitivity, discovery, robustness ---------------------- */

  function fix(x, d) { return fin(x) ? x.toFixed(d === undefined ? 3 : d) : '–'; }
  function sig(x) { return fin(x) ? (Math.abs(x) >= 1000 || (x !== 0 && Math.abs(x) < 0.001) ? x.toPrecision(3) : String(+x.toPrecision(4))) : '–'; }
  function range(a, b) { return sig(a) + ' to ' + sig(b); }

  /* Values per parameter (rows, top to bottom) as dots with whiskers and,
   * for a series with bar set, a bar from zero: a tornado chart. series:
   * [{label, colour, v, lo, hi, bar}], each indexed like labels; xr: the
   * widest horizontal range shown (whiskers beyond it are cut). */
  function indexChart(parent, title, name, labels, series, xTitle, yTitle, xr) {
    var f = figure(parent, title);
    f.fig.querySelector('.cbox').style.height = Math.max(200, 30 * labels.length + 90) + 'px';
    var n = series.length, ds = [], xmin = 0, xmax = 0;
    series.forEach(function (s, j) {
      var off = n > 1 ? (j - (n - 1) / 2) * (0.5 / n) : 0;
      var dots = [];
      labels.forEach(function (_, i) {
        var v = s.v[i];
        if (!fin(v)) return;
        dots.push({ x: v, y: i + off });
        xmin = Math.min(xmin, v); xmax = Math.max(xmax, v);
        if (s.bar)
          ds.push({ type: 'line', label: '_b' + j + '_' + i, data: [{ x: 0, y: i + off }, { x: v, y: i + off }],
                    borderColor: rgba(s.colour, 0.35), borderWidth: 12, borderCapStyle: 'butt', pointRadius: 0, fill: false });
        if (s.lo && fin(s.lo[i]) && fin(s.hi[i])) {
          xmin = Math.min(xmin, s.lo[i]); xmax = Math.max(xmax, s.hi[i]);
          ds.push({ type: 'line', label: '_w' + j + '_' + i, data: [{ x: s.lo[i], y: i + off }, { x: s.hi[i], y: i + off }],
                    borderColor: s.colour, borderWidth: 2, pointRadius: 0, fill: false });
        }
      });
      ds.push({ type: 'scatter', label: s.label, data: dots, backgroundColor: s.colour, borderColor: s.colour,
                pointRadius: 5, pointHoverRadius: 6, pointStyle: s.style || 'circle' });
    });
    var pad = 0.04 * (xmax - xmin || 1);
    var lo = xmin < 0 ? xmin - pad : 0, hi = xmax + pad;
    if (xr) { lo = Math.max(lo, xr[0]); hi = Math.min(hi, xr[1]); }
    make(f.canvas, {
      type: 'scatter', data: { datasets: ds },
      options: {
        scales: {
          x: { type: 'linear', min: lo, max: hi, title: { display: true, text: xTitle }, grid: { color: '#eef0f3' } },
          y: {
            type: 'linear', min: -0.5, max: labels.length - 0.5, reverse: true,
            title: { display: true, text: yTitle },
            afterBuildTicks: function (axis) { axis.ticks = labels.map(function (_, i) { return { value: i }; }); },
            ticks: { callback: function (v) { return labels[v] || ''; }, font: { size: 11 } },
            grid: { color: '#eef0f3' }
          }
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: function (c) {
            return c.dataset.label + ', ' + (labels[Math.round(c.parsed.y)] || '') + ': ' + sig(c.parsed.x);
          } } }
        }
      }
    }, name);
    return f;
  }

  /* Parameter indices ordered by key, largest first; at most max of them. */
  function ordered(key, max) {
    var idx = key.map(function (_, j) { return j; });
    idx.sort(function (a, b) {
      var x = fin(key[a]) ? key[a] : -Infinity, y = fin(key[b]) ? key[b] : -Infinity;
      return x !== y ? y - x : a - b;
    });
    return idx.slice(0, max);
  }
  var MAX_ROWS = 15;

  function sobolOutput(box, o, k) {
    var Q = X.parameters;
    var idx = ordered(o.st, MAX_ROWS);
    var labels = idx.map(function (j) { return Q[j].path; });
    function pick(a) { return idx.map(function (j) { return a[j]; }); }
    var f = indexChart(box, o.label + ': Sobol indices', 'sobol-' + k, labels, [
      { label: 'total index ST (with interactions)', colour: OI.blue, v: pick(o.st), lo: pick(o.st_lo), hi: pick(o.st_hi), bar: true },
      { label: 'first-order index S1 (alone)', colour: OI.orange, v: pick(o.s1), lo: pick(o.s1_lo), hi: pick(o.s1_hi), style: 'rectRot' }
    ], 'share of the variance of ' + o.label + ' (95% bootstrap interval)', 'parameter', [-0.2, 1.2]);
    var more = X.parameters.length - idx.length;
    f.fig.appendChild(el('figcaption', null, 'Mean ' + sig(o.mean) + ', variance ' + sig(o.variance) + ' across the ranges. Widest interval of a total index of at least 0.05: ±' + fix(o.max_halfwidth) + '.' +
      (more > 0 ? ' The ' + more + ' parameters not shown have smaller total indices (see the table).' : '')));
    var rows = ordered(o.st, Q.length).map(function (j) {
      return [{ text: Q[j].path, cls: 'text' }, range(Q[j].low, Q[j].high), fix(o.st[j]) + ' [' + fix(o.st_lo[j]) + ', ' + fix(o.st_hi[j]) + ']',
              fix(o.s1[j]) + ' [' + fix(o.s1_lo[j]) + ', ' + fix(o.s1_hi[j]) + ']'];
    });
    var d = el('details', { 'class': 'events' });
    d.appendChild(el('summary', null, 'Every parameter: ' + o.label));
    d.appendChild(table(['parameter', 'range explored', 'ST [95%]', 'S1 [95%]'], rows, 'numbers'));
    f.fig.appendChild(d);
  }

  function morrisOutput(box, o, k) {
    var Q = X.parameters;
    var idx = ordered(o.mu_star, MAX_ROWS);
    var labels = idx.map(function (j) { return Q[j].path; });
    function pick(a) { return idx.map(function (j) { return a[j]; }); }
    var f = indexChart(box, o.label + ': elementary effects', 'morris-' + k, labels, [
      { label: 'mu (mean effect, signed)', colour: OI.green, v: pick(o.mu), bar: true, style: 'rect' },
      { label: 'mu* (mean absolute effect, 95% interval)', colour: OI.blue, v: pick(o.mu_star), lo: pick(o.mu_star_lo), hi: pick(o.mu_star_hi) },
      { label: 'sigma (spread of the effects)', colour: OI.vermillion, v: pick(o.sigma), style: 'triangle' }
    ], 'change of ' + o.label + ' across the whole range', 'parameter');
    var rows = ordered(o.mu_star, Q.length).map(function (j) {
      return [{ text: Q[j].path, cls: 'text' }, range(Q[j].low, Q[j].high), sig(o.mu_star[j]) + ' [' + sig(o.mu_star_lo[j]) + ', ' + sig(o.mu_star_hi[j]) + ']',
              sig(o.mu[j]), sig(o.sigma[j])];
    });
    var d = el('details', { 'class': 'events' });
    d.appendChild(el('summary', null, 'Every parameter: ' + o.label));
    d.appendChild(table(['parameter', 'range explored', 'mu* [95%]', 'mu', 'sigma'], rows, 'numbers'));
    f.fig.appendChild(d);
  }

  function boxLimits(parent, title, name, B) {
    if (!B.limits.length) {
      parent.appendChild(el('p', { 'class': 'skip' }, 'No parameter limits the box significantly.'));
      return;
    }
    var labels = B.limits.map(function (l) { return l.path; });
    function share(l, v) { return l.sampled_high > l.sampled_low ? 100 * (v - l.sampled_low) / (l.sampled_high - l.sampled_low) : 0; }
    var f = figure(parent, title);
    f.fig.querySelector('.cbox').style.height = Math.max(160, 34 * labels.length + 100) + 'px';
    var ds = [];
    B.limits.forEach(function (l, i) {
      ds.push({ type: 'line', label: i === 0 ? 'inside the box' : '_box' + i,
                data: [{ x: share(l, l.low), y: i }, { x: share(l, l.high), y: i }],
                borderColor: OI.green, backgroundColor: OI.green, borderWidth: 14, borderCapStyle: 'butt', pointRadius: 0, fill: false });
    });
    make(f.canvas, {
      type: 'scatter', data: { datasets: ds },
      options: {
        scales: {
          x: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'position in the sampled range (%)' }, grid: { color: '#eef0f3' } },
          y: { type: 'linear', min: -0.5, max: labels.length - 0.5, reverse: true, title: { display: true, text: 'restricted parameter' },
               afterBuildTicks: function (axis) { axis.ticks = labels.map(function (_, i) { return { value: i }; }); },
               ticks: { callback: function (v) { return labels[v] || ''; }, font: { size: 11 } }, grid: { color: '#eef0f3' } }
        },
        plugins: { legend: { position: 'bottom' },
                   tooltip: { callbacks: { label: function (c) { var l = B.limits[Math.round(c.parsed.y)]; return l.path + ': ' + range(l.low, l.high); } } } }
      }
    }, name);
    f.fig.appendChild(table(['parameter', 'sampled', 'in the box', 'p-value'], B.limits.map(function (l) {
      return [{ text: l.path, cls: 'text' }, range(l.sampled_low, l.sampled_high), range(l.low, l.high), fin(l.p_value) ? l.p_value.toPrecision(2) : '–'];
    }), 'numbers'));
  }

  function prim(box) {
    var R = X.prim;
    box.appendChild(el('p', null, 'The condition holds at ' + X.hits + ' of ' + X.points + ' points (' + pct(X.points ? X.hits / X.points : NaN) + ').'));
    if (!R) {
      box.appendChild(el('p', { 'class': 'skip' }, 'Nothing to discover: it holds ' + (X.hits ? 'everywhere' : 'nowhere') + ' in the sample.'));
      return;
    }
    var g = el('div', { 'class': 'grid2' });
    box.appendChild(g);
    var f = figure(g, 'Coverage and density while peeling', 'tall');
    var traj = R.steps.map(function (s) { return { x: 100 * s.coverage, y: 100 * s.density }; });
    var c = R.steps[R.chosen];
    make(f.canvas, {
      type: 'scatter', data: { datasets: [
        { type: 'line', label: 'peeling trajectory', data: traj, borderColor: OI.blue, backgroundColor: OI.blue, pointRadius: 2, fill: false },
        { type: 'scatter', label: 'chosen step (' + R.chosen + ')', data: [{ x: 100 * c.coverage, y: 100 * c.density }],
          backgroundColor: OI.orange, borderColor: '#000', pointRadius: 7, pointStyle: 'rectRot' },
        { type: 'scatter', label: 'the box after pasting and pruning', data: [{ x: 100 * R.box.coverage, y: 100 * R.box.density }],
          backgroundColor: OI.green, borderColor: '#000', pointRadius: 7, pointStyle: 'star' },
        { type: 'line', label: 'density of the whole sample', data: [{ x: 0, y: 100 * R.base_density }, { x: 100, y: 100 * R.base_density }],
          borderColor: '#000', borderWidth: 1, borderDash: [4, 3], pointRadius: 0, fill: false }
      ] },
      options: {
        scales: {
          x: { type: 'linear', min: 0, max: 100, reverse: true, title: { display: true, text: 'coverage: % of the points where it holds that the box catches' }, grid: { color: '#eef0f3' } },
          y: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'density: % of the box\'s points where it holds' }, grid: { color: '#eef0f3' } }
        },
        plugins: { legend: { position: 'bottom' },
                   tooltip: { callbacks: { label: function (q) { return q.dataset.label + ': coverage ' + num(q.parsed.x, 1) + '%, density ' + num(q.parsed.y, 1) + '%'; } } } }
      }
    }, 'prim-tradeoff');
    f.fig.appendChild(el('figcaption', null, 'Each peeling step trades coverage for density (read from right to left). The box holds ' +
      R.box.n_in + ' points (' + pct(R.box.mass) + ' of the sample); density ' + pct(R.box.density) + ' against ' + pct(R.base_density) +
      ' overall, coverage ' + pct(R.box.coverage) + '.'));
    var side = el('div');
    g.appendChild(side);
    boxLimits(side, 'The box, within the sampled ranges', 'prim-box', R.box);
  }

  function robust(box) {
    var Pl = X.policies;
    var head = ['policy', 'mean ' + X.label, 'mean regret', 'max regret', (X.maximise ? 'share ≥ ' : 'share ≤ ') + sig(X.threshold), ''];
    var rows = Pl.map(function (p, k) {
      var marks = [];
      if (k === X.minimax) marks.push('★ minimax regret');
      if (k === X.most_satisficing) marks.push('meets the threshold most often');
      return [swatch(policyColour(k), p.label), fix(p.mean), fix(p.mean_regret), fix(p.max_regret), pct(p.share_meets, 0),
              { text: marks.join('; '), cls: 'text' }];
    });
    var t = table(head, rows, 'robust');
    t.querySelectorAll('tbody tr')[X.minimax].className = 'best';
    box.appendChild(t);
    var labels = Pl.map(function (p) { return p.label; });
    var g = el('div', { 'class': 'grid2' });
    box.appendChild(g);
    var f = indexChart(g, 'Regret of each policy across the futures', 'robust-regret', labels, [
      { label: 'maximum regret', colour: OI.vermillion, v: Pl.map(function (p) { return p.max_regret; }), bar: true },
      { label: 'mean regret', colour: OI.blue, v: Pl.map(function (p) { return p.mean_regret; }), style: 'rectRot' }
    ], 'regret: gap to the best policy in a future (' + X.label + ')', 'policy');
    f.fig.appendChild(el('figcaption', null, 'Minimax regret: ' + Pl[X.minimax].label + ', the policy whose worst gap to the best policy in any future is smallest.'));
    var h = indexChart(g, 'Share of futures meeting the threshold', 'robust-share', labels, [
      { label: 'futures meeting ' + X.label + (X.maximise ? ' ≥ ' : ' ≤ ') + sig(X.threshold) + ' (%)', colour: OI.green,
        v: Pl.map(function (p) { return 100 * p.share_meets; }), bar: true }
    ], '% of the ' + X.points + ' futures', 'policy', [0, 100]);
    h.fig.appendChild(el('figcaption', null, 'Satisficing: a policy meets the threshold in a future when its ' + X.label + ' is ' + (X.maximise ? 'at least ' : 'at most ') + sig(X.threshold) + '.'));
    box.appendChild(el('h3', null, 'Where each policy fails'));
    var ul = el('ul');
    Pl.forEach(function (p) {
      var text = p.label + ' fails the threshold in ' + p.fails + ' of ' + X.points + ' futures';
      if (p.fail_box) {
        var lim = p.fail_box.limits.map(function (l) { return l.path + ' ' + range(l.low, l.high) + ' (p = ' + (fin(l.p_value) ? l.p_value.toPrecision(2) : '–') + ')'; });
        text += '; most (' + pct(p.fail_box.coverage, 0) + ' of them, at a density of ' + pct(p.fail_box.density, 0) + ') where ' +
          (lim.length ? lim.join('; ') : 'no parameter limits them significantly');
      }
      ul.appendChild(el('li', null, text + '.'));
    });
    box.appendChild(ul);
  }

  function exploration() {
    if (!X) { hideSection('sec-explore'); return; }
    var title = document.getElementById('explore-title');
    var lede = document.getElementById('explore-lede');
    var box = document.getElementById('explore-body');
    var what = X.parameters.length + ' parameters over their ranges; ' + X.points + ' points, each an ensemble of ' +
      X.runs_per_point + ' runs on common random numbers (seed ' + X.seed + ')' + (X.partial ? ' — PARTIAL: interrupted' : '') + '.';
    if (X.kind === 'sobol') {
      title.textContent = 'What drives the outcomes: Sobol indices';
      lede.textContent = 'The share of each output\'s variance that a parameter explains alone (first-order index S1) and with all its interactions (total index ST), ' +
        'with 95% bootstrap intervals (Saltelli 2010; Jansen 1999). Bars: ST, largest first. Under ' + X.policy_label + '; ' + what;
      X.outputs.forEach(function (o, k) { sobolOutput(box, o, k); });
    } else if (X.kind === 'morris') {
      title.textContent = 'What drives the outcomes: Morris screening';
      lede.textContent = 'Elementary effects: the change of the output as one parameter crosses its whole range, the others fixed. mu* (mean absolute effect, ' +
        'with its 95% bootstrap interval) ranks the parameters; the bar is mu, the signed mean (the direction); sigma is the spread (interactions, non-linearity). Under ' +
        X.policy_label + '; ' + what;
      X.outputs.forEach(function (o, k) { morrisOutput(box, o, k); });
    } else if (X.kind === 'prim') {
      title.textContent = 'Where it happens: scenario discovery';
      lede.textContent = 'PRIM (Friedman and Fisher 1999) on the condition “' + X.condition + '”: peeling narrows a box of parameter values step by step, ' +
        'trading coverage for density; the chosen box is then pasted and pruned to the limits that matter (p-value: could the box do as well without that limit?). ' + what;
      prim(box);
    } else {
      title.textContent = 'Which policy holds up: robustness across futures';
      lede.textContent = 'Every policy in every sampled future on the same runs: its mean ' + X.label + ', its regret (the gap to the best policy in that future), ' +
        'the minimax-regret policy and the share of futures in which each meets the threshold (Lempert et al. 2003). ' + what;
      robust(box);
    }
  }

  /* ---- contents and status -------------------------------------------------------- */

  function toc() {
    var nav = document.getElementById('toc');
    Array.prototype.forEach.call(document.querySelectorAll('main section'), function (s) {
      if (s.style.display === 'none') return;
      var h = s.querySelector('h2');
      var a = el('a', { href: '#' + s.id }, h.textContent);
      nav.appendChild(a);
    });
    nav.appendChild(el('a', { href: '#provenance' }, 'Provenance'));
  }

  var steps = [exploration, outcomesOverTime, survival, comparison, fans, typical, game, toc];
  steps.forEach(function (f) {
    try { f(); } catch (e) {
      errors.push(f.name + ': ' + (e && e.message ? e.message : e));
      if (window.console) console.error('brink report: ' + f.name + ': ' + (e && e.stack ? e.stack : e));
    }
  });

  var rendered = 0, empty = [];
  charts.forEach(function (c) {
    if (hasPoints(c.chart)) rendered++;
    else empty.push(c.name);
  });
  body.dataset.chartsTotal = String(charts.length);
  body.dataset.chartsRendered = String(rendered);
  body.dataset.chartsEmpty = empty.join(' ');
  body.dataset.reportStatus = errors.length ? 'error: ' + errors.join('; ') : 'ok';
  if (errors.length) {
    var p = el('p', { 'class': 'status-error' }, 'This report could not draw everything: ' + errors.join('; '));
    document.querySelector('main').insertBefore(p, document.querySelector('main').firstChild);
  }
})();
