// Where things go on the floor: bins and doors placed in metres (the site's x/y, or a grid when the
// site gives none), the box that holds them, and a grid index that finds the bins near a point or
// a rectangle without walking all of them.

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
 * evenly along the wall below them. Returns { bins, doors, w, h, doorW, doorH, cy, box: [x, y, w, h] }.
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

/**
 * Items with a rectangle [x0, y0, x1, y1] bucketed into square cells, so that the items touching a
 * rectangle are found from the few cells under it.
 */
export class GridIndex {
  constructor(cell) {
    this.cell = cell;
    this.cells = new Map();
  }

  key(cx, cy) {
    return `${cx},${cy}`;
  }

  add(item, r) {
    this.forCells(r, (k) => {
      let list = this.cells.get(k);
      if (!list) {
        list = [];
        this.cells.set(k, list);
      }
      list.push(item);
    });
  }

  /** Every item added with a rectangle that may touch r (each once). */
  query(r, into = new Set()) {
    this.forCells(r, (k) => {
      const list = this.cells.get(k);
      if (list) {
        for (const item of list) {
          into.add(item);
        }
      }
    });
    return into;
  }

  forCells(r, fn) {
    const c = this.cell;
    for (let cx = Math.floor(r[0] / c); cx <= Math.floor(r[2] / c); cx++) {
      for (let cy = Math.floor(r[1] / c); cy <= Math.floor(r[3] / c); cy++) {
        fn(this.key(cx, cy));
      }
    }
  }
}
