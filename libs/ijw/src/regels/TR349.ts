import { bevinding } from './util';
import type { HistorieToewijzing } from './types';
import type { VerzoekHistorie, VerzoekHistorieRegel } from './verzoek-historie';
import type { IsoDate, Jw317VerzoekOmWijziging, PseudonymisedVerzoek } from '../model';

const meta = { code: 'TR349', niveau: 3 as const, retourcode: '9349' };

/**
 * The actual toewijzingen of the JW317's client at its aanbieder in its gemeente that it does not name (TR349): not
 * deleted (RedenWijziging 13; a correction 01 with Einddatum = Ingangsdatum neither), and valid on or after the
 * JW317's Dagtekening (no Einddatum, or an Einddatum on or after it; an Ingangsdatum ahead counts too).
 */
export function ontbrekendeToewijzingen(
  v: PseudonymisedVerzoek<Jw317VerzoekOmWijziging>,
  toewijzingen: readonly HistorieToewijzing[],
): HistorieToewijzing[] {
  const genoemd = new Set([...v.ongewijzigd, ...v.teWijzigen.map((t) => t.toewijzingNummer)]);
  const vandaag: IsoDate = v.dagtekening;
  return toewijzingen
    .filter(
      (t) =>
        t.gemeente === v.gemeente &&
        t.aanbieder === v.aanbieder &&
        t.clientPseudonym === v.client.pseudonym &&
        !t.verwijderd &&
        !(t.einddatum !== undefined && t.einddatum === t.ingangsdatum && t.einddatum < vandaag) &&
        (t.einddatum === undefined || t.einddatum >= vandaag) &&
        !genoemd.has(t.toewijzingNummer),
    )
    .sort((a, b) => a.toewijzingNummer.localeCompare(b.toewijzingNummer));
}

/**
 * TR349 (regels/technische-regels/berichtoverstijgend/TR349.md): Het verzoek om wijziging bericht bevat alle actuele
 * ToegewezenProducten van de client, retourcode 9349.
 * A JW317 names every actual toewijzing of its client (at its aanbieder, in its gemeente: those it can know) as an
 * OngewijzigdProduct or a TeWijzigenProduct; one finding on the Verzoek per toewijzing it leaves out. "Actueel" as the
 * toelichting defines it, on the JW317's Dagtekening (ontbrekendeToewijzingen). It needs every toewijzing of the client
 * (`VerzoekHistorie.clientToewijzingen`, which ingest loads by client); without it the rule is not checked.
 */
export const TR349: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR349.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW317'],
  check(bericht, historie: VerzoekHistorie) {
    const v = bericht.regels.find((r) => r.berichtcode === 'JW317');
    if (!v || v.berichtcode !== 'JW317' || historie.clientToewijzingen === undefined) return [];
    return ontbrekendeToewijzingen(v, historie.clientToewijzingen).map((t) =>
      bevinding(
        meta,
        'client',
        `Verzoek: de actuele toewijzing ${t.toewijzingNummer} van deze cliënt ontbreekt; noem elke actuele toewijzing als ` +
          `OngewijzigdProduct of TeWijzigenProduct (${meta.code}).`,
        { pad: 'Client/Verzoek' },
      ),
    );
  },
};
