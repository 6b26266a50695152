// The movement ticker: newest first, at most KEEP rows; rows of one render tick are inserted together.
import { formatTime } from './api.js';
import { schedule } from './frame.js';

const KEEP = 40;


export class Ticker {
  constructor(list) {
    this.list = list;
    this.pending = [];
    this.flushJob = () => this.flush();
  }

  add(m) {
    this.pending.push(m);
    if (this.pending.length > KEEP) {
      this.pending.splice(0, this.pending.length - KEEP);
    }
    schedule(this.flushJob);
  }

  flush() {
    const frag = document.createDocumentFragment();
    for (let i = this.pending.length - 1; i >= 0; i--) {
      frag.appendChild(this.row(this.pending[i]));
    }
    this.pending = [];
    this.list.prepend(frag);
    while (this.list.children.length > KEEP) {
      this.list.lastElementChild.remove();
    }
  }

  /** Fills the list with stored movements (newest first), as the API's movement summaries. */
  replaceAll(summaries) {
    this.pending = [];
    this.list.replaceChildren(...summaries.slice(0, KEEP).map((s) => this.row({
      movementId: s.movementId, door: s.doorId, direction: s.direction, endedAt: s.movedAt, palletSscc: s.palletSscc,
      count: s.tagCount,
    })));
  }

  /** A row for a live movement event, or for a summary mapped to its field names. */
  row(m) {
    const li = document.createElement('li');
    const n = m.tags ? m.tags.length : m.count || 0;
    li.className = m.direction === 'IN' ? 'in' : 'out';
    li.setAttribute('data-testid', `movement-${m.movementId}`);
    li.dataset.door = m.door;
    li.dataset.direction = m.direction;
    li.dataset.count = n;
    const t = document.createElement('time');
    t.dateTime = m.endedAt;
    t.textContent = formatTime(m.endedAt);
    const dir = document.createElement('span');
    dir.className = 'dir';
    dir.textContent = m.direction === 'IN' ? '▲ IN' : '▼ OUT';
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = `${m.door} · ${n} tag${n === 1 ? '' : 's'}` + (m.palletSscc ? ` · SSCC ${m.palletSscc}` : '');
    li.append(t, dir, what);
    return li;
  }
}
