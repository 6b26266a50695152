// The floor map: one SVG, one keyed <g> per bin and per door, created once from the layout. Live
// changes are queued by id and applied on the page's render clock (frame.js), so a burst of messages
// (50 movements/s over 2,000 bins) touches only the nodes that changed, at most once per tick.
import { schedule } from './frame.js';
import { fillColour, inkOn } from './scale.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Above this many bins the map drops the per-bin text (unreadable anyway) to keep the DOM small. */
const LABEL_LIMIT = 400;
const FLASH_MS = 1500;
const EMPTY = '#e9ecef';

function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) {
    e.setAttribute(k, v);
  }
  if (parent) {
    parent.appendChild(e);
  }
  return e;
}

/** Smallest positive gap between sorted distinct values, or fallback. */
function minGap(values, fallback) {
  const v = [...new Set(values)].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < v.length; i++) {
    gap = Math.min(gap, v[i] - v[i - 1]);
  }
  return Number.isFinite(gap) && gap > 0 ? gap : fallback;
}

/**
 * Places bins and doors: configured x/y in metres where given; otherwise bins in a grid and doors
 * evenly along the wall below them.
 */
export function placeLayout(layout) {
  const bins = layout.bins || [];
  const placed = bins.filter((b) => b.x != null && b.y != null);
  let pts;
  let cellW;
  let cellH;
  if (placed.length === bins.length && bins.length > 0) {
    pts = bins.map((b) => ({ ...b }));
    cellW = minGap(pts.map((b) => b.x), 2);
    cellH = minGap(pts.map((b) => b.y), 2);
    // Bins in one row share y; the row gap can be much larger than a bin: keep bins roughly square.
    cellH = Math.min(cellH, cellW * 1.5);
    cellW = Math.min(cellW, cellH * 1.5);
  } else {
    const cols = Math.max(1, Math.ceil(Math.sqrt(bins.length * 2)));
    pts = bins.map((b, i) => ({ ...b, x: (i % cols) * 2.2, y: Math.floor(i / cols) * 2.2 }));
    cellW = 2.2;
    cellH = 2.2;
  }
  const w = cellW * 0.86;
  const h = cellH * 0.86;
  const xs = pts.map((b) => b.x);
  const ys = pts.map((b) => b.y);
  const minX = xs.length ? Math.min(...xs) : 0;
  const maxX = xs.length ? Math.max(...xs) : 10;
  const maxY = ys.length ? Math.max(...ys) : 10;
  const doorsIn = layout.doors || [];
  // Doors stay visible on large floors: at least a sixteenth-ish of the width shared between them.
  const doorW = Math.max(w * 1.6, 2.5, (maxX - minX + w) / (4 * Math.max(4, doorsIn.length)));
  const doors = doorsIn.map((d, i) => (d.x != null && d.y != null ? { ...d }
    : { ...d, x: minX + ((i + 0.5) * (maxX - minX + w)) / Math.max(1, doorsIn.length) - doorW / 2, y: maxY + h + 3 }));
  const doorH = doorW * 0.45;
  // Doors get room above and below for their IN/OUT flash.
  const all = [...pts.map((b) => [b.x, b.y, b.x + w, b.y + h]),
    ...doors.map((d) => [d.x, d.y - doorH * 1.1, d.x + doorW, d.y + doorH * 2.1])];
  const pad = Math.max(w, h) * 0.5;
  const x0 = Math.min(...all.map((a) => a[0])) - pad;
  const y0 = Math.min(...all.map((a) => a[1])) - pad;
  const x1 = Math.max(...all.map((a) => a[2])) + pad;
  const y1 = Math.max(...all.map((a) => a[3])) + pad;
  const cy = ys.length ? (Math.min(...ys) + maxY) / 2 : 0;
  return { bins: pts, doors, w, h, doorW, doorH, cy, box: [x0, y0, x1 - x0, y1 - y0] };
}

export class FloorMap {
  /**
   * @param svg the <svg> element
   * @param layout the site layout from the API
   * @param handlers { onHover(binId|null, target), onSelect(binId) }
   */
  constructor(svg, layout, handlers) {
    this.svg = svg;
    this.handlers = handlers;
    this.bins = new Map(); // id -> { g, rect, count, occ }
    this.doors = new Map(); // id -> { g, flash, text, arrow, inward, total }
    this.pendingBins = new Map();
    this.pendingDoors = new Map();
    this.held = new Set(); // locked / quarantined / recalled lot ids
    this.searchLot = null;
    this.flushJob = () => this.flush();
    /** Sums over every bin's last occupancy, kept up to date as bins are painted (no loop over all bins). */
    this.totals = { count: 0, capacity: 0, over: 0 };
    this.build(placeLayout(layout));
  }

