// The floor map. Bins are drawn on a <canvas> (painter.js): a bin's change redraws only its area and
// costs the browser no style, layout or SVG pass. Each bin also has a transparent, absolutely placed
// element over its drawing (the bin layer): it takes hover, click and keyboard focus, carries the
// bin's accessible name, and holds its state as data attributes and classes (count, fill, colour,
// over, held, hit) from the same model the canvas draws, for assistive technology and the browser
// tests. Those elements never change size or text, so updating them lays nothing out. Doors are a
// small SVG on top (doors.js). Live changes are queued by id and applied on the page's render clock
// (frame.js): one canvas draw and one batch of attribute writes per tick.
import { schedule } from './frame.js';
import { fillColour, inkOn } from './scale.js';
import { placeLayout } from './layout.js';
import { BinPainter } from './painter.js';
import { DoorOverlay } from './doors.js';

const EMPTY = '#e9ecef';
const pct = (v, whole) => `${((100 * v) / whole).toFixed(4)}%`;

export class FloorMap {
  /**
   * @param wrap the map's container, holding a <canvas class="floor-canvas">, a <div class="bin-layer">
   *        and an <svg class="floor-overlay">
   * @param layout the site layout from the API
   * @param handlers { onHover(binId|null, target), onSelect(binId) }
   */
  constructor(wrap, layout, handlers) {
    this.wrap = wrap;
    this.handlers = handlers;
    this.bins = new Map(); // id -> { el, spec, occ, look, shown }
    this.pendingBins = new Map();
    this.pendingDoors = new Map();
    this.held = new Set(); // locked / quarantined / recalled lot ids
    this.searchLot = null;
    this.flushJob = () => this.flush();
    /** Sums over every bin's last occupancy, kept up to date as bins are applied (no loop over all bins). */
    this.totals = { count: 0, capacity: 0, over: 0 };
    this.build(placeLayout(layout));
  }

  build(geo) {
    this.geo = geo;
    const [bx, by, bw, bh] = geo.box;
    this.layer = this.wrap.querySelector('.bin-layer');
    const frag = document.createDocumentFragment();
    for (const b of geo.bins) {
      const e = document.createElement('div');
      e.className = 'bin empty';
      e.tabIndex = 0;
      e.setAttribute('role', 'button');
      e.setAttribute('data-testid', `bin-${b.id}`);
      e.dataset.bin = b.id;
      e.dataset.capacity = b.capacity;
      e.style.cssText = `left:${pct(b.x - bx, bw)};top:${pct(b.y - by, bh)};width:${pct(geo.w, bw)};height:${pct(geo.h, bh)}`;
      frag.append(e);
      const node = { el: e, spec: b, occ: null, look: null, shown: null };
      this.bins.set(b.id, node);
      this.apply(node, { bin: b.id, capacity: b.capacity, count: 0, lots: {}, unregistered: 0, fillPercent: 0, overCapacity: false });
    }
    this.layer.replaceChildren(frag);
    this.painter = new BinPainter(this.wrap.querySelector('.floor-canvas'), geo, [...this.bins.values()]);
    this.doors = new DoorOverlay(this.wrap.querySelector('.floor-overlay'), geo);
    new ResizeObserver(() => this.resize()).observe(this.wrap);

    const binOf = (e) => (e.target.closest ? e.target.closest('.bin') : null);
    this.layer.addEventListener('pointerover', (e) => this.hover(binOf(e)));
    this.layer.addEventListener('pointerleave', () => this.handlers.onHover(null, null));
    this.layer.addEventListener('focusin', (e) => this.hover(binOf(e)));
    this.layer.addEventListener('focusout', () => this.handlers.onHover(null, null));
    this.layer.addEventListener('click', (e) => {
      const b = binOf(e);
      if (b) {
        this.handlers.onSelect(b.dataset.bin);
      }
    });
    this.layer.addEventListener('keydown', (e) => {
      const b = binOf(e);
      if (b && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        this.handlers.onSelect(b.dataset.bin);
      }
    });
  }

