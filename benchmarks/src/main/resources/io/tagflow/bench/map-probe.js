// Installed into the map page by MapBench (run through WebDriver's executeScript, so this is a function
// body). It only observes: the page's own code is not changed or wrapped.
//  - frames: the interval between consecutive requestAnimationFrame callbacks (a frame the page could
//    not produce in time shows as a long interval);
//  - long tasks: PerformanceObserver 'longtask' entries (main-thread tasks over 50 ms);
//  - update lag: from a live-feed message's receipt (the MessageEvent's timeStamp, before any handler ran)
//    to just after the next frame was painted (a message posted from that frame's rAF callback runs after
//    the frame's rendering steps);
//  - shown lag (when the page exposes its render clock, window.tagflowMap.clock): from a message's
//    receipt to just after the first frame painted after the page applied its queued changes (a page
//    that batches changes shows them later than "the next frame"); -1 when the page has no clock;
//  - end-to-end lag of movements: from the movement's endedAt (the benchmark stamps it at publish time)
//    to the same painted frame, so it includes broker, ingest, store and feed (millisecond clock);
//  - heap: performance.memory after a forced garbage collection (needs --js-flags=--expose-gc).
const map = window.tagflowMap;
if (!map || !map.feed || !map.feed.ws) {
  return 'the map page has no open live feed (window.tagflowMap.feed.ws)';
}
const heap = () => {
  if (window.gc) {
    window.gc();
  }
  return performance.memory ? performance.memory.usedJSHeapSize : -1;
};
const p = {
  frames: [], longTasks: [], lags: [], e2e: [], messages: 0, kinds: {},
  pending: [], pendingE2e: [], painted: [], paintedE2e: [], unshown: [], shown: [], clock: map.clock || null,
  heapStart: heap(), nodesStart: document.getElementsByTagName('*').length, started: performance.now(),
  ws: map.feed.ws, reconnects: map.feed.reconnects, stopped: false,
};
window.tagflowProbe = p;
const after = new MessageChannel();
after.port1.onmessage = () => {
  const now = performance.now();
  const wall = Date.now();
  for (const t of p.painted) {
    p.lags.push(now - t);
  }
  for (const t of p.paintedE2e) {
    p.e2e.push(wall - t);
  }
  p.painted = [];
  p.paintedE2e = [];
  // Every rAF callback of the frame just painted, the page's clock included, has run by now.
  if (p.clock && p.unshown.length) {
    const applied = p.clock.lastRun;
    let n = 0;
    while (n < p.unshown.length && p.unshown[n] <= applied) {
      p.shown.push(now - p.unshown[n]);
      n += 1;
    }
    p.unshown.splice(0, n);
  }
};
let last = 0;
const frame = (ts) => {
  if (last) {
    p.frames.push(ts - last);
  }
  last = ts;
  if (p.pending.length || p.unshown.length) {
    p.painted.push(...p.pending);
    p.paintedE2e.push(...p.pendingE2e);
    p.pending = [];
    p.pendingE2e = [];
    after.port2.postMessage(0);
  }
  if (!p.stopped) {
    requestAnimationFrame(frame);
  }
};
requestAnimationFrame(frame);
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    p.longTasks.push(e.duration);
  }
}).observe({ type: 'longtask' });
const ENDED = /"endedAt":"([^"]+)"/;
p.ws.addEventListener('message', (e) => {
  p.messages += 1;
  p.pending.push(e.timeStamp);
  if (p.clock) {
    p.unshown.push(e.timeStamp);
  }
  const kind = /"kind":"([a-z]+)"/.exec(e.data);
  const k = kind ? kind[1] : '?';
  p.kinds[k] = (p.kinds[k] || 0) + 1;
  if (k === 'movement') {
    const ended = ENDED.exec(e.data);
    if (ended) {
      p.pendingE2e.push(Date.parse(ended[1]));
    }
  }
});
return 'ok';
