// @ts-check
/**
 * Toegang inbox: open + acknowledged alerts of the worker's gemeente, by severity (desc) then age (oldest first).
 * The list pages through GET /alerts/inbox (50 at a time, "load more" follows the page's `next` cursor), with filters
 * on rule (each with its count), aanbieder, age and status; the counts come from the API, for all pages.
 * Alerts from the live stream are inserted at their place (when that place lies within the pages loaded so far) and
 * highlighted; closed ones leave the list; the counts are fetched again shortly after.
 * Rows are keyed by alert id and moved, not rebuilt, so focus and selection survive live updates.
 */
import { h, replace, datePart, daysBetween, todayIso, formatShortDate, formatDateTime, shortPseudonym } from '../dom.js';
import { t, getLang, ruleName, statusName } from '../i18n.js';
import { api } from '../api.js';
import { openStream } from '../stream.js';
import { SEVERITY_RANK, severityBadge, statusBadge, loading, errorBox, streamIndicator } from './common.js';
import { createDetail } from './alert-detail.js';
import { named } from '../names.js';

/** @typedef {import('../../../../libs/contracts/src').AlertView} AlertView */

const PAGE_SIZE = 50;
const AGES = { lt7: { maxAgeDays: 6 }, '7to30': { minAgeDays: 7, maxAgeDays: 30 }, gt30: { minAgeDays: 31 } };

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

/** Age of an alert as the inbox shows it: today − effectiveAt in days. */
function ageOf(a) {
  const eff = datePart(a.effectiveAt);
  return eff ? Math.max(0, daysBetween(eff, todayIso())) : null;
}

