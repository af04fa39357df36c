// @ts-check
/**
 * Wachtlijst (issue 17 point 5): what waits in the toegang worker's gemeente — verzoeken om toewijzing (JW315) and om
 * wijziging (JW317) without an answer that ends them, and toewijzingen without a start — oldest first, with the days
 * each has waited, per aanbieder. Pages through GET /wachtlijst (through the monitor's same-origin proxy to the
 * trajectory service; 50 at a time, "load more" follows `next`), filters on soort (each with its count) and aanbieder
 * (also by choosing an aanbieder in the summary). No BSN: the child is its pseudonym, the case its ToewijzingNummer or
 * the aanbieder's ReferentieAanbieder.
 */
import { h, replace, formatShortDate, shortPseudonym } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { request } from '../api.js';
import { loading, errorBox } from './common.js';

/**
 * One case of GET /wachtlijst (WachtlijstItem, libs/trajectory/src/wachtlijst.ts).
 * @typedef {{ soort: string, id: string, gemeente: string, aanbieder: string, clientPseudonym: string, sinds: string,
 *   wachtdagen: number, toewijzingNummers: string[], referentieAanbieder: string | null, status: string,
 *   productcategorie: string | null, productcode: string | null, verwijzerType: string | null, ingangsdatum: string | null,
 *   verzoekOntvangen: string | null, wachtdagenSindsVerzoek: number | null }} WachtlijstItem
 */
/**
 * @typedef {{ items: WachtlijstItem[], next: string | null, perSoort: Record<string, number>, total: number, vandaag: string,
 *   perAanbieder: { aanbieder: string, verzoeken: number, toewijzingen: number, langsteWachtdagen: number }[] }} WachtlijstPage
 */

const PAGE_SIZE = 50;
const SOORTEN = ['verzoek_om_toewijzing', 'verzoek_om_wijziging', 'toewijzing_zonder_start'];

/**
 * @param {Record<string, unknown>} query
 * @returns {Promise<WachtlijstPage>}
 */
const fetchPage = (query) => request('/wachtlijst', { query });

