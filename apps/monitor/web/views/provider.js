// @ts-check
/**
 * Provider view: the provider's own iJw messages (filter by status; rejections with their retourcodes) and its
 * open data-quality alerts (live).
 */
import { h, replace, datePart, daysBetween, todayIso, formatShortDate, formatDateTime, shortPseudonym } from '../dom.js';
import { t, getLang, ruleName, tOr } from '../i18n.js';
import { api } from '../api.js';
import { openStream } from '../stream.js';
import { loading, errorBox, severityBadge, statusBadge, streamIndicator, factText } from './common.js';
import { compareAlerts } from './inbox.js';
import { factLabel } from '../names.js';

const DATA_QUALITY_RULES = ['STOP_ONTBREEKT', 'START_ZONDER_TOEWIJZING', 'WACHTTIJD_GEEN_START'];
const STATUSES = ['afgewezen', 'wachtend', 'geaccepteerd'];

export function mount(container, { principal, query, navigate }) {
  let status = STATUSES.includes(query.get('status')) ? query.get('status') : '';
  const alerts = new Map();

  const filter = h(
    'select',
    {
      id: 'message-status',
      onchange: () => {
        const params = new URLSearchParams();
        if (filter.value) params.set('status', filter.value);
        navigate(`#/aanbieder${params.toString() ? `?${params}` : ''}`);
      },
    },
    h('option', { value: '' }, t('provider.all')),
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, tOr(`bstatus.${s}`, s))),
  );
  const messagesBox = h('div', { class: 'table-scroll' });
  const alertsBox = h('div', { class: 'table-scroll' });
  const indicator = streamIndicator();

  container.append(
    h('div', { class: 'section-head' }, h('h1', null, t('provider.title', { agb: principal.agb ?? '–' }))),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'provider-alerts-heading' },
      h('div', { class: 'section-head' }, h('h2', { id: 'provider-alerts-heading' }, t('provider.alerts')), indicator.el),
      h('p', { class: 'muted' }, t('provider.alertsIntro')),
      alertsBox,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'provider-messages-heading' },
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: 'provider-messages-heading' }, t('provider.messages')),
        h('div', { class: 'field inline' }, h('label', { for: 'message-status' }, t('provider.filter')), filter),
      ),
      messagesBox,
    ),
  );

  function retourList(codes) {
    if (!codes?.length) return '–';
    return h(
      'ul',
      { class: 'retourcodes' },
      codes.map((c) =>
        h(
          'li',
          null,
          h('code', null, c.code),
          c.field ? h('span', { class: 'muted' }, ` ${c.field}`) : null,
          c.message ? ` — ${c.message}` : null,
        ),
      ),
    );
  }

  async function loadMessages() {
    replace(messagesBox, loading());
    try {
      const list = (await api.berichten({ status: status || undefined, limit: 500 })) ?? [];
      const lang = getLang();
      if (!list.length) {
        replace(messagesBox, h('p', { class: 'muted', 'data-testid': 'provider-messages' }, t('provider.empty')));
        return;
      }
      replace(
        messagesBox,
        h(
          'table',
          { class: 'data', 'data-testid': 'provider-messages' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              [
                'provider.col.ontvangen',
                'provider.col.code',
                'provider.col.bericht',
                'provider.col.toewijzing',
                'provider.col.status',
                'provider.col.retour',
              ].map((k) => h('th', { scope: 'col' }, t(k))),
            ),
          ),
          h(
            'tbody',
            null,
            list.map((m) =>
              h(
                'tr',
                { class: `bericht-${m.status}`, 'data-status': m.status, 'data-bericht-id': m.berichtId },
                h('td', null, formatDateTime(m.ontvangenOp, lang)),
                h('td', null, h('code', null, m.berichtcode ?? '–')),
                h('td', { class: 'mono' }, m.berichtId ?? '–'),
                h('td', { class: 'mono' }, m.toewijzingNummer ?? '–'),
                h('td', null, h('span', { class: ['badge', `bstatus-${m.status}`] }, tOr(`bstatus.${m.status}`, m.status))),
                h('td', null, retourList(m.retourcodes)),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      if (error.status !== 401) replace(messagesBox, errorBox(error, loadMessages));
    }
  }

  function renderAlerts() {
    const lang = getLang();
    const list = [...alerts.values()].sort(compareAlerts);
    if (!list.length) {
      replace(alertsBox, h('p', { class: 'muted', 'data-testid': 'provider-alerts' }, t('provider.noAlerts')));
      return;
    }
    replace(
      alertsBox,
      h(
        'table',
        { class: 'data', 'data-testid': 'provider-alerts' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['col.severity', 'col.rule', 'col.title', 'col.client', 'col.effectiveAt', 'col.age', 'col.status', 'provider.facts'].map((k) =>
              h('th', { scope: 'col' }, t(k)),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          list.map((a) => {
            const eff = datePart(a.effectiveAt);
            const facts = Object.entries(a.facts ?? {});
            return h(
              'tr',
              { 'data-testid': 'provider-alert-row', 'data-alert-id': a.id, 'data-rule-id': a.ruleId },
              h('td', null, severityBadge(a.severity)),
              h('td', null, ruleName(a.ruleId)),
              h('td', null, a.title ?? ''),
              h('td', { class: 'mono', title: a.clientPseudonym ?? '' }, shortPseudonym(a.clientPseudonym)),
              h('td', { class: 'nowrap' }, formatShortDate(a.effectiveAt, lang)),
              h('td', { class: 'num' }, eff ? String(Math.max(0, daysBetween(eff, todayIso()))) : '–'),
              h('td', null, statusBadge(a.status)),
              h(
                'td',
                null,
                facts.length
                  ? h(
                      'details',
                      null,
                      h('summary', null, t('provider.facts')),
                      h(
                        'dl',
                        { class: 'meta compact' },
                        facts.map(([k, v]) =>
                          h('div', null, h('dt', { title: k }, factLabel(k, a.factLabels, getLang())), h('dd', null, factText(v))),
                        ),
                      ),
                    )
                  : '–',
              ),
            );
          }),
        ),
      ),
    );
  }

  async function loadAlerts() {
    replace(alertsBox, loading());
    try {
      const list = (await api.alerts({ status: 'open,acknowledged', rule: DATA_QUALITY_RULES.join(','), limit: 1000 })) ?? [];
      alerts.clear();
      for (const a of list) if (DATA_QUALITY_RULES.includes(a.ruleId)) alerts.set(a.id, a);
      renderAlerts();
    } catch (error) {
      if (error.status !== 401) replace(alertsBox, errorBox(error, loadAlerts));
    }
  }

  const closeStream = openStream({
    onState: indicator.set,
    onAlert: (data) => {
      const a = data?.alert;
      if (!a || !DATA_QUALITY_RULES.includes(a.ruleId)) return;
      if (a.status === 'open' || a.status === 'acknowledged') alerts.set(a.id, a);
      else alerts.delete(a.id);
      renderAlerts();
    },
  });

  loadAlerts();
  loadMessages();

  return {
    update({ query: nextQuery }) {
      status = STATUSES.includes(nextQuery.get('status')) ? nextQuery.get('status') : '';
      filter.value = status;
      loadMessages();
    },
    unmount() {
      closeStream();
    },
  };
}
