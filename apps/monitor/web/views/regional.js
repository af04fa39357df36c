// @ts-check
/**
 * Regional view: indicators per group with stoplicht, trend / duration / flow charts, open alerts by rule,
 * CSV export and a live ticker of pathway events. Period and grouping live in the URL (#/regio?from=&to=&groupBy=).
 */
import { overgang18Table } from './vervolg.js';
import { wachttijdenSection } from './wachttijden.js';
import { h, replace, todayIso, addDays, formatDate, formatTime, formatNumber } from '../dom.js';
import { t, getLang, ruleName, levelName, tOr } from '../i18n.js';
import { api, saveBlob } from '../api.js';
import { openStream } from '../stream.js';
import { lineChart, histogram, flowChart, SERIES_COLORS, LEVEL_COLORS } from '../charts.js';
import { loading, errorBox, streamIndicator } from './common.js';
import { named } from '../names.js';

/** @typedef {import('../../../../libs/contracts/src').LivePathwayEvent} LivePathwayEvent */

const INDICATORS = [
  'instroom',
  'uitstroom',
  'actief',
  'ratioUitstroomInstroom',
  'duurBeeindigdMediaan',
  'duurBeeindigdP75',
  'duurBeeindigdP90',
  'duurLopendMediaan',
  'duurLopendP75',
  'duurLopendP90',
  'wachttijdMediaan',
  'wachttijdP75',
  'wachttijdP90',
  'aandeelVerblijf',
  'aandeelVolgensPlan',
  'herinstroom6m',
  'herinstroom12m',
];
const LADDER = ['licht_ambulant', 'specialistisch_ambulant', 'dagbehandeling', 'pleegzorg_gezinshuis', 'residentieel', 'gesloten'];
const GROUP_BYS = ['gemeente', 'aanbieder', 'intensiteit', 'totaal'];
const MAX_EVENTS = 50;
const STOPLICHT_SYMBOL = { groen: '✓', oranje: '!', rood: '✕' };

function kindOf(name) {
  if (['instroom', 'uitstroom', 'actief'].includes(name)) return 'count';
  if (name === 'ratioUitstroomInstroom') return 'ratio';
  if (name.startsWith('duur') || name.startsWith('wachttijd')) return 'days';
  return 'share';
}

export function formatIndicator(name, value) {
  const lang = getLang();
  switch (kindOf(name)) {
    case 'count':
      return formatNumber(value, lang, 0);
    case 'ratio':
      return formatNumber(value, lang, 2);
    case 'days':
      return t('unit.days', { n: formatNumber(value, lang, 0) });
    default:
      return `${formatNumber(value * 100, lang, 1)}%`;
  }
}

function normText(name, norm) {
  if (!norm) return t('stoplicht.none');
  const params = { groen: formatIndicator(name, norm.groen), oranje: formatIndicator(name, norm.oranje) };
  return t(norm.direction === 'lower-is-better' ? 'norm.lower' : 'norm.higher', params);
}

// ---------- periods ----------

