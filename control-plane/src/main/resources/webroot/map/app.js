// Boot: pick the site (?site=, else the first configured), draw its layout, then follow the live feed.
import { formatTime, getJson, seg } from './api.js';
import { LiveFeed, feedUrl } from './feed.js';
import { FloorMap } from './floor.js';
import { dispatch } from './messages.js';
import { clock } from './frame.js';
import { gradientCss } from './scale.js';
import { Ticker } from './ticker.js';
import { AnomalyPanel } from './anomalies.js';
import { LotSearch } from './lots.js';

const $ = (id) => document.getElementById(id);
const HELD = 'locked,quarantined,recalled';
/** Lock status changes are not on the live feed: the held-lot list is re-read this often. */
const HELD_REFRESH_MS = 30000;

function legend(box) {
  const bar = document.createElement('div');
  bar.className = 'legend-scale';
  const grad = document.createElement('div');
  grad.className = 'legend-bar';
  grad.style.background = gradientCss();
  const ticks = document.createElement('div');
  ticks.className = 'legend-ticks';
  for (const t of ['0%', '25%', '50%', '75%', '100% full']) {
    const s = document.createElement('span');
    s.textContent = t;
    ticks.append(s);
  }
  bar.append(grad, ticks);
  const keys = document.createElement('ul');
  keys.className = 'legend-keys';
  for (const [cls, text] of [['k-empty', 'empty'], ['k-over', 'over capacity'], ['k-held', 'holds a locked lot'], ['k-hit', 'holds searched lot'],
    ['k-in', 'IN at door'], ['k-out', 'OUT at door']]) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = `swatch ${cls}`;
    sw.setAttribute('aria-hidden', 'true');
    li.append(sw, text);
    keys.append(li);
  }
  box.replaceChildren(bar, keys);
}

function banner(state) {
  const b = $('banner');
  const c = $('conn');
  c.dataset.state = state.state;
  if (state.state === 'open') {
    b.hidden = true;
    b.textContent = '';
    c.textContent = '● live';
  } else if (state.state === 'reconnecting') {
    b.hidden = false;
    b.textContent = `Live feed lost — reconnecting… (attempt ${state.attempt}, next try in ${(state.delayMs / 1000).toFixed(1)} s). The map shows the last known state.`;
    c.textContent = 'reconnecting…';
  } else {
    c.textContent = 'connecting…';
  }
}

function tooltip(floor, binId, target) {
  const tip = $('tooltip');
  if (!binId) {
    tip.hidden = true;
    return;
  }
  const o = floor.occupancy(binId);
  tip.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = `Bin ${binId}`;
  const line = document.createElement('div');
  line.textContent = o ? `${o.count} of ${o.capacity} (${o.fillPercent}%)${o.overCapacity ? ' — over capacity' : ''}` : 'no data yet';
  tip.append(title, line);
  if (o) {
    const ul = document.createElement('ul');
    const lots = Object.entries(o.lots);
    for (const [lot, n] of lots) {
      const li = document.createElement('li');
      li.textContent = `${lot}: ${n}` + (floor.held.has(lot) ? ' (locked)' : '');
      ul.append(li);
    }
    if (o.unregistered) {
      const li = document.createElement('li');
      li.textContent = `unregistered: ${o.unregistered}`;
      ul.append(li);
    }
    if (!lots.length && !o.unregistered) {
      const li = document.createElement('li');
      li.textContent = 'empty';
      ul.append(li);
    }
    tip.append(ul);
  }
  tip.hidden = false;
  const wrap = tip.parentElement.getBoundingClientRect();
  const r = target.getBoundingClientRect();
  const left = Math.min(r.right - wrap.left + 8, wrap.width - tip.offsetWidth - 4);
  tip.style.left = `${Math.max(4, left)}px`;
  tip.style.top = `${Math.max(4, r.top - wrap.top)}px`;
}

