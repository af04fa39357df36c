// @ts-check
/**
 * The follow-up for 18+ (issue 15): the form in the alert detail of an OVERGANG_18 alert (a toegang worker records
 * verlengde jeugdhulp until a date, a hand-over to Wmo/Wlz/Zvw per a date and to whom, no follow-up needed with a
 * reason, or a plan), the child's recorded follow-ups on the timeline, and the overgang-18 indicator of the regional view.
 */
import { h, replace, formatDate, formatDateTime, formatNumber } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { api } from '../api.js';
import { named } from '../names.js';

const SOORTEN = ['verlengde_jeugdhulp', 'wmo', 'wlz', 'zvw', 'geen_vervolg_nodig', 'plan'];

/** One recorded follow-up as a line of the timeline. */
function entry(v, lang) {
  const detail = [
    v.totDatum ? t('vervolg.tot', { date: formatDate(v.totDatum, lang) }) : null,
    v.perDatum ? t('vervolg.per', { date: formatDate(v.perDatum, lang) }) : null,
    v.overdrachtAan ? t('vervolg.aan', { to: v.overdrachtAan }) : null,
    v.reden ? `“${v.reden}”` : null,
  ].filter(Boolean);
  const who = v.vastgelegdDoor
    ? t('vervolg.door', { who: `${v.vastgelegdDoor.sub} (${v.vastgelegdDoor.gemeente})`, at: formatDateTime(v.vastgelegdOpTijd, lang) })
    : formatDate(v.vastgelegdOp, lang);
  return h(
    'li',
    { 'data-testid': 'vervolg-entry', 'data-soort': v.soort },
    h('strong', null, t(`vervolg.soort.${v.soort}`)),
    detail.length ? ` — ${detail.join(', ')}` : '',
    h('span', { class: 'muted small' }, ` · ${who}`),
  );
}

/** The child's recorded follow-ups, shown with the timeline. */
export function vervolgList(records) {
  const lang = getLang();
  return h(
    'section',
    { class: 'vervolg', 'data-testid': 'vervolg-timeline', 'aria-labelledby': 'vervolg-heading' },
    h('h4', { id: 'vervolg-heading' }, t('vervolg.heading')),
    records.length
      ? h(
          'ul',
          { class: 'plain' },
          records.map((v) => entry(v, lang)),
        )
      : h('p', { class: 'muted' }, t('vervolg.none')),
  );
}

/**
 * The form of the alert detail (OVERGANG_18 only; the API refuses anyone but toegang of the child's gemeente).
 * @param {{ alert: any, onRecorded: (record: any) => void }} opts
 */
