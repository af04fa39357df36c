// @ts-check
/** Small building blocks shared by the views. */
import { h } from '../dom.js';
import { t, severityName, statusName } from '../i18n.js';

export const SEVERITY_RANK = { info: 0, laag: 1, midden: 2, hoog: 3, kritiek: 4 };

export function severityBadge(severity) {
  return h('span', { class: ['badge', `sev-${severity}`], 'data-severity': severity }, severityName(severity));
}

export function statusBadge(status, attrs = {}) {
  return h('span', { class: ['badge', 'status', `status-${status}`], 'data-status': status, ...attrs }, statusName(status));
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('app.loading'));
}

/** An error message; 403 gets a friendlier text. */
export function errorBox(error, retry) {
  const text = error?.status === 403 ? t('app.forbidden') : t('app.error', { message: error?.message ?? String(error) });
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', null, text),
    retry ? h('button', { type: 'button', class: 'button secondary', onclick: retry }, t('app.retry')) : null,
  );
}

/** Live-connection indicator; returns {el, set(state)}. */
export function streamIndicator() {
  const el = h('span', { class: 'stream-state', role: 'status', 'data-state': 'connecting' }, t('stream.connecting'));
  return {
    el,
    set(state) {
      el.dataset.state = state;
      el.textContent = t(state === 'open' ? 'stream.connected' : state === 'reconnecting' ? 'stream.reconnecting' : 'stream.connecting');
    },
  };
}

/** Render a fact value (any JSON) as readable text. */
export function factText(value) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (Array.isArray(value)) return value.map(factText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
