/**
 * Server-Sent Events client for /api/v1/stream. EventSource reconnects by itself after network errors; when the
 * server closes the stream for good (e.g. an expired token) we check the session and retry with backoff.
 */
import { api, request } from './api.js';

/**
 * @param {{onAlert?: (data) => void, onPathway?: (data) => void, onState?: (state: 'connecting'|'open'|'reconnecting') => void}} handlers
 * @returns {() => void} close
 */
export function openStream({ onAlert, onPathway, onState } = {}) {
  let source = null;
  let closed = false;
  let retryTimer = null;
  let delay = 2000;

  const parse = (handler) => (event) => {
    if (!handler) return;
    try {
      handler(JSON.parse(event.data));
    } catch {
      /* ignore an unreadable event */
    }
  };

  function connect() {
    if (closed) return;
    onState?.('connecting');
    source = new EventSource(api.streamUrl());
    source.addEventListener('open', () => {
      delay = 2000;
      onState?.('open');
    });
    source.addEventListener('alert', parse(onAlert));
    source.addEventListener('pathway', parse(onPathway));
    // The server ends the stream when the token expires: the /me check sends the user to the login page.
    source.addEventListener('expired', () => {
      source?.close();
      source = null;
      request('/me').catch(() => undefined);
    });
    source.addEventListener('error', () => {
      if (closed) return;
      onState?.('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        source = null;
        // A 401 from /me sends the user to the login page; otherwise retry.
        request('/me').catch(() => undefined);
        retryTimer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      }
    });
  }

  connect();
  return () => {
    closed = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
