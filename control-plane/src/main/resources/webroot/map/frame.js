// One render clock for the whole page. Live changes are queued by the floor map, the ticker and the
// anomaly panel, and applied together in one animation frame, at most once per MIN_INTERVAL_MS.
//
// Why a clock and not simply "once per frame": every frame that changes something costs the browser a
// fixed pass (style, layout of the changed lists, pre-paint, paint, commit) on top of the page's own
// script, and at 50 movements/s with their occupancy deltas there is a change in almost every frame.
// The bins are on a canvas now (painter.js), so that pass no longer grows with the number of bins,
// but applying the queue 20 times a second instead of 8 still dropped about twice as many frames on
// a loaded machine (docs/performance.md, "map"). An update is on screen within about a frame and an
// eighth of a second of its arrival.

export const MIN_INTERVAL_MS = 125;

/**
 * When the clock last applied the queued changes (performance.now() as it began) and how many times
 * it has: a measurement (the map benchmark's probe) tells from it when a change received at time t
 * was put on screen, not just when the next frame was.
 */
export const clock = { runs: 0, lastRun: -Infinity };

const queued = new Set();
let frame = 0;
let timer = 0;
let last = -Infinity;

function run(now) {
  frame = 0;
  last = now;
  clock.runs += 1;
  clock.lastRun = performance.now();
  const jobs = [...queued];
  queued.clear();
  for (const job of jobs) {
    job();
  }
}

/** Runs job (a function; queuing the same one twice runs it once) in the next frame the clock allows. */
export function schedule(job) {
  queued.add(job);
  if (frame || timer) {
    return;
  }
  const wait = last + MIN_INTERVAL_MS - performance.now();
  if (wait <= 0) {
    frame = requestAnimationFrame(run);
  } else {
    timer = setTimeout(() => {
      timer = 0;
      frame = requestAnimationFrame(run);
    }, wait);
  }
}
