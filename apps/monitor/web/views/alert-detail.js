// @ts-check
/**
 * Detail panel of one alert: status, facts, history, the actions (acknowledge / resolve / dismiss with a reason)
 * and the child's timeline.
 */
import { h, replace, formatDate, formatDateTime } from '../dom.js';
import { t, getLang, ruleName, statusName, tOr, levelName } from '../i18n.js';
import { api } from '../api.js';
import { severityBadge, statusBadge, loading, errorBox, factText } from './common.js';
import { timelineChart } from './timeline.js';
import { named, factLabel } from '../names.js';
import { loadVervolg, vervolgForm } from './vervolg.js';
import { loadVerzoeken } from './verzoek-keten.js';
import { bsnPanel } from './bsn.js';

/**
 * An alert as the API shows it: the view of alerts.v1 with the toewijzingnummers and the child's age (issue 18; absent
 * on an alert that arrived through the live stream only).
 * @typedef {import('../../../../libs/contracts/src').AlertView & { toewijzingNummers?: string[], leeftijd?: number | null }} AlertView
 */

const OPEN_STATES = ['open', 'acknowledged'];

/**
 * @param {{onChange: (alert) => void, onClose: () => void}} opts
 */
export function createDetail({ onChange, onClose }) {
  const el = h('section', { class: 'detail card', 'data-testid': 'alert-detail', 'aria-labelledby': 'detail-heading', tabindex: '-1' });
  const info = h('div');
  const timelineBox = h('div', { class: 'timeline-box' });
  const extra = h('div');
  let current = null;
  let busy = false;
  let seq = 0;
  let feedbackText = '';
  let feedbackIsError = false;

  function historyList(alert) {
    const lang = getLang();
    if (!alert.history?.length) return h('p', { class: 'muted' }, t('detail.noHistory'));
    return h(
      'ol',
      { class: 'history' },
      alert.history.map((e) =>
        h(
          'li',
          null,
          h('time', { datetime: e.at }, formatDateTime(e.at, lang)),
          ' — ',
          t('detail.historyEntry', {
            action: tOr(`action.${e.action}`, e.action),
            by: e.by ?? '–',
            from: statusName(e.from),
            to: statusName(e.to),
          }),
          e.reason ? h('q', { class: 'reason' }, e.reason) : null,
        ),
      ),
    );
  }

  function factsTable(alert) {
    const entries = Object.entries(alert.facts ?? {});
    if (!entries.length) return h('p', { class: 'muted' }, t('detail.noFacts'));
    return h(
      'table',
      { class: 'data small facts' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('detail.fact')), h('th', { scope: 'col' }, t('detail.value')))),
      h(
        'tbody',
        null,
        entries.map(([k, v]) =>
          h('tr', null, h('th', { scope: 'row', title: k }, factLabel(k, alert.factLabels, getLang())), h('td', null, factText(v))),
        ),
      ),
    );
  }

  /**
   * @param {AlertView} alert
   * @param {{ keepFocus?: boolean | 'feedback' }} [options] keepFocus: move the focus to the feedback after rendering
   */
  function render(alert, { keepFocus = false } = {}) {
    const lang = getLang();
    const previousReason = info.querySelector('textarea')?.value ?? '';
    const isOpen = OPEN_STATES.includes(alert.status);

    const reason = h(
      'textarea',
      { id: 'dismiss-reason', rows: 2, 'data-testid': 'dismiss-reason', 'aria-describedby': 'reason-help', disabled: !isOpen || busy },
      previousReason,
    );
    const feedback = h('p', { class: ['feedback', feedbackIsError && 'error'], role: 'status', tabindex: '-1' }, feedbackText);
    const button = (action, label, testid, extra = {}) =>
      h(
        'button',
        {
          type: 'button',
          class: ['button', action === 'acknowledge' ? 'primary' : 'secondary'],
          'data-testid': testid,
          disabled: busy || !extra.enabled,
          onclick: () => act(action, reason, feedback),
        },
        label,
      );

    replace(
      info,
      h(
        'header',
        { class: 'detail-header' },
        h('div', null, h('h2', { id: 'detail-heading' }, ruleName(alert.ruleId)), h('p', { class: 'detail-title' }, alert.title ?? '')),
        h('button', { type: 'button', class: 'button ghost', onclick: onClose, 'aria-label': t('detail.close') }, '×'),
      ),
      h(
        'p',
        { class: 'badges' },
        severityBadge(alert.severity),
        ' ',
        statusBadge(alert.status, { 'data-testid': 'alert-status', 'aria-live': 'polite' }),
      ),
      h(
        'dl',
        { class: 'meta' },
        [
          [t('detail.gemeente'), named(alert.gemeente, alert.gemeenteNaam)],
          [t('detail.aanbieder'), alert.aanbieder ? named(alert.aanbieder, alert.aanbiederNaam) : null],
          [t('detail.client'), alert.clientPseudonym],
          [t('detail.trajectories'), (alert.trajectoryIds ?? []).join(', ')],
          [t('detail.toewijzing'), (alert.toewijzingNummers ?? []).join(', ')],
          [t('detail.childAge'), typeof alert.leeftijd === 'number' ? t('client.years', { n: alert.leeftijd }) : null],
          [t('detail.effectiveAt'), formatDate(alert.effectiveAt, lang)],
          [t('detail.detectedAt'), formatDateTime(alert.detectedAt, lang)],
          [t('detail.escalation'), alert.escalationLevel ?? 0],
        ]
          .filter(([, v]) => v !== null && v !== undefined && v !== '')
          .map(([k, v]) => h('div', null, h('dt', null, k), h('dd', { class: k === t('detail.client') ? 'mono' : null }, String(v)))),
      ),
      h(
        'section',
        { class: 'actions', 'aria-labelledby': 'actions-heading' },
        h('h3', { id: 'actions-heading' }, t('detail.actions')),
        isOpen
          ? [
              h(
                'div',
                { class: 'button-row' },
                button('acknowledge', t('detail.acknowledge'), 'action-acknowledge', { enabled: alert.status === 'open' }),
                button('resolve', t('detail.resolve'), 'action-resolve', { enabled: true }),
              ),
              h('div', { class: 'field' }, h('label', { for: 'dismiss-reason' }, t('detail.reason')), reason),
              h('p', { id: 'reason-help', class: 'muted small' }, t('detail.reasonRequired')),
              h('div', { class: 'button-row' }, button('dismiss', t('detail.dismiss'), 'action-dismiss', { enabled: true })),
            ]
          : h('p', { class: 'muted' }, t('detail.final')),
        feedback,
      ),
      bsnPanel(alert),
      h('section', { 'aria-labelledby': 'facts-heading' }, h('h3', { id: 'facts-heading' }, t('detail.facts')), factsTable(alert)),
    );
    replace(
      extra,
      h('section', { 'aria-labelledby': 'history-heading' }, h('h3', { id: 'history-heading' }, t('detail.history')), historyList(alert)),
    );
    // issue 15: an OVERGANG_18 alert is answered by recording the follow-up for 18+ (toegang of the child's gemeente)
    if (alert.ruleId === 'OVERGANG_18' && isOpen && alert.clientPseudonym)
      extra.prepend(
        vervolgForm({
          alert,
          onRecorded: () => {
            loadTimeline(alert, seq);
            setTimeout(() => current && current.id === alert.id && controller.show(alert.id, current), 1500);
          },
        }),
      );
    if (keepFocus) feedback.focus();
  }

  async function act(action, reasonEl, feedbackEl) {
    if (!current || busy) return;
    const reason = reasonEl.value.trim();
    if (action === 'dismiss' && !reason) {
      feedbackEl.textContent = t('detail.reasonRequired');
      feedbackEl.classList.add('error');
      reasonEl.setAttribute('aria-invalid', 'true');
      reasonEl.focus();
      return;
    }
    busy = true;
    render(current);
    try {
      const updated = await api.act(current.id, action, reason || undefined);
      current = updated;
      feedbackText = t('detail.done', { status: statusName(updated.status) });
      feedbackIsError = false;
      const textarea = info.querySelector('textarea');
      if (textarea) textarea.value = '';
      onChange(updated);
    } catch (error) {
      feedbackText =
        error.status === 409 || error.status === 400
          ? t('detail.conflict', { message: error.message })
          : t('app.error', { message: error.message });
      feedbackIsError = true;
      if (error.status === 409) {
        try {
          current = await api.alert(current.id);
          onChange(current);
        } catch {
          /* keep the old view */
        }
      }
    } finally {
      busy = false;
      if (current) render(current, { keepFocus: 'feedback' });
    }
  }

  async function loadTimeline(alert, mySeq) {
    replace(timelineBox, h('h3', { id: 'timeline-heading' }, t('detail.timeline')), loading());
    if (!alert.clientPseudonym) {
      replace(timelineBox, h('h3', null, t('detail.timeline')), h('p', { class: 'muted' }, t('timeline.empty')));
      return;
    }
    try {
      const data = await api.trajecten(alert.clientPseudonym);
      if (mySeq !== seq) return;
      const c = data.client ?? {};
      const lang = getLang();
      const vervolgBox = h('div', { class: 'vervolg-box' });
      const ketenBox = h('div', { class: 'keten-box' });
      replace(
        timelineBox,
        h('h3', { id: 'timeline-heading' }, t('detail.timeline')),
        h(
          'dl',
          { class: 'meta client' },
          [
            [t('client.age'), c.leeftijd !== undefined && c.leeftijd !== null ? t('client.years', { n: c.leeftijd }) : null],
            [t('client.birth'), c.geboortedatum ? formatDate(c.geboortedatum, lang) : null],
            [t('client.active'), c.actieveTrajecten],
            [t('client.highest'), c.hoogsteActieveIntensiteit !== undefined ? levelName(c.hoogsteActieveIntensiteit) : null],
            [t('client.crisis'), c.crisisActief === undefined ? null : c.crisisActief ? t('yes') : t('no')],
          ]
            .filter(([, v]) => v !== null && v !== undefined)
            .map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, String(v)))),
        ),
        timelineChart({ trajecten: data.trajecten ?? [], relatedIds: alert.trajectoryIds ?? [] }),
        ketenBox,
        vervolgBox,
      );
      loadVerzoeken(ketenBox, alert.clientPseudonym);
      loadVervolg(vervolgBox, alert.clientPseudonym);
    } catch (error) {
      if (mySeq !== seq) return;
      replace(
        timelineBox,
        h('h3', null, t('detail.timeline')),
        h('p', { class: 'error' }, t('detail.timelineError', { message: error.message })),
        h('div', { 'data-testid': 'timeline', hidden: true }),
      );
      // a child known only by a verzoek (VERZOEK_ONBEANTWOORD) has no trajectories yet: its verzoeken still show
      const ketenBox = h('div', { class: 'keten-box' });
      timelineBox.append(ketenBox);
      loadVerzoeken(ketenBox, alert.clientPseudonym);
    }
  }

  el.append(info, timelineBox, extra);

  const controller = {
    el,
    get currentId() {
      return current?.id ?? null;
    },
    /** Show an alert: render what we already know at once, then fetch the fresh version and the timeline. */
    /**
     * @param {string} id
     * @param {AlertView} [known] the alert as the inbox has it, shown until the fresh one arrives
     */
    async show(id, known) {
      const mySeq = ++seq;
      feedbackText = '';
      feedbackIsError = false;
      current = known ?? null;
      replace(extra);
      if (known) render(known);
      else replace(info, loading());
      replace(timelineBox);
      if (known) loadTimeline(known, mySeq);
      try {
        const fresh = await api.alert(id);
        if (mySeq !== seq) return;
        const pseudonymChanged = !known || known.clientPseudonym !== fresh.clientPseudonym;
        current = fresh;
        render(fresh);
        if (pseudonymChanged) loadTimeline(fresh, mySeq);
      } catch (error) {
        if (mySeq !== seq) return;
        if (!known)
          replace(
            info,
            error.status === 404 ? h('p', { class: 'error' }, t('detail.notFound')) : errorBox(error, () => controller.show(id)),
          );
      }
    },
    /** An update from the live stream. */
    /** @param {AlertView} alert */
    update(alert) {
      if (!current || alert.id !== current.id || busy) return;
      const changed =
        alert.status !== current.status ||
        alert.severity !== current.severity ||
        (alert.history?.length ?? 0) !== (current.history?.length ?? 0);
      current = alert;
      if (changed) render(alert);
    },
    focus() {
      el.querySelector('#detail-heading')?.setAttribute('tabindex', '-1');
      el.querySelector('#detail-heading')?.focus();
    },
  };
  return controller;
}
