/**
 * Controleniveau 1 (IV028, IV032): a bericht that does not follow its XSD, or cannot be read at all, gets no retour
 * bericht but a foutmelding ("Indien het bericht niet valideert tegen het XSD krijgt de afzender een foutmelding. Er
 * wordt geen retourbericht verzonden", regels/invulinstructies/invulinstructie_IV028.md).
 *
 * Decision (retour/README.md): when the header of such a bericht is readable and every header element a retour copies
 * is valid, Trajectwacht sends the foutmelding AND a retour bericht with only the Header and retourcode 0001, so that
 * the sender's software can match the rejection to its bericht by BerichtIdentificatie. When the header is not
 * usable (not XML, no header, an invalid Afzender …), only the foutmelding is given. `beantwoord` makes that choice.
 */
import type { Bevinding } from '../model';
import { RETOURCODE_TECHNISCH_AFGEKEURD } from '../codelists/wj001';
import { RetourNietMogelijk, buildRetour, headerProblemen } from './build';
import { explainRetour, type RetourToelichting } from './explain';
import type { Heensoort, IjwJson, Retourbericht, RetourMeta } from './types';

/** One problem of controleniveau 1. A StructureProblem of the schema module is one. */
export interface FoutmeldingProbleem {
  /** XML path below Bericht, e.g. `Client/StartProducten/StartProduct[2]/Begindatum`. */
  pad?: string;
  /** Dutch. */
  toelichting: string;
  /** English. */
  message?: string;
}

/** What is known of the bericht the foutmelding is about. */
export interface FoutmeldingContext {
  /** The heenbericht soort, when the namespace named one. */
  soort?: Heensoort;
  /** The header as read (JSON form), when it could be read. */
  header?: IjwJson;
  /** The payload is not a readable bericht at all (not XML, not well-formed, no root element). */
  onleesbaar?: boolean;
  /** A header-only retour with 0001 accompanies this foutmelding. */
  retour?: boolean;
}

/**
 * The foutmelding of controleniveau 1. `code`, `toelichting`, `message` and `problemen` have the shape of the
 * ingest's `Foutmelding` (libs/ijw/src/ontvangst.ts); the rest identifies the bericht and says whether a retour goes
 * with it.
 */
export interface RetourFoutmelding<P extends FoutmeldingProbleem = FoutmeldingProbleem> {
  /** ONLEESBAAR: not a readable bericht; STRUCTUUR: a bericht that does not follow its XSD. */
  code: 'ONLEESBAAR' | 'STRUCTUUR';
  controleniveau: 1;
  /** Dutch, for the sender. */
  toelichting: string;
  /** English. */
  message: string;
  problemen: P[];
  /**
   * The nearest code of the VECOZO ontvangstcontrole for the same condition (codelijsten/Foutcodelijst_Vecozo.md):
   * BRS14 "Payload bevat geen well-formed XML", BRS13 "Berichtinhoud voldoet niet aan XSD". Information only.
   */
  vergelijkbaar: 'BRS13' | 'BRS14';
  /** True when a retour bericht with only the Header and 0001 is sent as well (see `beantwoord`). */
  retour: boolean;
  /** The bericht as far as its header could be read. */
  bericht?: { soort?: Heensoort; afzender?: string; ontvanger?: string; identificatie?: string; dagtekening?: string };
}

const MAX_IN_TEKST = 3;

