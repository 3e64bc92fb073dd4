// sa-shell report: draws the embedded data (tables, the dominator treemap, the heap chart). No requests:
// every byte the page needs is in this file.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var app = document.getElementById('app');
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'cls') { e.className = attrs[k]; }
      else { e.setAttribute(k, attrs[k]); }
    }
    (kids || []).forEach(function (c) { if (c !== null && c !== undefined) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    return e;
  }
  function bytes(n) {
    if (n === null || n === undefined || n < 0) { return '?'; }
    var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0, v = n;
    while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return (i === 0 ? String(v) : v.toFixed(v < 10 ? 2 : 1)) + ' ' + u[i];
  }
  function num(n) { return Number(n).toLocaleString('en-US'); }
  function pct(n) { return Number(n).toFixed(1) + '%'; }
  function objText(o) { return o ? o.className + ' ' + o.address : ''; }
  function commandsOf(section) {
    return D.commands.filter(function (c) { return c.section === section; }).map(function (c) { return c.command; });
  }
  function section(id, title, repro) {
    var s = el('section', {id: id}, [el('h2', {text: title})]);
    var cmds = commandsOf(repro || id);
    if (cmds.length) {
      var p = el('p', {cls: 'repro'}, ['In the shell: ']);
      cmds.forEach(function (c, i) {
        if (i) { p.appendChild(document.createTextNode(', ')); }
        p.appendChild(el('code', {text: c}));
      });
      p.appendChild(document.createTextNode(' (sa-shell/sa-shell open ' + D.summary.core + ' -c \u2026)'));
      s.appendChild(p);
    }
    app.appendChild(s);
    return s;
  }
  function facts(pairs) {
    var dl = el('dl', {cls: 'facts'});
    pairs.forEach(function (p) { if (p[1] !== '' && p[1] !== null) { dl.appendChild(el('dt', {text: p[0]})); dl.appendChild(el('dd', {}, [p[1]])); } });
    return dl;
  }
  // A table of rows; columns are {label, get, num, fmt}. Sortable tables sort on a header click.
  function table(columns, rows, sortable, sortedBy) {
    var t = el('table', {cls: sortable ? 'sortable' : ''});
    var head = el('tr');
    var body = el('tbody');
    var state = {col: sortedBy === undefined ? -1 : sortedBy, desc: true};
    function fill() {
      body.textContent = '';
      var shown = rows.slice();
      if (state.col >= 0) {
        var c = columns[state.col];
        shown.sort(function (a, b) {
          var x = c.get(a), y = c.get(b);
          var r = c.num ? x - y : String(x).localeCompare(String(y));
          return state.desc ? -r : r;
        });
      }
      shown.forEach(function (r) {
        var tr = el('tr');
        columns.forEach(function (c) {
          var v = c.get(r);
          var shownValue = c.fmt ? c.fmt(v, r) : v;
          tr.appendChild(el('td', {cls: c.num ? 'num' : ''}, [shownValue instanceof Node ? shownValue : String(shownValue)]));
        });
        body.appendChild(tr);
      });
      Array.prototype.forEach.call(head.children, function (th, i) {
        th.classList.remove('sorted-asc', 'sorted-desc');
        if (i === state.col) { th.classList.add(state.desc ? 'sorted-desc' : 'sorted-asc'); }
      });
    }
    columns.forEach(function (c, i) {
      var th = el('th', {cls: (c.num ? 'num ' : '') + (sortable ? 'sortable' : ''), text: c.label});
      if (sortable) {
        th.addEventListener('click', function () {
          state.desc = state.col === i ? !state.desc : true;
          state.col = i;
          fill();
        });
      }
      head.appendChild(th);
    });
    t.appendChild(el('thead', {}, [head]));
    t.appendChild(body);
    fill();
    return t;
  }
  function pathList(p) {
    if (!p) { return el('p', {cls: 'note', text: 'no path from a GC root (unreachable, or reached only through weak references)'}); }
    var ol = el('ol', {cls: 'path mono'});
    ol.appendChild(el('li', {text: p.root}));
    p.hops.forEach(function (h) {
      ol.appendChild(el('li', {text: h.from ? h.via + ' \u2192 ' + objText(h.to) : '\u2026 ' + h.via + ' \u2026'}));
    });
    return ol;
  }
  function frames(list) {
    var ul = el('ul', {cls: 'stack mono'});
    list.forEach(function (f) { ul.appendChild(el('li', {text: 'at ' + f.method + (f.line >= 0 ? ':' + f.line : '') + ' (' + f.kind + ')'})); });
    if (!list.length) { ul.appendChild(el('li', {cls: 'note', text: 'no Java frames'})); }
    return ul;
  }

  function summary() {
    var s = D.summary;
    var sec = section('summary', 'Summary');
    sec.appendChild(facts([
      ['core', s.core], ['JDK', s.jdk + (s.vendor ? ' (' + s.vendor + ')' : '')], ['collector', s.gc],
      ['heap', bytes(s.heapUsed) + ' used of ' + bytes(s.heapCapacity)],
      ['reachable', bytes(s.reachableBytes) + ' in ' + num(s.reachableObjects) + ' objects'],
      ['process', 'pid ' + s.pid + (s.command ? ': ' + s.command : '')],
      ['died of', s.signal ? s.signalName + ' (signal ' + s.signal + ') in thread ' + s.crashingTid : 'no fatal signal recorded (a core taken of a live process)'],
      ['hs_err log', s.hsErrLog], ['redacted', D.redacted ? 'yes: structure only, no values, strings or thread names' : '']
    ]));
    sec.appendChild(el('h3', {text: 'Crashing thread: ' + (s.crashingThread || 'not a Java thread')}));
    if (s.crashingThread) { sec.appendChild(frames(s.crashingStack)); }
  }

  function suspects() {
    var sec = section('suspects', 'Leak suspects');
    sec.appendChild(el('p', {cls: 'note', text: 'Objects or classes retaining at least ' + D.threshold + '% of the ' + bytes(D.summary.reachableBytes) + ' reachable from GC roots.'}));
    if (!D.suspects.length) { sec.appendChild(el('p', {text: 'No suspect: nothing retains that much.'})); }
    D.suspects.forEach(function (x, i) {
      var card = el('div', {cls: 'suspect', 'data-holder': x.holder});
      card.appendChild(el('h3', {}, ['Suspect ' + (i + 1) + ': ', el('span', {cls: 'holder mono', text: x.holder}),
        ' retains ' + bytes(x.retained) + ' (' + pct(x.percent) + ')']));
      card.appendChild(el('p', {text: x.explanation}));
      var pairs = [['object', x.kind === 'class' ? num(x.instances) + ' instances of ' + x.object.className + ' (largest at ' + x.object.address + ')' : objText(x.object)]];
      if (x.accumulation) {
        var a = x.accumulation;
        pairs.push(['accumulation point', objText(a.object)]);
        pairs.push(['piling up', num(a.count) + ' \u00d7 ' + a.elementClass + ', ' + bytes(a.elementsRetained)]);
      }
      card.appendChild(facts(pairs));
      card.appendChild(el('h3', {text: 'Shortest path from a GC root'}));
      card.appendChild(pathList(x.path));
      sec.appendChild(card);
    });
  }

  // ---- treemap of the dominator tree ----
  var T = D.treemap, kids = T.nodes.map(function () { return []; });
  T.nodes.forEach(function (n, i) { if (n.parent >= 0) { kids[n.parent].push(i); } });
  function pkg(cls) {
    var c = cls.replace(/^java\.lang\.Class for .*/, 'java.lang.Class').replace(/(\[\])+$/, '');
    var dot = c.lastIndexOf('.');
    return dot < 0 ? (/^[a-z]+$/.test(c) ? 'primitive arrays' : '(default package)') : c.substring(0, dot);
  }
  function hue(s) { var h = 0; for (var i = 0; i < s.length; i++) { h = (h * 31 + s.charCodeAt(i)) % 360; } return h; }
  function label(n) {
    return !n.aggregate ? n.className : num(n.count) + (n.className ? ' \u00d7 ' + n.className : ' smaller objects');
  }
  function colour(n, depth) {
    if (n.aggregate) { return n.className ? 'hsl(' + hue(pkg(n.className)) + ',25%,78%)' : '#c4c8d0'; }
    return 'hsl(' + hue(pkg(n.className)) + ',55%,' + Math.min(80, 58 + depth * 6) + '%)';
  }
  function worst(row, side) {
    var s = 0, mx = 0, mn = Infinity;
    row.forEach(function (r) { s += r.a; mx = Math.max(mx, r.a); mn = Math.min(mn, r.a); });
    return Math.max(side * side * mx / (s * s), s * s / (side * side * mn));
  }
  // Squarified layout (Bruls, Huizing, van Wijk): items {i, v} biggest first, in the rectangle x, y, w, h.
  function squarify(items, x, y, w, h) {
    var total = items.reduce(function (a, b) { return a + b.v; }, 0), out = [];
    if (total <= 0 || w <= 0 || h <= 0) { return out; }
    var rest = items.filter(function (it) { return it.v > 0; }).map(function (it) { return {i: it.i, a: it.v * w * h / total}; });
    while (rest.length) {
      var side = Math.min(w, h), row = [], best = Infinity;
      while (rest.length) {
        var cand = row.concat([rest[0]]), r = worst(cand, side);
        if (row.length && r > best) { break; }
        row = cand; best = r; rest.shift();
      }
      var s = row.reduce(function (a, b) { return a + b.a; }, 0), thick = s / side, off = 0;
      row.forEach(function (it) {
        var len = it.a / thick;
        out.push(w >= h ? {i: it.i, x: x, y: y + off, w: thick, h: len} : {i: it.i, x: x + off, y: y, w: len, h: thick});
        off += len;
      });
      if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
    }
    return out;
  }
  var W = 1000, H = 600, focus = 0, selected = -1, tmSvg, crumbs, detail;
  function draw() {
    tmSvg.textContent = '';
    layout(focus, 0, 0, W, H, 0);
    crumbs.textContent = '';
    var chain = [];
    for (var v = focus; v >= 0; v = T.nodes[v].parent) { chain.unshift(v); }
    chain.forEach(function (v, i) {
      if (i) { crumbs.appendChild(document.createTextNode(' \u203a ')); }
      var n = T.nodes[v];
      var a = el('a', {text: v === 0 ? 'GC roots' : n.className + ' ' + n.address, 'data-node': v});
      a.addEventListener('click', function () { focus = v; draw(); });
      crumbs.appendChild(a);
    });
  }
  function layout(v, x, y, w, h, depth) {
    var items = kids[v].map(function (c) { return {i: c, v: T.nodes[c].retained}; });
    // The object's own bytes take their share of its cell, undrawn.
    items.push({i: -1, v: v === 0 ? 0 : T.nodes[v].shallow});
    squarify(items, x, y, w, h).forEach(function (r) {
      if (r.i < 0 || r.w < 2 || r.h < 2) { return; }
      var n = T.nodes[r.i];
      var rect = svg('rect', {x: r.x.toFixed(1), y: r.y.toFixed(1), width: r.w.toFixed(1), height: r.h.toFixed(1),
        fill: colour(n, depth), 'class': 'cell' + (r.i === selected ? ' selected' : ''), 'data-node': r.i,
        'data-class': n.className, 'data-address': n.address, 'data-parent': n.parent, 'data-count': n.count, 'data-retained': n.retained, 'data-depth': depth + 1});
      var tip = svg('title', {});
      tip.textContent = label(n) + ' ' + n.address + '\nretained ' + bytes(n.retained) + (n.via ? '\nheld by ' + n.via : '');
      rect.appendChild(tip);
      rect.addEventListener('click', function (ev) { ev.stopPropagation(); choose(r.i); });
      tmSvg.appendChild(rect);
      var nested = kids[r.i].length > 0 && depth < 3 && r.w > 40 && r.h > 36;
      if (r.w > 50 && r.h > 14) {
        var text = (n.aggregate ? label(n) : n.className.replace(/^.*\.(?=[^.]*$)/, '')) + ' ' + bytes(n.retained);
        var t = svg('text', {x: (r.x + 3).toFixed(1), y: (r.y + 12).toFixed(1)});
        t.textContent = text.length > r.w / 6.5 ? text.substring(0, Math.max(1, Math.floor(r.w / 6.5) - 1)) + '\u2026' : text;
        tmSvg.appendChild(t);
      }
      if (nested) { layout(r.i, r.x + 2, r.y + 16, r.w - 4, r.h - 18, depth + 1); }
    });
  }
  // A click descends into the object (when it has children here) and shows what it is.
  function choose(i) {
    selected = i;
    if (kids[i].length) { focus = i; }
    draw();
    showDetail(i);
  }
  function showDetail(i) {
    var n = T.nodes[i];
    detail.textContent = '';
    detail.setAttribute('data-node', i);
    if (n.aggregate) {
      detail.appendChild(el('h3', {text: label(n)}));
      detail.appendChild(el('p', {text: 'Together they retain ' + bytes(n.retained) + '; each is too small to draw (dominators ' + (n.parent > 0 ? T.nodes[n.parent].address + ' ' : '') + 'lists them).'}));
      return;
    }
    detail.appendChild(el('h3', {cls: 'mono', text: n.className + ' ' + n.address}));
    detail.appendChild(facts([['shallow size', bytes(n.shallow)],
      ['retained size', bytes(n.retained) + ' (' + pct(100 * n.retained / Math.max(1, T.reachableBytes)) + ' of the reachable heap)'],
      ['held by', n.via || 'several objects of its dominator'], ['dominates', num(n.children) + ' objects directly']]));
    var d = n.detail >= 0 ? T.details[n.detail] : null;
    detail.appendChild(el('h3', {text: 'Path from a GC root'}));
    if (d) {
      var p = pathList(d.path);
      p.id = 'tm-path';
      detail.appendChild(p);
    } else {
      var ol = el('ol', {cls: 'path mono', id: 'tm-path'});
      var chain = [];
      for (var v = i; v > 0; v = T.nodes[v].parent) { chain.unshift(v); }
      chain.forEach(function (v) { ol.appendChild(el('li', {text: (T.nodes[v].via || '\u2026') + ' \u2192 ' + T.nodes[v].className + ' ' + T.nodes[v].address})); });
      detail.appendChild(el('p', {cls: 'note', text: 'Its dominators from the GC roots (path ' + n.address + ' in the shell gives every hop):'}));
      detail.appendChild(ol);
    }
    if (d) {
      detail.appendChild(el('h3', {text: 'Fields'}));
      if (d.text) { detail.appendChild(el('p', {cls: 'mono', text: 'value: ' + d.text})); }
      detail.appendChild(table([{label: 'field', get: function (f) { return f.name; }},
        {label: 'type', get: function (f) { return f.type; }}, {label: 'value', get: function (f) { return f.value; }}], d.fields, false));
      if (d.omitted > 0) { detail.appendChild(el('p', {cls: 'note', text: num(d.omitted) + ' more not shown (inspect ' + n.address + ')'})); }
    } else {
      detail.appendChild(el('p', {cls: 'note', text: 'Fields: inspect ' + n.address + ' in the shell.'}));
    }
  }
  function treemap() {
    var sec = section('treemap', 'Dominator treemap');
    sec.appendChild(el('p', {cls: 'note', text: 'Each cell is an object sized by the bytes it retains (what would be freed without it), nested inside the object that dominates it, coloured by package. Click a cell to descend into it and see its path and fields.'}));
    crumbs = el('div', {id: 'tm-crumbs'});
    sec.appendChild(crumbs);
    tmSvg = svg('svg', {id: 'tm-svg', viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img'});
    detail = el('div', {id: 'tm-detail'}, [el('p', {cls: 'note', text: 'Click a cell.'})]);
    sec.appendChild(el('div', {id: 'tm-wrap'}, [tmSvg, detail]));
    var byPkg = {};
    T.nodes.forEach(function (n, i) { if (i > 0 && !n.aggregate) { byPkg[pkg(n.className)] = (byPkg[pkg(n.className)] || 0) + n.shallow; } });
    var legend = el('div', {cls: 'legend'});
    Object.keys(byPkg).sort(function (a, b) { return byPkg[b] - byPkg[a]; }).slice(0, 12).forEach(function (p) {
      legend.appendChild(el('span', {}, [el('i', {style: 'background:hsl(' + hue(p) + ',55%,58%)'}), p]));
    });
    sec.appendChild(legend);
    draw();
  }

  function histogram() {
    var sec = section('histogram', 'Classes');
    sec.appendChild(el('p', {cls: 'note', text: 'Reachable instances per class; retained: what all of them keep together. Click a heading to sort.' +
      (D.classes > D.histogram.length ? ' The ' + num(D.histogram.length) + ' biggest of ' + num(D.classes) + ' classes.' : '')}));
    sec.appendChild(table([
      {label: 'class', get: function (r) { return r.className; }, fmt: function (v) { return el('span', {cls: 'mono', text: v}); }},
      {label: 'loader', get: function (r) { return r.loader; }},
      {label: 'count', num: true, get: function (r) { return r.count; }, fmt: num},
      {label: 'shallow', num: true, get: function (r) { return r.shallow; }, fmt: bytes},
      {label: 'retained', num: true, get: function (r) { return r.retained; }, fmt: bytes}], D.histogram, true, 4));
  }

  function biggest() {
    var sec = section('biggest', 'Biggest objects');
    sec.appendChild(table([
      {label: 'object', get: function (r) { return objText(r.object); }, fmt: function (v) { return el('span', {cls: 'mono', text: v}); }},
      {label: 'shallow', num: true, get: function (r) { return r.object.size; }, fmt: bytes},
      {label: 'retained', num: true, get: function (r) { return r.retained; }, fmt: bytes},
      {label: '%', num: true, get: function (r) { return r.percent; }, fmt: pct},
      {label: 'held by', get: function (r) { return r.holder; }}], D.biggest, true));
  }

  function statics() {
    var sec = section('statics', 'Static fields by retained size');
    sec.appendChild(table([
      {label: 'field', get: function (r) { return r.field; }, fmt: function (v) { return el('span', {cls: 'mono', text: v}); }},
      {label: 'value', get: function (r) { return objText(r.value); }},
      {label: 'retained', num: true, get: function (r) { return r.retained; }, fmt: bytes},
      {label: '%', num: true, get: function (r) { return r.percent; }, fmt: pct},
      {label: 'field alone keeps it', get: function (r) { return r.owned ? 'yes' : 'no'; }}], D.statics, true));
  }

  function threads() {
    var sec = section('threads', 'Threads (' + D.threads.length + ')');
    D.threads.forEach(function (t) {
      var d = el('details', {cls: t.crashing ? 'crashing' : ''}, [el('summary', {text: '#' + t.index + ' ' + t.name + ' (tid ' + t.tid + ', ' + t.state + (t.daemon ? ', daemon' : '') + ')' + (t.crashing ? ': crashing thread' : '')})]);
      if (t.crashing) { d.open = true; }
      d.appendChild(frames(t.frames));
      sec.appendChild(d);
    });
  }

  function memory() {
    var sec = section('memory', 'Process memory by kind');
    var m = D.memory;
    if (!m) { sec.appendChild(el('p', {cls: 'note', text: 'not available'})); return; }
    sec.appendChild(el('p', {text: 'Java heap: ' + bytes(m.heapUsed) + ' used, ' + bytes(m.heapCommitted) + ' committed, ' + bytes(m.heapReserved) + ' reserved; ' + bytes(m.total) + ' mapped in all.'}));
    var max = m.kinds.reduce(function (a, k) { return Math.max(a, k.bytes); }, 1);
    sec.appendChild(table([{label: 'kind', get: function (k) { return k.kind; }},
      {label: 'mapped', num: true, get: function (k) { return k.bytes; }, fmt: bytes},
      {label: 'in the core', num: true, get: function (k) { return k.inCore; }, fmt: bytes},
      {label: '', get: function (k) { return k.bytes; }, fmt: function (v) { return el('span', {cls: 'bar', style: 'width:' + Math.max(1, Math.round(300 * v / max)) + 'px'}); }}], m.kinds, false));
    sec.appendChild(el('h3', {text: 'Biggest mapped files'}));
    sec.appendChild(table([{label: 'file', get: function (f) { return f.path; }}, {label: 'mapped', num: true, get: function (f) { return f.bytes; }, fmt: bytes}], m.files, true));
  }

  function trend() {
    var sec = section('trend', 'Heap after GC over time (Flight Recorder)');
    var t = D.trend;
    if (!t) { sec.appendChild(el('p', {cls: 'note', text: 'No chart: ' + (D.trendNote || 'no recording found beside the core') + '.'})); return; }
    sec.appendChild(el('p', {text: 'From ' + t.recording + ': ' + t.after.length + ' collections; the after-GC floor is ' + t.verdict.toLowerCase().replace(/_/g, ' ') +
      (t.verdict === 'GROWING' ? ' by ' + bytes(Math.round(t.bytesPerMinute)) + ' a minute' : '') + '.'}));
    var w = 1000, h = 280, l = 70, b = 24, pts = t.after.concat(t.before);
    var maxX = pts.reduce(function (a, p) { return Math.max(a, p[0]); }, 1);
    var maxY = Math.max(t.maxHeap, pts.reduce(function (a, p) { return Math.max(a, p[1]); }, 1));
    function X(v) { return l + (w - l - 10) * v / maxX; }
    function Y(v) { return 8 + (h - b - 8) * (1 - v / maxY); }
    var c = svg('svg', {'class': 'chart', id: 'trend-chart', viewBox: '0 0 ' + w + ' ' + h, width: w, height: h});
    c.appendChild(svg('line', {x1: l, y1: Y(0), x2: w - 10, y2: Y(0), stroke: '#9aa3b2'}));
    c.appendChild(svg('line', {x1: l, y1: 8, x2: l, y2: Y(0), stroke: '#9aa3b2'}));
    [0, 0.25, 0.5, 0.75, 1].forEach(function (f) {
      var lab = svg('text', {x: 4, y: Y(maxY * f) + 4}); lab.textContent = bytes(Math.round(maxY * f)); c.appendChild(lab);
      var tl = svg('text', {x: X(maxX * f) - 12, y: h - 6}); tl.textContent = (maxX * f / 1000).toFixed(0) + ' s'; c.appendChild(tl);
    });
    if (t.maxHeap > 0) { c.appendChild(svg('line', {x1: l, y1: Y(t.maxHeap), x2: w - 10, y2: Y(t.maxHeap), stroke: '#b3261e', 'stroke-dasharray': '5,4'})); }
    t.before.forEach(function (p) { c.appendChild(svg('circle', {cx: X(p[0]), cy: Y(p[1]), r: 2, fill: '#c4c8d0'})); });
    c.appendChild(svg('polyline', {points: t.after.map(function (p) { return X(p[0]).toFixed(1) + ',' + Y(p[1]).toFixed(1); }).join(' '), fill: 'none', stroke: '#2747b8', 'stroke-width': 2, 'class': 'after-gc'}));
    t.after.forEach(function (p) { c.appendChild(svg('circle', {cx: X(p[0]), cy: Y(p[1]), r: 3, fill: '#2747b8'})); });
    sec.appendChild(c);
    sec.appendChild(el('p', {cls: 'note', text: 'Blue: heap used after each GC; grey: before; red dashes: the maximum heap.'}));
  }

  [summary, suspects, treemap, histogram, biggest, statics, threads, memory, trend].forEach(function (f) {
    try { f(); } catch (e) { app.appendChild(el('p', {cls: 'note', text: 'This section could not be drawn: ' + e})); }
  });
  // For tests and links: #click=ADDRESS clicks that object's cell once the page is drawn.
  var m = /^#click=(0x[0-9a-f]+)$/.exec(location.hash);
  if (m) {
    var want = T.nodes.findIndex(function (n) { return n.address === m[1]; });
    if (want > 0) {
      focus = T.nodes[want].parent;
      draw();
      var cell = tmSvg.querySelector('rect[data-node="' + want + '"]');
      if (cell) { cell.dispatchEvent(new MouseEvent('click', {bubbles: true})); }
    }
  }
  // How long the page took to draw from navigation start (bench/report.sh reads it from the dumped DOM).
  document.body.setAttribute('data-drawn-ms', String(Math.round(performance.now())));
  document.body.setAttribute('data-ready', 'true');
})();
