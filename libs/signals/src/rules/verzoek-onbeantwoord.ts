/**
 * VERZOEK_ONBEANTWOORD (toestand, issue 17): a verzoek of an aanbieder — a JW315 verzoek om toewijzing or a JW317
 * verzoek om wijziging — that the gemeente left unanswered past its term. Addressed to the toegang of the gemeente.
 *
 * Two terms, both from the standard:
 * - antwoord: the gemeente answers "binnen 5 werkdagen" after receipt with a JW301 or one or more JW319
 *   (procesbeschrijving-ijw-3.2.md §2.5.3 for the VOT, §3.3.1 and OP346 for the VOW; the FAQ "reactietermijnen").
 *   Term date = the `verzoekOnbeantwoord.antwoordWerkdagen`-th working day after the verzoek's receipt (`ontvangen`;
 *   the receipt day itself never counts, Dutch holidays per `werkdagen`); the alert fires on the first day after it
 *   while no answer (`beantwoordOp`: any JW319 or JW301 with the reference) has arrived. Key
 *   `VERZOEK_ONBEANTWOORD|<verzoekId>|antwoord`; it resolves when the JW319 or the JW301 arrives.
 * - besluit: after a JW319 "aanvraag in onderzoek" (VerzoekAntwoord 2) a JW301 or a JW319 "verzoek afgewezen" follows
 *   "uiterlijk binnen 8 weken na dagtekening van het verzoek" (OP346; FAQ "reactietermijnen"). Term date = dagtekening
 *   + `besluitWeken` × 7 days; fires the day after while the verzoek is still in onderzoek. Key `…|besluit`; resolves
 *   with the toewijzing or the afwijzing.
 * Severity midden; hoog from `ernstigNaWerkdagen` working days after the term. trajectoryIds: the toewijzingen the
 * verzoek led to (none while unanswered). The config resolves per gemeente (its overrides apply).
 */
import type { IsoDate } from '@trajectwacht/ijw';
import type { VerzoekState } from '@trajectwacht/trajectory';
import { addDays } from '@trajectwacht/dates';
import { resolveConfig, type SignalConfig } from '../config';
import type { AlertCandidate, RuleInput } from '../model';
import { addWorkingDays } from '../working-days';
import { candidate, dedupKey, defineRule } from './common';

export const VERZOEK_ONBEANTWOORD_ID = 'VERZOEK_ONBEANTWOORD' as const;

interface Termijn {
  fase: 'antwoord' | 'besluit';
  /** The last day of the term (answered on it: in time). */
  termijnDatum: IsoDate;
  /** First day the alert holds. */
  vanaf: IsoDate;
  ernstigVanaf: IsoDate;
}

/** The term of a verzoek that is still running or passed, or null when it is answered (or decided). */
export function verzoekTermijn(v: VerzoekState, cfg: SignalConfig): Termijn | null {
  const c = cfg.verzoekOnbeantwoord;
  const werkdagen = cfg.werkdagen;
  if (v.beantwoordOp === null) {
    const termijnDatum = addWorkingDays(v.ontvangen, c.antwoordWerkdagen, werkdagen);
    return {
      fase: 'antwoord',
      termijnDatum,
      vanaf: addDays(termijnDatum, 1),
      ernstigVanaf: addDays(addWorkingDays(termijnDatum, c.ernstigNaWerkdagen, werkdagen), 1),
    };
  }
  if (v.status === 'in_onderzoek') {
    const termijnDatum = addDays(v.dagtekening, c.besluitWeken * 7);
    return {
      fase: 'besluit',
      termijnDatum,
      vanaf: addDays(termijnDatum, 1),
      ernstigVanaf: addDays(addWorkingDays(termijnDatum, c.ernstigNaWerkdagen, werkdagen), 1),
    };
  }
  return null;
}

const cfgOf = (input: RuleInput, v: VerzoekState): SignalConfig => resolveConfig(input.config, input.overrides, v.gemeente, null);

export const verzoekOnbeantwoord = defineRule({
  id: VERZOEK_ONBEANTWOORD_ID,
  kind: 'toestand',
  description:
    'Verzoek om toewijzing (JW315) of om wijziging (JW317) zonder antwoord (JW319/JW301) binnen 5 werkdagen, ' +
    'of na "in onderzoek" zonder besluit binnen 8 weken na de dagtekening.',
  situations(input) {
    const out: AlertCandidate[] = [];
    for (const v of input.child.verzoeken ?? []) {
      const t = verzoekTermijn(v, cfgOf(input, v));
      if (t === null || input.now < t.vanaf) continue;
      const soort = v.soort === 'JW315' ? 'Verzoek om toewijzing' : 'Verzoek om wijziging';
      out.push(
        candidate({
          ruleId: VERZOEK_ONBEANTWOORD_ID,
          severity: input.now >= t.ernstigVanaf ? 'hoog' : 'midden',
          gemeente: v.gemeente,
          aanbieder: v.aanbieder,
          clientPseudonym: v.clientPseudonym,
          trajectoryIds: v.trajectoryIds,
          dedupKey: dedupKey(VERZOEK_ONBEANTWOORD_ID, v.id, t.fase),
          effectiveAt: t.vanaf,
          facts: {
            verzoekId: v.id,
            soort: v.soort,
            referentieAanbieder: v.referentieAanbieder,
            fase: t.fase,
            ontvangen: v.ontvangen,
            dagtekening: v.dagtekening,
            inOnderzoekOp: v.inOnderzoekOp,
            termijnDatum: t.termijnDatum,
            productcategorie: v.productcategorie,
            verwijzerType: v.verwijzer?.type ?? null,
          },
          recipients: ['toegang'],
          title:
            t.fase === 'antwoord'
              ? `${soort} niet beantwoord binnen de termijn (${t.termijnDatum})`
              : `${soort} in onderzoek zonder besluit binnen 8 weken (${t.termijnDatum})`,
        }),
      );
    }
    return out;
  },
  checkDates(input) {
    return (input.child.verzoeken ?? []).flatMap((v) => {
      const t = verzoekTermijn(v, cfgOf(input, v));
      return t ? [t.vanaf, t.ernstigVanaf] : [];
    });
  },
});