export function mount(container, { principal, params, navigate }) {
  const alerts = new Map();
  const rows = new Map();
  let loaded = false;
  let selectedId = null;
  const buffered = [];
  const filters = { rule: '', aanbieder: '', age: '', status: 'open,acknowledged' };
  const introEl = h('p', { class: 'muted', 'data-testid': 'inbox-intro' }, t('inbox.intro', { gemeente: named(principal.gemeente, null) }));
  let next = null;
  let counts = { byRule: {}, total: 0 };
  let countsTimer = null;
  let loadSeq = 0;

  function query(extra = {}) {
    return {
      rule: filters.rule,
      aanbieder: filters.aanbieder,
      status: filters.status,
      ...(AGES[filters.age] ?? {}),
      limit: PAGE_SIZE,
      ...extra,
    };
  }

  /** Whether an alert belongs in the list under the current filters (the API's definition). */
  function matches(a) {
    if (!filters.status.split(',').includes(a.status)) return false;
    if (filters.rule && a.ruleId !== filters.rule) return false;
    if (filters.aanbieder && a.aanbieder !== filters.aanbieder) return false;
    const range = AGES[filters.age];
    if (range) {
      const age = ageOf(a);
      if (
        age === null ||
        (range.minAgeDays !== undefined && age < range.minAgeDays) ||
        (range.maxAgeDays !== undefined && age > range.maxAgeDays)
      )
        return false;
    }
    return true;
  }

  /** Whether an alert's place lies within the pages loaded so far (else it comes with a later page). */
  function withinLoaded(a) {
    if (next === null) return true;
    const sorted = [...alerts.values()].sort(compareAlerts);
    const last = sorted[sorted.length - 1];
    return last !== undefined && compareAlerts(a, last) < 0;
  }

  const tbody = h('tbody');
  const countEl = h('p', { class: 'muted count', role: 'status' });
  const emptyEl = h('p', { class: 'muted empty', hidden: true }, t('inbox.empty'));
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });
  const indicator = streamIndicator();
  const listBox = h('div', { class: 'table-scroll' }, loading());
  const moreButton = h(
    'button',
    { type: 'button', class: 'button secondary', 'data-testid': 'inbox-more', hidden: true, onclick: () => loadMore() },
    t('inbox.more'),
  );
  const shownEl = h('p', { class: 'muted', 'data-testid': 'inbox-shown' });

  const ruleSelect = h('select', {
    id: 'inbox-rule',
    'data-testid': 'inbox-filter-rule',
    onchange: () => {
      filters.rule = ruleSelect.value;
      load();
    },
  });
  const aanbiederInput = h('input', {
    id: 'inbox-aanbieder',
    inputmode: 'numeric',
    pattern: '[0-9]{8}',
    size: 10,
    placeholder: '12345678',
    'data-testid': 'inbox-filter-aanbieder',
  });
  const aanbiederError = h('p', { class: 'error', role: 'alert', hidden: true }, t('inbox.filter.aanbiederInvalid'));
  aanbiederInput.addEventListener('change', () => {
    const value = aanbiederInput.value.trim();
    const valid = value === '' || /^[0-9]{8}$/.test(value);
    aanbiederError.hidden = valid;
    if (!valid || value === filters.aanbieder) return;
    filters.aanbieder = value;
    load();
  });
  const ageSelect = h(
    'select',
    {
      id: 'inbox-age',
      'data-testid': 'inbox-filter-age',
      onchange: () => {
        filters.age = ageSelect.value;
        load();
      },
    },
    [
      ['', 'inbox.filter.anyAge'],
      ['lt7', 'inbox.filter.lt7'],
      ['7to30', 'inbox.filter.7to30'],
      ['gt30', 'inbox.filter.gt30'],
    ].map(([v, k]) => h('option', { value: v }, t(k))),
  );
  const statusSelect = h(
    'select',
    {
      id: 'inbox-status',
      'data-testid': 'inbox-filter-status',
      onchange: () => {
        filters.status = statusSelect.value;
        load();
      },
    },
    [
      ['open,acknowledged', t('inbox.filter.openAck')],
      ['open', statusName('open')],
      ['acknowledged', statusName('acknowledged')],
    ].map(([v, text]) => h('option', { value: v }, text)),
  );
  const filterBar = h(
    'form',
    { class: 'filters', 'aria-label': t('inbox.filters'), onsubmit: (event) => event.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'inbox-rule' }, t('inbox.filter.rule')), ruleSelect),
    h('div', { class: 'field' }, h('label', { for: 'inbox-aanbieder' }, t('inbox.filter.aanbieder')), aanbiederInput),
    h('div', { class: 'field' }, h('label', { for: 'inbox-age' }, t('inbox.filter.age')), ageSelect),
    h('div', { class: 'field' }, h('label', { for: 'inbox-status' }, t('inbox.filter.status')), statusSelect),
    aanbiederError,
  );

  function renderRuleOptions() {
    const rules = Object.keys(counts.byRule);
    if (filters.rule && !rules.includes(filters.rule)) rules.push(filters.rule);
    rules.sort((a, b) => ruleName(a).localeCompare(ruleName(b), getLang()));
    const all = Object.values(counts.byRule).reduce((sum, n) => sum + n, 0);
    replace(
      ruleSelect,
      h('option', { value: '' }, t('inbox.filter.allRules', { n: all })),
      ...rules.map((r) => h('option', { value: r }, t('inbox.filter.ruleCount', { name: ruleName(r), n: counts.byRule[r] ?? 0 }))),
    );
    ruleSelect.value = filters.rule;
  }

  function renderCounts() {
    countEl.textContent = t('inbox.count', { n: counts.total });
    shownEl.textContent = t('inbox.shown', { shown: alerts.size, n: Math.max(counts.total, alerts.size) });
    shownEl.hidden = alerts.size === 0;
    moreButton.hidden = next === null;
    renderRuleOptions();
  }

  /** The counts again (one alert's page), a moment after live changes, so a burst costs one request. */
  function refreshCountsSoon() {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(async () => {
      try {
        const page = await api.inbox(query({ limit: 1 }));
        counts = page.counts;
        renderCounts();
      } catch {
        // the next change or reload tries again
      }
    }, 1500);
  }

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
        [
          'col.severity',
          'col.rule',
          'col.title',
          'col.client',
          'col.toewijzing',
          'col.childAge',
          'col.effectiveAt',
          'col.age',
          'col.status',
        ].map((k) => h('th', { scope: 'col', class: k === 'col.age' ? 'num' : null }, t(k))),
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
        introEl,
        filterBar,
        countEl,
        listBox,
        emptyEl,
        h('div', { class: 'inbox-more' }, shownEl, moreButton),
        announcer,
      ),
      pane,
    ),
  );

  function buildRowCells(tr, a) {
    const lang = getLang();
    const eff = datePart(a.effectiveAt);
    const age = ageOf(a);
    replace(
      tr,
      h('td', null, severityBadge(a.severity)),
      h('td', null, ruleName(a.ruleId)),
      h('td', null, h('a', { href: `#/inbox/${encodeURIComponent(a.id)}`, class: 'row-link' }, a.title || ruleName(a.ruleId))),
      h('td', { class: 'mono', title: a.clientPseudonym ?? '' }, shortPseudonym(a.clientPseudonym)),
      // issue 18: who the child is to the toegang worker: its toewijzingnummer(s) and age (the API computes them)
      h('td', { class: 'mono', 'data-testid': 'alert-toewijzing' }, (a.toewijzingNummers ?? []).join(', ') || '–'),
      h('td', { class: 'num', 'data-testid': 'alert-child-age' }, typeof a.leeftijd === 'number' ? String(a.leeftijd) : '–'),
      h(
        'td',
        { title: t('inbox.detectedAt', { at: formatDateTime(a.detectedAt, lang) }) },
        h('time', { datetime: eff ?? '' }, formatShortDate(a.effectiveAt, lang)),
      ),
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
    renderCounts();
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

  /**
   * @param {AlertView} alert
   * @param {boolean} live
   */
  function upsert(alert, live) {
    if (!alert?.id) return;
    // the live stream (alerts.v1) carries no names: keep those the API gave for this alert
    const earlier = alerts.get(alert.id);
    if (earlier)
      alert = {
        gemeenteNaam: earlier.gemeenteNaam,
        aanbiederNaam: earlier.aanbiederNaam,
        factLabels: earlier.factLabels,
        // nor the toewijzingnummers and the child's age (issue 18)
        toewijzingNummers: earlier.toewijzingNummers,
        leeftijd: earlier.leeftijd,
        ...alert,
      };
    detail.update(alert);
    const known = alerts.get(alert.id);
    if (live) refreshCountsSoon();
    if (!matches(alert) || (!known && !withinLoaded(alert))) {
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

  /** @param {AlertView[] | undefined} items */
  function append(items) {
    for (const a of items ?? []) {
      if (alerts.has(a.id)) continue;
      alerts.set(a.id, a);
      rows.set(a.id, createRow(a));
    }
  }

  /** The gemeente by its name (from the alerts of the page: the API names it), with the code beside it. */
  function introText() {
    const naam = [...alerts.values()].find((a) => a.gemeente === principal.gemeente && a.gemeenteNaam)?.gemeenteNaam;
    return t('inbox.intro', { gemeente: named(principal.gemeente, naam) });
  }

  /** The first page under the current filters (a newer load supersedes an older one still under way). */
  async function load() {
    const seq = ++loadSeq;
    replace(listBox, loading());
    moreButton.hidden = true;
    try {
      const page = await api.inbox(query());
      if (seq !== loadSeq) return;
      alerts.clear();
      rows.clear();
      tbody.replaceChildren();
      next = page?.next ?? null;
      counts = page?.counts ?? { byRule: {}, total: 0 };
      append(page?.items);
      introEl.textContent = introText();
      replace(listBox, table);
      loaded = true;
      reorder();
      for (const a of buffered.splice(0)) upsert(a, true);
    } catch (error) {
      if (seq === loadSeq && error.status !== 401) replace(listBox, errorBox(error, load));
    }
  }

  /** The next page, after the last one loaded. */
  async function loadMore() {
    if (next === null) return;
    const seq = loadSeq;
    moreButton.disabled = true;
    try {
      const page = await api.inbox(query({ after: next }));
      if (seq !== loadSeq) return;
      next = page?.next ?? null;
      counts = page?.counts ?? counts;
      append(page?.items);
      reorder();
    } catch (error) {
      if (error.status !== 401) announcer.textContent = t('app.error', { message: error.message });
    } finally {
      moreButton.disabled = false;
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
      clearTimeout(countsTimer);
      closeStream();
    },
  };
}