export function mount(container, { principal }) {
  const filters = { soort: '', aanbieder: '' };
  /** @type {string | null} */
  let next = null;
  let shown = 0;
  let loadSeq = 0;
  /** @type {WachtlijstPage | null} */
  let last = null;

  const query = (extra = {}) => ({ soort: filters.soort, aanbieder: filters.aanbieder, limit: PAGE_SIZE, ...extra });

  const tbody = h('tbody');
  const listBox = h('div', { class: 'table-scroll' }, loading());
  const totalEl = h('p', { class: 'muted count', role: 'status', 'data-testid': 'wachtlijst-total' });
  const emptyEl = h('p', { class: 'muted empty', hidden: true }, t('wachtlijst.empty'));
  const shownEl = h('p', { class: 'muted', 'data-testid': 'wachtlijst-shown' });
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });
  const moreButton = h(
    'button',
    { type: 'button', class: 'button secondary', 'data-testid': 'wachtlijst-more', hidden: true, onclick: () => loadMore() },
    t('wachtlijst.more'),
  );
  const perAanbiederBox = h('div', { class: 'table-scroll', 'data-testid': 'wachtlijst-aanbieders' });

  const soortSelect = h('select', {
    id: 'wachtlijst-soort',
    'data-testid': 'wachtlijst-filter-soort',
    onchange: () => {
      filters.soort = soortSelect.value;
      load();
    },
  });
  const aanbiederInput = h('input', {
    id: 'wachtlijst-aanbieder',
    inputmode: 'numeric',
    pattern: '[0-9]{8}',
    size: 10,
    placeholder: '12345678',
    'data-testid': 'wachtlijst-filter-aanbieder',
  });
  const aanbiederError = h('p', { class: 'error', role: 'alert', hidden: true }, t('wachtlijst.filter.aanbiederInvalid'));
  aanbiederInput.addEventListener('change', () => {
    const value = aanbiederInput.value.trim();
    const valid = value === '' || /^[0-9]{8}$/.test(value);
    aanbiederError.hidden = valid;
    if (!valid || value === filters.aanbieder) return;
    filters.aanbieder = value;
    load();
  });
  const filterBar = h(
    'form',
    { class: 'filters', 'aria-label': t('wachtlijst.filters'), onsubmit: (event) => event.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'wachtlijst-soort' }, t('wachtlijst.filter.soort')), soortSelect),
    h('div', { class: 'field' }, h('label', { for: 'wachtlijst-aanbieder' }, t('wachtlijst.filter.aanbieder')), aanbiederInput),
    aanbiederError,
  );

  const table = h(
    'table',
    { class: 'data wachtlijst', 'data-testid': 'wachtlijst-table' },
    h('caption', { class: 'sr-only' }, t('wachtlijst.caption')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [
          'wachtlijst.col.soort',
          'wachtlijst.col.client',
          'wachtlijst.col.aanbieder',
          'wachtlijst.col.kenmerk',
          'wachtlijst.col.product',
        ].map((k) => h('th', { scope: 'col' }, t(k))),
        h('th', { scope: 'col' }, t('wachtlijst.col.status')),
        h('th', { scope: 'col' }, t('wachtlijst.col.sinds')),
        h('th', { scope: 'col', class: 'num' }, t('wachtlijst.col.wachtdagen')),
      ),
    ),
    tbody,
  );

  container.append(
    h(
      'section',
      { class: 'wachtlijst-view', 'aria-labelledby': 'wachtlijst-heading' },
      h('div', { class: 'section-head' }, h('h1', { id: 'wachtlijst-heading' }, t('wachtlijst.title'))),
      h('p', { class: 'muted' }, t('wachtlijst.intro', { gemeente: principal?.gemeente ?? principal?.agb ?? '–' })),
      h('h2', null, t('wachtlijst.perAanbieder')),
      perAanbiederBox,
      h('h2', null, t('wachtlijst.cases')),
      filterBar,
      totalEl,
      listBox,
      emptyEl,
      h('div', { class: 'inbox-more' }, shownEl, moreButton),
      announcer,
    ),
  );

  /** @param {WachtlijstItem} item */
  function row(item) {
    const lang = getLang();
    const kenmerk =
      item.soort === 'toewijzing_zonder_start'
        ? t('wachtlijst.toewijzing', { nummer: item.toewijzingNummers[0] ?? '–' })
        : item.soort === 'verzoek_om_wijziging' && item.toewijzingNummers.length > 0
          ? t('wachtlijst.referentieWijziging', { ref: item.referentieAanbieder ?? '–', nummers: item.toewijzingNummers.join(', ') })
          : t('wachtlijst.referentie', { ref: item.referentieAanbieder ?? '–' });
    const product = [item.productcategorie, item.productcode].filter(Boolean).join(' / ') || '–';
    const verwijzer = item.verwijzerType
      ? ` · ${t('wachtlijst.verwijzer', { type: t(`wachtlijst.verwijzer.${item.verwijzerType}`) })}`
      : '';
    const sindsVerzoek =
      item.wachtdagenSindsVerzoek === null
        ? null
        : h('span', { class: 'muted small' }, ` ${t('wachtlijst.sindsVerzoek', { n: item.wachtdagenSindsVerzoek })}`);
    return h(
      'tr',
      { 'data-testid': 'wachtlijst-row', 'data-id': item.id, 'data-soort': item.soort, 'data-wachtdagen': String(item.wachtdagen) },
      h('td', null, t(`wachtlijst.soort.${item.soort}`)),
      h('td', { class: 'mono', title: item.clientPseudonym }, shortPseudonym(item.clientPseudonym)),
      h('td', { class: 'mono' }, item.aanbieder),
      h('td', null, kenmerk),
      h('td', null, `${product}${verwijzer}`),
      h('td', null, t(`wachtlijst.status.${item.status}`)),
      h('td', null, h('time', { datetime: item.sinds }, formatShortDate(item.sinds, lang))),
      h('td', { class: 'num' }, String(item.wachtdagen), sindsVerzoek),
    );
  }

  function renderSummary() {
    const page = last;
    if (!page) return;
    const all = SOORTEN.reduce((n, s) => n + (page.perSoort[s] ?? 0), 0);
    replace(
      soortSelect,
      h('option', { value: '' }, t('wachtlijst.filter.alle', { n: all })),
      ...SOORTEN.map((s) =>
        h('option', { value: s }, t('wachtlijst.filter.soortCount', { name: t(`wachtlijst.soort.${s}`), n: page.perSoort[s] ?? 0 })),
      ),
    );
    soortSelect.value = filters.soort;
    totalEl.textContent = t('wachtlijst.total', { n: page.total, vandaag: formatShortDate(page.vandaag, getLang()) });
    shownEl.textContent = t('wachtlijst.shown', { shown, n: page.total });
    shownEl.hidden = shown === 0;
    emptyEl.hidden = page.total > 0;
    moreButton.hidden = next === null;
    const choose = (agb) => {
      filters.aanbieder = filters.aanbieder === agb ? '' : agb;
      aanbiederInput.value = filters.aanbieder;
      aanbiederError.hidden = true;
      load();
    };
    replace(
      perAanbiederBox,
      page.perAanbieder.length === 0
        ? h('p', { class: 'muted' }, t('wachtlijst.empty'))
        : h(
            'table',
            { class: 'data' },
            h('caption', { class: 'sr-only' }, t('wachtlijst.perAanbieder')),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, t('wachtlijst.col.aanbieder')),
                h('th', { scope: 'col', class: 'num' }, t('wachtlijst.col.verzoeken')),
                h('th', { scope: 'col', class: 'num' }, t('wachtlijst.col.toewijzingen')),
                h('th', { scope: 'col', class: 'num' }, t('wachtlijst.col.langste')),
              ),
            ),
            h(
              'tbody',
              null,
              page.perAanbieder.map((a) =>
                h(
                  'tr',
                  { 'data-testid': 'wachtlijst-aanbieder', 'data-aanbieder': a.aanbieder },
                  h(
                    'td',
                    null,
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'button ghost mono',
                        'aria-pressed': filters.aanbieder === a.aanbieder ? 'true' : 'false',
                        onclick: () => choose(a.aanbieder),
                      },
                      a.aanbieder,
                    ),
                  ),
                  h('td', { class: 'num' }, String(a.verzoeken)),
                  h('td', { class: 'num' }, String(a.toewijzingen)),
                  h('td', { class: 'num' }, t('wachtlijst.dagen', { n: a.langsteWachtdagen })),
                ),
              ),
            ),
          ),
    );
  }

  async function load() {
    const seq = ++loadSeq;
    replace(listBox, loading());
    moreButton.hidden = true;
    try {
      const page = await fetchPage(query());
      if (seq !== loadSeq) return;
      last = page;
      next = page.next;
      tbody.replaceChildren(...page.items.map(row));
      shown = page.items.length;
      replace(listBox, table);
      renderSummary();
    } catch (error) {
      if (seq === loadSeq && error.status !== 401) replace(listBox, errorBox(error, load));
    }
  }

  async function loadMore() {
    if (next === null) return;
    const seq = loadSeq;
    moreButton.disabled = true;
    try {
      const page = await fetchPage(query({ after: next }));
      if (seq !== loadSeq) return;
      last = page;
      next = page.next;
      tbody.append(...page.items.map(row));
      shown += page.items.length;
      renderSummary();
    } catch (error) {
      if (error.status !== 401) announcer.textContent = t('app.error', { message: error.message });
    } finally {
      moreButton.disabled = false;
    }
  }

  load();
  return { unmount() {} };
}
