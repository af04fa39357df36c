import {
  isVerzoekBerichtcode,
  type Berichtcode,
  type Bevinding,
  type Heenbericht,
  type Heenberichtsoort,
  type IsoDate,
  type Verzoekheenbericht,
} from './model';
import { toHeenbericht, toVerzoekbericht } from './mapping';
import { checkBericht, checkVerzoek } from './regels';
import { headerProblemen, leesHeader } from './retour';
import { readIjwXml, validateIjwJson, type IjwJson, type StructureProblem } from './schema';

/**
 * The stateless half of the one path every received payload takes (HTTP, Kafka and the CLI alike): bytes → iJw
 * bericht(en) → controleniveau 1 (structure, the project's own XSD data) → 2 (rules within the bericht, retourcode
 * 0001) and the level-4 checks that need only the system date and the codelists. What needs earlier berichten
 * (controleniveau 3) is decided by the ingest service on top of this; the CLI reports those rules as skipped.
 *
 * - A payload whose first non-blank character is `<` is one iJw XML bericht; `{` is one bericht in the JSON form (the
 *   exact camelCase mapping of the XML), `[` an array of them. The berichtsoort of the JSON form comes from
 *   header.berichtCode (436 JW301, 438 JW305, 440 JW307, 446 JW315, 486 JW317, 488 JW319), as the namespace gives it
 *   for XML.
 * - JW301/JW305/JW307 are mapped to `heenbericht` (one flat message per product), JW315/JW317/JW319 (the request
 *   side: verzoek om toewijzing, verzoek om wijziging, antwoordbericht) to `verzoek`; both are checked by the rules
 *   of their berichtsoort (`checkBericht`, `checkVerzoek`).
 * - Anything that is not readable at all (empty, too large, not UTF-8, NUL characters, neither XML nor JSON)
 *   is a `Foutmelding`: IV028 sends no retour bericht for controleniveau 1, only an error message.
 */

export interface OntvangstOptions {
  /** Today's date in the Netherlands (Europe/Amsterdam) at receipt. */
  today: IsoDate;
  maxBytes: number;
  /** Most berichten in one JSON array payload (default 1000). */
  maxBerichten?: number;
  /** Deepest JSON nesting accepted before parsing (default 32). */
  maxDepth?: number;
}

/** A refusal that is not a retourcode: the payload could not be read as a bericht, or may not be sent by this sender. */
export interface Foutmelding {
  code: 'LEEG' | 'TE_GROOT' | 'ONLEESBAAR' | 'STRUCTUUR' | 'NIET_BEVOEGD';
  /** Dutch. */
  toelichting: string;
  /** English. */
  message: string;
  /** The structural problems (controleniveau 1), when the payload was a bericht that does not follow its XSD. */
  problemen?: StructureProblem[];
}

/** One bericht as read: its form, what could be read of it, and the findings of levels 1, 2 and stateless 4. */
export interface OntvangenBericht {
  format: 'xml' | 'json';
  /** Known when the namespace (XML) or header.berichtCode (JSON) names a JW301, JW305, JW307, JW315, JW317 or JW319. */
  soort?: Heenberichtsoort;
  /** The tree (with the BSN: stays inside ingest). Present when the structure is valid. */
  json?: IjwJson;
  /** Present when the structure of a JW301, JW305 or JW307 is valid. */
  heenbericht?: Heenbericht;
  /** Present when the structure of a JW315, JW317 or JW319 is valid. */
  verzoek?: Verzoekheenbericht;
  /**
   * Level 1: set when the bericht does not follow its XSD (then there are no level-2 findings). IV028 asks only for a
   * foutmelding here; when the header itself is readable and valid, the platform also answers with a header-only
   * retour 0001 (`headerJson`), so that the sender's software can match the answer to its bericht.
   */
  foutmelding?: Foutmelding;
  /** The header of a structurally invalid bericht, when it can be copied into a retour (retour/header.ts). */
  headerJson?: IjwJson;
  /** Level 2 and stateless level 4 findings (retourcode 0001, 8848, S300, …). */
  bevindingen: Bevinding[];
}

