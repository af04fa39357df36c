// @ts-check
/**
 * Server-Sent Events client for /api/v1/stream, read with fetch so the token travels in the Authorization header
 * (EventSource cannot set headers, and a token in the URL ends up in logs and history). Reconnects with backoff after
 * a network error or when the server ends the stream; when the token has expired the /me check sends the user to the
 * login page.
 */
import { authorizationHeader, request } from './api.js';

/** @typedef {import('../../../libs/contracts/src').LiveAlertEvent} LiveAlertEvent */
/** @typedef {import('../../../libs/contracts/src').LivePathwayEvent} LivePathwayEvent */

/** Splits an event-stream text into events ({event, data}); returns the events and the unfinished rest. */
export function parseEvents(text) {
  const blocks = text.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  const events = [];
  for (const block of blocks) {
    let event = 'message';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0 || event !== 'message') events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * @param {{onAlert?: (data: LiveAlertEvent) => void, onPathway?: (data: LivePathwayEvent) => void, onState?: (state:
 * 'connecting'|'open'|'reconnecting') => void}} handlers
 * @returns {() => void} close
 */
export function openStream({ onAlert, onPathway, onState } = {}) {
  let controller = null;
  let closed = false;
  let retryTimer = null;
  let delay = 2000;

  const handlers = { alert: onAlert, pathway: onPathway };
  const dispatch = ({ event, data }) => {
    const handler = handlers[event];
    if (!handler) return;
    try {
      handler(JSON.parse(data));
    } catch {
      /* ignore an unreadable event */
    }
  };

  function retry() {
    if (closed) return;
    onState?.('reconnecting');
    // A 401 from /me sends the user to the login page; otherwise retry.
    request('/me').catch(() => undefined);
    retryTimer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30000);
  }

  async function connect() {
    if (closed) return;
    const authorization = authorizationHeader();
    if (!authorization) {
      request('/me').catch(() => undefined);
      return;
    }
    onState?.('connecting');
    controller = new AbortController();
    try {
      const res = await fetch('/api/v1/stream', {
        headers: { Authorization: authorization, Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (!res.ok || !res.body) {
        retry();
        return;
      }
      delay = 2000;
      onState?.('open');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const { events, rest } = parseEvents(buffer + value);
        buffer = rest;
        for (const e of events) {
          // The server ends the stream when the token expires: the /me check (in retry) sends the user to the login page.
          if (e.event === 'expired') continue;
          dispatch(e);
        }
      }
      retry();
    } catch {
      if (!closed) retry();
    }
  }

  connect();
  return () => {
    closed = true;
    clearTimeout(retryTimer);
    controller?.abort();
  };
}
