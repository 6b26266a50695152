// The live feed client: one WebSocket to /api/sites/{site}/live, reopened after any close with
// exponential backoff (base doubling up to a cap, ±20 % jitter so that many browsers do not all come
// back in the same instant after a control-plane restart). The server's first message on every
// connection is a full snapshot, so nothing missed while away needs replaying; a later snapshot on the
// same connection is a resync (the server skipped deltas this page was too slow to take).

export const DEFAULT_BACKOFF = { baseMs: 500, maxMs: 15000 };

export class LiveFeed {
  /**
   * @param url ws:// or wss:// URL of the site's feed
   * @param onMessage called with each parsed frame (messages.js says what it holds)
   * @param onState called with {state: 'connecting'|'open'|'reconnecting', attempt, delayMs}
   */
  constructor(url, onMessage, onState, backoff = DEFAULT_BACKOFF) {
    this.url = url;
    this.onMessage = onMessage;
    this.onState = onState;
    this.backoff = backoff;
    this.attempt = 0;
    this.reconnects = 0;
    this.ws = null;
    this.timer = null;
  }

  start() {
    this.onState({ state: 'connecting', attempt: 0, delayMs: 0 });
    this.connect();
  }

  connect() {
    this.timer = null;
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.retry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.onState({ state: 'open', attempt: 0, delayMs: 0 });
    };
    ws.onmessage = (e) => {
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch (err) {
        console.warn('live feed: ignored a message that is not JSON');
        return;
      }
      this.onMessage(msg);
    };
    ws.onclose = (e) => {
      if (this.ws === ws) {
        this.reconnects += 1;
        this.lastClose = `${e.code} ${e.reason}`;
        this.ws = null;
        this.retry();
      }
    };
  }

  /** The delay before attempt n (1-based): base·2^(n−1), capped, with jitter. */
  delayFor(n) {
    const raw = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** Math.min(n - 1, 20));
    return Math.round(raw * (0.8 + 0.4 * Math.random()));
  }

  retry() {
    if (this.timer !== null) {
      return;
    }
    this.attempt += 1;
    const delayMs = this.delayFor(this.attempt);
    this.onState({ state: 'reconnecting', attempt: this.attempt, delayMs });
    this.timer = setTimeout(() => this.connect(), delayMs);
  }
}

/** The feed URL of a site, on the page's own host, in batch format (one message per server tick). */
export function feedUrl(site, location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/sites/${encodeURIComponent(site)}/live?format=batch`;
}