export type Ontvangst = { ok: true; berichten: OntvangenBericht[] } | { ok: false; foutmelding: Foutmelding };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const SOORT_BY_CODE: Record<string, Heenberichtsoort> = {
  '436': 'JW301',
  '438': 'JW305',
  '440': 'JW307',
  '446': 'JW315',
  '486': 'JW317',
  '488': 'JW319',
};
const HEEN_SOORTEN = new Set<string>(['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319']);

function fout(code: Foutmelding['code'], toelichting: string, message: string, problemen?: StructureProblem[]): Foutmelding {
  return { code, toelichting, message, ...(problemen ? { problemen } : {}) };
}

export function ontvang(raw: Uint8Array | string | null | undefined, options: OntvangstOptions): Ontvangst {
  if (raw === null || raw === undefined || raw.length === 0)
    return { ok: false, foutmelding: fout('LEEG', 'Het bericht is leeg.', 'the payload is empty') };
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
  if (size > options.maxBytes) {
    return {
      ok: false,
      foutmelding: fout(
        'TE_GROOT',
        `Het bericht is ${size} bytes; de grens is ${options.maxBytes} bytes.`,
        `the payload is ${size} bytes; the limit is ${options.maxBytes} bytes`,
      ),
    };
  }
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : utf8.decode(raw);
  } catch {
    return {
      ok: false,
      foutmelding: fout('ONLEESBAAR', 'Het bericht is geen geldige UTF-8-tekst.', 'the payload is not valid UTF-8 text'),
    };
  }
  text = text.replace(/^\uFEFF/, '').trim();
  if (text.includes('\u0000'))
    return { ok: false, foutmelding: fout('ONLEESBAAR', 'Het bericht bevat NUL-tekens.', 'the payload contains NUL characters') };
  if (text.startsWith('<')) return { ok: true, berichten: [leesXml(text, options)] };
  if (text.startsWith('{') || text.startsWith('[')) {
    const maxDepth = options.maxDepth ?? 32;
    if (nestingDepth(text) > maxDepth) {
      return {
        ok: false,
        foutmelding: fout(
          'ONLEESBAAR',
          `De JSON is dieper genest dan ${maxDepth} niveaus.`,
          `the JSON is nested deeper than ${maxDepth} levels`,
        ),
      };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const reason = (error as Error).message.replace(/[0-9]{9}/g, '*********');
      return {
        ok: false,
        foutmelding: fout('ONLEESBAAR', `Het bericht is geen geldige JSON: ${reason}`, `the payload is not valid JSON: ${reason}`),
      };
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    const max = options.maxBerichten ?? 1000;
    if (items.length === 0)
      return { ok: false, foutmelding: fout('LEEG', 'De JSON-lijst bevat geen bericht.', 'the payload holds no bericht') };
    if (items.length > max) {
      return {
        ok: false,
        foutmelding: fout(
          'TE_GROOT',
          `De lijst bevat ${items.length} berichten; ten hoogste ${max} per aanlevering.`,
          `the payload holds ${items.length} berichten; at most ${max}`,
        ),
      };
    }
    return { ok: true, berichten: items.map((item) => leesJson(item, options)) };
  }
  return {
    ok: false,
    foutmelding: fout('ONLEESBAAR', 'Het bericht is geen iJw-XML en geen JSON.', 'the payload is neither iJw XML nor JSON'),
  };
}

