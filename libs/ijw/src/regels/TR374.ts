import { bevinding } from './util';
import { isOnderhanden, type VerzoekHistorieRegel } from './verzoek-historie';

const meta = { code: 'TR374', niveau: 3 as const, retourcode: '9374' };

/**
 * TR374 (regels/technische-regels/berichtoverstijgend/TR374.md): Een verzoek mag alleen worden verstuurd als er geen onderhanden verzoek
 * is voor de betreffende client van dezelfde aanbieder, retourcode 9374.
 * A JW315 or JW317 of an aanbieder for a client for whom an earlier verzoek of the same aanbieder is still in
 * behandeling — no JW319 "verzoek afgewezen" and no JW301 with its ReferentieAanbieder yet (the rule's toelichting;
 * OP350) — is refused, 9374 on the Client (JW315) or the Verzoek (JW317). An answer "aanvraag in onderzoek" leaves
 * the verzoek in behandeling. Verzoeken to any gemeente count (the rule names the client and the aanbieder only).
 */
export const TR374: VerzoekHistorieRegel = {
  code: meta.code,
  bron: 'regels/technische-regels/berichtoverstijgend/TR374.md',
  niveau: 3,
  retourcode: meta.retourcode,
  berichten: ['JW315', 'JW317'],
  check(bericht, historie) {
    const eerste = bericht.regels[0];
    if (!eerste || eerste.berichtcode === 'JW319') return [];
    const pseudonym = eerste.client.pseudonym;
    const open = historie.berichten.find(
      (b) => b.aanbieder === eerste.aanbieder && b.clientPseudonym === pseudonym && isOnderhanden(b, historie.berichten),
    );
    if (!open) return [];
    const tekst =
      `er is nog een verzoek van deze aanbieder voor deze cliënt in behandeling (ReferentieAanbieder ${open.referentieAanbieder}, ` +
      `gemeente ${open.gemeente}): wacht op de toewijzing of de afwijzing`;
    return [
      bericht.berichtcode === 'JW315'
        ? bevinding(meta, 'client', `Client: ${tekst} (${meta.code}).`, { pad: 'Client' })
        : bevinding(meta, 'client', `Verzoek: ${tekst} (${meta.code}).`, { pad: 'Client/Verzoek' }),
    ];
  },
};
