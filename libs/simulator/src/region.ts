/**
 * Regions to simulate: municipalities with their CBS gemeentecode and population, and the providers (AGB codes in
 * the valid 8-digit format; fictional, generated) with the levels they offer.
 */
import { hash32 } from './random';
import type { SimLevel, Sourced } from './calibration';

export interface SimGemeente {
  /** CBS gemeentecode (4 digits). */
  code: string;
  naam: string;
  inwoners: number;
  /** Share of inhabitants aged 0–17. */
  aandeel0tot17: number;
  /** Share of youths 0–17 in care per year; defaults to the calibration's shareInCare. */
  shareInCare?: number;
  source: string;
}

export interface SimAanbieder {
  /** AGB code (8 digits). Fictional: generated in the valid format, not a real provider's code. */
  agb: string;
  naam: string;
  levels: readonly SimLevel[];
  /** Relative market share among providers of the same level. */
  weight: number;
  /** Poor stop-message discipline (forgets JW307s more often). */
  slordig: boolean;
}

export interface SimRegion {
  id: string;
  naam: string;
  gemeenten: readonly SimGemeente[];
  aanbieders: readonly SimAanbieder[];
  verblijfShareTarget: Sourced<number>;
}

export type RegionId = 'flevoland' | 'national';

const CBS_2023 =
  'CBS StatLine Regionale kerncijfers, population 1 January 2023, rounded (not in the ' +
  'seeds; approximate — verify before quoting). Gemeentecode: CBS Gemeenten alfabetisch 2023.';

/** Youths 0–17 of a gemeente. */
export function youths(g: SimGemeente): number {
  return Math.round(g.inwoners * g.aandeel0tot17);
}

function agb(prefix: string, index: number): string {
  return `${prefix}${String((100_003 + index * 7_919) % 1_000_000).padStart(6, '0')}`;
}

function provider(index: number, naam: string, levels: SimLevel[], weight = 1, slordig = false): SimAanbieder {
  return { agb: agb('98', index), naam, levels, weight, slordig };
}

export const FLEVOLAND: SimRegion = {
  id: 'flevoland',
  naam: 'Flevoland',
  gemeenten: [
    {
      code: '0034',
      naam: 'Almere',
      inwoners: 224_843,
      aandeel0tot17: 0.2205,
      shareInCare: 0.13,
      source:
        'almere-raadsrapportage-jeugdzorg-2023-q1q2.txt: "Op 1 augustus 2023 wonen er in Almere ' +
        '224.843 inwoners, waarvan 24,5% in de leeftijdscategorie 0-19 jaar" (0–17 ≈ 24.5% × 18/20 ' +
        '= 22.05%); "Het gebruik van jeugdhulp onder de Almeerse jongeren lag in 2022 op de 13%".',
    },
    { code: '0995', naam: 'Lelystad', inwoners: 80_000, aandeel0tot17: 0.21, source: CBS_2023 },
    { code: '0303', naam: 'Dronten', inwoners: 42_500, aandeel0tot17: 0.22, source: CBS_2023 },
    { code: '0171', naam: 'Noordoostpolder', inwoners: 48_500, aandeel0tot17: 0.21, source: CBS_2023 },
    { code: '0184', naam: 'Urk', inwoners: 21_500, aandeel0tot17: 0.31, source: `${CBS_2023} Urk has a very young population.` },
    { code: '0050', naam: 'Zeewolde', inwoners: 23_000, aandeel0tot17: 0.21, source: CBS_2023 },
  ],
  aanbieders: [
    provider(0, 'Sim Jeugdteam Ambulant Flevoland', ['licht_ambulant', 'specialistisch_ambulant'], 3),
    provider(1, 'Sim Opvoedondersteuning Almere', ['licht_ambulant'], 2, true),
    provider(2, 'Sim Jeugd-GGZ Polder', ['specialistisch_ambulant'], 2),
    provider(3, 'Sim Kinder- en Jeugdpsychiatrie', ['specialistisch_ambulant'], 1.5),
    provider(4, 'Sim Dagbehandeling De Kust', ['dagbehandeling', 'specialistisch_ambulant'], 1),
    provider(5, 'Sim Pleegzorg Flevoland', ['pleegzorg', 'gezinshuis'], 1),
    provider(6, 'Sim Verblijf Horizon', ['residentieel', 'gezinshuis', 'crisis_verblijf'], 1),
    provider(7, 'Sim Behandelgroepen Noord', ['residentieel', 'crisis_verblijf'], 1, true),
    provider(8, 'Sim JeugdzorgPlus Midden', ['gesloten'], 1),
    provider(9, 'Sim Crisisdienst Jeugd', ['crisis_ambulant'], 1),
    provider(10, 'Sim Ambulant Lelystad', ['licht_ambulant', 'specialistisch_ambulant'], 1.5),
    provider(11, 'Sim Gezinshuizen Zuid', ['residentieel', 'gezinshuis'], 0.7),
  ],
  verblijfShareTarget: {
    value: 0.089,
    source:
      'flevoland-regiovisie-samen-en-dichtbij.txt: Jeugdhulp met verblijf in percentage totaal jeugdzorgtrajecten, Flevoland 2020: 8,9.',
  },
};