  build(geo) {
    this.geo = geo;
    const svg = this.svg;
    svg.replaceChildren();
    svg.setAttribute('viewBox', geo.box.join(' '));
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    const defs = el('defs', {}, svg);
    // Black-and-white stripes: visible on every fill colour of the scale, pale or dark.
    const hatch = el('pattern', { id: 'hatch', width: 0.8, height: 0.8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
    el('line', { x1: 0.1, y1: 0, x2: 0.1, y2: 0.8, stroke: '#fff', 'stroke-width': 0.16, 'stroke-opacity': 0.8 }, hatch);
    el('line', { x1: 0.28, y1: 0, x2: 0.28, y2: 0.8, stroke: '#000', 'stroke-width': 0.16, 'stroke-opacity': 0.7 }, hatch);
    el('rect', { x: geo.box[0], y: geo.box[1], width: geo.box[2], height: geo.box[3], class: 'floor-bg' }, svg);

    const showLabels = geo.bins.length <= LABEL_LIMIT;
    const binLayer = el('g', { class: 'bins' }, svg);
    for (const b of geo.bins) {
      // Bins are drawn at absolute coordinates, not in a translated <g>: a transform per bin is a paint
      // property node per bin, and 2,000 of them make every frame's pre-paint and layerisation walk
      // 2,000 paint chunks even when one bin changed.
      const g = el('g', {
        class: 'bin', 'data-testid': `bin-${b.id}`, 'data-bin': b.id, tabindex: 0, role: 'button',
        'data-count': 0, 'data-fill': 0, 'data-capacity': b.capacity,
      }, binLayer);
      const rect = el('rect', { class: 'bin-box', x: b.x, y: b.y, width: geo.w, height: geo.h, rx: geo.w * 0.06, fill: fillColour(0) }, g);
      const node = { g, rect, hatch: null, spec: b, occ: null, icons: null, label: null };
      if (showLabels) {
        const fs = Math.min(geo.w / 4.2, geo.h / 2.8);
        node.label = el('text', { class: 'bin-label', x: b.x + geo.w / 2, y: b.y + geo.h * 0.42, 'font-size': fs, 'text-anchor': 'middle' }, g);
        node.label.textContent = b.id;
        node.sub = el('text', { class: 'bin-sub', x: b.x + geo.w / 2, y: b.y + geo.h * 0.8, 'font-size': fs * 0.85, 'text-anchor': 'middle' }, g);
      }
      this.bins.set(b.id, node);
      this.paintBin(node, { bin: b.id, capacity: b.capacity, count: 0, lots: {}, unregistered: 0, fillPercent: 0, overCapacity: false });
    }

    // Doors live in their own SVG on top (a separate compositing layer): their flashes change many
    // times a second, and must not make the browser repaint 2,000 bins each time.
    const overlay = this.overlay || el('svg', { class: 'floor-overlay', role: 'group', 'aria-label': 'Dock doors' });
    this.overlay = overlay;
    overlay.replaceChildren();
    overlay.setAttribute('viewBox', geo.box.join(' '));
    overlay.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    svg.after(overlay);
    const doorLayer = el('g', { class: 'doors' }, overlay);
    for (const d of geo.doors) {
      const inward = d.y + geo.doorH / 2 > geo.cy ? -1 : 1; // IN points towards the bins
      const g = el('g', {
        class: 'door', 'data-testid': `door-${d.id}`, 'data-door': d.id, tabindex: 0, role: 'img',
        'aria-label': `Dock door ${d.id}`, transform: `translate(${d.x} ${d.y})`, 'data-movements': 0,
      }, doorLayer);
      const box = el('rect', { class: 'door-box', width: geo.doorW, height: geo.doorH, rx: 0.15 }, g);
      const t = el('text', { class: 'door-label', x: geo.doorW / 2, y: geo.doorH * 0.68, 'font-size': geo.doorH * 0.55, 'text-anchor': 'middle' }, g);
      t.textContent = d.id;
      const fy = inward < 0 ? -geo.doorH * 0.35 : geo.doorH * 1.35;
      const flash = el('g', { class: 'flash', 'data-testid': `door-${d.id}-flash`, transform: `translate(${geo.doorW / 2} ${fy})`, opacity: 0 }, g);
      const arrow = el('path', { class: 'flash-arrow' }, flash);
      const text = el('text', { class: 'flash-text', x: geo.doorH * 0.5, y: 0, 'font-size': geo.doorH * 0.62, 'dominant-baseline': 'middle' }, flash);
      const fadeJob = () => {
        flash.setAttribute('opacity', 0.45);
        g.classList.remove('active');
      };
      this.doors.set(d.id, { g, box, flash, arrow, text, inward, total: 0, fade: 0, fadeJob });
    }

    svg.addEventListener('pointerover', (e) => this.hover(e));
    svg.addEventListener('pointerleave', () => this.handlers.onHover(null, null));
    svg.addEventListener('focusin', (e) => this.hover(e));
    svg.addEventListener('focusout', () => this.handlers.onHover(null, null));
    svg.addEventListener('click', (e) => {
      const g = e.target.closest && e.target.closest('g.bin');
      if (g) {
        this.handlers.onSelect(g.dataset.bin);
      }
    });
    svg.addEventListener('keydown', (e) => {
      const g = e.target.closest && e.target.closest('g.bin');
      if (g && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        this.handlers.onSelect(g.dataset.bin);
      }
    });
  }

  hover(e) {
    const g = e.target.closest && e.target.closest('g.bin');
    this.handlers.onHover(g ? g.dataset.bin : null, g);
  }

  /** The last known occupancy of a bin, or null. */
  occupancy(binId) {
    const n = this.bins.get(binId);
    return n ? n.occ : null;
  }

  /** Replaces every bin's occupancy (a snapshot). Bins not in it keep theirs. */
  snapshot(list) {
    for (const o of list) {
      this.pendingBins.set(o.bin, o);
    }
    this.schedule();
  }

  /** Queues one bin's new (absolute) occupancy. */
  updateBin(o) {
    this.pendingBins.set(o.bin, o);
    this.schedule();
  }

  /** Queues a movement's flash at its door; several in one frame add up. */
  movement(m) {
    const p = this.pendingDoors.get(m.door) || { IN: 0, OUT: 0, last: null };
    p[m.direction] += m.tags ? m.tags.length : 1;
    p.last = m.direction;
    this.pendingDoors.set(m.door, p);
    this.schedule();
  }

  /** Lots that may not leave (locked, quarantined, recalled): bins holding them are hatched. */
  setHeldLots(ids) {
    this.held = new Set(ids);
    this.repaintAll();
  }

  /** Highlights bins that hold this lot (null clears). */
  setSearchLot(lot) {
    this.searchLot = lot;
    this.repaintAll();
  }

  /** Bins currently holding the searched lot, with their count of it. */
  searchHits() {
    const hits = [];
    if (this.searchLot) {
      for (const [id, n] of this.bins) {
        const c = n.occ && n.occ.lots[this.searchLot];
        if (c) {
          hits.push({ bin: id, count: c });
        }
      }
    }
    return hits;
  }

  repaintAll() {
    for (const n of this.bins.values()) {
      // A bin with a newer occupancy already queued keeps it: queuing its last painted one over it
      // would lose that update until the bin changes again.
      if (n.occ && !this.pendingBins.has(n.spec.id)) {
        this.pendingBins.set(n.spec.id, n.occ);
      }
    }
    this.schedule();
  }

  schedule() {
    schedule(this.flushJob);
  }

  flush() {
    const bins = this.pendingBins;
    this.pendingBins = new Map();
    for (const o of bins.values()) {
      const n = this.bins.get(o.bin);
      if (n) {
        this.paintBin(n, o);
      }
    }
    const doors = this.pendingDoors;
    this.pendingDoors = new Map();
    for (const [id, p] of doors) {
      this.flashDoor(id, p);
    }
    if (this.onFlushed) {
      this.onFlushed(bins.size, doors.size);
    }
  }

  paintBin(n, o) {
    const totals = this.totals;
    if (n.occ) {
      totals.count -= n.occ.count;
      totals.capacity -= n.occ.capacity;
      totals.over -= n.occ.overCapacity ? 1 : 0;
    }
    totals.count += o.count;
    totals.capacity += o.capacity;
    totals.over += o.overCapacity ? 1 : 0;
    n.occ = o;
    const t = o.capacity > 0 ? o.count / o.capacity : 0;
    const lots = Object.keys(o.lots || {});
    const held = lots.filter((l) => this.held.has(l));
    const hit = this.searchLot != null && (o.lots || {})[this.searchLot] > 0;
    // Nothing the bin shows has changed (a repaint after a held-lot refresh, a snapshot after a
    // reconnect): leave its nodes alone, so that the browser has nothing to restyle or repaint.
    const shown = `${o.count}/${o.capacity}/${o.fillPercent}/${o.overCapacity}/${held.join(' ')}/${hit}`;
    if (n.shown === shown) {
      return;
    }
    n.shown = shown;
    const g = n.g;
    // Empty is its own category (light grey, in the legend) so that empty bins recede and the scale's
    // pale end still means "a little stock".
    n.rect.setAttribute('fill', o.count === 0 ? EMPTY : fillColour(t));
    g.dataset.count = o.count;
    g.dataset.fill = o.fillPercent;
    g.classList.toggle('over', o.overCapacity);
    g.classList.toggle('held', held.length > 0);
    g.classList.toggle('hit', hit);
    g.classList.toggle('empty', o.count === 0);
    g.dataset.held = held.join(' ');
    g.setAttribute('aria-label', `Bin ${o.bin}: ${o.count} of ${o.capacity}, ${o.fillPercent}% full`
      + (o.overCapacity ? ', over capacity' : '') + (held.length ? `, holds held lot ${held.join(', ')}` : '')
      + (hit ? `, holds ${this.searchLot}` : ''));
    if (n.label) {
      const ink = inkOn(t);
      n.label.setAttribute('fill', ink);
      n.sub.setAttribute('fill', ink);
      n.sub.textContent = `${o.count}/${o.capacity}`;
    }
    if (held.length && !n.hatch) {
      // Made on first need, like the icons: most bins never hold a held lot.
      n.hatch = el('rect', { class: 'bin-hatch', x: n.spec.x, y: n.spec.y, width: this.geo.w, height: this.geo.h, fill: 'url(#hatch)' });
      n.rect.after(n.hatch);
    }
    if (o.overCapacity || held.length) {
      this.icons(n, o.overCapacity, held.length > 0);
    } else if (n.icons) {
      n.icons.over.setAttribute('visibility', 'hidden');
      n.icons.lock.setAttribute('visibility', 'hidden');
    }
  }

  /** Icons are made on first need: most bins never show one. */
  icons(n, over, held) {
    const s = Math.min(this.geo.w, this.geo.h) * 0.36;
    if (!n.icons) {
      // Absolute coordinates, like the bin itself (no transform per icon).
      const { x, y } = n.spec;
      const ox = x + this.geo.w - s * 0.55;
      const oy = y - s * 0.45;
      const over = el('g', { class: 'icon-over' }, n.g);
      el('path', { d: `M${ox} ${oy - s / 2} L${ox + s / 2} ${oy + s / 2} L${ox - s / 2} ${oy + s / 2} Z`, class: 'icon-over-bg' }, over);
      const bang = el('text', { x: ox, y: oy + s * 0.4, 'font-size': s * 0.75, 'text-anchor': 'middle', class: 'icon-over-ink' }, over);
      bang.textContent = '!';
      const lx = x - s * 0.1;
      const ly = y - s * 0.45;
      const lock = el('g', { class: 'icon-lock' }, n.g);
      el('rect', { x: lx - s * 0.02, y: ly, width: s * 0.8, height: s * 0.6, rx: s * 0.08, class: 'icon-lock-body' }, lock);
      el('path', { d: `M${lx + s * 0.14} ${ly} V${ly - s * 0.18} A${s * 0.24} ${s * 0.24} 0 0 1 ${lx + s * 0.62} ${ly - s * 0.18} V${ly}`, class: 'icon-lock-shackle' }, lock);
      n.icons = { over, lock };
    }
    n.icons.over.setAttribute('visibility', over ? 'visible' : 'hidden');
    n.icons.lock.setAttribute('visibility', held ? 'visible' : 'hidden');
  }

  flashDoor(id, p) {
    const d = this.doors.get(id);
    if (!d) {
      return;
    }
    const dir = p.last;
    const count = p[dir];
    d.total += p.IN + p.OUT;
    d.g.dataset.movements = d.total;
    d.g.dataset.lastDirection = dir;
    d.g.dataset.lastCount = count;
    d.flash.dataset.direction = dir;
    d.flash.setAttribute('class', `flash ${dir === 'IN' ? 'in' : 'out'}`);
    const s = this.geo.doorH * 0.5;
    const up = (dir === 'IN') === (d.inward < 0); // does the arrow point up the screen?
    d.arrow.setAttribute('d', up ? `M0 ${s * 0.6} L${-s * 0.45} ${s * 0.6} L0 ${-s * 0.6} L${s * 0.45} ${s * 0.6} Z`
      : `M0 ${-s * 0.6} L${-s * 0.45} ${-s * 0.6} L0 ${s * 0.6} L${s * 0.45} ${-s * 0.6} Z`);
    d.text.textContent = `${dir} ${count}`;
    d.g.setAttribute('aria-label', `Dock door ${id}: last movement ${dir}, ${count} tags`);
    // Full strength for a moment, then a step down to a faded level where the door's last movement
    // stays readable. Two discrete changes rather than an animation: nothing repaints in between.
    d.flash.setAttribute('opacity', 1);
    d.g.classList.add('active');
    clearTimeout(d.fade);
    d.fade = setTimeout(() => schedule(d.fadeJob), FLASH_MS);
  }
}
