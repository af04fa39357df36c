/** The authenticated organisation that sent a bericht: a gemeente (toegang, JW301) or an aanbieder (JW305/JW307). */
export type Afzender = { role: 'toegang'; gemeente: string } | { role: 'aanbieder'; agb: string };

/** The sender's stable id in the platform's records, e.g. `gemeente:0034` or `aanbieder:12345678`. */
export function afzenderId(afzender: Afzender): string {
  return afzender.role === 'toegang' ? `gemeente:${afzender.gemeente}` : `aanbieder:${afzender.agb}`;
}
