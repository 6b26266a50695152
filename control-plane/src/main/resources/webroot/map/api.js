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
