/**
 * Every calibrated parameter of the simulator as data, each with its value AND its source: a seed document in
 * /work/shared/seeds (file + the figure used), the domain brief (docs of the platform), or "platform assumption"
 * when no source gives the figure. docs/simulator.md renders this table; tests check the emergent figures
 * (share in care, verblijf share, volgens plan, waiting time) against the targets below.
 */
import type { IntensityLevel } from '@trajectwacht/ijw';

/** A value with where it comes from. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** Simulation levels: the platform's intensity ladder, with pleegzorg/gezinshuis and crisis split out. */
export type SimLevel =
  | 'licht_ambulant'
  | 'specialistisch_ambulant'
  | 'dagbehandeling'
  | 'pleegzorg'
  | 'gezinshuis'
  | 'residentieel'
  | 'gesloten'
  | 'crisis_ambulant'
  | 'crisis_verblijf';

export const SIM_LEVELS: readonly SimLevel[] = [
  'licht_ambulant',
  'specialistisch_ambulant',
  'dagbehandeling',
  'pleegzorg',
  'gezinshuis',
  'residentieel',
  'gesloten',
  'crisis_ambulant',
  'crisis_verblijf',
];

export interface ProductDef {
  categorie: string;
  code: string;
  omschrijving: string;
  /** Relative weight among the products of the level. */
  weight: number;
}

export interface LevelDef {
  /** Level on the platform's intensity ladder (libs/ijw codelists INTENSITY_LADDER). */
  ladder: IntensityLevel;
  /** 0 = lightest … 5 = gesloten (crisis levels get the rank of their ladder level). */
  rank: number;
  verblijf: boolean;
  crisis: boolean;
  /** Wait group for the waiting-time distribution. */
  wachtgroep: 'ambulant' | 'verblijf' | 'crisis';
  /**
   * Products, consistent with libs/trajectory/src/intensity-mapping.json (the platform's default product-code
   * overrides: 43A01..46A02 are EXAMPLE codes there; 41A01 and 54A01 fall back to their category default).
   */
  products: readonly ProductDef[];
  omvang: { volume: readonly [number, number]; eenheid: string; frequentie: string };
}

