// The anomaly panel: rows keyed by anomaly id, newest first. Acknowledging is one click; the
// supervisor's name is asked for once (the field above the list) and remembered in localStorage.
import { formatTime, postJson, seg } from './api.js';
import { schedule } from './frame.js';

const KEEP = 200;
const NAME_KEY = 'tagflow.supervisor';
const TYPE_TEXT = {
  unexpected_exit: 'Unexpected exit',
  unregistered_tag: 'Unregistered tag',
  bin_over_capacity: 'Bin over capacity',
  reader_offline: 'Reader offline',
  gateway_offline: 'Gateway offline',
  door_dwell: 'Dwell at door',
};


export class AnomalyPanel {
  constructor(list, nameInput, message, openCount) {
    this.list = list;
    this.nameInput = nameInput;
    this.message = message;
    this.openCount = openCount;
    this.rows = new Map(); // id -> { li, a }
    this.pending = new Map(); // id -> newest live version not yet shown
    this.flushJob = () => this.flush();
    try {
      nameInput.value = localStorage.getItem(NAME_KEY) || '';
    } catch (e) {
      // storage disabled: the name is asked for each session
    }
    nameInput.addEventListener('change', () => this.remember());
    list.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-ack]');
      if (b) {
        this.acknowledge(b.dataset.ack, b);
      }
    });
  }

  remember() {
    const name = this.nameInput.value.trim();
    try {
      localStorage.setItem(NAME_KEY, name);
    } catch (e) {
      // not remembered; still used for this click
    }
    return name;
  }

  /** Queues a live anomaly (new or changed); queued ones are shown together on the render clock. */
  queue(a) {
    this.pending.set(a.id, a);
    schedule(this.flushJob);
  }

  flush() {
    const batch = [...this.pending.values()];
    this.pending.clear();
    batch.forEach((a) => this.upsert(a, false));
    this.count();
  }

  /** Replaces the list (initial load or after a reconnect). */
  replaceAll(anomalies) {
    this.rows.clear();
    this.list.replaceChildren();
    [...anomalies].sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, KEEP).forEach((a) => this.upsert(a, false));
    this.count();
  }

  /** Inserts or updates one anomaly (live feed). */
  upsert(a, count = true) {
    const existing = this.rows.get(a.id);
    const li = this.render(a);
    if (existing) {
      existing.li.replaceWith(li);
    } else {
      // Newest first by event time: find the first row older than this one.
      let before = null;
      for (const r of this.rows.values()) {
        if (r.a.at < a.at && (!before || r.a.at > before.a.at)) {
          before = r;
        }
      }
      this.list.insertBefore(li, before ? before.li : null);
    }
    this.rows.set(a.id, { li, a });
    while (this.rows.size > KEEP) {
      const last = this.list.lastElementChild;
      this.rows.delete(last.dataset.id);
      last.remove();
    }
    if (count) {
      this.count();
    }
  }

  count() {
    const open = [...this.rows.values()].filter((r) => r.a.status === 'open').length;
    this.openCount.textContent = open ? `${open} open` : 'none open';
    this.openCount.dataset.open = open;
  }

  render(a) {
    const li = document.createElement('li');
    li.className = `anomaly sev-${a.severity} status-${a.status}`;
    li.dataset.id = a.id;
    li.dataset.status = a.status;
    li.dataset.type = a.type;
    li.setAttribute('data-testid', `anomaly-${a.id}`);
    const head = document.createElement('div');
    head.className = 'a-head';
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = a.severity;
    const title = document.createElement('strong');
    title.textContent = TYPE_TEXT[a.type] || a.type;
    const t = document.createElement('time');
    t.dateTime = a.at;
    t.textContent = formatTime(a.at);
    head.append(sev, title, t);
    const where = [a.door && `door ${a.door}`, a.bin && `bin ${a.bin}`, a.lotId && `lot ${a.lotId}`].filter(Boolean).join(' · ');
    const detail = document.createElement('p');
    detail.className = 'a-detail';
    detail.textContent = a.detail + (where ? ` (${where})` : '');
    li.append(head, detail);
    const foot = document.createElement('div');
    foot.className = 'a-foot';
    if (a.status === 'open') {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.ack = a.id;
      b.setAttribute('data-testid', `ack-${a.id}`);
      b.textContent = 'Acknowledge';
      b.setAttribute('aria-label', `Acknowledge: ${TYPE_TEXT[a.type] || a.type}, ${where}`);
      foot.append(b);
    } else {
      const s = document.createElement('span');
      s.className = 'a-status';
      s.setAttribute('data-testid', `anomaly-${a.id}-status`);
      s.textContent = `${a.status === 'acknowledged' ? '✓ Acknowledged' : '✓ Resolved'} by ${a.statusBy}, ${formatTime(a.statusAt)}`;
      foot.append(s);
    }
    li.append(foot);
    return li;
  }

  async acknowledge(id, button) {
    const by = this.remember();
    if (!by) {
      this.message.textContent = 'Enter your name to acknowledge.';
      this.nameInput.focus();
      return;
    }
    this.message.textContent = '';
    button.disabled = true;
    button.textContent = 'Acknowledging…';
    try {
      this.upsert(await postJson(`/api/anomalies/${seg(id)}/acknowledge`, { by }));
    } catch (e) {
      button.disabled = false;
      button.textContent = 'Acknowledge';
      this.message.textContent = `Not acknowledged: ${e.message}`;
    }
  }
}
