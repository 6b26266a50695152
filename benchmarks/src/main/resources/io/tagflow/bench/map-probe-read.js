// Reads (and with arguments[0] === true, stops) the probe that map-probe.js installed; returns plain
// numbers for MapBench. Percentiles are nearest-rank over the samples so far.
const p = window.tagflowProbe;
const stop = arguments[0] === true;
const pct = (values, q) => {
  if (!values.length) {
    return -1;
  }
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((q / 100) * s.length) - 1))];
};
const out = {
  seconds: (performance.now() - p.started) / 1000,
  frames: p.frames.length,
  frameP50: pct(p.frames, 50), frameP95: pct(p.frames, 95), frameP99: pct(p.frames, 99),
  frameMax: p.frames.length ? Math.max(...p.frames) : -1,
  framesOver50: p.frames.filter((f) => f > 50).length,
  longTasks: p.longTasks.length, longTasksOver100: p.longTasks.filter((d) => d > 100).length,
  longTaskMax: p.longTasks.length ? Math.max(...p.longTasks) : 0,
  longTaskTotal: p.longTasks.reduce((a, b) => a + b, 0),
  messages: p.messages, kinds: JSON.stringify(p.kinds),
  lagP50: pct(p.lags, 50), lagP95: pct(p.lags, 95), lagP99: pct(p.lags, 99), lagMax: p.lags.length ? Math.max(...p.lags) : -1,
  shownP50: pct(p.shown, 50), shownP95: pct(p.shown, 95), shownP99: pct(p.shown, 99),
  shownMax: p.shown.length ? Math.max(...p.shown) : -1, unshown: p.unshown.length,
  e2eP50: pct(p.e2e, 50), e2eP99: pct(p.e2e, 99),
  reconnects: window.tagflowMap.feed.reconnects - p.reconnects,
  feedSame: window.tagflowMap.feed.ws === p.ws,
  heapStart: p.heapStart, nodesStart: p.nodesStart,
  nodes: document.getElementsByTagName('*').length,
  binsWithStock: document.querySelectorAll('.bin:not(.empty)').length,
  anomalyRows: document.querySelectorAll('[data-testid=anomaly-list] li').length,
  tickerRows: document.querySelectorAll('[data-testid=movement-ticker] li').length,
};
if (stop) {
  p.stopped = true;
  out.heapEnd = window.gc ? (window.gc(), performance.memory.usedJSHeapSize) : performance.memory.usedJSHeapSize;
}
return out;