function firstOfMonth(y, m) {
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

export function presetPeriod(preset, today = todayIso()) {
  const [y, m] = today.split('-').map(Number);
  if (preset === 'quarter') {
    const q = Math.floor((m - 1) / 3); // current quarter 0..3
    const py = q === 0 ? y - 1 : y;
    const pq = q === 0 ? 3 : q - 1;
    const from = firstOfMonth(py, pq * 3 + 1);
    const to = addDays(pq === 3 ? firstOfMonth(py + 1, 1) : firstOfMonth(py, pq * 3 + 4), -1);
    return { from, to };
  }
  if (preset === 'half') {
    if (m <= 6) return { from: `${y - 1}-07-01`, to: `${y - 1}-12-31` };
    return { from: `${y}-01-01`, to: `${y}-06-30` };
  }
  if (preset === 'lastYear') return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  // 'year': the twelve months up to today
  const from = addDays(`${y - 1}-${today.slice(5)}`.replace('-02-29', '-02-28'), 1);
  return { from, to: today };
}

const isIso = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function stateFrom(query) {
  const def = presetPeriod('year');
  const from = isIso(query.get('from')) ? query.get('from') : def.from;
  const to = isIso(query.get('to')) ? query.get('to') : def.to;
  const groupBy = GROUP_BYS.includes(query.get('groupBy')) ? query.get('groupBy') : 'gemeente';
  return { from, to, groupBy };
}

// ---------- cells ----------

function stoplichtDot(light, name, norm) {
  const label = t(`stoplicht.${light}`);
  return h(
    'span',
    { class: ['stoplicht', `stoplicht-${light}`], title: `${label}. ${normText(name, norm)}`, 'data-stoplicht': light },
    h('span', { 'aria-hidden': 'true' }, STOPLICHT_SYMBOL[light]),
    h('span', { class: 'sr-only' }, `${label}. ${normText(name, norm)}`),
  );
}

function indicatorCell(name, cell, norm, minCount) {
  if (cell.suppressed) {
    const tip = t('cell.suppressed', { n: minCount });
    return h(
      'td',
      { class: 'num suppressed', title: tip, 'data-suppressed': 'true' },
      h('span', { 'aria-hidden': 'true' }, `<${minCount}`),
      h('span', { class: 'sr-only' }, tip),
    );
  }
  if (cell.value === null)
    return h(
      'td',
      { class: 'num empty', title: t('cell.empty') },
      h('span', { 'aria-hidden': 'true' }, '–'),
      h('span', { class: 'sr-only' }, t('cell.empty')),
    );
  return h(
    'td',
    { class: 'num', title: normText(name, norm) },
    cell.stoplicht ? stoplichtDot(cell.stoplicht, name, norm) : null,
    formatIndicator(name, cell.value),
  );
}

function groupLabel(group, groupBy, namen = {}) {
  if (group === 'totaal') return t('regio.totaal');
  if (groupBy === 'intensiteit') return levelName(group === 'onbekend' ? null : group);
  // names, not codes: a gemeente or aanbieder by its name with the code beside it (the API's namen)
  return named(group, namen[group]);
}

// ---------- view ----------

export function mount(container, { query, navigate }) {
  let state = stateFrom(query);
  let seq = 0;

  const fromInput = h('input', { type: 'date', id: 'period-from', required: true, value: state.from });
  const toInput = h('input', { type: 'date', id: 'period-to', required: true, value: state.to });
  const groupSelect = h(
    'select',
    { id: 'group-by' },
    GROUP_BYS.map((g) => h('option', { value: g, selected: g === state.groupBy }, t(`groupBy.${g}`))),
  );
  const formError = h('p', { class: 'error', role: 'alert', hidden: true });
  // The CSV arrives through an authenticated request and is saved from a Blob: no token in any URL.
  const exportLink = h(
    'button',
    {
      type: 'button',
      class: 'button secondary',
      'data-testid': 'export-csv',
      onclick: async () => {
        exportLink.disabled = true;
        formError.hidden = true;
        try {
          const { blob, filename } = await api.indicatorsCsv(state);
          saveBlob(blob, filename);
        } catch (error) {
          formError.textContent = error instanceof Error ? error.message : String(error);
          formError.hidden = false;
        } finally {
          exportLink.disabled = false;
        }
      },
    },
    t('regio.export'),
  );

  const go = (next) => {
    const params = new URLSearchParams({ from: next.from, to: next.to, groupBy: next.groupBy });
    navigate(`#/regio?${params}`);
  };
  const presetButton = (preset, key) =>
    h(
      'button',
      { type: 'button', class: 'button ghost', onclick: () => go({ ...presetPeriod(preset), groupBy: groupSelect.value }) },
      t(key),
    );

  const form = h(
    'form',
    {
      class: 'filters card',
      'aria-label': t('regio.period'),
      onsubmit: (event) => {
        event.preventDefault();
        if (!isIso(fromInput.value) || !isIso(toInput.value) || fromInput.value > toInput.value) {
          formError.hidden = false;
          formError.textContent = t('regio.invalidPeriod');
          return;
        }
        formError.hidden = true;
        go({ from: fromInput.value, to: toInput.value, groupBy: groupSelect.value });
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'period-from' }, t('regio.from')), fromInput),
    h('div', { class: 'field' }, h('label', { for: 'period-to' }, t('regio.to')), toInput),
    h('div', { class: 'field' }, h('label', { for: 'group-by' }, t('regio.groupBy')), groupSelect),
    h(
      'div',
      { class: 'field' },
      h('span', { class: 'label' }, ' '),
      h('button', { type: 'submit', class: 'button primary' }, t('regio.apply')),
    ),
    h(
      'div',
      { class: 'presets', role: 'group', 'aria-label': t('regio.presets') },
      h('span', { class: 'muted small' }, t('regio.presets')),
      presetButton('quarter', 'regio.preset.quarter'),
      presetButton('half', 'regio.preset.half'),
      presetButton('year', 'regio.preset.year'),
    ),
    h('div', { class: 'export' }, exportLink),
    formError,
  );

  const results = h('div', { class: 'results' });

  // Live ticker
  const indicator = streamIndicator();
  const ticker = h('ol', {
    class: 'ticker',
    'data-testid': 'pathway-stream',
    role: 'log',
    'aria-live': 'off',
    'aria-label': t('regio.stream'),
  });
  const tickerEmpty = h('p', { class: 'muted' }, t('regio.streamEmpty'));
  let paused = false;
  const pauseButton = h('button', { type: 'button', class: 'button ghost', 'aria-pressed': 'false' }, t('regio.pause'));
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? t('regio.resume') : t('regio.pause');
  });

  /** @param {LivePathwayEvent} e */
  function addEvent(e) {
    if (paused || !e) return;
    const lang = getLang();
    tickerEmpty.hidden = true;
    const level = e.intensiteit ?? null;
    const flags = [e.crisis ? t('regio.crisis') : null, e.verblijf ? t('regio.verblijf') : null].filter(Boolean);
    const li = h(
      'li',
      { class: ['ticker-item', 'flash', `type-${e.type}`], 'data-type': e.type },
      h('time', { datetime: e.at ?? '' }, formatTime(e.at, lang)),
      h('span', { class: 'ticker-type' }, tOr(`pathway.${e.type}`, e.type)),
      h(
        'span',
        { class: 'ticker-level', style: `--swatch:${LEVEL_COLORS[level ?? 'onbekend'] ?? LEVEL_COLORS.onbekend}` },
        levelName(level),
      ),
      h('span', { class: 'muted' }, `${e.gemeente ?? '–'} · ${e.aanbieder ?? '–'}`),
      e.effectiveDate ? h('span', { class: 'muted small' }, t('regio.effective', { date: formatDate(e.effectiveDate, lang) })) : null,
      flags.length ? h('span', { class: 'ticker-flags' }, flags.join(', ')) : null,
    );
    ticker.prepend(li);
    setTimeout(() => li.classList.remove('flash'), 3000);
    while (ticker.children.length > MAX_EVENTS) ticker.lastElementChild.remove();
  }

  const closeStream = openStream({ onState: indicator.set, onPathway: addEvent });

  container.append(
    h('div', { class: 'section-head' }, h('h1', null, t('regio.title'))),
    form,
    h(
      'div',
      { class: 'regio-layout' },
      results,
      h(
        'aside',
        { class: 'card stream-card', 'aria-labelledby': 'stream-heading' },
        h('div', { class: 'section-head' }, h('h2', { id: 'stream-heading' }, t('regio.stream')), pauseButton),
        indicator.el,
        tickerEmpty,
        ticker,
      ),
    ),
  );

  function indicatorTable(result, namen = {}) {
    const norms = result.norms ?? {};
    const legend = h(
      'p',
      { class: 'legend small' },
      t('regio.legend'),
      ' ',
      ['groen', 'oranje', 'rood'].map((l) =>
        h(
          'span',
          { class: 'legend-item' },
          h('span', { class: ['stoplicht', `stoplicht-${l}`], 'aria-hidden': 'true' }, STOPLICHT_SYMBOL[l]),
          t(`stoplicht.${l}`),
        ),
      ),
      h(
        'span',
        { class: 'legend-item' },
        h('span', { class: 'suppressed-sample', 'aria-hidden': 'true' }, `<${result.minCount}`),
        t('cell.suppressed', { n: result.minCount }),
      ),
    );
    if (!result.rows?.length) return [legend, h('p', { class: 'muted' }, t('regio.noRows'))];
    const table = h(
      'table',
      { class: 'data indicators', 'data-testid': 'indicator-table' },
      h('caption', { class: 'sr-only' }, t('regio.indicators', { from: result.from, to: result.to })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', class: 'sticky' }, t(`groupBy.${result.groupBy}`) || t('regio.group')),
          INDICATORS.map((name) => h('th', { scope: 'col', class: 'num', title: normText(name, norms[name]) }, t(`ind.${name}`))),
        ),
      ),
      h(
        'tbody',
        null,
        result.rows.map((row) =>
          h(
            'tr',
            { class: row.group === 'totaal' ? 'total' : null, 'data-group': row.group },
            h('th', { scope: 'row', class: 'sticky' }, groupLabel(row.group, result.groupBy, namen)),
            INDICATORS.map((name) =>
              indicatorCell(name, row.indicators?.[name] ?? { value: null, suppressed: false }, norms[name], result.minCount),
            ),
          ),
        ),
      ),
    );
    return [legend, h('div', { class: 'table-scroll' }, table)];
  }

  function openAlertsTable(result) {
    const total = result.rows?.find((r) => r.group === 'totaal') ?? result.rows?.at(-1);
    const list = total?.openAlerts ?? [];
    if (!list.length) return h('p', { class: 'muted' }, t('regio.noOpenAlerts'));
    const max = Math.max(1, ...list.map((a) => a.totaal?.value ?? 0));
    const cell = (c) =>
      c?.suppressed
        ? h('td', { class: 'num suppressed', title: t('cell.suppressed', { n: result.minCount }) }, `<${result.minCount}`)
        : h('td', { class: 'num' }, c?.value === null || c?.value === undefined ? '–' : formatNumber(c.value, getLang()));
    return h(
      'table',
      { class: 'data small', 'data-testid': 'open-alerts-by-rule' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [t('col.rule'), t('regio.alerts.lt7'), t('regio.alerts.7to30'), t('regio.alerts.gt30'), t('regio.alerts.total'), ''].map((c, i) =>
            h('th', { scope: 'col', class: i > 0 && i < 5 ? 'num' : null }, c),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        [...list]
          .sort((a, b) => (b.totaal?.value ?? 0) - (a.totaal?.value ?? 0))
          .map((a) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, ruleName(a.ruleId)),
              cell(a.jongerDan7Dagen),
              cell(a.van7Tot30Dagen),
              cell(a.ouderDan30Dagen),
              cell(a.totaal),
              h(
                'td',
                { class: 'bar-cell', 'aria-hidden': 'true' },
                h('span', { class: 'inline-bar', style: `width:${Math.round(((a.totaal?.value ?? 0) / max) * 100)}%` }),
              ),
            ),
          ),
      ),
    );
  }

  function card(title, ...children) {
    return h('section', { class: 'card' }, h('h2', null, title), ...children);
  }

  async function load() {
    const mySeq = ++seq;
    replace(results, loading());
    try {
      const data = await api.indicators(state);
      if (mySeq !== seq) return;
      const result = data.result ?? data;
      const minCount = result.minCount ?? 5;
      const lang = getLang();
      const trend = data.trend ?? [];
      const flows = data.flows ?? [];
      const levels = LADDER.filter((l) => flows.some((f) => f.van === l || f.naar === l));
      replace(
        results,
        card(
          t('regio.indicators', { from: formatDate(result.from ?? state.from, lang), to: formatDate(result.to ?? state.to, lang) }),
          indicatorTable(result, data.namen),
        ),
        data.overgang18 ? card(t('o18.heading'), overgang18Table(data.overgang18, data.namen)) : null,
        wachttijdenSection({ from: state.from, to: state.to }),
        h(
          'div',
          { class: 'chart-grid-2' },
          card(
            t('regio.trend'),
            lineChart({
              title: t('regio.trend'),
              labels: trend.map((p) => p.periode),
              minCount,
              series: ['instroom', 'uitstroom', 'actief'].map((key) => ({
                key,
                label: t(`chart.${key}`),
                color: SERIES_COLORS[key],
                cells: trend.map((p) => p[key] ?? { value: null, suppressed: false }),
              })),
            }),
          ),
          card(
            t('regio.durations'),
            histogram({
              title: t('regio.durations'),
              minCount,
              buckets: (data.durations ?? []).map((b) => ({ label: b.label, cell: b.aantal })),
            }),
          ),
          card(
            t('regio.flows'),
            flows.length
              ? flowChart({ title: t('regio.flows'), levels, levelLabel: (l) => levelName(l), flows, minCount })
              : h('p', { class: 'muted' }, t('regio.noFlows')),
          ),
          card(t('regio.openAlerts'), h('div', { class: 'table-scroll' }, openAlertsTable(result))),
        ),
      );
    } catch (error) {
      if (mySeq !== seq || error.status === 401) return;
      replace(results, errorBox(error, load));
    }
  }

  load();

  return {
    update({ query: nextQuery }) {
      state = stateFrom(nextQuery);
      fromInput.value = state.from;
      toInput.value = state.to;
      groupSelect.value = state.groupBy;
      load();
    },
    unmount() {
      closeStream();
    },
  };
}
