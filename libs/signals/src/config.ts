/**
 * Thresholds of the signal rules, their documented defaults, layered overrides and validation.
 *
 * Layering (resolveConfig): DEFAULT/base → overrides.regio → overrides.gemeente[gemeentecode] → overrides.intensity[level].
 * Every layer is a deep partial: nested objects are merged key by key, arrays and scalars replace.
 */
import { INTENSITY_LADDER, isIntensityLevel, type IntensityLevel } from '@trajectwacht/ijw';
import {
  AFWIJKING_SOORTEN,
  validateOvergang18Mapping,
  type AfwijkingSoort,
  type RegionalOvergang18Mapping,
} from '@trajectwacht/trajectory';
import { DEFAULT_WORKING_DAY_OPTIONS, type WorkingDayOptions } from './working-days';
import { SEVERITIES, type Severity } from './severity';

export interface SignalConfig {
  wachttijd: {
    /** Calendar days after the ingangsdatum without JW305 before WACHTTIJD_GEEN_START fires. */
    normDagen: number;
    /** Same, for a product with the crisis flag (unless perCategorie names its category). */
    crisisNormDagen: number;
    /** Per productcategorie (2 digits): overrides normDagen/crisisNormDagen. */
    perCategorie: Record<string, number>;
    /** Severity 'hoog' from ernstigFactor × norm days on. */
    ernstigFactor: number;
  };
  startZonderToewijzing: {
    /** Calendar days after the reference date (receipt of the first start/stop, else its begindatum) before alerting. */
    graceDagen: number;
  };
  stopOntbreekt: {
    /** Working days after the toewijzing einddatum within which the JW307 is due (SAP). */
    werkdagen: number;
    /** Severity 'hoog' from this many calendar days after the deadline. */
    ernstigNaDagen: number;
  };
  uitstroom: {
    /** Norm duration per intensity level, in months after the begindatum. */
    normMaanden: Record<IntensityLevel, number>;
    /** Norm for a product without intensity level (e.g. 50 maatwerk); null = no duration norm. */
    zonderNiveauMaanden: number | null;
    /** Norm for products with the crisis flag, in calendar days (takes precedence over the level norm). */
    crisisNormDagen: number;
    /** Alert when aantalVerlengingen is GREATER than this. */
    maxVerlengingen: number;
  };
  escalatie: {
    /** Trajectories that ended at most this many days before the new one still count as the child's baseline. */
    terugkijkDagen: number;
    /** A crisis toewijzing/start is always an escalation. */
    crisis: boolean;
  };
  doorplaatsing: {
    /** The next residential trajectory starts at most this many days after the previous one ended. */
    binnenDagen: number;
    /** …or at most this many days BEFORE it ended (overlapping hand-over). */
    overlapDagen: number;
    /** Window for counting repeated doorplaatsingen. */
    herhaalMaanden: number;
    /** From this many doorplaatsingen in the window (this one included) severity is 'hoog'; one more → 'kritiek'. */
    herhaalAantal: number;
    /** Count crisis placements (crisis flag) as residential trajectories. */
    inclusiefCrisis: boolean;
  };
  overgang18: {
    /** Warn this many months before the end of verlengde jeugdhulp: the 21 (pleegzorg/gezinshuis) and 23 limits and a decided totDatum. */
    waarschuwingMaanden: number;
    /** Productcategorieën that do not count as care for this rule. */
    uitgeslotenCategorieen: string[];
    /**
     * A new toewijzing after 18 is allowed when jeugdhulp that began before 18 ended at most this many months before
     * (Jeugdwet art. 1.1 jeugdige 3° and 4°: "binnen een termijn van een half jaar").
     */
    hervattingBinnenMaanden: number;
  };
  herinstroom: {
    /** A new toewijzing at most this many months after the last end. */
    binnenMaanden: number;
    /** At least this many care-free calendar days between the end and the new ingangsdatum (0 = seamless also counts). */
    minimaleOnderbrekingDagen: number;
  };
  stapeling: {
    /** Number of simultaneously active trajectories from which STAPELING fires. */
    drempel: number;
    /** Productcategorieën not counted. */
    uitgeslotenCategorieen: string[];
    /** Count trajectories with the gedwongenKader flag (47/48/49). */
    telGedwongenKader: boolean;
  };
  berichtAfwijking: {
    /**
     * Calendar days after the receipt of the start/stop before BERICHT_AFWIJKING fires (0 = at once): room for a
     * correcting JW301 that is on its way (messages of different senders arrive in any order).
     */
    graceDagen: number;
    /** Tolerated days for the date deviations (e.g. 2: a start up to 2 days before the ingangsdatum is not signalled). */
    toleratieDagen: number;
    /** Severity per kind of deviation; null = not signalled. */
    ernst: Record<AfwijkingSoort, Severity | null>;
  };
  verzoekOnbeantwoord: {
    /** Working days after receipt of a JW315/JW317 within which the gemeente answers it (a JW319 or a JW301). */
    antwoordWerkdagen: number;
    /** After a JW319 "aanvraag in onderzoek": weeks after the verzoek's dagtekening to decide it (JW301 or JW319 afgewezen). */
    besluitWeken: number;
    /** Severity 'hoog' from this many working days after the answer's term. */
    ernstigNaWerkdagen: number;
  };
  werkdagen: WorkingDayOptions;
  /**
   * Event rules (ESCALATIE, DOORPLAATSING, HERINSTROOM) only PROPOSE alerts for events whose effectiveAt is at most this
   * many days before `now` (null = no limit). It does not affect auto-resolve (see rules/index.ts).
   */
  gebeurtenisHorizonDagen: number | null;
  /** Hours within which an alert of each severity must be acknowledged before needsEscalation says so (null = never). */
  bevestigenBinnenUren: Record<Severity, number | null>;
  /** Origin of every default, keyed by path ('wachttijd.normDagen'). Informational; ignored by the rules. */
  sources: Record<string, string>;
}

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type SignalConfigPatch = DeepPartial<Omit<SignalConfig, 'sources'>>;