  /** Fits canvas and bin layer to the container (on load and whenever it changes size). */
  resize() {
    const w = this.wrap.clientWidth;
    const h = this.wrap.clientHeight;
    const v = this.painter.resize(w, h, window.devicePixelRatio || 1);
    const [bx, by, bw, bh] = this.geo.box;
    const s = this.layer.style;
    s.left = `${v.offX + bx * v.scale}px`;
    s.top = `${v.offY + by * v.scale}px`;
    s.width = `${bw * v.scale}px`;
    s.height = `${bh * v.scale}px`;
  }

  hover(b) {
    this.handlers.onHover(b ? b.dataset.bin : null, b);
  }

  /** The last known occupancy of a bin, or null. */
  occupancy(binId) {
    const n = this.bins.get(binId);
    return n ? n.occ : null;
  }

  /** The colour the canvas shows inside a bin, as #rrggbb (for tests: the drawing, not the model). */
  pixel(binId) {
    const n = this.bins.get(binId);
    return n && this.painter.view ? this.painter.pixel(n) : null;
  }

  /** Replaces every bin's occupancy (a snapshot). Bins not in it keep theirs. */
  snapshot(list) {
    for (const o of list) {
      this.pendingBins.set(o.bin, o);
    }
    this.schedule();
  }

  /** Queues one bin's new (absolute) occupancy; several for one bin in one tick: the last wins. */
  updateBin(o) {
    this.pendingBins.set(o.bin, o);
    this.schedule();
  }

  /** Queues a movement's flash at its door; several in one tick add up. */
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
      // A bin with a newer occupancy already queued keeps it: queuing its last applied one over it
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
        this.apply(n, o);
      }
    }
    this.painter.draw();
    const doors = this.pendingDoors;
    this.pendingDoors = new Map();
    for (const [id, p] of doors) {
      this.doors.flash(id, p);
    }
    if (this.onFlushed) {
      this.onFlushed(bins.size, doors.size);
    }
  }

  /** Takes a bin's new occupancy into the model; if what it shows changes, updates its element and marks it for drawing. */
  apply(n, o) {
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
    const lots = o.lots || {};
    const held = Object.keys(lots).filter((l) => this.held.has(l));
    const hit = this.searchLot != null && lots[this.searchLot] > 0;
    // Nothing the bin shows has changed (a repaint after a held-lot refresh, a snapshot after a
    // reconnect): leave its element and its drawing alone.
    const shown = `${o.count}/${o.capacity}/${o.fillPercent}/${o.overCapacity}/${held.join(' ')}/${hit}`;
    if (n.shown === shown) {
      return;
    }
    n.shown = shown;
    // Empty is its own category (light grey, in the legend) so that empty bins recede and the scale's
    // pale end still means "a little stock".
    const fill = o.count === 0 ? EMPTY : fillColour(t);
    n.look = { fill, over: o.overCapacity, held: held.length > 0, hit, ink: inkOn(t), sub: `${o.count}/${o.capacity}` };
    const e = n.el;
    e.dataset.count = o.count;
    e.dataset.fill = o.fillPercent;
    e.dataset.colour = fill;
    e.dataset.held = held.join(' ');
    e.classList.toggle('over', o.overCapacity);
    e.classList.toggle('held', held.length > 0);
    e.classList.toggle('hit', hit);
    e.classList.toggle('empty', o.count === 0);
    e.setAttribute('aria-label', `Bin ${o.bin}: ${o.count} of ${o.capacity}, ${o.fillPercent}% full`
      + (o.overCapacity ? ', over capacity' : '') + (held.length ? `, holds held lot ${held.join(', ')}` : '')
      + (hit ? `, holds ${this.searchLot}` : ''));
    if (this.painter) {
      this.painter.mark(n);
    }
  }
}
