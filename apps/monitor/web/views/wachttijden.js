// @ts-check
/**
 * Waiting times and referral routes of the regional view (issue 17 point 4): GET /api/v1/indicators/wachttijden for
 * the period of the view, its own grouping (gemeente, aanbieder, productcategorie, verwijzer, totaal), and each table as
 * CSV (GET /api/v1/indicators/wachttijden.csv?table=…, fetched with the token in the header and saved from a Blob).
 * Aggregates only; suppressed cells show `<n`.
 */
import { h, replace, formatNumber } from '../dom.js';
import { t, getLang, tOr } from '../i18n.js';
import { request, download, saveBlob } from '../api.js';
import { loading, errorBox } from './common.js';

const GROUP_BYS = ['verwijzer', 'gemeente', 'aanbieder', 'productcategorie', 'totaal'];
const MEASURES = ['verzoekToewijzing', 'toewijzingStart', 'verzoekStart'];
const STOPLICHT_SYMBOL = { groen: '✓', oranje: '!', rood: '✕' };

/** Label of a group or route: a verwijzer type (COD327) or route by its name, 'totaal' translated, else the key. */
function groupLabel(group, groupBy) {
  if (group === 'totaal') return t('regio.totaal');
  if (groupBy === 'verwijzer' || groupBy === 'route') return tOr(`verwijzer.${group}`, group);
  return group;
}

/**
 * @param {{ value: number | null, suppressed: boolean, stoplicht?: string | null } | undefined} cell
 * @param {'days' | 'count' | 'share'} kind
 * @param {number} minCount
 * @param {{ groen: number, oranje: number } | undefined} [norm]
 */
function td(cell, kind, minCount, norm) {
  const lang = getLang();
  if (!cell || cell.suppressed)
    return h('td', { class: 'num suppressed', title: t('cell.suppressed', { n: minCount }), 'data-suppressed': 'true' }, `<${minCount}`);
  if (cell.value === null) return h('td', { class: 'num empty', title: t('cell.empty') }, '–');
  const text =
    kind === 'days'
      ? t('unit.days', { n: formatNumber(cell.value, lang, 0) })
      : kind === 'share'
        ? `${formatNumber(cell.value * 100, lang, 1)}%`
        : formatNumber(cell.value, lang, 0);
  const light = cell.stoplicht;
  const title = norm ? t('norm.lower', { groen: norm.groen, oranje: norm.oranje }) : undefined;
  return h(
    'td',
    { class: 'num', ...(title ? { title } : {}) },
    light
      ? h(
          'span',
          { class: ['stoplicht', `stoplicht-${light}`], 'data-stoplicht': light, title: t(`stoplicht.${light}`) },
          h('span', { 'aria-hidden': 'true' }, STOPLICHT_SYMBOL[light]),
          h('span', { class: 'sr-only' }, t(`stoplicht.${light}`)),
        )
      : null,
    ' ',
    text,
  );
}

/** The waiting-time table: per group, per measure the number of waits, the median and the p90 (days) with stoplicht. */
export function wachttijdTable(result) {
  if (!result?.rows?.length) return h('p', { class: 'muted' }, t('regio.noRows'));
  const norms = result.norms ?? {};
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data small', 'data-testid': 'wachttijden-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', rowspan: 2 }, t('regio.group')),
          MEASURES.map((m) => h('th', { scope: 'colgroup', colspan: 3, class: 'num' }, t(`wacht.${m}`))),
        ),
        h(
          'tr',
          null,
          MEASURES.flatMap(() =>
            [t('wacht.aantal'), t('wacht.mediaan'), t('wacht.p90')].map((c) => h('th', { scope: 'col', class: 'num' }, c)),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        result.rows.map((r) =>
          h(
            'tr',
            { class: r.group === 'totaal' ? 'total' : null, 'data-group': r.group },
            h('th', { scope: 'row' }, groupLabel(r.group, result.groupBy)),
            MEASURES.flatMap((m) => [
              td(r[m].aantal, 'count', result.minCount),
              td(r[m].mediaan, 'days', result.minCount, norms[`${m}Mediaan`]),
              td(r[m].p90, 'days', result.minCount, norms[`${m}P90`]),
            ]),
          ),
        ),
      ),
    ),
  );
}