function tekst(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function identificatieVan(context: FoutmeldingContext): RetourFoutmelding['bericht'] {
  const h = context.header;
  const bi = h && typeof h.berichtIdentificatie === 'object' && !Array.isArray(h.berichtIdentificatie) ? h.berichtIdentificatie : undefined;
  const bericht: NonNullable<RetourFoutmelding['bericht']> = {};
  if (context.soort) bericht.soort = context.soort;
  const afzender = tekst(h?.afzender);
  const ontvanger = tekst(h?.ontvanger);
  const identificatie = tekst(bi?.identificatie);
  const dagtekening = tekst(bi?.dagtekening);
  if (afzender !== undefined) bericht.afzender = afzender;
  if (ontvanger !== undefined) bericht.ontvanger = ontvanger;
  if (identificatie !== undefined) bericht.identificatie = identificatie;
  if (dagtekening !== undefined) bericht.dagtekening = dagtekening;
  return Object.keys(bericht).length > 0 ? bericht : undefined;
}

/** The structured Dutch/English foutmelding for problems of controleniveau 1. */
export function foutmelding<P extends FoutmeldingProbleem>(problems: readonly P[], context: FoutmeldingContext = {}): RetourFoutmelding<P> {
  const onleesbaar = context.onleesbaar === true;
  const retour = context.retour === true;
  const soort = context.soort ? ` (${context.soort})` : '';
  const n = problems.length;
  const nl = problems.slice(0, MAX_IN_TEKST).map((p) => (p.pad ? `${p.pad}: ${p.toelichting}` : p.toelichting));
  const en = problems.slice(0, MAX_IN_TEKST).map((p) => {
    const m = p.message ?? p.toelichting;
    return p.pad ? `${p.pad}: ${m}` : m;
  });
  const meer = (lijst: string[], woord: string): string =>
    n > MAX_IN_TEKST ? `${lijst.join('; ')}; … (${n - MAX_IN_TEKST} ${woord})` : lijst.join('; ').replace(/\.$/, '');
  const toelichting = [
    onleesbaar
      ? `Het bericht${soort} kon niet gelezen worden en is niet verwerkt.`
      : `Het bericht${soort} voldoet niet aan het XSD van iJw 3.2 (controleniveau 1) en is niet verwerkt.`,
    retour
      ? 'Er volgt alleen een retourbericht met de Header en retourcode 0001, zodat het aan uw bericht gekoppeld kan worden.'
      : 'Er wordt geen retourbericht gestuurd (IV028).',
    n > 0 ? `${n === 1 ? 'Fout' : `${n} fouten`}: ${meer(nl, 'meer')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const message = [
    onleesbaar
      ? `The bericht${soort} could not be read and was not processed.`
      : `The bericht${soort} does not follow its iJw 3.2 XSD (controleniveau 1) and was not processed.`,
    retour
      ? 'A retour bericht with only the Header and retourcode 0001 is sent so that it can be matched to your bericht.'
      : 'No retour bericht is sent (IV028).',
    n > 0 ? `${n === 1 ? 'Problem' : `${n} problems`}: ${meer(en, 'more')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const out: RetourFoutmelding<P> = {
    code: onleesbaar ? 'ONLEESBAAR' : 'STRUCTUUR',
    controleniveau: 1,
    toelichting,
    message,
    problemen: [...problems],
    vergelijkbaar: onleesbaar ? 'BRS14' : 'BRS13',
    retour,
  };
  const bericht = identificatieVan(context);
  if (bericht) out.bericht = bericht;
  return out;
}

/** The answer to one received bericht: its retour bericht, or a foutmelding, or both (see the module comment). */
export interface Antwoord {
  retour?: Retourbericht;
  foutmelding?: RetourFoutmelding;
  /** The Dutch explanation per problem, kept beside the retour (explainRetour, plus the level-1 problems). */
  toelichtingen: RetourToelichting[];
}

/** What was received, as far as it could be read. */
export interface OntvangenHeen {
  soort?: Heensoort;
  json?: IjwJson;
  /** The payload could not be read as a bericht at all. */
  onleesbaar?: boolean;
}

/**
 * Decides and builds the answer to one received bericht (IV028):
 * - problems of controleniveau 1 (`structuurProblemen`, or findings with niveau 1): a foutmelding; plus a header-only
 *   retour with 0001 when the header is usable (`headerProblemen` is empty), else the foutmelding only;
 * - otherwise the retour bericht of `buildRetour` (accepted, 0001 for level 2, or the level-3/4 codes). Should the
 *   header still turn out unusable, the answer is a foutmelding naming why.
 */
export function beantwoord(
  heen: OntvangenHeen,
  bevindingen: readonly Bevinding[],
  meta: RetourMeta,
  structuurProblemen: readonly FoutmeldingProbleem[] = [],
): Antwoord {
  const niveau1 = bevindingen.filter((b) => b.niveau === 1);
  const problemen: FoutmeldingProbleem[] = [
    ...structuurProblemen,
    ...niveau1.map((b) => (b.pad ? { pad: b.pad, toelichting: b.toelichting } : { toelichting: b.toelichting })),
  ];
  const header = heen.json && typeof heen.json.header === 'object' && !Array.isArray(heen.json.header) ? heen.json.header : undefined;
  const context: FoutmeldingContext = {};
  if (heen.soort) context.soort = heen.soort;
  if (header) context.header = header;
  const onleesbaar = heen.onleesbaar === true || !heen.json || !heen.soort;

  if (problemen.length > 0 || onleesbaar) {
    const toelichtingen: RetourToelichting[] = [
      ...structuurProblemen.map((p) => {
        const t: RetourToelichting = {
          retourcode: RETOURCODE_TECHNISCH_AFGEKEURD,
          omschrijving: 'Bericht is afgekeurd om technische redenen.',
          regel: 'XSD',
          toelichting: p.toelichting,
        };
        if (p.pad) t.pad = p.pad;
        return t;
      }),
      ...explainRetour(niveau1),
    ];
    const bruikbaar = !onleesbaar && heen.soort !== undefined && headerProblemen(heen.soort, header).length === 0;
    if (!bruikbaar || !heen.soort || !heen.json) {
      return { foutmelding: foutmelding(problemen, { ...context, onleesbaar }), toelichtingen };
    }
    const niveau1Bevinding: Bevinding = {
      retourcode: RETOURCODE_TECHNISCH_AFGEKEURD,
      regel: 'XSD',
      niveau: 1,
      klasse: 'header',
      toelichting: 'Het bericht voldoet niet aan het XSD.',
    };
    const retour = buildRetour({ soort: heen.soort, json: heen.json }, [niveau1Bevinding], meta);
    return { retour, foutmelding: foutmelding(problemen, { ...context, retour: true }), toelichtingen };
  }

  try {
    const retour = buildRetour({ soort: heen.soort!, json: heen.json! }, bevindingen, meta);
    return { retour, toelichtingen: explainRetour(bevindingen) };
  } catch (error) {
    if (!(error instanceof RetourNietMogelijk)) throw error;
    const alsProblemen = error.problemen.map((p) => ({ toelichting: p }));
    return { foutmelding: foutmelding(alsProblemen, context), toelichtingen: explainRetour(bevindingen) };
  }
}