export function vervolgForm({ alert, onRecorded }) {
  const feedback = h('p', { class: 'feedback', role: 'status', 'aria-live': 'polite', 'data-testid': 'vervolg-feedback' });
  const soort = h(
    'select',
    { id: 'vervolg-soort', 'data-testid': 'vervolg-soort' },
    SOORTEN.map((s) => h('option', { value: s }, t(`vervolg.soort.${s}`))),
  );
  const date = h('input', { id: 'vervolg-datum', type: 'date', 'data-testid': 'vervolg-datum' });
  const aan = h('input', { id: 'vervolg-aan', type: 'text', maxlength: '200', 'data-testid': 'vervolg-aan' });
  const reden = h('textarea', { id: 'vervolg-reden', rows: 2, maxlength: '1000', 'data-testid': 'vervolg-reden' });
  const dateLabel = h('label', { for: 'vervolg-datum' });
  const dateField = h('div', { class: 'field' }, dateLabel, date);
  const aanField = h('div', { class: 'field' }, h('label', { for: 'vervolg-aan' }, t('vervolg.field.aan')), aan);
  const sync = () => {
    const s = soort.value;
    dateField.hidden = !['verlengde_jeugdhulp', 'wmo', 'wlz', 'zvw'].includes(s);
    dateLabel.textContent = s === 'verlengde_jeugdhulp' ? t('vervolg.field.tot') : t('vervolg.field.per');
    aanField.hidden = !['wmo', 'wlz', 'zvw'].includes(s);
  };
  soort.addEventListener('change', sync);
  sync();
  const submit = h('button', { type: 'submit', class: 'button primary', 'data-testid': 'vervolg-submit' }, t('vervolg.submit'));
  const form = h(
    'form',
    { class: 'vervolg-form', 'data-testid': 'vervolg-form', 'aria-labelledby': 'vervolg-form-heading' },
    h('h3', { id: 'vervolg-form-heading' }, t('vervolg.formHeading')),
    h('p', { class: 'muted small' }, t('vervolg.help')),
    h('div', { class: 'field' }, h('label', { for: 'vervolg-soort' }, t('vervolg.field.soort')), soort),
    dateField,
    aanField,
    h('div', { class: 'field' }, h('label', { for: 'vervolg-reden' }, t('vervolg.field.reden')), reden),
    h('div', { class: 'button-row' }, submit),
    feedback,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const s = soort.value;
    /** @type {Record<string, string>} */
    const body = { soort: s, alertId: alert.id };
    if (s === 'verlengde_jeugdhulp' && date.value) body.totDatum = date.value;
    if (['wmo', 'wlz', 'zvw'].includes(s)) {
      if (date.value) body.perDatum = date.value;
      if (aan.value.trim()) body.overdrachtAan = aan.value.trim();
    }
    if (reden.value.trim()) body.reden = reden.value.trim();
    submit.disabled = true;
    feedback.classList.remove('error');
    try {
      const record = await api.recordVervolg(alert.clientPseudonym, body);
      feedback.textContent = t('vervolg.done');
      reden.value = '';
      onRecorded(record);
    } catch (error) {
      feedback.textContent = t('vervolg.error', { message: error.message });
      feedback.classList.add('error');
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** The overgang-18 indicator of the regional view (aggregates only; suppressed cells as `<n`). */
export function overgang18Table(result, namen = {}) {
  if (!result?.rows?.length) return h('p', { class: 'muted' }, t('regio.noRows'));
  const lang = getLang();
  const cell = (c, share) => {
    if (!c || c.suppressed)
      return h('td', { class: 'num suppressed', title: t('cell.suppressed', { n: result.minCount }) }, `<${result.minCount}`);
    if (c.value === null) return h('td', { class: 'num' }, '–');
    const text = share ? `${formatNumber(c.value * 100, lang, 1)}%` : formatNumber(c.value, lang);
    return h(
      'td',
      { class: 'num', ...(c.stoplicht ? { 'data-stoplicht': c.stoplicht, title: t(`stoplicht.${c.stoplicht}`) } : {}) },
      c.stoplicht ? h('span', { class: ['stoplicht', `stoplicht-${c.stoplicht}`], 'aria-hidden': 'true' }, '●') : null,
      ' ',
      text,
    );
  };
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'p',
      { class: 'muted small' },
      t('o18.help', {
        groen: Math.round(result.norm.groen * 100),
        oranje: Math.round(result.norm.oranje * 100),
        maanden: result.planBinnenMaanden,
      }),
    ),
    h(
      'table',
      { class: 'data small', 'data-testid': 'overgang18-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            t('regio.group'),
            t('o18.bereikt18'),
            t('o18.tijdig18'),
            t('o18.aandeel18'),
            t('o18.bereikt16'),
            t('o18.tijdig16'),
            t('o18.aandeel16'),
          ].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        result.rows.map((r) =>
          h(
            'tr',
            { class: r.group === 'totaal' ? 'total' : null, 'data-group': r.group },
            h('th', { scope: 'row' }, r.group === 'totaal' ? t('regio.totaal') : named(r.group, namen[r.group])),
            cell(r.achttien.bereikt),
            cell(r.achttien.tijdig),
            cell(r.achttien.aandeelTijdig, true),
            cell(r.zestienVerblijf.bereikt),
            cell(r.zestienVerblijf.tijdig),
            cell(r.zestienVerblijf.aandeelTijdig, true),
          ),
        ),
      ),
    ),
  );
}

/** Loads and shows the child's follow-ups into `box` (hidden for roles that cannot see them). */
export async function loadVervolg(box, pseudonym) {
  try {
    replace(box, vervolgList(await api.vervolg(pseudonym)));
  } catch {
    replace(box);
  }
}
