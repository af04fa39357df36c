/**
 * The Dutch, human-readable explanation kept beside a retour bericht (issue 13, point 3): one entry per finding, with
 * the WJ001 omschrijving of its retourcode. A retour carries only codes (and a level-2 rejection only 0001), so this
 * list is what tells the sender which rule failed where.
 */
import type { Bevinding } from '../model';
import { findRetourcode } from '../codelists/wj001';

export interface RetourToelichting {
  /** WJ001 retourcode of the finding (0001 for controleniveau 1 and 2). */
  retourcode: string;
  /** WJ001 omschrijving of that code. */
  omschrijving: string;
  /** The rule: TR/CS/CD/RS/OP code of the standard, or 'XSD'. */
  regel: string;
  /** Path of the element concerned, e.g. `Client/StartProducten/StartProduct[2]/Begindatum`. */
  pad?: string;
  /** Dutch explanation (never contains a BSN). */
  toelichting: string;
}

/** One explanation per finding, in the order of the findings. */
export function explainRetour(bevindingen: readonly Bevinding[]): RetourToelichting[] {
  return bevindingen.map((b) => {
    const entry: RetourToelichting = {
      retourcode: b.retourcode,
      omschrijving: findRetourcode(b.retourcode)?.omschrijving ?? `Onbekende retourcode ${b.retourcode} (niet in WJ001).`,
      regel: b.regel,
      toelichting: b.toelichting,
    };
    if (b.pad) entry.pad = b.pad;
    return entry;
  });
}
