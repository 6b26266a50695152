// Draws the bins on one <canvas>. The floor map hands it each bin's look ({ fill, over, held, hit,
// ink, sub }); it draws them all after a resize, and otherwise only the bins that changed: the
// changed bins' areas are cleared under one clip and every bin touching them is drawn again, in the
// same order as a full draw, so overlapping marks (icons stick out above a bin) come out the same.
// Nothing here touches the DOM but the canvas, so a frame costs the browser no style or layout pass.
import { GridIndex } from './layout.js';

const PAGE = '#ffffff';
const FLOOR = '#fbfbfc';
const FLOOR_LINE = '#9aa3ad';
const EDGE = '#3b4149';
const OVER = '#d0021b';
const HIT = '#00b8d9';
const HELD = '#111111';
const FONT = 'system-ui, "DejaVu Sans", sans-serif';
/** Per-bin text is drawn only when it is at least this many CSS pixels high. */
const MIN_LABEL_PX = 8;
/** More dirty bins than this in one frame: drawing everything is as cheap as clipping. */
const FULL_DRAW_ABOVE = 400;

export class BinPainter {
  /**
   * @param canvas the <canvas>
   * @param geo placed layout (layout.js)
   * @param items [{ spec, look }] in drawing order; look is read at draw time
   */
  constructor(canvas, geo, items) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.geo = geo;
    this.items = items;
    items.forEach((it, i) => {
      it.order = i;
    });
    // How far a bin's marks reach outside its box: the thickest outline and the icons above it.
    const s = Math.min(geo.w, geo.h) * 0.36;
    this.iconSize = s;
    this.reach = 0.25 + s;
    this.index = new GridIndex(Math.max(geo.w, geo.h) * 3);
    for (const it of items) {
      this.index.add(it, this.inkBox(it));
    }
    this.dirty = new Set();
    this.view = null;
  }

  inkBox(it) {
    const { x, y } = it.spec;
    const r = this.reach;
    return [x - r, y - r, x + this.geo.w + r, y + this.geo.h + r];
  }

  /** Fits the floor into cssW × cssH CSS pixels (centred, uniform scale, like SVG's "meet"). */
  resize(cssW, cssH, dpr) {
    const [bx, by, bw, bh] = this.geo.box;
    const scale = Math.min(cssW / bw, cssH / bh);
    const offX = (cssW - bw * scale) / 2 - bx * scale;
    const offY = (cssH - bh * scale) / 2 - by * scale;
    this.view = { cssW, cssH, dpr, scale, offX, offY };
    this.canvas.width = Math.max(1, Math.round(cssW * dpr));
    this.canvas.height = Math.max(1, Math.round(cssH * dpr));
    this.drawAll();
    return this.view;
  }

  /** Marks a bin to be drawn again on the next draw(). */
  mark(it) {
    this.dirty.add(it);
  }

  /** Draws what was marked: everything when much changed, else only the marked bins' areas. */
  draw() {
    if (!this.view || !this.dirty.size) {
      this.dirty.clear();
      return 0;
    }
    const n = this.dirty.size;
    if (n > FULL_DRAW_ABOVE) {
      this.drawAll();
      return n;
    }
    const ctx = this.ctx;
    const { dpr, scale, offX, offY } = this.view;
    const k = scale * dpr;
    const boxes = [];
    const near = new Set();
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.beginPath();
    for (const it of this.dirty) {
      const b = this.inkBox(it);
      // Whole device pixels: no half-covered seam at the clip's edge.
      const x0 = Math.floor(b[0] * k + offX * dpr);
      const y0 = Math.floor(b[1] * k + offY * dpr);
      ctx.rect(x0, y0, Math.ceil(b[2] * k + offX * dpr) - x0, Math.ceil(b[3] * k + offY * dpr) - y0);
      boxes.push(b);
      this.index.query(b, near);
    }
    ctx.clip();
    this.background();
    // The grid's cells are coarse: keep only the bins whose marks reach into a cleared area.
    const touched = [...near].filter((it) => {
      const r = this.inkBox(it);
      return boxes.some((b) => r[0] < b[2] && b[0] < r[2] && r[1] < b[3] && b[1] < r[3]);
    });
    touched.sort((a, b) => a.order - b.order).forEach((it) => this.bin(it));
    ctx.restore();
    this.dirty.clear();
    return n;
  }

  drawAll() {
    this.dirty.clear();
    if (!this.view) {
      return;
    }
    this.background();
    for (const it of this.items) {
      this.bin(it);
    }
  }

  world() {
    const { dpr, scale, offX, offY } = this.view;
    this.ctx.setTransform(scale * dpr, 0, 0, scale * dpr, offX * dpr, offY * dpr);
  }

  background() {
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = PAGE;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.world();
    const [bx, by, bw, bh] = this.geo.box;
    ctx.fillStyle = FLOOR;
    ctx.fillRect(bx, by, bw, bh);
    ctx.strokeStyle = FLOOR_LINE;
    ctx.lineWidth = 0.15;
    ctx.setLineDash([]);
    ctx.strokeRect(bx, by, bw, bh);
  }

  bin(it) {
    const look = it.look;
    if (!look) {
      return;
    }
    const ctx = this.ctx;
    const { x, y } = it.spec;
    const { w, h } = this.geo;
    this.world();
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, w * 0.06);
    ctx.fillStyle = look.fill;
    ctx.fill();
    if (look.held) {
      this.hatch(x, y, w, h);
    }
    // Outline: searched beats over capacity beats held; a held bin's outline is dashed unless over.
    ctx.strokeStyle = look.hit ? HIT : look.over ? OVER : look.held ? HELD : EDGE;
    ctx.lineWidth = look.hit ? 0.4 : look.over ? 0.3 : look.held ? 0.22 : 0.06;
    ctx.setLineDash(look.held && !look.over ? [0.35, 0.2] : []);
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, w * 0.06);
    ctx.stroke();
    ctx.setLineDash([]);
    this.labels(it, look);
    if (look.over) {
      this.overIcon(x + w - this.iconSize * 0.55, y - this.iconSize * 0.45);
    }
    if (look.held) {
      this.lockIcon(x - this.iconSize * 0.1, y - this.iconSize * 0.45);
    }
  }

  /** Black and white diagonal stripes: visible on every fill colour of the scale. */
  hatch(x, y, w, h) {
    const ctx = this.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.lineWidth = 0.16;
    const step = 0.8 * Math.SQRT2;
    for (const [colour, shift] of [['rgba(255,255,255,0.8)', 0], ['rgba(0,0,0,0.7)', 0.18 * Math.SQRT2]]) {
      ctx.strokeStyle = colour;
      ctx.beginPath();
      for (let d = -h + shift; d < w; d += step) {
        ctx.moveTo(x + d, y + h);
        ctx.lineTo(x + d + h, y);
      }
      ctx.stroke();
    }
    ctx.restore();
  }

  labels(it, look) {
    const { w, h } = this.geo;
    const { dpr, scale, offX, offY } = this.view;
    const fs = Math.min(w / 4.2, h / 2.8) * scale;
    if (fs < MIN_LABEL_PX) {
      return;
    }
    // Text in device pixels (not scaled world units), so the font is hinted at its real size.
    const ctx = this.ctx;
    const cx = (it.spec.x + w / 2) * scale + offX;
    const top = it.spec.y * scale + offY;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    ctx.lineJoin = 'round';
    const text = (s, px, bold, yy) => {
      ctx.font = `${bold ? '700 ' : ''}${px.toFixed(1)}px ${FONT}`;
      if (look.held) {
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 0.14 * scale;
        ctx.strokeText(s, cx, yy);
      }
      ctx.fillStyle = look.held ? HELD : look.ink;
      ctx.fillText(s, cx, yy);
    };
    text(it.spec.id, fs, true, top + h * 0.42 * scale);
    text(look.sub, fs * 0.85, false, top + h * 0.8 * scale);
    this.world();
  }

  overIcon(ox, oy) {
    const ctx = this.ctx;
    const s = this.iconSize;
    ctx.beginPath();
    ctx.moveTo(ox, oy - s / 2);
    ctx.lineTo(ox + s / 2, oy + s / 2);
    ctx.lineTo(ox - s / 2, oy + s / 2);
    ctx.closePath();
    ctx.fillStyle = OVER;
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 0.06;
    ctx.stroke();
    ctx.fillStyle = '#fff';
    ctx.fillRect(ox - s * 0.05, oy - s * 0.18, s * 0.1, s * 0.38);
    ctx.fillRect(ox - s * 0.05, oy + s * 0.27, s * 0.1, s * 0.1);
  }

  lockIcon(lx, ly) {
    const ctx = this.ctx;
    const s = this.iconSize;
    ctx.beginPath();
    ctx.moveTo(lx + s * 0.14, ly);
    ctx.lineTo(lx + s * 0.14, ly - s * 0.18);
    ctx.arc(lx + s * 0.38, ly - s * 0.18, s * 0.24, Math.PI, 0);
    ctx.lineTo(lx + s * 0.62, ly);
    ctx.strokeStyle = HELD;
    ctx.lineWidth = 0.12;
    ctx.stroke();
    ctx.beginPath();
    ctx.roundRect(lx - s * 0.02, ly, s * 0.8, s * 0.6, s * 0.08);
    ctx.fillStyle = HELD;
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 0.05;
    ctx.stroke();
  }

  /** The colour the canvas shows inside a bin (left of its labels), as #rrggbb: for tests. */
  pixel(it) {
    const { dpr, scale, offX, offY } = this.view;
    const px = Math.round(((it.spec.x + this.geo.w * 0.15) * scale + offX) * dpr);
    const py = Math.round(((it.spec.y + this.geo.h * 0.5) * scale + offY) * dpr);
    const d = this.ctx.getImageData(px, py, 1, 1).data;
    return '#' + [d[0], d[1], d[2]].map((c) => c.toString(16).padStart(2, '0')).join('');
  }
}