export interface SignalOverrides {
  regio?: SignalConfigPatch;
  /** Keyed by CBS gemeentecode (4 digits). */
  gemeente?: Record<string, SignalConfigPatch>;
  /** Keyed by intensity level; applied last. */
  intensity?: Partial<Record<IntensityLevel, SignalConfigPatch>>;
  /** The region's extension of what happens at 18 per product (merged over DEFAULT_OVERGANG18_MAPPING of @trajectwacht/trajectory). */
  producten18?: RegionalOvergang18Mapping;
}

const SEEDS = 'shared/seeds';
const DOMAIN = 'shared/domain/README.md';

export const DEFAULT_SIGNAL_CONFIG: SignalConfig = {
  wachttijd: { normDagen: 28, crisisNormDagen: 2, perCategorie: {}, ernstigFactor: 2 },
  startZonderToewijzing: { graceDagen: 3 },
  stopOntbreekt: { werkdagen: 5, ernstigNaDagen: 30 },
  uitstroom: {
    normMaanden: {
      licht_ambulant: 9,
      specialistisch_ambulant: 12,
      dagbehandeling: 12,
      pleegzorg_gezinshuis: 24,
      residentieel: 12,
      gesloten: 6,
    },
    zonderNiveauMaanden: 12,
    crisisNormDagen: 28,
    maxVerlengingen: 2,
  },
  escalatie: { terugkijkDagen: 90, crisis: true },
  doorplaatsing: { binnenDagen: 30, overlapDagen: 7, herhaalMaanden: 12, herhaalAantal: 2, inclusiefCrisis: false },
  overgang18: { waarschuwingMaanden: 6, uitgeslotenCategorieen: ['42'], hervattingBinnenMaanden: 6 },
  herinstroom: { binnenMaanden: 6, minimaleOnderbrekingDagen: 1 },
  stapeling: { drempel: 3, uitgeslotenCategorieen: ['42'], telGedwongenKader: false },
  berichtAfwijking: {
    graceDagen: 3,
    toleratieDagen: 0,
    ernst: {
      begindatumVoorIngangsdatum: 'midden',
      begindatumNaEinddatum: 'hoog',
      einddatumNaEinddatum: 'midden',
      productAnders: 'hoog',
      toewijzingIngangsdatumAnders: 'laag',
    },
  },
  verzoekOnbeantwoord: { antwoordWerkdagen: 5, besluitWeken: 8, ernstigNaWerkdagen: 5 },
  werkdagen: { ...DEFAULT_WORKING_DAY_OPTIONS, extraVrijeDagen: [] },
  gebeurtenisHorizonDagen: 365,
  bevestigenBinnenUren: { kritiek: 24, hoog: 72, midden: 168, laag: 336, info: null },
  sources: {
    'wachttijd.normDagen': `${DOMAIN} signals table: "default 28, per category configurable".`,
    'wachttijd.crisisNormDagen':
      `Platform default. Crisis care must start at once (${SEEDS}/flevoland-regiovisie-samen-en-dichtbij.txt: ` +
      `"Crisisverblijf moet altijd toegankelijk zijn in acuut onveilige situaties"); 2 days leaves room for a weekend.`,
    'wachttijd.perCategorie':
      'Platform default: empty; a region sets norms per productcategorie (domain README: "per category configurable").',
    'wachttijd.ernstigFactor': 'Platform default: severity hoog once the wait is twice the norm.',
    'startZonderToewijzing.graceDagen':
      `Platform default (3 days) for out-of-order arrival (${DOMAIN}: "after a grace period ` +
      `for out-of-order arrival"; messages "can arrive late, twice, or out of order").`,
    'stopOntbreekt.werkdagen':
      `${DOMAIN}: JW307 "Due within 5 working days" ` + `(Standaard Administratie Protocol, legal obligation since 2021).`,
    'stopOntbreekt.ernstigNaDagen': 'Platform default: severity hoog 30 days after the deadline.',
    'uitstroom.normMaanden.licht_ambulant':
      'Platform default (9 months): lighter care is expected to end sooner than ' +
      'the 12-month ambulant norm ("lichter waar het kan", flevoland-regiovisie).',
    'uitstroom.normMaanden.specialistisch_ambulant':
      `${DOMAIN}: "e.g. ambulant 12 months"; ${SEEDS}/abj-verschillen-uitstroom-4-gemeenten-2022.txt tracks the ` +
      `share of trajectories without verblijf lasting "een jaar of langer" (outflow lags in this category, AEF 2020).`,
    'uitstroom.normMaanden.dagbehandeling':
      'Platform default (12 months), the one-year reference of the abj research for all jeugdhulp trajectories.',
    'uitstroom.normMaanden.pleegzorg_gezinshuis':
      'Platform default (24 months): pleegzorg/gezinshuis is long-term by ' +
      'design; abj reports durations in classes "1-2 jaar" and "2 jaar of langer".',
    'uitstroom.normMaanden.residentieel':
      `Platform default (12 months): residential stay aims at "een zo snel mogelijke terugkeer naar de ` +
      `thuissituatie" (${SEEDS}/almere-raadsrapportage-jeugdzorg-2023-q1q2.txt), one-year reference of abj.`,
    'uitstroom.normMaanden.gesloten':
      `Platform default (6 months), in line with the usual maximum term of a machtiging gesloten jeugdhulp and the ` +
      `aim of "0 gesloten plaatsingen" (${SEEDS}/gooi-en-vechtstreek-voortgang-verblijf-2023.txt). Verify regionally.`,
    'uitstroom.zonderNiveauMaanden':
      'Platform default (12 months) for products without a level (maatwerk, landelijk ingekocht); null disables.',
    'uitstroom.crisisNormDagen': `${DOMAIN}: "crisis 4 weeks"; flevoland-regiovisie: "Jeugdigen verblijven nu te lang in crisisverblijf".`,
    'uitstroom.maxVerlengingen': `Platform default (2); ${DOMAIN}: "or was extended more than N times".`,
    'escalatie.terugkijkDagen': 'Platform default (90 days): care that ended shortly before still defines the baseline level.',
    'escalatie.crisis': `${DOMAIN}: "or a crisis start"; gooi-en-vechtstreek: "Crisis leiden vaak tot uithuisplaatsing".`,
    'doorplaatsing.binnenDagen': `${DOMAIN}: "another residential one starts at a different provider within 30 days".`,
    'doorplaatsing.overlapDagen':
      'Platform default (7 days): a hand-over where the new placement starts a few days before the old one is stopped.',
    'doorplaatsing.herhaalMaanden':
      `Platform default (12 months); gooi-en-vechtstreek: "Jeugdigen ` +
      `blijven doorgeplaatst worden terwijl wij weten dat dit schadelijk is".`,
    'doorplaatsing.herhaalAantal': 'Platform default (2 in 12 months → hoog, 3 → kritiek).',
    'doorplaatsing.inclusiefCrisis':
      'Platform default (false): moving on from crisis opvang to a foster ' +
      'family is the desired flow (flevoland-regiovisie), not a re-placement.',
    'overgang18.waarschuwingMaanden':
      `Issue 15: six months before the end of verlengde jeugdhulp (the 21/23 limits of ` +
      `${DOMAIN} "18-/18+", or the decided totDatum), the same lead time as 17½ before 18.`,
    'overgang18.hervattingBinnenMaanden':
      'Jeugdwet art. 1.1 jeugdige 3° and 4° (../shared/ijw-3.2/wetgeving/Jeugdwet.md): resumption after ' +
      '18 of jeugdhulp that began before 18 only "binnen een termijn van een half jaar na beëindiging".',
    'overgang18.uitgeslotenCategorieen': 'Platform default: 42 vervoerdiensten only supports other care.',
    'herinstroom.binnenMaanden':
      `${DOMAIN}: "a new toewijzing within 6 months after a trajectory ended"; ` + `indicators "herinstroom within 6/12 months".`,
    'herinstroom.minimaleOnderbrekingDagen':
      'Platform default (1): a toewijzing starting the day after the previous einddatum is a seamless continuation, not a re-entry.',
    'stapeling.drempel': `${DOMAIN}: "three or more trajectories active at the same time"; abj: "stapeling van zorg".`,
    'stapeling.uitgeslotenCategorieen': 'Platform default: 42 vervoerdiensten is not care of its own.',
    'stapeling.telGedwongenKader':
      `Platform default (false): ` + `47/48/49 are "a legal frame (gedwongen kader), not an intensity level" (${DOMAIN}).`,
    'berichtAfwijking.graceDagen':
      'Platform default (3 days, as startZonderToewijzing.graceDagen): before iJw 3.2 ingest held such a start/stop for ' +
      'a correcting JW301 and then refused it; now it is accepted (docs/messages.md) and signalled after the same wait.',
    'berichtAfwijking.toleratieDagen': 'Platform default (0): every deviation of a date is signalled; a region may tolerate a few days.',
    'berichtAfwijking.ernst':
      'Platform default: care outside the toewijzing (start after its einddatum) or for another product (hoog) ' +
      'may not be paid for; a start before the ingangsdatum or a stop after the einddatum (midden) needs a correction ' +
      'of the toewijzing or the message; a ToewijzingIngangsdatum of another version (laag) is administrative.',
    'verzoekOnbeantwoord.antwoordWerkdagen':
      'iJw 3.2 procesbeschrijving §2.5.3 ("Aansluitend aan het Verzoek om toewijzing stuurt de gemeente altijd binnen 5 ' +
      'werkdagen ofwel een toewijzingsbericht ofwel een of meerdere antwoordberichten"), §3.3.1 and OP346 for the verzoek ' +
      'om wijziging; FAQ iWmo/iJw 3.2 "reactietermijnen" (301/319: 5 werkdagen). Counted from receipt.',
    'verzoekOnbeantwoord.besluitWeken':
      'OP346 and FAQ iWmo/iJw 3.2 "reactietermijnen": after "aanvraag in onderzoek" a JW301 or a JW319 "verzoek afgewezen" ' +
      'follows "uiterlijk binnen 8 weken na dagtekening van het verzoek" (TR360/TR365: in onderzoek is answered once).',
    'verzoekOnbeantwoord.ernstigNaWerkdagen':
      'Platform default (assumption, no source): 5 more working days (a week) past the term raise the severity to hoog.',
    'werkdagen.goedeVrijdag':
      'Algemene termijnenwet art. 3 lid 2 equates Goede Vrijdag with a feestdag for terms; lenient for the provider.',
    'werkdagen.bevrijdingsdag': 'Algemene termijnenwet art. 3 lists 5 mei every year (many CAOs: day off only every 5 years → "lustrum").',
    'werkdagen.extraVrijeDagen': 'Empty; add bridge days equated with feestdagen by Royal Decree if needed.',
    gebeurtenisHorizonDagen: 'Platform default (365): avoids flooding alerts for old history when a child is first loaded.',
    bevestigenBinnenUren: 'Platform default acknowledgement times: kritiek 24h, hoog 72h, midden 1 week, laag 2 weeks, info never.',
  },
};

