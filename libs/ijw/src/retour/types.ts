/**
 * Shapes of the retour berichten (JW302, JW306, JW308). The bericht itself is the camelCase JSON tree of the XML
 * (IjwJson, see libs/ijw/src/schema): simple values are strings, elements with maxOccurs > 1 are arrays.
 */
import type { IsoDate } from '../model';

import type { IjwJson, IjwJsonValue } from '../schema/types';

export type { IjwJson, IjwJsonValue };

export type Heensoort = 'JW301' | 'JW305' | 'JW307' | 'JW315' | 'JW317' | 'JW319';
export type Retoursoort = 'JW302' | 'JW306' | 'JW308' | 'JW316' | 'JW318' | 'JW320';

/** A heenbericht as the retour needs it: its soort (from the namespace) and its JSON tree. */
export interface HeenInput<J = IjwJson> {
  soort: Heensoort;
  json: J;
}

/** A retour bericht: its soort and its JSON tree (the same mapping as the heenbericht). */
export interface Retourbericht<J = IjwJson> {
  soort: Retoursoort;
  json: J;
}

export interface RetourMeta {
  /** IdentificatieRetour (LDT_IdentificatieBericht: 1–12 characters, not only whitespace); unique per sender. */
  identificatieRetour: string;
  /** DagtekeningRetour: the date the retour is made. */
  dagtekeningRetour: IsoDate;
  /**
   * XsltVersie to put in the header when controleniveau 2 rejected the bericht (IV028, IV033). Default:
   * `XSLT_VERSIE` (the version of Trajectwacht's own level-2 rule set, see retour/README.md).
   */
  xsltVersie?: string;
  /**
   * 0-based indexes of products that were not assessed (retourcode 0233). The platform assesses every product
   * (all rules run on all products), so this is empty in practice; it exists for a checker that stops early.
   */
  nietBeoordeeld?: readonly number[];
}
