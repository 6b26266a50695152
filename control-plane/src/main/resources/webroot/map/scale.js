// Fill colours: viridis (perceptually uniform, readable with colour-vision deficiencies), 11 stops
// sampled from matplotlib's viridis at 0.0, 0.1 … 1.0, interpolated linearly in sRGB between them.
const VIRIDIS = [
  [0x44, 0x01, 0x54], [0x48, 0x24, 0x75], [0x41, 0x44, 0x87], [0x35, 0x5f, 0x8d], [0x2a, 0x78, 0x8e],
  [0x21, 0x91, 0x8c], [0x22, 0xa8, 0x84], [0x44, 0xbf, 0x70], [0x7a, 0xd1, 0x51], [0xbd, 0xdf, 0x26],
  [0xfd, 0xe7, 0x25],
];

function hex(rgb) {
  return '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

// Reversed, so that empty bins are pale and recede into the floor while full ones stand out dark.
const STOPS = [...VIRIDIS].reverse();

/** The colour of fill fraction t (clamped to 0..1): pale yellow when empty, dark violet when full. */
export function fillColour(t) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  return hex([0, 1, 2].map((k) => a[k] + (b[k] - a[k]) * f));
}

/** Black or white, whichever reads better on the fill colour of t (the scale turns dark above ~0.45). */
export function inkOn(t) {
  return t <= 0.45 ? '#111' : '#fff';
}

/** CSS gradient of the whole scale, for the legend. */
export function gradientCss() {
  return 'linear-gradient(to right, ' + STOPS.map((c, i) => `${hex(c)} ${i * 10}%`).join(', ') + ')';
}