// --- merging ------------------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(patch) || !isPlainObject(base)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? deepMerge(out[k], v) : v;
  }
  return out as T;
}

/** Applies one patch (deep partial) to a config; inputs are not modified. */
export function applyPatch(base: SignalConfig, patch: SignalConfigPatch | undefined): SignalConfig {
  return patch === undefined ? base : deepMerge(base, patch);
}

/**
 * The effective config for one gemeente and intensity level: base → regio → gemeente[gemeente] → intensity[level].
 * `level` null skips the intensity layer.
 */
export function resolveConfig(
  base: SignalConfig,
  overrides: SignalOverrides | undefined,
  gemeente: string | null,
  level: IntensityLevel | null,
): SignalConfig {
  if (!overrides) return base;
  let cfg = applyPatch(base, overrides.regio);
  if (gemeente !== null) cfg = applyPatch(cfg, overrides.gemeente?.[gemeente]);
  if (level !== null) cfg = applyPatch(cfg, overrides.intensity?.[level]);
  return cfg;
}

// --- validation ---------------------------------------------------------------------------------------------------

type Check = (value: unknown, path: string, errors: string[]) => void;

const nonNegInt: Check = (v, p, e) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) e.push(`${p}: must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
};
const posInt: Check = (v, p, e) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) e.push(`${p}: must be a whole number ≥ 1, got ${JSON.stringify(v)}`);
};
const posNumber: Check = (v, p, e) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) e.push(`${p}: must be a number > 0, got ${JSON.stringify(v)}`);
};
const bool: Check = (v, p, e) => {
  if (typeof v !== 'boolean') e.push(`${p}: must be true or false, got ${JSON.stringify(v)}`);
};
const nullable =
  (c: Check): Check =>
  (v, p, e) => {
    if (v !== null) c(v, p, e);
  };
const oneOf =
  (values: readonly string[]): Check =>
  (v, p, e) => {
    if (typeof v !== 'string' || !values.includes(v)) e.push(`${p}: must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
  };
