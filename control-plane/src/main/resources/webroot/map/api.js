// Same-origin JSON calls to the control-plane API; failures carry the problem detail (RFC 9457).

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function parse(res) {
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw new ApiError(res.status, (body && (body.detail || body.title)) || `HTTP ${res.status}`);
  }
  return body;
}

export async function getJson(path) {
  return parse(await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' }));
}

export async function postJson(path, body) {
  return parse(await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  }));
}

/** Encodes one path segment (ids are [A-Za-z0-9._:-], but the user types lot ids). */
export const seg = (s) => encodeURIComponent(s);

/** A time for people: HH:MM:SS today, else YYYY-MM-DD HH:MM (24-hour, local time). */
export function formatTime(iso, now = new Date()) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  const p = (n) => String(n).padStart(2, '0');
  const hms = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return d.toDateString() === now.toDateString() ? hms
    : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${hms.slice(0, 5)}`;
}
