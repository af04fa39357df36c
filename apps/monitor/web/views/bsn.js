// @ts-check
/**
 * "Toon BSN" in the alert detail (issue 18; docs/security.md, "The BSN store"): a toegang worker of the child's
 * gemeente asks for the BSN with a reason; the answer is shown in this panel only, for a minute at most, and kept
 * nowhere (not in sessionStorage, not in the URL, not in the alert): closing the detail or re-rendering it drops it.
 * Every request is a row of the access log, refused ones too.
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { api, getSession } from '../api.js';

/** The reason's least length, as the trajectory service requires it (apps/trajectory/src/toegang.controller.ts). */
const MIN_REASON = 10;
const SHOWN_MS = 60_000;

/**
 * @param {{ clientPseudonym: string }} alert
 * @returns {HTMLElement | null} the panel, or null for anyone but a toegang worker (nobody else gets a BSN)
 */
export function bsnPanel(alert) {
  if (getSession()?.principal?.role !== 'toegang' || !alert.clientPseudonym) return null;
  const reason = /** @type {HTMLTextAreaElement} */ (
    h('textarea', { id: 'bsn-reason', rows: 2, 'data-testid': 'bsn-reason', minlength: MIN_REASON, maxlength: 500 })
  );
  const result = h('div', { class: 'bsn-result', 'data-testid': 'bsn-result', 'aria-live': 'polite' });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const hide = () => {
    clearTimeout(timer);
    replace(result);
  };
  const button = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', class: 'button secondary', 'data-testid': 'bsn-reveal', onclick: () => reveal() }, t('bsn.reveal'))
  );

  async function reveal() {
    const reden = reason.value.trim();
    if (reden.length < MIN_REASON) {
      replace(result, h('p', { class: 'feedback error', role: 'status' }, t('bsn.reasonRequired', { n: MIN_REASON })));
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    reason.removeAttribute('aria-invalid');
    button.disabled = true;
    try {
      const answer = await api.revealBsn(alert.clientPseudonym, reden);
      reason.value = '';
      replace(
        result,
        h('p', null, t('bsn.label'), ' ', h('output', { class: 'mono bsn', 'data-testid': 'bsn-value' }, answer.bsn)),
        h('p', { class: 'muted small' }, t('bsn.logged')),
        h('button', { type: 'button', class: 'button ghost', 'data-testid': 'bsn-hide', onclick: hide }, t('bsn.hide')),
      );
      clearTimeout(timer);
      timer = setTimeout(hide, SHOWN_MS);
    } catch (error) {
      const e = /** @type {{ status?: number, message?: string }} */ (error);
      replace(
        result,
        h('p', { class: 'feedback error', role: 'status' }, e.status === 404 ? t('bsn.none') : t('app.error', { message: e.message })),
      );
    } finally {
      button.disabled = false;
    }
  }

  return h(
    'section',
    { class: 'bsn-panel', 'data-testid': 'bsn-panel', 'aria-labelledby': 'bsn-heading' },
    h('h3', { id: 'bsn-heading' }, t('bsn.heading')),
    h('div', { class: 'field' }, h('label', { for: 'bsn-reason' }, t('bsn.reason')), reason),
    h('div', { class: 'button-row' }, button),
    result,
  );
}