const CATEGORIE = /^\d{2}$/;
const GEMEENTE = /^\d{4}$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const categorieList: Check = (v, p, e) => {
  if (!Array.isArray(v)) return void e.push(`${p}: must be a list of productcategorieën`);
  v.forEach((c, i) => {
    if (typeof c !== 'string' || !CATEGORIE.test(c)) e.push(`${p}[${i}]: productcategorie must be 2 digits, got ${JSON.stringify(c)}`);
  });
};
const dateList: Check = (v, p, e) => {
  if (!Array.isArray(v)) return void e.push(`${p}: must be a list of ISO dates`);
  v.forEach((d, i) => {
    if (typeof d !== 'string' || !ISO.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
      e.push(`${p}[${i}]: must be an ISO date YYYY-MM-DD, got ${JSON.stringify(d)}`);
  });
};
const record =
  (keyOk: (k: string) => string | null, value: Check, required: readonly string[] | null): Check =>
  (v, p, e) => {
    if (!isPlainObject(v)) return void e.push(`${p}: must be an object`);
    for (const [k, x] of Object.entries(v)) {
      const problem = keyOk(k);
      if (problem) e.push(`${p}.${k}: ${problem}`);
      else value(x, `${p}.${k}`, e);
    }
    if (required) for (const k of required) if (!(k in v)) e.push(`${p}.${k}: missing`);
  };

const levelKey = (k: string): string | null =>
  isIntensityLevel(k) ? null : `unknown intensity level "${k}" (use one of ${INTENSITY_LADDER.join(', ')})`;
const categorieKey = (k: string): string | null => (CATEGORIE.test(k) ? null : `productcategorie "${k}" must be 2 digits`);
const afwijkingKey = (k: string): string | null =>
  (AFWIJKING_SOORTEN as readonly string[]).includes(k) ? null : `unknown afwijking "${k}" (use one of ${AFWIJKING_SOORTEN.join(', ')})`;
const severityKey = (k: string): string | null =>
  (SEVERITIES as readonly string[]).includes(k) ? null : `unknown severity "${k}" (use one of ${SEVERITIES.join(', ')})`;

type Schema = Record<string, Check | Record<string, Check>>;

function schema(partial: boolean): Schema {
  return {
    wachttijd: {
      normDagen: nonNegInt,
      crisisNormDagen: nonNegInt,
      perCategorie: record(categorieKey, nonNegInt, null),
      ernstigFactor: posNumber,
    },
    startZonderToewijzing: { graceDagen: nonNegInt },
    stopOntbreekt: { werkdagen: nonNegInt, ernstigNaDagen: nonNegInt },
    uitstroom: {
      normMaanden: record(levelKey, posInt, partial ? null : INTENSITY_LADDER),
      zonderNiveauMaanden: nullable(posInt),
      crisisNormDagen: posInt,
      maxVerlengingen: nonNegInt,
    },
    escalatie: { terugkijkDagen: nonNegInt, crisis: bool },
    doorplaatsing: {
      binnenDagen: nonNegInt,
      overlapDagen: nonNegInt,
      herhaalMaanden: posInt,
      herhaalAantal: posInt,
      inclusiefCrisis: bool,
    },
    overgang18: { waarschuwingMaanden: nonNegInt, uitgeslotenCategorieen: categorieList, hervattingBinnenMaanden: posInt },
    herinstroom: { binnenMaanden: posInt, minimaleOnderbrekingDagen: nonNegInt },
    stapeling: { drempel: posInt, uitgeslotenCategorieen: categorieList, telGedwongenKader: bool },
    berichtAfwijking: {
      graceDagen: nonNegInt,
      toleratieDagen: nonNegInt,
      ernst: record(afwijkingKey, nullable(oneOf(SEVERITIES)), partial ? null : AFWIJKING_SOORTEN),
    },
    verzoekOnbeantwoord: { antwoordWerkdagen: posInt, besluitWeken: posInt, ernstigNaWerkdagen: nonNegInt },
    werkdagen: { goedeVrijdag: bool, bevrijdingsdag: oneOf(['altijd', 'lustrum', 'nooit']), extraVrijeDagen: dateList },
    gebeurtenisHorizonDagen: nullable(nonNegInt),
    bevestigenBinnenUren: record(severityKey, nullable(posNumber), partial ? null : SEVERITIES),
  };
}

function checkAgainst(value: unknown, path: string, s: Schema, partial: boolean, errors: string[]): void {
  if (!isPlainObject(value)) return void errors.push(`${path || 'config'}: must be an object`);
  const prefix = path ? `${path}.` : '';
  for (const key of Object.keys(value)) {
    if (key === 'sources' && path === '') continue;
    if (!(key in s)) errors.push(`${prefix}${key}: unknown setting`);
  }
  for (const [key, check] of Object.entries(s)) {
    const v = value[key];
    if (v === undefined) {
      if (!partial) errors.push(`${prefix}${key}: missing`);
      continue;
    }
    if (typeof check === 'function') check(v, `${prefix}${key}`, errors);
    else checkAgainst(v, `${prefix}${key}`, check, partial, errors);
  }
}

/** Checks a complete SignalConfig read from configuration; returns readable problems (empty = valid). */
export function validateSignalConfig(value: unknown): string[] {
  const errors: string[] = [];
  checkAgainst(value, '', schema(false), false, errors);
  if (isPlainObject(value) && value.sources !== undefined && !isPlainObject(value.sources)) errors.push('sources: must be an object');
  if (errors.length === 0) {
    const cfg = value as unknown as SignalConfig;
    if (cfg.doorplaatsing.herhaalAantal < 2)
      errors.push('doorplaatsing.herhaalAantal: must be ≥ 2 (1 would make every doorplaatsing a repeat)');
  }
  return errors;
}

/** Checks an overrides object ({ regio?, gemeente?: {code: patch}, intensity?: {level: patch} }). */
export function validateSignalOverrides(value: unknown): string[] {
  const errors: string[] = [];
  if (!isPlainObject(value)) return ['overrides: must be an object'];
  for (const key of Object.keys(value))
    if (!['regio', 'gemeente', 'intensity', 'producten18'].includes(key))
      errors.push(`${key}: unknown override layer (use regio, gemeente, intensity or producten18)`);
  if (value.producten18 !== undefined) for (const p of validateOvergang18Mapping(value.producten18, true)) errors.push(`producten18.${p}`);
  const s = schema(true);
  if (value.regio !== undefined) checkAgainst(value.regio, 'regio', s, true, errors);
  if (value.gemeente !== undefined) {
    if (!isPlainObject(value.gemeente)) errors.push('gemeente: must be an object keyed by gemeentecode');
    else
      for (const [code, patch] of Object.entries(value.gemeente)) {
        if (!GEMEENTE.test(code)) errors.push(`gemeente.${code}: gemeentecode must be 4 digits`);
        checkAgainst(patch, `gemeente.${code}`, s, true, errors);
      }
  }
  if (value.intensity !== undefined) {
    if (!isPlainObject(value.intensity)) errors.push('intensity: must be an object keyed by intensity level');
    else
      for (const [level, patch] of Object.entries(value.intensity)) {
        const problem = levelKey(level);
        if (problem) errors.push(`intensity.${level}: ${problem}`);
        checkAgainst(patch, `intensity.${level}`, s, true, errors);
      }
  }
  return errors;
}