export const LEVELS: Readonly<Record<SimLevel, LevelDef>> = {
  licht_ambulant: {
    ladder: 'licht_ambulant',
    rank: 0,
    verblijf: false,
    crisis: false,
    wachtgroep: 'ambulant',
    products: [{ categorie: '45', code: '45A01', omschrijving: 'ambulante begeleiding (licht)', weight: 1 }],
    omvang: { volume: [1, 4], eenheid: '04', frequentie: '2' },
  },
  specialistisch_ambulant: {
    ladder: 'specialistisch_ambulant',
    rank: 1,
    verblijf: false,
    crisis: false,
    wachtgroep: 'ambulant',
    products: [
      { categorie: '45', code: '45A02', omschrijving: 'specialistische ambulante jeugdhulp', weight: 0.55 },
      { categorie: '54', code: '54A01', omschrijving: 'jeugd-ggz behandeling', weight: 0.45 },
    ],
    omvang: { volume: [2, 6], eenheid: '04', frequentie: '2' },
  },
  dagbehandeling: {
    ladder: 'dagbehandeling',
    rank: 2,
    verblijf: false,
    crisis: false,
    wachtgroep: 'ambulant',
    products: [{ categorie: '41', code: '41A01', omschrijving: 'dagbehandeling', weight: 1 }],
    omvang: { volume: [2, 5], eenheid: '16', frequentie: '2' },
  },
  pleegzorg: {
    ladder: 'pleegzorg_gezinshuis',
    rank: 3,
    verblijf: true,
    crisis: false,
    wachtgroep: 'verblijf',
    products: [
      { categorie: '44', code: '44A01', omschrijving: 'pleegzorg (bestandspleegzorg)', weight: 0.55 },
      { categorie: '44', code: '44A02', omschrijving: 'netwerkpleegzorg', weight: 0.45 },
    ],
    omvang: { volume: [7, 7], eenheid: '14', frequentie: '2' },
  },
  gezinshuis: {
    ladder: 'pleegzorg_gezinshuis',
    rank: 3,
    verblijf: true,
    crisis: false,
    wachtgroep: 'verblijf',
    products: [
      { categorie: '43', code: '43A01', omschrijving: 'gezinshuis (incl. behandeling)', weight: 0.5 },
      { categorie: '44', code: '44A03', omschrijving: 'gezinshuis (excl. behandeling)', weight: 0.5 },
    ],
    omvang: { volume: [7, 7], eenheid: '14', frequentie: '2' },
  },
  residentieel: {
    ladder: 'residentieel',
    rank: 4,
    verblijf: true,
    crisis: false,
    wachtgroep: 'verblijf',
    products: [
      { categorie: '43', code: '43A02', omschrijving: '24-uurs verblijf behandelgroep', weight: 0.6 },
      { categorie: '44', code: '44A04', omschrijving: '24-uurs verblijf leefgroep', weight: 0.3 },
      { categorie: '43', code: '43A03', omschrijving: 'driemilieuvoorziening', weight: 0.1 },
    ],
    omvang: { volume: [7, 7], eenheid: '14', frequentie: '2' },
  },
  gesloten: {
    ladder: 'gesloten',
    rank: 5,
    verblijf: true,
    crisis: false,
    wachtgroep: 'verblijf',
    products: [{ categorie: '43', code: '43A04', omschrijving: 'JeugdzorgPlus (gesloten)', weight: 1 }],
    omvang: { volume: [7, 7], eenheid: '14', frequentie: '2' },
  },
  crisis_ambulant: {
    ladder: 'specialistisch_ambulant',
    rank: 1,
    verblijf: false,
    crisis: true,
    wachtgroep: 'crisis',
    products: [{ categorie: '46', code: '46A01', omschrijving: 'ambulante crisisinterventie', weight: 1 }],
    omvang: { volume: [10, 30], eenheid: '04', frequentie: '6' },
  },
  crisis_verblijf: {
    ladder: 'residentieel',
    rank: 4,
    verblijf: true,
    crisis: true,
    wachtgroep: 'crisis',
    products: [{ categorie: '46', code: '46A02', omschrijving: 'crisisopvang met verblijf', weight: 1 }],
    omvang: { volume: [7, 7], eenheid: '14', frequentie: '2' },
  },
};

export interface DurationSpec {
  /** Median in days. */
  median: number;
  /** 90th percentile in days. */
  p90: number;
}

export interface Calibration {
  shareInCare: Sourced<number>;
  levelMix: Sourced<Record<SimLevel, number>>;
  verblijfShareTarget: Sourced<number>;
  duration: Sourced<Record<SimLevel, DurationSpec>>;
  wachttijd: Sourced<Record<'ambulant' | 'verblijf' | 'crisis', DurationSpec>>;
  geldigheidToewijzing: Sourced<Record<SimLevel, number>>;
  escalatie: Sourced<Record<SimLevel, number>>;
  crisisNaarUithuisplaatsing: Sourced<number>;
  doorplaatsing: Sourced<number>;
  afschalenNaVerblijf: Sourced<number>;
  herinstroom12m: Sourced<number>;
  herinstroomBinnen6mAandeel: Sourced<number>;
  verlengdeJeugdhulp: Sourced<number>;
  pleegzorgTot21: Sourced<number>;
  einde18Reden39: Sourced<number>;
  leeftijdBijInstroom: Sourced<string>;
  nooitGestart: Sourced<number>;
  intrekkingNooitGestart: Sourced<number>;
  slordigeAanbieders: Sourced<number>;
  stopVergetenSlordig: Sourced<number>;
  stopVergetenOverig: Sourced<number>;
  teLaatVerzonden: Sourced<number>;
  correctie: Sourced<number>;
  verkortingNaVoortijdig: Sourced<number>;
  parallelAmbulant: Sourced<number>;
  redenBeeindiging: Sourced<Record<string, number>>;
  volgensPlanTarget: Sourced<number>;
  verwijzer: Sourced<Record<string, number>>;
  ingangsdatumTerugwerkend: Sourced<number>;
  samenToegewezen: Sourced<number>;
  toewijzingZelfdeDag: Sourced<number>;
  startCorrectie: Sourced<number>;
  // the request side (issue 17; SimulateOptions.verzoeken)
  verzoekRoute: Sourced<Record<string, number>>;
  votAntwoord: Sourced<VerzoekAntwoordMix>;
  votVooraf: Sourced<{ woonplaatsbeginsel: number; afgewezenElders: number; onbeantwoordElders: number }>;
  redenAfwijzing: Sourced<Record<string, number>>;
  vowVoorVerlenging: Sourced<number>;
  vowAfgewezen: Sourced<number>;
  vowOnbeantwoord: Sourced<number>;
}

