/**
 * Fetch wrapper for the Trajectwacht API. The token lives in sessionStorage (gone when the tab closes).
 * A 401 clears the session and sends the user back to the login page.
 */

const BASE = '/api/v1';
const SESSION_KEY = 'trajectwacht.session';

export class ApiError extends Error {
  constructor(status, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
  }
}

/** @returns {{token: string, principal: object, expiresAt?: string} | null} */
export function getSession() {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw);
    if (!session?.token || !session.principal) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      clearSession();
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

function storeSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Called on a 401: forget the token and show the login page (with a notice). */
function sessionExpired() {
  clearSession();
  if (!location.hash.startsWith('#/login')) location.hash = '#/login?expired=1';
}

function queryString(query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

async function readError(res) {
  try {
    const body = await res.json();
    const msg = body?.message;
    return Array.isArray(msg) ? msg.join('; ') : msg ? String(msg) : res.statusText;
  } catch {
    return res.statusText;
  }
}

/** JSON request; throws ApiError on non-2xx. */
export async function request(path, { method = 'GET', query, body, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth) {
    const session = getSession();
    if (!session) {
      sessionExpired();
      throw new ApiError(401, 'not logged in');
    }
    headers.Authorization = `Bearer ${session.token}`;
  }
  let res;
  try {
    res = await fetch(`${BASE}${path}${queryString(query)}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (res.status === 401 && auth) {
    sessionExpired();
    throw new ApiError(401, await readError(res));
  }
  if (!res.ok) throw new ApiError(res.status, await readError(res));
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** URL carrying the token as query parameter (for plain links and EventSource, which cannot set headers). */
export function urlWithToken(path, query) {
  const session = getSession();
  return `${BASE}${path}${queryString({ ...query, access_token: session?.token })}`;
}

export async function login(username, password) {
  const result = await request('/login', { method: 'POST', body: { username, password }, auth: false });
  storeSession({ token: result.token, principal: result.principal, expiresAt: result.expiresAt });
  return result;
}

export function logout() {
  clearSession();
}

export const api = {
  me: () => request('/me'),
  alerts: (query) => request('/alerts', { query }),
  /** One page of the inbox: { items, next, counts: { byRule, total } }; pass `after: next` for the page after it. */
  inbox: (query) => request('/alerts/inbox', { query }),
  alert: (id) => request(`/alerts/${encodeURIComponent(id)}`),
  act: (id, action, reason) =>
    request(`/alerts/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: reason ? { reason } : {} }),
  trajecten: (pseudonym) => request(`/pseudoniemen/${encodeURIComponent(pseudonym)}/trajecten`),
  indicators: (query) => request('/indicators', { query }),
  indicatorsCsvUrl: (query) => urlWithToken('/indicators.csv', query),
  berichten: (query) => request('/aanbieder/berichten', { query }),
  streamUrl: () => urlWithToken('/stream'),
};
