/**
 * Names, not codes (issue 18 point 7): the CBS gemeentelijke indeling as versioned data (gemeenten.json, with its
 * source and version), and the name of a gemeentecode on a date. A code that ended in a herindeling keeps its own
 * name for the dates before it ended; from that date on it maps to the gemeente it went into (followed through later
 * herindelingen), and the answer says so. Pure: no I/O beyond the JSON import, no clock (the date is an argument).
 */
import data from './gemeenten.json';

export interface Gemeente {
  code: string;
  naam: string;
  provincie: string;
  jeugdzorgregio: string;
}

/** A samenvoeging: on `ingangsdatum` the codes in `opgeheven` ended and went into `opgegaanIn`. */
export interface Herindeling {
  ingangsdatum: string;
  opgegaanIn: string;
  naamOpgegaanIn: string;
  opgeheven: readonly { code: string; naam: string }[];
}

/** What a gemeentecode names on a date. */
export interface GemeenteNaam {
  /** The code asked about. */
  code: string;
  /** The name to show for it on the date: its own before it ended, else the gemeente it went into. */
  naam: string;
  /** Present when the code had ended by the date: its own name, the gemeente it is now part of, and since when. */
  opgeheven?: { naam: string; opgegaanIn: string; per: string };
}

/** Which list and version the names come from (shown in docs, API answers may cite it). */
export const GEMEENTELIJST: { id: string; version: string; peildatum: string; source: string; herindelingenSource: string } = {
  id: data.id,
  version: data.version,
  peildatum: data.peildatum,
  source: data.source,
  herindelingenSource: data.herindelingenSource,
};

export const GEMEENTEN: readonly Gemeente[] = data.gemeenten;
export const HERINDELINGEN: readonly Herindeling[] = data.herindelingen;

const CURRENT = new Map(GEMEENTEN.map((g) => [g.code, g]));
/** Per ended code: its name, when it ended and where it went. */
const ENDED = new Map(
  HERINDELINGEN.flatMap((h) => h.opgeheven.map((o) => [o.code, { naam: o.naam, per: h.ingangsdatum, opgegaanIn: h.opgegaanIn }] as const)),
);

// Checked once at load: four digits, no code both current and ended, every merger into a code that is known.
for (const g of GEMEENTEN) if (!/^[0-9]{4}$/.test(g.code)) throw new Error(`gemeenten.json: ${g.code} is not a 4-digit gemeentecode`);
for (const [code, e] of ENDED) {
  if (CURRENT.has(code)) throw new Error(`gemeenten.json: ${code} is current and ended in a herindeling`);
  if (!CURRENT.has(e.opgegaanIn) && !ENDED.has(e.opgegaanIn)) throw new Error(`gemeenten.json: ${code} went into unknown ${e.opgegaanIn}`);
}

/**
 * The name of `code` on `op` (YYYY-MM-DD): a current code its current name; an ended code its own name before the
 * herindeling, and from its ingangsdatum on the name of the gemeente it went into (with `opgeheven` saying so).
 * undefined for a code that is in neither list.
 */
export function gemeenteOp(code: string, op: string): GemeenteNaam | undefined {
  const current = CURRENT.get(code);
  if (current) return { code, naam: current.naam };
  const ended = ENDED.get(code);
  if (!ended) return undefined;
  if (op < ended.per) return { code, naam: ended.naam };
  // followed through later herindelingen, each by its own date
  let target = ended.opgegaanIn;
  for (let hops = 0; hops < 20; hops++) {
    const next = ENDED.get(target);
    if (!next || op < next.per) break;
    target = next.opgegaanIn;
  }
  const naam = CURRENT.get(target)?.naam ?? ENDED.get(target)!.naam;
  return { code, naam, opgeheven: { naam: ended.naam, opgegaanIn: target, per: ended.per } };
}

/** Just the name (undefined for an unknown code). */
export function gemeenteNaam(code: string, op: string): string | undefined {
  return gemeenteOp(code, op)?.naam;
}

/**
 * The label to show beside or instead of the code: "Almere"; "Brielle" before 2023; "Voorne aan Zee (voorheen
 * Brielle)" after it; the code itself when unknown.
 */
export function gemeenteLabel(code: string, op: string): string {
  const g = gemeenteOp(code, op);
  if (!g) return code;
  return g.opgeheven ? `${g.naam} (voorheen ${g.opgeheven.naam})` : g.naam;
}