/** How the gemeente answers a verzoek it honours (the rest of the shares: direct, within the term). */
export interface VerzoekAntwoordMix {
  /** JW319 "aanvraag in onderzoek" (WJ760 2) within the term, the JW301 later (within 8 weeks). */
  onderzoek: number;
  /** No answer within the term: the JW301 comes 6–25 working days after the verzoek. */
  laat: number;
}

const ASSUMPTION = 'platform assumption';
const ALMERE = 'almere-raadsrapportage-jeugdzorg-2023-q1q2.txt';
const ABJ = 'abj-verschillen-uitstroom-4-gemeenten-2022.txt';
const FLEVO = 'flevoland-regiovisie-samen-en-dichtbij.txt';
const GV = 'gooi-en-vechtstreek-voortgang-verblijf-2023.txt';

export const DEFAULT_CALIBRATION: Calibration = {
  shareInCare: {
    value: 0.132,
    source:
      `${ALMERE}: "landelijke gemiddelde van 13,2%" of youths under 18 with jeugdhulp in 2022 (Almere ` +
      `13%; domain README). Unique children with a started trajectory in a calendar year / youths 0–17.`,
  },
  levelMix: {
    value: {
      licht_ambulant: 0.415,
      specialistisch_ambulant: 0.37,
      dagbehandeling: 0.07,
      crisis_ambulant: 0.03,
      pleegzorg: 0.011,
      gezinshuis: 0.004,
      residentieel: 0.008,
      gesloten: 0.001,
      crisis_verblijf: 0.006,
    },
    source:
      `Mix of NEW toewijzingen (before escalations/doorplaatsingen/afschalen add their own). Ambulant ` +
      `majority and verblijf share from ${FLEVO} (verblijf 8.9% of trajectories Flevoland 2020, NL 8.7%); ` +
      `split within verblijf after ${GV} 2022 clients: pleegzorg 184, 24-uurs 90, gezinshuizen 49, gesloten ` +
      `13, driemilieu 10, kortdurend verblijf 135 (crisis/time-out). Split within ambulant: ${ASSUMPTION}.`,
  },
  verblijfShareTarget: {
    value: 0.088,
    source:
      `${FLEVO}: "Jeugdhulp met verblijf in percentage totaal jeugdzorgtrajecten" 2020 Flevoland ` +
      `8,9 / Nederland 8,7 (domain README: 8.7% nationally). Share of started trajectories ` +
      `with a verblijf product (pleegzorg, gezinshuis, residentieel, gesloten, crisisopvang).`,
  },
  duration: {
    value: {
      licht_ambulant: { median: 180, p90: 450 },
      specialistisch_ambulant: { median: 240, p90: 620 },
      dagbehandeling: { median: 270, p90: 650 },
      pleegzorg: { median: 540, p90: 1800 },
      gezinshuis: { median: 420, p90: 1200 },
      residentieel: { median: 240, p90: 720 },
      gesloten: { median: 150, p90: 330 },
      crisis_ambulant: { median: 21, p90: 56 },
      crisis_verblijf: { median: 28, p90: 90 },
    },
    source:
      `Lognormal per level (days). Ambulant: ${ALMERE} GezinsFACT "gemiddelde trajectduur is 39 weken", Team ` +
      `Gezinsbegeleiding "gemiddelde duur … 14 maanden"; ${ABJ}: growing share of trajectories of 1 year or longer, ` +
      `municipal differences ~150 days. Crisis: domain README norm "crisis 4 weeks" and ${FLEVO} "Jeugdigen verblijven ` +
      `nu te lang in crisisverblijf" (long tail). Pleegzorg long (runs to 21). Exact medians/p90: ${ASSUMPTION}.`,
  },
  wachttijd: {
    value: {
      ambulant: { median: 21, p90: 84 },
      verblijf: { median: 14, p90: 60 },
      crisis: { median: 0.5, p90: 2 },
    },
    source:
      `Toewijzing ingangsdatum → JW305 begindatum (days, lognormal). ${ALMERE}: JGZ intake "2 tot 5 weken" (H1 2022) rising ` +
      `to "2 tot 4 maanden" (2023), dyslexie "5 weken tot 12 weken" (2022), "De wachttijden bij alle ketenpartners zijn lang: ` +
      `gemiddeld enkele weken tot een jaar". Median 3 weeks / p90 12 weeks for ambulant; verblijf and crisis: ${ASSUMPTION}.`,
  },
  geldigheidToewijzing: {
    value: {
      licht_ambulant: 365,
      specialistisch_ambulant: 365,
      dagbehandeling: 365,
      pleegzorg: 730,
      gezinshuis: 730,
      residentieel: 365,
      gesloten: 180,
      crisis_ambulant: 28,
      crisis_verblijf: 28,
    },
    source:
      `Validity (ingangsdatum → einddatum) of a toewijzing, extended by a JW301 with redenWijziging 04 when care goes ` +
      `on. Crisis 4 weeks after the domain README norm; gesloten 6 months (length of a machtiging); others ${ASSUMPTION}.`,
  },
  escalatie: {
    value: {
      licht_ambulant: 0.08,
      specialistisch_ambulant: 0.07,
      dagbehandeling: 0.08,
      pleegzorg: 0.05,
      gezinshuis: 0.05,
      residentieel: 0.03,
      gesloten: 0,
      crisis_ambulant: 0,
      crisis_verblijf: 0,
    },
    source:
      `Probability that a started trajectory is followed (during care) by a toewijzing at a heavier ` +
      `level (ESCALATIE). ${ASSUMPTION}; "lichter waar mogelijk, zwaarder waar nodig" (${FLEVO}).`,
  },
  crisisNaarUithuisplaatsing: {
    value: 0.35,
    source: `${GV}: "Crisis leiden vaak tot uithuisplaatsing" (no figure); share ${ASSUMPTION}.`,
  },
  doorplaatsing: {
    value: 0.2,
    source:
      `Share of residential trajectories followed by residential care at another provider within 30 ` +
      `days (DOORPLAATSING). ${GV}: youths keep being re-placed ("doorplaatsen"); share ${ASSUMPTION}.`,
  },
  afschalenNaVerblijf: {
    value: 0.3,
    source:
      `Share of ended verblijf trajectories followed by ambulant aftercare ("snelle afschaling", ${FLEVO}; "Voor alle ` +
      `vormen van verblijf is de voorwaarde dat er altijd een koppeling met ambulante hulp is"); share ${ASSUMPTION}.`,
  },
  herinstroom12m: {
    value: 0.15,
    source:
      `Share of children who get a new toewijzing within 12 months after their care ended ` +
      `(HERINSTROOM). ${ASSUMPTION} (the seeds discuss herinstroom without a figure).`,
  },
  herinstroomBinnen6mAandeel: {
    value: 0.6,
    source: `Of the re-entries within 12 months, the share within 6 months. ${ASSUMPTION}.`,
  },
  verlengdeJeugdhulp: {
    value: 0.3,
    source:
      `Share of non-pleegzorg trajectories running past the 18th birthday that ` +
      `continue as verlengde jeugdhulp (to 23 at most; domain README). ${ASSUMPTION}.`,
  },
  pleegzorgTot21: {
    value: 0.7,
    source:
      `Share of pleegzorg/gezinshuis placements running past 18 that continue to 21 ` +
      `(domain README: "pleegzorg and gezinshuis run to 21 by default"). ${ASSUMPTION}.`,
  },
  einde18Reden39: {
    value: 0.3,
    source:
      `When care ends at 18: share with reden 39 (uitstroom naar ander domein, Wmo/Wlz) ` +
      `instead of 31 (JZ588: "ook bij beëindiging omdat de jeugdige 18 wordt"). ${ASSUMPTION}.`,
  },
  leeftijdBijInstroom: {
    value:
      'ambulant: 17.5 × mean of two uniforms (triangular, mode 8.75 y); verblijf: ' +
      '17.5 × U^¼ (skewed to teenagers); crisis: 17.5 × ∛U; gesloten: 12–17.5 y uniform',
    source:
      `${ABJ}: "De grootste groep uitstromers bij jeugdhulp met verblijf zijn 18 jarigen (30%)" and "jonge kinderen ` +
      `gemiddeld langer jeugdhulp"; shapes ${ASSUMPTION} (stats.ts reports the emergent share of verblijf outflow at 18).`,
  },
  nooitGestart: {
    value: 0.04,
    source:
      `Share of toewijzingen never started (no JW305; WACHTTIJD_GEEN_START). ${ALMERE}: waiting lists, ` +
      `"het niet kunnen plaatsten van kinderen … omdat daar wachtlijsten zijn"; share ${ASSUMPTION}.`,
  },
  intrekkingNooitGestart: {
    value: 0.3,
    source:
      `Of the never-started toewijzingen, the share the gemeente withdraws ` +
      `with redenWijziging 13 (JZ002 "Verwijderd"). ${ASSUMPTION}.`,
  },
  slordigeAanbieders: {
    value: 0.15,
    source:
      `Share of providers with poor stop-message discipline (STOP_ONTBREEKT). ${ABJ}: CBS had to close many ` +
      `trajectories itself because "Bij veel trajecten ontbreekt namelijk een einddatum"; share ${ASSUMPTION}.`,
  },
  stopVergetenSlordig: {
    value: 0.3,
    source: `Probability that a sloppy provider never sends the JW307. ${ASSUMPTION}.`,
  },
  stopVergetenOverig: {
    value: 0.02,
    source: `Probability that any other provider never sends the JW307. ${ASSUMPTION}.`,
  },
  teLaatVerzonden: {
    value: 0.12,
    source:
      `Share of JW305/JW307 sent later than 5 working days after the actual date (6–40 days). The ` +
      `SAP makes 5 working days the norm (domain README); ${ALMERE} reports the 5-day first-contact ` +
      `norm met in "ongeveer 75% van de gevallen" for the GI (a different norm); share ${ASSUMPTION}.`,
  },
  correctie: {
    value: 0.03,
    source: `Share of toewijzingen followed by an administrative correction (JW301, redenWijziging 14, JZ002). ${ASSUMPTION}.`,
  },
  verkortingNaVoortijdig: {
    value: 0.5,
    source:
      `Share of prematurely ended trajectories (JZ588 32–35) whose toewijzing ` +
      `the gemeente then shortens (JW301, redenWijziging 05). ${ASSUMPTION}.`,
  },
  parallelAmbulant: {
    value: 0.08,
    source:
      `Share of children getting a second, parallel ambulant toewijzing at the start (stapeling). ` +
      `${ALMERE}: "jeugdigen soms meer dan één verwijzing hebben"; share ${ASSUMPTION}.`,
  },
  redenBeeindiging: {
    value: { '31': 0.75, '32': 0.05, '33': 0.03, '34': 0.08, '35': 0.03, '36': 0.02, '37': 0.01, '38': 0.02, '39': 0.02 },
    source:
      `JZ588 mix for trajectories that end without an event (events force their own reason: escalation 34/37, doorplaatsing ` +
      `38/34, 18 years 31/39). ${ASSUMPTION}; codes from libs/ijw/src/codelists/reden-beeindiging.json (31 = volgens plan).`,
  },
  volgensPlanTarget: {
    value: 0.68,
    source:
      `Expected overall share of JW307 with reden 31, the emergent result of the mix above plus the event-driven reasons ` +
      `(${ASSUMPTION}; order of magnitude of the CBS Beleidsinformatie Jeugd "beëindigd volgens plan", not in the seeds).`,
  },
  verwijzer: {
    value: { '01': 0.45, '02': 0.3, '03': 0.04, '04': 0.08, '05': 0.11, '06': 0.01, '08': 0.01 },
    source:
      `Type verwijzer, COD327 (codelijsten/COD327_Code_verwijzer.md; the CBS Beleidsinformatie Jeugd §3.2 uses the same codes): ` +
      `01 gemeentelijke toegang (wijkteam/jeugdteam), 02 huisarts, 03 jeugdarts, 04 GI, 05 medisch specialist, 06 geen, 08 rechter/` +
      `OvJ/JJI. ${ALMERE} §3.2: "verschillende verwijsslijnen … de gemeentelijke toegang, (huis)artsen, POH jeugd GGZ en ` +
      `gecertificeerde instellingen (GI's). Daarnaast hebben medisch specialisten een eigenstandig verwijlsrecht"; §3.3 shows ` +
      `referrals by type (chart not in the text; "toename van verwijzingen door de medisch specialist"); alblasserdam-aanjaagteam-` +
      `transformatie.txt: "Huisartsen, Stichting Jeugdteams en gecertificeerde instellingen hebben de mogelijkheid om jeugdige te ` +
      `verwijzen". Shares ${ASSUMPTION} (order of magnitude of CBS StatLine, not in the seeds); crisis: 01 70%, 04 30%.`,
  },
  ingangsdatumTerugwerkend: {
    value: 0.1,
    source:
      `Share of non-crisis toewijzingen whose ingangsdatum lies 1–14 days ` +
      `before the sending date (retroactive, e.g. after a JW315). ${ASSUMPTION}.`,
  },
  samenToegewezen: {
    value: 0.5,
    source:
      `Of the parallel ambulant toewijzingen (parallelAmbulant), the share the gemeente decides together with the ` +
      `first one, for the same aanbieder, in ONE JW301 with two ToegewezenProducten (berichten/JW301.xml of iJw 3.2 ` +
      `shows such a bericht); only when that aanbieder offers the level and the products differ (TR302). ${ASSUMPTION}.`,
  },
  toewijzingZelfdeDag: {
    value: 0.8,
    source:
      `Share of JW301 versions whose decision (Toewijzingsdatum + Toewijzingstijd, xsd/JW301.xsd) lies ` +
      `on the sending day, between 08:00 Dutch time and the sending time; the others were decided 1–3 ` +
      `working days before. Versions of one toewijzing always have increasing decision times. ${ASSUMPTION}.`,
  },
  startCorrectie: {
    value: 0.01,
    source:
      `Share of started trajectories whose first JW305 carries a wrong Begindatum (1–7 days too early) that the ` +
      `aanbieder corrects 1–10 working days later with one JW305 holding StatusAanlevering 3 for the wrong start and 1 ` +
      `for the right one (IV008, regels/invulinstructies/invulinstructie_IV008.md), before any stop. ${ASSUMPTION}.`,
  },
  verzoekRoute: {
    value: { '01': 0.1, '02': 1, '03': 1, '04': 1, '05': 1, '06': 0, '08': 1 },
    source:
      `Per verwijzer type: the share of toewijzingen the aanbieder first asks for with a JW315 (verzoek om toewijzing, the ` +
      `medical route). procesbeschrijving-ijw-3.2.md §2.4/§2.5: the aanbieder asks for a toewijzing when "het recht op ` +
      `jeugdhulp al vaststaat, zoals na verwijzing door een medisch specialist of vanuit het justitiële domein via een ` +
      `gecertificeerde instelling" (huisarts, jeugdarts, medisch specialist, GI, rechter: always); 01: only when the gemeente ` +
      `mandated the aanbieder to decide (CBS Beleidsinformatie Jeugd §3.2 (01), wetgeving/bijlage-2): 10% ${ASSUMPTION}; ` +
      `06 (no verwijzer, no title): never.`,
  },
  votAntwoord: {
    value: { onderzoek: 0.12, laat: 0.08 },
    source:
      `How the gemeente answers a verzoek it honours (JW315 and JW317), berichtstromen "VOT"/"VOW": "Direct toewijzen: JW315, ` +
      `JW301" (the rest, 80%: the JW301 within the term, 0–5 working days), "Toewijzen na onderzoek: JW315, JW319 (onderzoek), ` +
      `JW301" (the JW319 within 1–5 working days, the JW301 7–35 working days after the verzoek: OP346, 8 weeks), and late: no ` +
      `answer within the term of 5 working days (procesbeschrijving §2.5.3 "binnen 5 werkdagen ofwel een toewijzingsbericht ` +
      `ofwel een of meerdere antwoordberichten"), the JW301 after 6–25 working days. ${ALMERE}: "De wachttijden bij alle ` +
      `ketenpartners zijn lang". Shares ${ASSUMPTION}.`,
  },
  votVooraf: {
    value: { woonplaatsbeginsel: 0.02, afgewezenElders: 0.03, onbeantwoordElders: 0.01 },
    source:
      `Of the JW315 routes (not crisis), what comes before the honoured verzoek: a JW315 to another gemeente of the region that ` +
      `answers JW319 VerzoekAntwoord 1, RedenAfwijzingVerzoek 8 woonplaatsbeginsel with the right gemeente (procesbeschrijving ` +
      `§2.5.1; berichtstromen "Afwijzing nav woonplaatsbeginsel"), after which the aanbieder asks the right one; a JW315 of ` +
      `another aanbieder that the gemeente refuses (JW319 1, redenAfwijzing) before it toewijst this one; or a JW315 of ` +
      `another aanbieder never answered (stays open: the waiting list). ${ASSUMPTION}.`,
  },
  redenAfwijzing: {
    value: { '2': 0.15, '3': 0.25, '4': 0.25, '6': 0.1, '7': 0.25 },
    source:
      `WJ759 reden afwijzing verzoek (codelijsten/WJ759_Reden_afwijzing_verzoek.md) of refused verzoeken other than for the ` +
      `woonplaatsbeginsel (8): 2 budget, 3 geen contract, 4 past niet binnen contract, 6 stapeling, 7 zorginhoudelijke afkeur ` +
      `(procesbeschrijving §2.5.1: "niet aansluit bij de contractafspraken", "ongewenste samenloop"); mix ${ASSUMPTION}.`,
  },
  vowVoorVerlenging: {
    value: 0.5,
    source:
      `Share of the extensions (JW301, JZ002 04) that follow a JW317 verzoek om wijziging of the aanbieder (TeWijzigenProduct ` +
      `with the new Einddatum, the client's other actual toewijzingen as OngewijzigdProduct: TR349), answered as votAntwoord; ` +
      `the other extensions come from a herbeoordeling by the gemeente (procesbeschrijving §3.3.1). ${ASSUMPTION}.`,
  },
  vowAfgewezen: {
    value: 0.04,
    source:
      `Share of started toewijzingen (care of 60 days or more ending within the toewijzing) whose aanbieder asks for a ` +
      `change (longer or more) with a JW317 that the gemeente refuses: JW319 1 (redenAfwijzing), in 20% after a JW319 2 ` +
      `(berichtstromen VOW "Direct afwijzen", "Afwijzen na onderzoek"); care then ends as planned. ${ASSUMPTION}.`,
  },
  vowOnbeantwoord: {
    value: 0.01,
    source:
      `Share of the same started toewijzingen with a JW317 the gemeente never answers (stays open; TR374 then holds back ` +
      `further verzoeken of that aanbieder for the client). ${ASSUMPTION}.`,
  },
};

/** Rows for docs and reports: parameter, value (as text) and source. */
export function calibrationTable(cal: Calibration = DEFAULT_CALIBRATION): { parameter: string; value: string; source: string }[] {
  return (Object.keys(cal) as (keyof Calibration)[]).map((key) => {
    const { value, source } = cal[key] as Sourced<unknown>;
    return { parameter: key, value: typeof value === 'string' ? value : JSON.stringify(value), source };
  });
}
