// The dock doors: a small SVG laid over the floor canvas with the same viewBox, one keyed <g> per
// door. A movement flashes its door at full strength (arrow into or out of the building, direction
// and tag count), then steps down to a faded level where the door's last movement stays readable.
import { schedule } from './frame.js';

const SVG = 'http://www.w3.org/2000/svg';
const FLASH_MS = 1500;

export function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) {
    e.setAttribute(k, v);
  }
  if (parent) {
    parent.appendChild(e);
  }
  return e;
}

export class DoorOverlay {
  /**
   * @param svg the doors' <svg>
   * @param geo placed layout (layout.js)
   */
  constructor(svg, geo) {
    this.geo = geo;
    this.doors = new Map(); // id -> { g, flash, arrow, text, inward, total, fade, fadeJob }
    svg.replaceChildren();
    svg.setAttribute('viewBox', geo.box.join(' '));
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    const layer = el('g', { class: 'doors' }, svg);
    for (const d of geo.doors) {
      const inward = d.y + geo.doorH / 2 > geo.cy ? -1 : 1; // IN points towards the bins
      const g = el('g', {
        class: 'door', 'data-testid': `door-${d.id}`, 'data-door': d.id, tabindex: 0, role: 'img',
        'aria-label': `Dock door ${d.id}`, transform: `translate(${d.x} ${d.y})`, 'data-movements': 0,
      }, layer);
      el('rect', { class: 'door-box', width: geo.doorW, height: geo.doorH, rx: 0.15 }, g);
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
      this.doors.set(d.id, { g, flash, arrow, text, inward, total: 0, fade: 0, fadeJob });
    }
  }

  /** Shows the movements of one frame at a door: p = { IN: tags, OUT: tags, last: direction }. */
  flash(id, p) {
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
    const label = `${dir} ${count}`;
    if (d.text.textContent !== label) {
      d.text.textContent = label;
    }
    d.g.setAttribute('aria-label', `Dock door ${id}: last movement ${dir}, ${count} tags`);
    // Two discrete changes rather than an animation: nothing repaints in between.
    d.flash.setAttribute('opacity', 1);
    d.g.classList.add('active');
    clearTimeout(d.fade);
    d.fade = setTimeout(() => schedule(d.fadeJob), FLASH_MS);
  }
}
