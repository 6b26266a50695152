// Lot search: where the lot's tags are now (bins highlighted on the map, and a list by place) and
// its movements over time (oldest first, as a timeline).
import { formatTime, getJson, seg } from './api.js';


function h(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text != null) {
    e.textContent = text;
  }
  for (const [k, v] of Object.entries(attrs)) {
    e.setAttribute(k, v);
  }
  return e;
}

export class LotSearch {
  constructor(form, input, clear, results, floor) {
    this.input = input;
    this.results = results;
    this.floor = floor;
    this.lot = null;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.search(input.value.trim());
    });
    clear.addEventListener('click', () => {
      input.value = '';
      this.lot = null;
      floor.setSearchLot(null);
      results.replaceChildren();
    });
  }

  async search(lot) {
    if (!lot) {
      return;
    }
    this.results.replaceChildren(h('p', `Looking up ${lot}…`, { class: 'hint' }));
    let trace;
    try {
      trace = await getJson(`/api/lots/${seg(lot)}/trace`);
    } catch (e) {
      this.lot = null;
      this.floor.setSearchLot(null);
      this.results.replaceChildren(h('p', e.message, { class: 'error', 'data-testid': 'lot-search-error' }));
      return;
    }
    this.lot = lot;
    this.floor.setSearchLot(lot);
    this.render(trace);
  }

  render(trace) {
    const lot = trace.lot;
    const box = document.createDocumentFragment();
    const head = h('p', null, { class: 'lot-head' });
    head.append(h('strong', lot.id), ` · ${lot.description || lot.gtin || ''} `,
      h('span', lot.status, { class: `lot-status ${lot.status}`, 'data-testid': 'lot-status' }));
    box.append(head);

    // Where the tags are now, grouped by place.
    const places = new Map();
    let unseen = 0;
    for (const t of trace.tags) {
      if (!t.position) {
        unseen += 1;
        continue;
      }
      const kind = String(t.position.kind).toLowerCase();
      const key = `${kind}:${t.position.place}`;
      const p = places.get(key) || { kind, place: t.position.place, n: 0 };
      p.n += 1;
      places.set(key, p);
    }
    box.append(h('h3', `Where its ${trace.tags.length} tags are now`));
    const ul = h('ul', null, { class: 'places', 'data-testid': 'lot-places' });
    const order = { bin: 0, door: 1, shipped: 2, unknown: 3 };
    [...places.values()].sort((a, b) => (order[a.kind] - order[b.kind]) || a.place.localeCompare(b.place)).forEach((p) => {
      const li = h('li', null, { 'data-testid': `lot-place-${p.place}`, 'data-kind': p.kind });
      li.append(h('span', p.kind === 'shipped' ? `shipped via ${p.place}` : `${p.kind} ${p.place}`, { class: 'place' }),
        h('span', `${p.n}`, { class: 'n' }));
      ul.append(li);
    });
    if (unseen) {
      ul.append(h('li', `not seen yet: ${unseen}`, { class: 'hint' }));
    }
    box.append(ul);

    box.append(h('h3', `Movements (${trace.movements.length})`));
    const ol = h('ol', null, { class: 'timeline', 'data-testid': 'lot-movements' });
    for (const lm of trace.movements) {
      const m = lm.movement;
      const li = h('li', null, { class: m.direction === 'IN' ? 'in' : 'out', 'data-door': m.doorId, 'data-direction': m.direction });
      li.append(h('time', formatTime(m.movedAt), { datetime: m.movedAt }),
        h('span', m.direction === 'IN' ? '▲ IN' : '▼ OUT', { class: 'dir' }),
        h('span', `${m.doorId} · ${lm.lotTags} of ${m.tagCount} tags`, { class: 'what' }));
      ol.append(li);
    }
    if (!trace.movements.length) {
      ol.append(h('li', 'no movements recorded', { class: 'hint' }));
    }
    box.append(ol);
    this.results.replaceChildren(box);
  }
}
