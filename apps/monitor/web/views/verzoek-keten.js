// @ts-check
/**
 * The request side on the child's timeline (issue 17): per verzoek (JW315 verzoek om toewijzing, JW317 verzoek om
 * wijziging) the chain verzoek → antwoorden → toewijzing → start → stop with its dates and waiting days, from
 * GET /api/v1/pseudoniemen/{pseudonym}/verzoeken (through the monitor's proxy, scoped like the trajectories).
 */
import { h, replace, formatDate } from '../dom.js';
import { t, getLang, tOr } from '../i18n.js';
import { api } from '../api.js';

/** One step of the chain: its label and date (null: not yet). */
function stap(label, datum, lang) {
  return h(
    'li',
    { class: ['keten-stap', datum ? 'done' : 'pending'] },
    h('span', { class: 'keten-label' }, label),
    ' ',
    h('time', null, datum ? formatDate(datum, lang) : '–'),
  );
}

/** The chain of one verzoek as a list of steps. */
export function verzoekKetenView(keten) {
  const lang = getLang();
  const v = keten.verzoek;
  const toewijzing = keten.toewijzingen[0] ?? null;
  const steps = [
    stap(`${v.soort} ${t('keten.verzoek')} (${v.referentieAanbieder})`, v.ontvangen, lang),
    ...v.antwoorden
      .filter((a) => a.berichtcode === 'JW319')
      .map((a) => stap(`JW319 ${a.verzoekAntwoord === '2' ? t('keten.inOnderzoek') : t('keten.afgewezen')}`, a.ontvangen, lang)),
    ...(v.status === 'afgewezen'
      ? []
      : [stap(`JW301 ${t('keten.toewijzing')}${toewijzing ? ` ${toewijzing.toewijzingNummer}` : ''}`, v.toegewezenOp, lang)]),
    ...(toewijzing
      ? [stap(`JW305 ${t('keten.start')}`, toewijzing.begindatum, lang), stap(`JW307 ${t('keten.stop')}`, toewijzing.stopdatum, lang)]
      : []),
  ];
  const w = keten.wachtdagen;
  return h(
    'div',
    { class: 'verzoek-keten', 'data-testid': 'verzoek-keten' },
    h('p', { class: 'keten-kop' }, `${tOr(`keten.status.${v.status}`, v.status)} · ${t('keten.aanbieder')} ${v.aanbieder}`),
    h('ol', { class: 'keten' }, steps),
    h(
      'p',
      { class: 'muted small' },
      t('keten.wachtdagen', {
        vt: w.verzoekToewijzing ?? '–',
        ts: w.toewijzingStart ?? '–',
        vs: w.verzoekStart ?? '–',
      }),
    ),
  );
}

/** Loads the child's verzoeken into `box`; nothing is shown when none is visible (404). */
export async function loadVerzoeken(box, pseudonym) {
  try {
    const data = await api.verzoeken(pseudonym);
    replace(box, h('h4', null, t('keten.title')), ...data.verzoeken.map((k) => verzoekKetenView(k)));
  } catch (error) {
    if (error.status === 404) replace(box);
    else replace(box, h('p', { class: 'error' }, t('app.error', { message: error.message })));
  }
}
