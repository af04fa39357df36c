/**
 * Toegang inbox: open + acknowledged alerts of the worker's gemeente, by severity (desc) then age (oldest first).
 * Alerts from the live stream are inserted at their place and highlighted; closed ones leave the list.
 * Rows are keyed by alert id and moved, not rebuilt, so focus and selection survive live updates.
 */
import { h, replace, datePart, daysBetween, todayIso, formatShortDate, formatDateTime, shortPseudonym } from '../dom.js';
import { t, getLang, ruleName } from '../i18n.js';
import { api } from '../api.js';
import { openStream } from '../stream.js';
import { SEVERITY_RANK, severityBadge, statusBadge, loading, errorBox, streamIndicator } from './common.js';
import { createDetail } from './alert-detail.js';

const VISIBLE = new Set(['open', 'acknowledged']);

/** Urgency first (highest severity), then the oldest situation first. */
export function compareAlerts(a, b) {
  const s = (SEVERITY_RANK[b.severity] ?? -1) - (SEVERITY_RANK[a.severity] ?? -1);
  if (s !== 0) return s;
  const ea = datePart(a.effectiveAt) ?? '';
  const eb = datePart(b.effectiveAt) ?? '';
  if (ea !== eb) return ea < eb ? -1 : 1;
  const da = a.detectedAt ?? '';
  const db = b.detectedAt ?? '';
  if (da !== db) return da < db ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function mount(container, { principal, params, navigate }) {
  const alerts = new Map();
  const rows = new Map();
  let loaded = false;
  let selectedId = null;
  const buffered = [];

  const tbody = h('tbody');
  const countEl = h('p', { class: 'muted count', role: 'status' });
  const emptyEl = h('p', { class: 'muted empty', hidden: true }, t('inbox.empty'));
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });
  const indicator = streamIndicator();
  const listBox = h('div', { class: 'table-scroll' }, loading());

  const hint = h('div', { class: 'detail-hint card muted' }, h('p', null, t('inbox.selectHint')));
  const detail = createDetail({
    onChange: (alert) => upsert(alert, false),
    onClose: () => navigate('#/inbox'),
  });
  const pane = h('div', { class: 'detail-pane' }, hint);

  const table = h(
    'table',
    { class: 'data inbox', 'data-testid': 'inbox-table' },
    h('caption', { class: 'sr-only' }, t('inbox.caption')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['col.severity', 'col.rule', 'col.title', 'col.client', 'col.effectiveAt', 'col.age', 'col.status'].map((k) =>
          h('th', { scope: 'col', class: k === 'col.age' ? 'num' : null }, t(k)),
        ),
      ),
    ),
    tbody,
  );

  container.append(
    h(
      'div',
      { class: 'inbox-layout' },
      h(
        'section',
        { class: 'inbox-list', 'aria-labelledby': 'inbox-heading' },
        h('div', { class: 'section-head' }, h('h1', { id: 'inbox-heading' }, t('inbox.title')), indicator.el),
        h('p', { class: 'muted' }, t('inbox.intro', { gemeente: principal.gemeente ?? '–' })),
        countEl,
        listBox,
        emptyEl,
        announcer,
      ),
      pane,
    ),
  );

  function buildRowCells(tr, a) {
    const lang = getLang();
    const eff = datePart(a.effectiveAt);
    const age = eff ? Math.max(0, daysBetween(eff, todayIso())) : null;
    replace(
      tr,
      h('td', null, severityBadge(a.severity)),
      h('td', null, ruleName(a.ruleId)),
      h('td', null, h('a', { href: `#/inbox/${encodeURIComponent(a.id)}`, class: 'row-link' }, a.title || ruleName(a.ruleId))),
      h('td', { class: 'mono', title: a.clientPseudonym ?? '' }, shortPseudonym(a.clientPseudonym)),
      h('td', { title: t('inbox.detectedAt', { at: formatDateTime(a.detectedAt, lang) }) }, h('time', { datetime: eff ?? '' }, formatShortDate(a.effectiveAt, lang))),
      h('td', { class: 'num' }, age === null ? '–' : String(age)),
      h('td', null, statusBadge(a.status)),
    );
    tr.dataset.ruleId = a.ruleId;
    tr.dataset.status = a.status;
    tr.dataset.severity = a.severity;
  }

  function createRow(a) {
    const tr = h('tr', {
      'data-testid': 'alert-row',
      'data-alert-id': a.id,
      class: 'alert-row',
      onclick: (event) => {
        if (event.target.closest('a')) return; // the link navigates by itself
        navigate(`#/inbox/${encodeURIComponent(a.id)}`);
      },
    });
    buildRowCells(tr, a);
    return tr;
  }

  function flash(tr) {
    tr.classList.remove('flash');
    void tr.offsetWidth; // restart the animation
    tr.classList.add('flash');
    setTimeout(() => tr.classList.remove('flash'), 4000);
  }

  /** Put the rows in sorted order, moving only the rows that are out of place. */
  function reorder() {
    const sorted = [...alerts.values()].sort(compareAlerts);
    sorted.forEach((a, i) => {
      const tr = rows.get(a.id);
      if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] ?? null);
    });
    countEl.textContent = t('inbox.count', { n: alerts.size });
    emptyEl.hidden = alerts.size > 0;
    table.hidden = alerts.size === 0;
    markSelected();
  }

  function markSelected() {
    for (const [id, tr] of rows) {
      const selected = id === selectedId;
      tr.classList.toggle('selected', selected);
      if (selected) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    }
  }

  function upsert(alert, live) {
    if (!alert?.id) return;
    detail.update(alert);
    const known = alerts.get(alert.id);
    if (!VISIBLE.has(alert.status)) {
      if (known) {
        alerts.delete(alert.id);
        rows.get(alert.id)?.remove();
        rows.delete(alert.id);
        reorder();
      }
      return;
    }
    alerts.set(alert.id, alert);
    let tr = rows.get(alert.id);
    if (tr) buildRowCells(tr, alert);
    else {
      tr = createRow(alert);
      rows.set(alert.id, tr);
    }
    reorder();
    if (live && (!known || known.severity !== alert.severity)) {
      flash(tr);
      if (!known) announcer.textContent = t('inbox.new', { title: alert.title || ruleName(alert.ruleId) });
    }
  }

  async function load() {
    replace(listBox, loading());
    try {
      const list = await api.alerts({ status: 'open,acknowledged', limit: 1000 });
      alerts.clear();
      rows.clear();
      tbody.replaceChildren();
      for (const a of list ?? []) {
        if (!VISIBLE.has(a.status)) continue;
        alerts.set(a.id, a);
        rows.set(a.id, createRow(a));
      }
      replace(listBox, table);
      loaded = true;
      reorder();
      for (const a of buffered.splice(0)) upsert(a, true);
    } catch (error) {
      if (error.status !== 401) replace(listBox, errorBox(error, load));
    }
  }

  const closeStream = openStream({
    onState: indicator.set,
    onAlert: (data) => {
      const alert = data?.alert;
      if (!alert) return;
      if (!loaded) buffered.push(alert);
      else upsert(alert, true);
    },
  });

  function select(id) {
    selectedId = id ?? null;
    markSelected();
    if (!id) {
      if (pane.firstChild !== hint) replace(pane, hint);
      return;
    }
    if (pane.firstChild !== detail.el) replace(pane, detail.el);
    detail.show(id, alerts.get(id));
    detail.focus();
  }

  load();
  select(params.id);

  return {
    update(next) {
      select(next.params.id);
    },
    unmount() {
      closeStream();
    },
  };
}
