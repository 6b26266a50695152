// What the live feed's messages mean to the page: the one place that knows their shape. feed.js
// parses each WebSocket frame as JSON and hands it here; a change of the feed's frame format (for
// example several changes coalesced into one frame) is absorbed in this module alone.
//
// A frame is one message { kind, site, data }, an array of them, or (format=batch) one message of
// kind batch whose data is the array. Kinds: snapshot (data.bins: every
// bin's occupancy; first on every connection), occupancy (one bin's new occupancy), movement,
// anomaly. Unknown kinds are ignored, so that a newer control plane does not break an open page.

/**
 * Calls the handler for each message in a parsed frame.
 *
 * @param frame a parsed frame: a message or an array of messages
 * @param on { snapshot(bins), occupancy(bin), movement(m), anomaly(a) }
 */
export function dispatch(frame, on) {
  if (Array.isArray(frame)) {
    for (const msg of frame) {
      dispatch(msg, on);
    }
    return;
  }
  if (!frame || typeof frame !== 'object') {
    return;
  }
  // format=batch: one message per server tick, its data that tick's messages in order.
  if (frame.kind === 'batch' && Array.isArray(frame.data)) {
    dispatch(frame.data, on);
    return;
  }
  const data = frame.data;
  if (!data || typeof data !== 'object') {
    console.warn(`live feed: ignored a ${frame.kind} message without data`);
    return;
  }
  switch (frame.kind) {
    case 'snapshot':
      on.snapshot(data.bins || []);
      break;
    case 'occupancy':
      on.occupancy(data);
      break;
    case 'movement':
      on.movement(data);
      break;
    case 'anomaly':
      on.anomaly(data);
      break;
    default:
      break;
  }
}