function leesXml(xml: string, options: OntvangstOptions): OntvangenBericht {
  let read: ReturnType<typeof readIjwXml>;
  try {
    read = readIjwXml(xml);
  } catch (error) {
    return {
      format: 'xml',
      bevindingen: [],
      foutmelding: fout('ONLEESBAAR', `De XML kon niet gelezen worden: ${(error as Error).message}`, 'the XML could not be read'),
    };
  }
  if (!read.ok) {
    const soort = read.soort && HEEN_SOORTEN.has(read.soort) ? (read.soort as Heenberichtsoort) : undefined;
    const gelezen = soort ? leesHeader(xml) : {};
    const headerJson =
      gelezen.soort === soort && gelezen.header && headerProblemen(soort!, gelezen.header).length === 0
        ? (gelezen.header as IjwJson)
        : undefined;
    return {
      format: 'xml',
      soort,
      bevindingen: [],
      foutmelding: structuurFout(read.problems, soort),
      ...(headerJson ? { headerJson } : {}),
    };
  }
  if (!HEEN_SOORTEN.has(read.soort)) {
    return {
      format: 'xml',
      bevindingen: [],
      foutmelding: fout(
        'STRUCTUUR',
        `Een ${read.soort} is een retourbericht; Trajectwacht ontvangt JW301, JW305, JW307, JW315, JW317 en JW319.`,
        `a ${read.soort} is a retour bericht; Trajectwacht receives JW301, JW305, JW307, JW315, JW317 and JW319`,
      ),
    };
  }
  return beoordeel('xml', read.soort as Heenberichtsoort, read.json, options);
}

function leesJson(item: unknown, options: OntvangstOptions): OntvangenBericht {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return {
      format: 'json',
      bevindingen: [],
      foutmelding: fout(
        'STRUCTUUR',
        'Een bericht in JSON-vorm is een object met header en client.',
        'a bericht in the JSON form is an object with header and client',
      ),
    };
  }
  const header = (item as Record<string, unknown>).header;
  const code = typeof header === 'object' && header !== null ? (header as Record<string, unknown>).berichtCode : undefined;
  const soort = typeof code === 'string' ? SOORT_BY_CODE[code] : undefined;
  if (!soort) {
    return {
      format: 'json',
      bevindingen: [],
      foutmelding: fout(
        'STRUCTUUR',
        'header.berichtCode moet 436 (JW301), 438 (JW305), 440 (JW307), 446 (JW315), 486 (JW317) of 488 (JW319) zijn.',
        'header.berichtCode must be "436" (JW301), "438" (JW305), "440" (JW307), "446" (JW315), "486" (JW317) or "488" (JW319)',
      ),
    };
  }
  const json = item as IjwJson;
  const problems = validateIjwJson(soort, json);
  if (problems.length > 0) {
    const header = json.header;
    const headerJson =
      typeof header === 'object' && !Array.isArray(header) && headerProblemen(soort, header).length === 0 ? header : undefined;
    return { format: 'json', soort, bevindingen: [], foutmelding: structuurFout(problems, soort), ...(headerJson ? { headerJson } : {}) };
  }
  return beoordeel('json', soort, json, options);
}

function structuurFout(problems: StructureProblem[], soort?: Heenberichtsoort): Foutmelding {
  const eerste = problems
    .slice(0, 3)
    .map((p) => `${p.pad}: ${p.toelichting}`)
    .join('; ');
  return fout(
    'STRUCTUUR',
    `Het bericht${soort ? ` (${soort})` : ''} voldoet niet aan het XSD van iJw 3.2 ` +
      `(${problems.length} ${problems.length === 1 ? 'fout' : 'fouten'}): ${eerste}`,
    `the bericht${soort ? ` (${soort})` : ''} does not follow its iJw 3.2 XSD (${problems.length} problem(s)): ${problems
      .slice(0, 3)
      .map((p) => `${p.pad}: ${p.message}`)
      .join('; ')}`,
    problems,
  );
}

function beoordeel(format: 'xml' | 'json', soort: Heenberichtsoort, json: IjwJson, options: OntvangstOptions): OntvangenBericht {
  if (isVerzoekBerichtcode(soort)) {
    const verzoek = toVerzoekbericht(soort, json);
    return { format, soort, json, verzoek, bevindingen: checkVerzoek(verzoek, { today: options.today, boom: json }) };
  }
  const heenbericht = toHeenbericht(soort as Berichtcode, json);
  const bevindingen = checkBericht(heenbericht, { today: options.today, boom: json });
  return { format, soort, json, heenbericht, bevindingen };
}

/** Maximum bracket depth of a JSON text, counted without parsing (strings are skipped). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}