/** The referral routes: instroom per route, its share, and how often the care later escalated or came back. */
export function verwijsrouteTable(result) {
  if (!result?.rows?.length) return h('p', { class: 'muted' }, t('regio.noRows'));
  const m = result.minCount;
  return h(
    'div',
    { class: 'table-scroll' },
    h('p', { class: 'muted small' }, t('route.help', { maanden: result.volgMaanden, dagen: result.escalatie?.terugkijkDagen ?? 90 })),
    h(
      'table',
      { class: 'data small', 'data-testid': 'verwijsroutes-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            'route.route',
            'route.instroom',
            'route.aandeel',
            'route.geescaleerd',
            'route.aandeelGeescaleerd',
            'route.beeindigd',
            'route.h6',
            'route.h12',
          ].map((k, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t(k))),
        ),
      ),
      h(
        'tbody',
        null,
        result.rows.map((r) =>
          h(
            'tr',
            { class: r.route === 'totaal' ? 'total' : null, 'data-route': r.route },
            h('th', { scope: 'row' }, groupLabel(r.route, 'route')),
            td(r.instroom, 'count', m),
            td(r.aandeelInstroom, 'share', m),
            td(r.geescaleerd, 'count', m),
            td(r.aandeelGeescaleerd, 'share', m),
            td(r.beeindigd, 'count', m),
            td(r.herinstroom6m, 'share', m),
            td(r.herinstroom12m, 'share', m),
          ),
        ),
      ),
    ),
  );
}

/**
 * The section of the regional view: loads itself for the period, with its own grouping and CSV buttons.
 * @param {{ from: string, to: string }} period
 */
export function wachttijdenSection(period) {
  let groupBy = 'verwijzer';
  const body = h('div', null, loading());
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const select = h(
    'select',
    { id: 'wacht-group-by', 'data-testid': 'wacht-group-by', onchange: () => load(String(select.value)) },
    GROUP_BYS.map((g) => h('option', { value: g }, t(`wacht.groupBy.${g}`))),
  );
  const csvButton = (table) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary',
        'data-testid': `export-${table}`,
        onclick: async (event) => {
          const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
          button.disabled = true;
          error.hidden = true;
          try {
            const { blob, filename } = await download('/indicators/wachttijden.csv', { ...period, groupBy, table });
            saveBlob(blob, filename);
          } catch (e) {
            error.textContent = e instanceof Error ? e.message : String(e);
            error.hidden = false;
          } finally {
            button.disabled = false;
          }
        },
      },
      t(`wacht.export.${table}`),
    );
  let seq = 0;
  async function load(next) {
    groupBy = next;
    const mine = ++seq;
    replace(body, loading());
    try {
      const data = await request('/indicators/wachttijden', { query: { ...period, groupBy } });
      if (mine !== seq) return;
      replace(
        body,
        h('p', { class: 'muted small' }, t('wacht.help')),
        wachttijdTable(data.wachttijden),
        h('h3', null, t('route.heading')),
        verwijsrouteTable(data.verwijsroutes),
      );
    } catch (e) {
      if (mine === seq) replace(body, errorBox(e));
    }
  }
  void load(groupBy);
  return h(
    'section',
    { class: 'card', 'data-testid': 'wachttijden-section' },
    h('h2', null, t('wacht.heading')),
    h(
      'div',
      { class: 'filters-inline' },
      h('label', { for: 'wacht-group-by' }, t('regio.groupBy')),
      select,
      csvButton('wachttijden'),
      csvButton('verwijsroutes'),
    ),
    error,
    body,
  );
}