/**
 * The national scale: the largest municipalities (real CBS codes) each standing in for a proportional share of
 * the whole country, so that the youths 0–17 add up to the national total (~3.36 million, CBS 2023). About
 * 1 million messages per simulated year.
 */
const NATIONAL_YOUTHS = 3_360_000;
const NATIONAL_BASE: readonly [string, string, number][] = [
  ['0363', 'Amsterdam', 918_000],
  ['0599', 'Rotterdam', 656_000],
  ['0518', "'s-Gravenhage", 552_000],
  ['0344', 'Utrecht', 362_000],
  ['0772', 'Eindhoven', 238_000],
  ['0014', 'Groningen', 235_000],
  ['0855', 'Tilburg', 224_000],
  ['0034', 'Almere', 224_843],
  ['0758', 'Breda', 185_000],
  ['0268', 'Nijmegen', 179_000],
  ['0200', 'Apeldoorn', 166_000],
  ['0202', 'Arnhem', 165_000],
  ['0392', 'Haarlem', 163_000],
  ['0153', 'Enschede', 160_000],
  ['0307', 'Amersfoort', 159_000],
  ['0796', "'s-Hertogenbosch", 157_000],
  ['0193', 'Zwolle', 131_000],
  ['0546', 'Leiden', 127_000],
  ['0080', 'Leeuwarden', 125_000],
  ['0935', 'Maastricht', 122_000],
  ['0505', 'Dordrecht', 120_000],
  ['0995', 'Lelystad', 80_000],
];

function nationalRegion(): SimRegion {
  const share = 0.19;
  const base = NATIONAL_BASE.reduce((s, [, , n]) => s + n * share, 0);
  const factor = NATIONAL_YOUTHS / base;
  const gemeenten: SimGemeente[] = NATIONAL_BASE.map(([code, naam, inwoners]) => ({
    code,
    naam,
    inwoners: Math.round(inwoners * factor),
    aandeel0tot17: share,
    source:
      `${CBS_2023} Scaled ×${factor.toFixed(2)} so the listed municipalities stand in ` +
      `for all of the Netherlands (${NATIONAL_YOUTHS.toLocaleString('en')} youths 0–17).`,
  }));
  const profiles: SimLevel[][] = [
    ['licht_ambulant', 'specialistisch_ambulant'],
    ['licht_ambulant'],
    ['specialistisch_ambulant'],
    ['specialistisch_ambulant', 'dagbehandeling'],
    ['licht_ambulant', 'specialistisch_ambulant'],
    ['pleegzorg', 'gezinshuis'],
    ['residentieel', 'gezinshuis', 'crisis_verblijf'],
    ['residentieel', 'crisis_verblijf', 'gesloten'],
    ['crisis_ambulant', 'specialistisch_ambulant'],
    ['licht_ambulant', 'dagbehandeling'],
  ];
  const aanbieders: SimAanbieder[] = [];
  for (let i = 0; i < 160; i++) {
    const code = agb('97', i);
    aanbieders.push({
      agb: code,
      naam: `Sim Aanbieder ${i + 1}`,
      levels: profiles[i % profiles.length]!,
      weight: 0.5 + (hash32(code) % 1000) / 500,
      slordig: hash32(`slordig:${code}`) % 100 < 15,
    });
  }
  return {
    id: 'national',
    naam: 'Nederland (geschaald)',
    gemeenten,
    aanbieders,
    verblijfShareTarget: {
      value: 0.087,
      source: 'flevoland-regiovisie-samen-en-dichtbij.txt / domain README: share of trajectories with verblijf, Nederland 2020: 8,7.',
    },
  };
}

export const NATIONAL: SimRegion = nationalRegion();

export const REGIONS: Readonly<Record<RegionId, SimRegion>> = { flevoland: FLEVOLAND, national: NATIONAL };

export function getRegion(id: string): SimRegion {
  const region = (REGIONS as Record<string, SimRegion | undefined>)[id];
  if (!region) throw new Error(`unknown region "${id}" (known: ${Object.keys(REGIONS).join(', ')})`);
  return region;
}
