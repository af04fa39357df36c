// @ts-check
/**
 * Fetch wrapper for the Trajectwacht API. The token lives in sessionStorage (gone when the tab closes).
 * A 401 clears the session and sends the user back to the login page.
 */

/** @typedef {import('../../../libs/contracts/src').AlertView} AlertView */
/**
 * One page of GET /alerts/inbox.
 * @typedef {{ items: AlertView[], next: string | null, counts: { byRule: Record<string, number>, total: number } }} InboxPage
 */

const BASE = '/api/v1';
const SESSION_KEY = 'trajectwacht.session';

export class ApiError extends Error {
  constructor(status, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
  }
}

/**
 * A signed-in session; `idp` when it came from the OpenID provider (auth.js), for the sign-out there.
 * @typedef {{ issuer: string, clientId: string, endSession: string | null }} SessionIdp
 * @typedef {{ token: string, principal: any, expiresAt?: string, idp?: SessionIdp }} Session
 */

/** @returns {Session | null} */
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

/** @param {Session} session */
export function storeSession(session) {
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

/**
 * JSON request; throws ApiError on non-2xx.
 * @param {string} path
 * @param {{ method?: string, query?: Record<string, unknown>, body?: unknown, auth?: boolean }} [options]
 * @returns {Promise<any>} the answer as the API documents it (typed by the callers in `api` below)
 */
export async function request(path, { method = 'GET', query = undefined, body = undefined, auth = true } = {}) {
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
    res = await fetch(`${BASE}${path}${queryString(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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

/**
 * GET with the token in the Authorization header, answered as a Blob (the CSV export): no token in any URL. The
 * caller saves it through an object URL. Returns the Blob and the file name the server proposes.
 */
export async function download(path, query) {
  const session = getSession();
  if (!session) {
    sessionExpired();
    throw new ApiError(401, 'not logged in');
  }
  let res;
  try {
    res = await fetch(`${BASE}${path}${queryString(query)}`, { headers: { Authorization: `Bearer ${session.token}` }, cache: 'no-store' });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (res.status === 401) {
    sessionExpired();
    throw new ApiError(401, await readError(res));
  }
  if (!res.ok) throw new ApiError(res.status, await readError(res));
  const disposition = res.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
  return { blob: await res.blob(), filename };
}

/** Saves a Blob under a file name (an object URL on a temporary link, revoked afterwards). */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The token for a request that cannot go through request() (the live stream reads its answer as it arrives). */
export function authorizationHeader() {
  const session = getSession();
  return session ? `Bearer ${session.token}` : null;
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
  /** @returns {Promise<AlertView[]>} */
  alerts: (query) => request('/alerts', { query }),
  /**
   * One page of the inbox: { items, next, counts: { byRule, total } }; pass `after: next` for the page after it.
   * @returns {Promise<InboxPage>}
   */
  inbox: (query) => request('/alerts/inbox', { query }),
  /** @returns {Promise<AlertView>} */
  alert: (id) => request(`/alerts/${encodeURIComponent(id)}`),
  /** @returns {Promise<AlertView>} the alert after the action */
  act: (id, action, reason) => request(`/alerts/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: reason ? { reason } : {} }),
  trajecten: (pseudonym) => request(`/pseudoniemen/${encodeURIComponent(pseudonym)}/trajecten`),
  /** The child's verzoeken (JW315/JW317) with their chain verzoek → toewijzing → start → stop (issue 17). */
  verzoeken: (pseudonym) => request(`/pseudoniemen/${encodeURIComponent(pseudonym)}/verzoeken`),
  /** The child's recorded follow-ups for 18+ (issue 15). */
  vervolg: (pseudonym) => request(`/pseudoniemen/${encodeURIComponent(pseudonym)}/vervolg`),
  /** Records a follow-up for 18+: { soort, totDatum?, perDatum?, overdrachtAan?, reden?, alertId? }. */
  recordVervolg: (pseudonym, body) => request(`/pseudoniemen/${encodeURIComponent(pseudonym)}/vervolg`, { method: 'POST', body }),
  /** The child's BSN (toegang of its gemeente, with a reason; logged): { pseudonym, gemeente, bsn }. Never stored. */
  revealBsn: (pseudonym, reden) => request(`/pseudoniemen/${encodeURIComponent(pseudonym)}/bsn`, { method: 'POST', body: { reden } }),
  indicators: (query) => request('/indicators', { query }),
  /** The indicator table as CSV: { blob, filename }. */
  indicatorsCsv: (query) => download('/indicators.csv', query),
  berichten: (query) => request('/aanbieder/berichten', { query }),
};