async function binDetail(site, binId) {
  const box = $('bin-detail');
  box.dataset.bin = binId;
  box.replaceChildren(Object.assign(document.createElement('p'), { className: 'hint', textContent: `Loading bin ${binId}…` }));
  try {
    const d = await getJson(`/api/sites/${seg(site)}/bins/${seg(binId)}`);
    if (box.dataset.bin !== binId) {
      return;
    }
    const o = d.occupancy;
    const head = document.createElement('p');
    head.className = 'bin-head';
    head.setAttribute('data-testid', 'bin-detail-summary');
    head.textContent = `${o.bin}: ${o.count} of ${o.capacity} (${o.fillPercent}%)${o.overCapacity ? ' — over capacity' : ''}`;
    const table = document.createElement('table');
    table.className = 'tags';
    table.innerHTML = '<caption>Tags in this bin</caption><thead><tr><th scope="col">EPC</th><th scope="col">Lot</th><th scope="col">Since</th></tr></thead>';
    const body = document.createElement('tbody');
    for (const t of d.tags.slice(0, 200)) {
      const tr = document.createElement('tr');
      for (const v of [t.epc, t.lotId || '—', formatTime(t.at)]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    box.replaceChildren(head, table);
    if (d.tags.length > 200) {
      box.append(Object.assign(document.createElement('p'), { className: 'hint', textContent: `and ${d.tags.length - 200} more` }));
    }
  } catch (e) {
    box.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: e.message }));
  }
}

async function main() {
  legend($('legend'));
  const params = new URLSearchParams(window.location.search);
  let layout;
  try {
    const site = params.get('site');
    layout = site ? await getJson(`/api/sites/${seg(site)}`) : (await getJson('/api/sites'))[0];
  } catch (e) {
    $('site-name').textContent = `cannot load the site: ${e.message}`;
    return;
  }
  if (!layout) {
    $('site-name').textContent = 'no site is configured';
    return;
  }
  const site = layout.id;
  $('site-name').textContent = layout.name && layout.name !== site ? `${layout.name} (${site})` : site;
  document.title = `tagflow · ${layout.name || site}`;

  const floor = new FloorMap($('floor'), layout, {
    onHover: (bin, target) => tooltip(floor, bin, target),
    onSelect: (bin) => binDetail(site, bin),
  });
  const stats = $('stats');
  floor.onFlushed = () => {
    const { count, capacity: cap, over } = floor.totals;
    const text = `${floor.bins.size} bins · ${count} of ${cap} places used (${cap ? Math.round((100 * count) / cap) : 0}%)`
      + (over ? ` · ${over} over capacity` : '');
    if (stats.textContent !== text) {
      stats.textContent = text;
    }
  };
  const ticker = new Ticker($('ticker'));
  const anomalies = new AnomalyPanel($('anomalies'), $('supervisor'), $('anom-msg'), $('anom-open'));
  const lots = new LotSearch($('lot-form'), $('lot-input'), $('lot-clear'), $('lot-results'), floor);

  const refreshHeld = () => getJson(`/api/lots?status=${HELD}&limit=1000`)
    .then((held) => floor.setHeldLots(held.map((l) => l.id)))
    .catch((e) => console.warn('held lots:', e.message));
  const refreshAnomalies = () => getJson(`/api/sites/${seg(site)}/anomalies?limit=200`)
    .then((list) => anomalies.replaceAll(list))
    .catch((e) => console.warn('anomalies:', e.message));
  const refreshMovements = () => getJson(`/api/sites/${seg(site)}/movements?limit=40`)
    .then((page) => ticker.replaceAll(page.items))
    .catch((e) => console.warn('movements:', e.message));
  setInterval(refreshHeld, HELD_REFRESH_MS);

  const feed = new LiveFeed(feedUrl(site), (frame) => dispatch(frame, {
    snapshot: (bins) => {
      floor.snapshot(bins);
      // What happened while disconnected: anomalies and lock changes are re-read, not replayed.
      refreshAnomalies();
      refreshHeld();
      refreshMovements();
    },
    occupancy: (o) => floor.updateBin(o),
    movement: (m) => {
      floor.movement(m);
      ticker.add(m);
    },
    anomaly: (a) => {
      anomalies.queue(a);
      if (a.type === 'unexpected_exit') {
        refreshHeld();
      }
    },
  }), banner);
  feed.start();
  window.tagflowMap = { floor, feed, lots, anomalies, clock };
}

main();
