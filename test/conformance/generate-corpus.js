#!/usr/bin/env node
/**
 * Writes the iJw 3.2 conformance corpus (test/conformance/jw301, jw305, jw307 and the request side jw315, jw317, jw319:
 * accepted/, refused/, xsd-invalid/,
 * history/ and manifest.json) and the documentation examples (docs/examples/*.xml, *.json, demo-*.xml).
 * Run from the repository root: `node test/conformance/generate-corpus.js`. Deterministic; the output is committed
 * and checked by test/conformance/corpus.spec.ts against the official XSDs.
 *
 * Every case is written from the standard in /work/shared/ijw-3.2: the example berichten (berichten/JW30x.xml)
 * are the model for the structure, the rule files cited in each manifest entry for the content. Dates lie in
 * the first half of 2026 (the standard's examples use 2026), so TR135 (dagtekening not after the system date)
 * holds whenever the corpus is run after 2026-06-30.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test', 'conformance');
const EXAMPLES = path.join(ROOT, 'docs', 'examples');
const XSD_VERSIE = { basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' }; // xsd/JW30x.xsd appinfo

// ---------------------------------------------------------------------------------------------------------------
// JSON form → XML (same rules as test/conformance/support/ijw-xml.ts)

const CDT = new Set([
  'berichtIdentificatie',
  'xsdVersie',
  'geboortedatum',
  'naam',
  'communicatie',
  'adres',
  'telefoon',
  'periode',
  'product',
  'omvang',
  'verwijzer',
]);
const pascal = (n) => n.charAt(0).toUpperCase() + n.slice(1);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function writeNode(key, value, prefix, indent, out) {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) return value.forEach((v) => writeNode(key, v, prefix, indent, out));
  const tag = `${prefix}:${pascal(key)}`;
  if (typeof value === 'object') {
    out.push(`${indent}<${tag}>`);
    const inner = CDT.has(key) || prefix === 'ijw' ? 'ijw' : prefix;
    for (const [k, v] of Object.entries(value)) writeNode(k, v, inner, `${indent}\t`, out);
    out.push(`${indent}</${tag}>`);
  } else out.push(`${indent}<${tag}>${esc(String(value))}</${tag}>`);
}

function toXml(soort, json) {
  const p = soort.toLowerCase();
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${p}:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" ` +
      `xmlns:${p}="http://www.istandaarden.nl/ijw/3_2/${p}/schema">`,
  ];
  for (const [k, v] of Object.entries(json)) writeNode(k, v, p, '\t', out);
  out.push(`</${p}:Bericht>`, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// builders (keys in XSD order)

const CODE = { JW301: '436', JW305: '438', JW307: '440' };
const CLIENT = { bsn: '999900006', geboortedatum: { datum: '2012-05-14' } }; // the standard's test BSN (elfproef holds)
const GEMEENTE = '0034'; // Almere (CBS)
const AANBIEDER = '98100001'; // fictional AGB code

function header(soort, id, dagtekening, o = {}) {
  const gemeente = o.gemeente ?? GEMEENTE;
  const aanbieder = o.aanbieder ?? AANBIEDER;
  return {
    berichtCode: CODE[soort],
    berichtVersie: '3',
    berichtSubversie: '2',
    afzender: soort === 'JW301' ? gemeente : aanbieder,
    ontvanger: soort === 'JW301' ? aanbieder : gemeente,
    berichtIdentificatie: { identificatie: id, dagtekening },
    xsdVersie: { ...XSD_VERSIE },
  };
}

const CONTACT_BRP = {
  soort: '01',
  adres: { huis: { huisnummer: '12' }, postcode: '9999XA', straatnaam: 'Proefstraat', plaatsnaam: 'Almere', landCode: 'NL' },
};

function jw301(id, dagtekening, products, o = {}) {
  const client = {
    bsn: o.bsn ?? CLIENT.bsn,
    geboortedatum: o.geboortedatum ?? CLIENT.geboortedatum,
    geslacht: o.geslacht ?? '2',
    naam: o.naam ?? { geslachtsnaam: { achternaam: 'Proef', voorvoegsel: 'de' }, voornamen: 'Sanne', voorletters: 'S', naamGebruik: '1' },
    contactgegevens: { contact: o.contact ?? [CONTACT_BRP] },
    toegewezenProducten: { toegewezenProduct: products },
  };
  return { header: header('JW301', id, dagtekening, o), client };
}

/** One ToegewezenProduct; `o.product` null = no Product element. */
function tp(nummer, o = {}) {
  const out = { toewijzingNummer: nummer };
  if (o.referentieAanbieder) out.referentieAanbieder = o.referentieAanbieder;
  if (o.product !== null) out.product = o.product ?? { categorie: '45', code: '45A01' };
  out.toewijzingsdatum = o.toewijzingsdatum ?? '2026-03-02';
  out.toewijzingstijd = o.toewijzingstijd ?? '09:15:00';
  out.ingangsdatum = o.ingangsdatum ?? '2026-03-02';
  if (o.einddatum !== null) out.einddatum = o.einddatum ?? '2027-03-01';
  if (o.redenWijziging) out.redenWijziging = o.redenWijziging;
  if (o.omvang !== null && o.budget === undefined) out.omvang = o.omvang ?? { volume: '2', eenheid: '04', frequentie: '2' };
  if (o.omvangEnBudget) out.omvang = o.omvangEnBudget;
  if (o.budget !== undefined) out.budget = o.budget;
  if (o.commentaar) out.commentaar = o.commentaar;
  return out;
}

function jw30x(soort, id, dagtekening, products, o = {}) {
  const client = {
    bsn: o.bsn ?? CLIENT.bsn,
    geboortedatum: o.geboortedatum ?? CLIENT.geboortedatum,
    geslacht: o.geslacht ?? '2',
    naam: o.naam ?? { geslachtsnaam: { achternaam: 'Proef', voorvoegsel: 'de' }, voornamen: 'Sanne', voorletters: 'S' },
  };
  client[soort === 'JW305' ? 'startProducten' : 'stopProducten'] = { [soort === 'JW305' ? 'startProduct' : 'stopProduct']: products };
  return { header: header(soort, id, dagtekening, o), client };
}

function sp(nummer, begindatum, o = {}) {
  const out = {};
  if (nummer !== null) out.toewijzingNummer = nummer;
  if (o.product !== null) out.product = o.product ?? { categorie: '45', code: '45A01' };
  if (o.toewijzingIngangsdatum !== null) out.toewijzingIngangsdatum = o.toewijzingIngangsdatum ?? '2026-03-02';
  out.begindatum = begindatum;
  out.statusAanlevering = o.status ?? '1';
  return out;
}

function stp(nummer, begindatum, einddatum, o = {}) {
  const out = {};
  if (nummer !== null) out.toewijzingNummer = nummer;
  if (o.product !== null) out.product = o.product ?? { categorie: '45', code: '45A01' };
  if (o.toewijzingIngangsdatum !== null) out.toewijzingIngangsdatum = o.toewijzingIngangsdatum ?? '2026-03-02';
  out.begindatum = begindatum;
  out.redenBeeindiging = o.reden ?? '31';
  out.einddatum = einddatum;
  out.statusAanlevering = o.status ?? '1';
  return out;
}

const jw305 = (id, d, products, o) => jw30x('JW305', id, d, products, o);
const jw307 = (id, d, products, o) => jw30x('JW307', id, d, products, o);

// ---------------------------------------------------------------------------------------------------------------
// the cases

const S = {
  examples: 'berichten/JW301.xml',
  cc: 'regels/condities-constraints/Condities_constraints_per_data-element.md',
  varianten: 'Toewijzingsvarianten_inspanning-output.md',
  xsd301: 'xsd/JW301.xsd',
  xsd305: 'xsd/JW305.xsd',
  xsd307: 'xsd/JW307.xsd',
  basis: 'xsd/basisschema.xsd',
  iv008: 'regels/invulinstructies/invulinstructie_IV008.md',
  iv009: 'regels/invulinstructies/invulinstructie_IV009.md',
  iv028: 'regels/invulinstructies/invulinstructie_IV028.md',
  xslt: (r) => `regels/technische-regels/xslt/${r}.md`,
  bo: (r) => `regels/technische-regels/berichtoverstijgend/${r}.md`,
};

/** Cases per soort: { file, soort?, json | xml, expected, retourcodes, rule, niveau, klasse?, productIndex?, reason, source } */
const corpus = { jw301: [], jw305: [], jw307: [], jw315: [], jw317: [], jw319: [] };

function add(folder, c) {
  corpus[folder].push(c);
}

const accepted = (folder, file, soort, json, reason, source) =>
  add(folder, { file: `accepted/${file}`, soort, json, expected: 'accepted', retourcodes: [], rule: null, niveau: null, reason, source });
const refused = (folder, rule, n, soort, json, where, reason, source) =>
  add(folder, {
    file: `refused/${rule}-${n}.xml`,
    soort,
    json,
    expected: 'refused',
    retourcodes: ['0001'],
    rule,
    niveau: 2,
    ...where,
    reason,
    source,
  });
const xsdInvalid = (folder, name, soort, xml, reason, source) =>
  add(folder, {
    file: `xsd-invalid/${name}.xml`,
    soort,
    xml,
    expected: 'refused',
    retourcodes: [],
    rule: 'XSD',
    niveau: 1,
    klasse: 'header',
    reason,
    source,
  });

// ---- JW301 accepted
accepted(
  'jw301',
  'specifiek.xml',
  'JW301',
  jw301('TW301-A01', '2026-03-02', [tp('300201', { referentieAanbieder: 'VOT-2026-0815', commentaar: 'Ambulante begeleiding' })]),
  'specifieke toewijzing (Categorie + Code, Omvang 2 uur per week, Einddatum as CD076 requires for frequentie 2)',
  `${S.examples}; ${S.varianten}`,
);
accepted(
  'jw301',
  'twee-producten.xml',
  'JW301',
  jw301('TW301-A02', '2026-03-02', [
    tp('300201'),
    tp('987654321', {
      product: { categorie: '54', code: '54A01' },
      omvang: { volume: '4', eenheid: '16', frequentie: '4' },
      einddatum: '2026-12-31',
    }),
  ]),
  'two ToegewezenProducten in one bericht, the second with a 9-digit ToewijzingNummer (LDT_Nummer 0–999999999)',
  `${S.examples}; ${S.basis} LDT_Nummer`,
);
accepted(
  'jw301',
  'nummer-voorloopnullen.xml',
  'JW301',
  jw301('TW301-A03', '2026-03-02', [tp('000300201')]),
  'ToewijzingNummer with leading zeros: xs:integer, the same number as 300201',
  `${S.basis} LDT_Nummer (xs:integer)`,
);
accepted(
  'jw301',
  'nummer-grenzen.xml',
  'JW301',
  jw301('TW301-A04', '2026-03-02', [tp('0'), tp('999999999', { product: { categorie: '45', code: '45A02' } })]),
  'ToewijzingNummer 0 and 999999999, the bounds of LDT_Nummer',
  `${S.cc} RS001, RS006`,
);
accepted(
  'jw301',
  'aspecifiek-zonder-budget.xml',
  'JW301',
  jw301('TW301-A05', '2026-03-02', [tp('300205', { product: { categorie: '45' }, omvang: null })]),
  'aspecifieke toewijzing: Categorie without Code, no Omvang (CD080), no Budget',
  `${S.varianten} (Aspecifiek zonder budget); ${S.cc} CD080`,
);
accepted(
  'jw301',
  'aspecifiek-met-budget.xml',
  'JW301',
  jw301('TW301-A06', '2026-03-02', [tp('300206', { product: { categorie: '45' }, budget: '250000', einddatum: '2026-12-31' })]),
  'aspecifieke toewijzing met Budget (eurocent) and the Einddatum CD075 requires',
  `${S.varianten} (Aspecifiek met budget); ${S.cc} CD075, CD077`,
);
accepted(
  'jw301',
  'generiek.xml',
  'JW301',
  jw301('TW301-A07', '2026-03-02', [tp('300207', { product: null, budget: '1200000', einddatum: '2026-12-31' })]),
  'generieke toewijzing: no Product, Budget and Einddatum (CD079: Product only required when Budget is empty)',
  `${S.varianten} (Generiek); ${S.cc} CD079, CD075`,
);
accepted(
  'jw301',
  'productcode-lengtes.xml',
  'JW301',
  jw301(
    'TW301-A08',
    '2026-03-02',
    ['4', '45', '45B', '45B1', '45B01'].map((code, i) => tp(String(300210 + i), { product: { categorie: '45', code } })),
  ),
  'ProductCode of 1, 2, 3, 4 and 5 characters (LDT_ProductCode minLength 1, maxLength 5)',
  `${S.basis} LDT_ProductCode`,
);
accepted(
  'jw301',
  'volume-0.xml',
  'JW301',
  jw301('TW301-A09', '2026-03-02', [tp('300220', { omvang: { volume: '0', eenheid: '04', frequentie: '4' } })]),
  'Volume 0 (LDT_Volume minInclusive 0)',
  `${S.basis} LDT_Volume`,
);
accepted(
  'jw301',
  'datumgebruik-1.xml',
  'JW301',
  jw301('TW301-A10', '2026-03-02', [tp('300221')], { geboortedatum: { datum: '2012-05-01', datumGebruik: '1' } }),
  'Geboortedatum with DatumGebruik 1 (dag onbekend): day filled with 01 (IV009, CS139)',
  `codelijsten/COD170_Datumgebruik.md; ${S.iv009}`,
);
accepted(
  'jw301',
  'datumgebruik-2.xml',
  'JW301',
  jw301('TW301-A11', '2026-03-02', [tp('300222')], { geboortedatum: { datum: '2012-01-01', datumGebruik: '2' } }),
  'Geboortedatum with DatumGebruik 2 (dag en maand onbekend): 01-01 of the known year (IV009)',
  `codelijsten/COD170_Datumgebruik.md; ${S.iv009}`,
);
accepted(
  'jw301',
  'datumgebruik-3.xml',
  'JW301',
  jw301('TW301-A12', '2026-03-02', [tp('300223')], { geboortedatum: { datum: '1900-01-01', datumGebruik: '3' } }),
  'Geboortedatum geheel onbekend: DatumGebruik 3 with 1900-01-01, exempt from TR002 (120 years)',
  `${S.iv009}; ${S.xslt('TR002')}`,
);
accepted(
  'jw301',
  'verlenging.xml',
  'JW301',
  jw301('TW301-A13', '2026-03-02', [
    tp('300201', {
      redenWijziging: '04',
      toewijzingsdatum: '2026-02-27',
      toewijzingstijd: '16:45:10',
      ingangsdatum: '2025-09-01',
      einddatum: '2026-08-31',
    }),
  ]),
  'a changed toewijzing (RedenWijziging 04 verlenging) decided before the Dagtekening',
  `codelijsten/JZ002_Reden_wijziging_toewijzing.md; ${S.xsd301}`,
);
accepted(
  'jw301',
  'intrekking.xml',
  'JW301',
  jw301('TW301-A14', '2026-03-02', [tp('300230', { redenWijziging: '13', ingangsdatum: '2026-03-09', einddatum: '2026-03-09' })]),
  'RedenWijziging 13 (verwijderd) with Ingangsdatum = Einddatum as CS335 requires',
  `${S.cc} CS335`,
);
accepted(
  'jw301',
  'identificatie-12.xml',
  'JW301',
  jw301('A/b-12 #x.y!', '2026-03-02', [tp('300231')]),
  'Identificatie of exactly 12 characters, with characters other than digits (LDT_IdentificatieBericht)',
  `${S.basis} LDT_IdentificatieBericht`,
);

// ---- JW301 refused at controleniveau 2 (retourcode 0001, header only in the retour: IV028)
const p1 = { klasse: 'product', productIndex: 0 };
const cl = { klasse: 'client' };
refused(
  'jw301',
  'CS002',
  1,
  'JW301',
  jw301('TW301-R01', '2026-03-02', [tp('300201')], { bsn: '123456789' }),
  cl,
  'Bsn 123456789 fails the 11-proef',
  `${S.cc} CS002; elfproef.md`,
);
refused(
  'jw301',
  'TR002',
  1,
  'JW301',
  jw301('TW301-R02', '2026-03-02', [tp('300201')], { geboortedatum: { datum: '1905-03-01' } }),
  cl,
  'Geboortedatum more than 120 years before the Dagtekening and not onbekend',
  S.xslt('TR002'),
);
refused(
  'jw301',
  'CS139',
  1,
  'JW301',
  jw301('TW301-R03', '2026-03-02', [tp('300201')], { geboortedatum: { datum: '2012-05-14', datumGebruik: '2' } }),
  cl,
  'DatumGebruik 2 (dag en maand onbekend) with a Datum whose day and month are not 01',
  `${S.cc} CS139; ${S.iv009}`,
);
refused(
  'jw301',
  'CS003',
  1,
  'JW301',
  jw301('TW301-R04', '2026-03-02', [tp('300201', { ingangsdatum: '2026-03-02', einddatum: '2026-02-28' })]),
  p1,
  'Einddatum before Ingangsdatum',
  `${S.cc} CS003`,
);
refused(
  'jw301',
  'TR101',
  1,
  'JW301',
  jw301('TW301-R05', '2026-03-02', [tp('300201'), tp('300201', { product: { categorie: '54', code: '54A01' } })]),
  { klasse: 'product', productIndex: 1 },
  'two ToegewezenProducten with the same ToewijzingNummer (the logical key) in one bericht',
  S.xslt('TR101'),
);
refused(
  'jw301',
  'TR101',
  2,
  'JW301',
  jw301('TW301-R06', '2026-03-02', [tp('300201'), tp('0300201', { product: { categorie: '54', code: '54A01' } })]),
  { klasse: 'product', productIndex: 1 },
  'duplicate key: 0300201 is the same xs:integer as 300201',
  `${S.xslt('TR101')}; ${S.basis} LDT_Nummer`,
);
refused(
  'jw301',
  'TR302',
  1,
  'JW301',
  jw301('TW301-R07', '2026-03-02', [tp('300201'), tp('300202', { ingangsdatum: '2026-06-01', einddatum: '2027-05-31' })]),
  { klasse: 'product', productIndex: 1 },
  'the same Product twice with overlapping periods',
  S.xslt('TR302'),
);
refused(
  'jw301',
  'CD079',
  1,
  'JW301',
  jw301('TW301-R08', '2026-03-02', [tp('300201', { product: null, omvang: null })]),
  p1,
  'no Product and no Budget (Product is required when Budget is empty)',
  `${S.cc} CD079`,
);
refused(
  'jw301',
  'CD075',
  1,
  'JW301',
  jw301('TW301-R09', '2026-03-02', [tp('300201', { product: null, budget: '100000', einddatum: null })]),
  p1,
  'Budget without Einddatum',
  `${S.cc} CD075`,
);
refused(
  'jw301',
  'CD078',
  1,
  'JW301',
  jw301('TW301-R10', '2026-03-02', [
    tp('300201', { product: { categorie: '45' }, budget: '100000', omvangEnBudget: { volume: '2', eenheid: '04', frequentie: '4' } }),
  ]),
  p1,
  'Omvang and Budget both filled (CD077/CD078)',
  `${S.cc} CD077, CD078`,
);
refused(
  'jw301',
  'CD041',
  1,
  'JW301',
  jw301('TW301-R11', '2026-03-02', [tp('300201', { omvang: null })]),
  p1,
  'Code in Product filled but no Omvang',
  `${S.cc} CD041`,
);
refused(
  'jw301',
  'CD076',
  1,
  'JW301',
  jw301('TW301-R12', '2026-03-02', [tp('300201', { einddatum: null })]),
  p1,
  'Frequentie 2 (per week) without Einddatum',
  `${S.cc} CD076`,
);
refused(
  'jw301',
  'CS335',
  1,
  'JW301',
  jw301('TW301-R13', '2026-03-02', [tp('300201', { redenWijziging: '13' })]),
  p1,
  'RedenWijziging 13 (verwijderd) while Ingangsdatum differs from Einddatum',
  `${S.cc} CS335`,
);
refused(
  'jw301',
  'CS336',
  1,
  'JW301',
  jw301('TW301-R14', '2026-03-02', [tp('300201', { redenWijziging: '01' })]),
  p1,
  'RedenWijziging 01 (administratieve correctie, vervallen) is not used',
  `${S.cc} CS336`,
);
refused(
  'jw301',
  'TR061',
  1,
  'JW301',
  jw301('TW301-R15', '2026-03-02', [tp('300201')], {
    contact: [
      {
        soort: '04',
        adres: { huis: { huisnummer: '3' }, postcode: '9999XB', straatnaam: 'Logeerlaan', plaatsnaam: 'Almere', landCode: 'NL' },
        periode: { begindatum: '2026-02-01' },
      },
    ],
  }),
  cl,
  'no Contact with an address of Soort 01, 02 or 03',
  S.xslt('TR061'),
);
refused(
  'jw301',
  'TR006',
  1,
  'JW301',
  jw301('TW301-R16', '2026-03-02', [tp('300201')], {
    contact: [CONTACT_BRP, { soort: '02', adres: { straatnaam: 'Postbus', plaatsnaam: 'Almere', landCode: 'NL' } }],
  }),
  cl,
  'a Contact with neither Telefoon nor Huis and Postcode',
  S.xslt('TR006'),
);
refused(
  'jw301',
  'CS089',
  1,
  'JW301',
  jw301('TW301-R17', '2026-03-02', [tp('300201')], {
    contact: [
      {
        soort: '01',
        adres: { huis: { huisnummer: '12' }, postcode: '99999', straatnaam: 'Proefstraat', plaatsnaam: 'Almere', landCode: 'NL' },
      },
    ],
  }),
  cl,
  'LandCode NL with a Postcode that is not in the Dutch format 1234AB',
  `${S.cc} CS089`,
);
refused(
  'jw301',
  'CS050',
  1,
  'JW301',
  jw301('TW301-R18', '2026-03-02', [tp('300201')], {
    naam: { geslachtsnaam: { achternaam: 'Proef' }, voornamen: 'Sanne', naamGebruik: '2' },
  }),
  cl,
  'NaamGebruik 2 without Partnernaam (then only 1 or 6 are allowed)',
  `${S.cc} CS050`,
);

// ---- JW301 refused at controleniveau 1 (XSD): no retour bericht, a foutmelding (IV028)
const base301 = toXml('JW301', jw301('TW301-X00', '2026-03-02', [tp('300201')]));
const mut = (xml, from, to) => {
  if (!xml.includes(from)) throw new Error(`mutation anchor not found: ${from}`);
  return xml.replace(from, to);
};
xsdInvalid(
  'jw301',
  'berichtcode-438',
  'JW301',
  mut(base301, '<jw301:BerichtCode>436<', '<jw301:BerichtCode>438<'),
  'BerichtCode 438 (JW305) inside a jw301 bericht: the XSD fixes 436',
  S.xsd301,
);
xsdInvalid(
  'jw301',
  'berichtsubversie-1',
  'JW301',
  mut(base301, '<jw301:BerichtSubversie>2<', '<jw301:BerichtSubversie>1<'),
  'BerichtSubversie 1: iJw 3.2 requires 2 (CS015, XSD pattern)',
  `${S.xsd301}; ${S.cc} CS015`,
);
xsdInvalid(
  'jw301',
  'identificatie-13',
  'JW301',
  mut(base301, '<ijw:Identificatie>TW301-X00<', '<ijw:Identificatie>1234567890123<'),
  'Identificatie of 13 characters (LDT_IdentificatieBericht maxLength 12)',
  S.basis,
);
xsdInvalid(
  'jw301',
  'volgorde',
  'JW301',
  mut(
    base301,
    '\t\t\t\t<jw301:Toewijzingsdatum>2026-03-02</jw301:Toewijzingsdatum>\n' +
      '\t\t\t\t<jw301:Toewijzingstijd>09:15:00</jw301:Toewijzingstijd>\n\t\t\t\t<jw301:Ingangsdatum>2026-03-02</jw301:Ingangsdatum>',
    '\t\t\t\t<jw301:Ingangsdatum>2026-03-02</jw301:Ingangsdatum>\n' +
      '\t\t\t\t<jw301:Toewijzingsdatum>2026-03-02</jw301:Toewijzingsdatum>\n' +
      '\t\t\t\t<jw301:Toewijzingstijd>09:15:00</jw301:Toewijzingstijd>',
  ),
  'Ingangsdatum before Toewijzingsdatum: wrong element order (xs:sequence)',
  S.xsd301,
);
xsdInvalid(
  'jw301',
  'nummer-10-cijfers',
  'JW301',
  mut(base301, '<jw301:ToewijzingNummer>300201<', '<jw301:ToewijzingNummer>1000000000<'),
  'ToewijzingNummer 1000000000 exceeds LDT_Nummer maxInclusive 999999999',
  S.basis,
);
xsdInvalid(
  'jw301',
  'productcode-6',
  'JW301',
  mut(base301, '<ijw:Code>45A01<', '<ijw:Code>45A011<'),
  'ProductCode of 6 characters (LDT_ProductCode maxLength 5)',
  S.basis,
);
xsdInvalid(
  'jw301',
  'volume-negatief',
  'JW301',
  mut(base301, '<ijw:Volume>2<', '<ijw:Volume>-1<'),
  'Volume -1 (LDT_Volume minInclusive 0)',
  S.basis,
);
xsdInvalid(
  'jw301',
  'budget-te-groot',
  'JW301',
  toXml('JW301', jw301('TW301-X08', '2026-03-02', [tp('300201', { product: null, budget: '100000000', einddatum: '2026-12-31' })])),
  'Budget 100000000 exceeds LDT_Budget maxInclusive 99999999',
  S.basis,
);
xsdInvalid(
  'jw301',
  'zonder-toewijzingstijd',
  'JW301',
  mut(base301, '\t\t\t\t<jw301:Toewijzingstijd>09:15:00</jw301:Toewijzingstijd>\n', ''),
  'Toewijzingstijd missing (required in ToegewezenProduct)',
  S.xsd301,
);
xsdInvalid(
  'jw301',
  'tijd-met-zone',
  'JW301',
  mut(base301, '<jw301:Toewijzingstijd>09:15:00<', '<jw301:Toewijzingstijd>09:15:00Z<'),
  'Toewijzingstijd with a time zone (LDT_Tijd pattern [^Z+-]+)',
  S.basis,
);
xsdInvalid(
  'jw301',
  'zonder-contactgegevens',
  'JW301',
  base301.replace(/\t\t<jw301:Contactgegevens>[\s\S]*?<\/jw301:Contactgegevens>\n/, ''),
  'Contactgegevens missing (required in JW301 Client)',
  S.xsd301,
);
xsdInvalid(
  'jw301',
  'namespace-3_1',
  'JW301',
  base301.replace('ijw/3_2/jw301/schema', 'ijw/3_1/jw301/schema'),
  'the iJw 3.1 namespace: not an iJw 3.2 JW301',
  S.xsd301,
);
xsdInvalid(
  'jw301',
  'datum-ongeldig',
  'JW301',
  mut(base301, '<jw301:Ingangsdatum>2026-03-02<', '<jw301:Ingangsdatum>2026-02-30<'),
  'Ingangsdatum 2026-02-30 is not a date (xs:date)',
  S.basis,
);

// ---- JW305 accepted (per-bericht levels 1 and 2)
accepted(
  'jw305',
  'start.xml',
  'JW305',
  jw305('ST305-A01', '2026-03-10', [sp('300201', '2026-03-09')]),
  'one StartProduct, StatusAanlevering 1, ToewijzingIngangsdatum given',
  'berichten/JW305.xml',
);
accepted(
  'jw305',
  'twee-starts.xml',
  'JW305',
  jw305('ST305-A02', '2026-03-10', [
    sp('300201', '2026-03-09'),
    sp('987654321', '2026-03-10', { product: { categorie: '54', code: '54A01' } }),
  ]),
  'two StartProducten, one with a 9-digit ToewijzingNummer',
  'berichten/JW305.xml',
);
accepted(
  'jw305',
  'zonder-toewijzingingangsdatum.xml',
  'JW305',
  jw305('ST305-A03', '2026-03-10', [sp('300201', '2026-03-09', { toewijzingIngangsdatum: null })]),
  'ToewijzingIngangsdatum is optional (minOccurs 0)',
  S.xsd305,
);
accepted(
  'jw305',
  'zonder-product.xml',
  'JW305',
  jw305('ST305-A04', '2026-03-10', [sp('300207', '2026-03-09', { product: null })]),
  'start of a generieke toewijzing: no Product (optional in StartProduct)',
  `${S.xsd305}; ${S.varianten}`,
);
accepted(
  'jw305',
  'nummer-voorloopnullen.xml',
  'JW305',
  jw305('ST305-A05', '2026-03-10', [sp('000300201', '2026-03-09')]),
  'ToewijzingNummer with leading zeros (xs:integer)',
  S.basis,
);
accepted(
  'jw305',
  'correctie-iv008.xml',
  'JW305',
  jw305('ST305-A06', '2026-03-12', [sp('300201', '2026-03-09', { status: '3' }), sp('300201', '2026-03-05')]),
  'correction in one bericht (IV008): StatusAanlevering 3 for the wrong Begindatum, 1 for the right one (levels 1–2; see ' +
    'history/IV008-1 for level 3)',
  S.iv008,
);
accepted(
  'jw305',
  'datumgebruik-3.xml',
  'JW305',
  jw305('ST305-A07', '2026-03-10', [sp('300201', '2026-03-09')], { geboortedatum: { datum: '1900-01-01', datumGebruik: '3' } }),
  'Geboortedatum onbekend (DatumGebruik 3), exempt from TR002',
  `${S.iv009}; ${S.xslt('TR002')}`,
);
accepted(
  'jw305',
  'aspecifiek.xml',
  'JW305',
  jw305('ST305-A08', '2026-03-10', [sp('300205', '2026-03-09', { product: { categorie: '45' } })]),
  'start of an aspecifieke toewijzing: Categorie only',
  S.varianten,
);

// ---- JW305 refused at level 2
refused(
  'jw305',
  'CS002',
  1,
  'JW305',
  jw305('ST305-R01', '2026-03-10', [sp('300201', '2026-03-09')], { bsn: '123456789' }),
  cl,
  'Bsn fails the 11-proef',
  `${S.cc} CS002`,
);
refused(
  'jw305',
  'TR002',
  1,
  'JW305',
  jw305('ST305-R02', '2026-03-10', [sp('300201', '2026-03-09')], { geboortedatum: { datum: '1900-01-01' } }),
  cl,
  'Geboortedatum 1900-01-01 without DatumGebruik 3: more than 120 years before the Dagtekening',
  S.xslt('TR002'),
);
refused(
  'jw305',
  'CS139',
  1,
  'JW305',
  jw305('ST305-R03', '2026-03-10', [sp('300201', '2026-03-09')], { geboortedatum: { datum: '2012-05-14', datumGebruik: '1' } }),
  cl,
  'DatumGebruik 1 (dag onbekend) with a day other than 01',
  `${S.cc} CS139; ${S.iv009}`,
);
refused(
  'jw305',
  'TR134',
  1,
  'JW305',
  jw305('ST305-R04', '2026-03-10', [sp('300201', '2026-03-11')]),
  p1,
  'Begindatum after the Dagtekening',
  S.xslt('TR134'),
);
refused(
  'jw305',
  'CS058',
  1,
  'JW305',
  jw305('ST305-R05', '2026-03-10', [sp('300201', '2026-03-09', { status: '2' })]),
  p1,
  'StatusAanlevering 2 (allowed by LDT_StatusAanlevering, not by CS058: only 1 or 3)',
  `${S.cc} CS058`,
);
refused(
  'jw305',
  'CS058',
  2,
  'JW305',
  jw305('ST305-R06', '2026-03-10', [sp('300201', '2026-03-09', { status: '9' })]),
  p1,
  'StatusAanlevering 9',
  `${S.cc} CS058`,
);
refused(
  'jw305',
  'TR101',
  1,
  'JW305',
  jw305('ST305-R07', '2026-03-10', [sp('300201', '2026-03-09'), sp('300201', '2026-03-09')]),
  { klasse: 'product', productIndex: 1 },
  'the same StartProduct key (ToewijzingNummer, Product, Begindatum) twice in one bericht',
  `${S.xslt('TR101')}; ${S.iv008}`,
);
refused(
  'jw305',
  'TR101',
  2,
  'JW305',
  jw305('ST305-R08', '2026-03-10', [sp('300201', '2026-03-09'), sp('0300201', '2026-03-09', { toewijzingIngangsdatum: '2026-03-01' })]),
  { klasse: 'product', productIndex: 1 },
  'duplicate key with leading zeros: 0300201 = 300201; ToewijzingIngangsdatum is not part of the key (IV008)',
  `${S.xslt('TR101')}; ${S.iv008}`,
);

// ---- JW305 level 1
const base305 = toXml('JW305', jw305('ST305-X00', '2026-03-10', [sp('300201', '2026-03-09')]));
xsdInvalid(
  'jw305',
  'berichtcode-440',
  'JW305',
  mut(base305, '<jw305:BerichtCode>438<', '<jw305:BerichtCode>440<'),
  'BerichtCode 440 (JW307) inside a jw305 bericht: the XSD fixes 438',
  S.xsd305,
);
xsdInvalid(
  'jw305',
  'berichtversie-2',
  'JW305',
  mut(base305, '<jw305:BerichtVersie>3<', '<jw305:BerichtVersie>2<'),
  'BerichtVersie 2 (CS025: 3)',
  `${S.xsd305}; ${S.cc} CS025`,
);
xsdInvalid(
  'jw305',
  'identificatie-13',
  'JW305',
  mut(base305, '<ijw:Identificatie>ST305-X00<', '<ijw:Identificatie>ST305-X00-013<'),
  'Identificatie of 13 characters',
  S.basis,
);
xsdInvalid(
  'jw305',
  'zonder-statusaanlevering',
  'JW305',
  mut(base305, '\t\t\t\t<jw305:StatusAanlevering>1</jw305:StatusAanlevering>\n', ''),
  'StatusAanlevering missing (required)',
  S.xsd305,
);
xsdInvalid(
  'jw305',
  'volgorde',
  'JW305',
  mut(
    base305,
    '\t\t\t\t<jw305:ToewijzingIngangsdatum>2026-03-02</jw305:ToewijzingIngangsdatum>\n' +
      '\t\t\t\t<jw305:Begindatum>2026-03-09</jw305:Begindatum>',
    '\t\t\t\t<jw305:Begindatum>2026-03-09</jw305:Begindatum>\n' +
      '\t\t\t\t<jw305:ToewijzingIngangsdatum>2026-03-02</jw305:ToewijzingIngangsdatum>',
  ),
  'Begindatum before ToewijzingIngangsdatum: wrong element order',
  S.xsd305,
);
xsdInvalid(
  'jw305',
  'bsn-8-cijfers',
  'JW305',
  mut(base305, '<jw305:Bsn>999900006<', '<jw305:Bsn>99990006<'),
  'Bsn of 8 digits (LDT_BurgerServicenummer [0-9]{9})',
  S.basis,
);
xsdInvalid(
  'jw305',
  'afzender-gemeente',
  'JW305',
  mut(base305, '<jw305:Afzender>98100001<', '<jw305:Afzender>0034<'),
  'a gemeentecode as Afzender of a JW305 (LDT_AgbCode: 8 digits)',
  S.xsd305,
);
xsdInvalid(
  'jw305',
  'jw301-element',
  'JW305',
  mut(base305, '\t\t<jw305:StartProducten>', '\t\t<jw305:Contactgegevens/>\n\t\t<jw305:StartProducten>'),
  'an element JW305 does not have (Contactgegevens)',
  S.xsd305,
);

// ---- JW307 accepted
accepted(
  'jw307',
  'stop.xml',
  'JW307',
  jw307('SP307-A01', '2026-06-02', [stp('300201', '2026-03-09', '2026-05-29')]),
  'one StopProduct, reden 31 (volgens plan)',
  'berichten/JW307.xml',
);
accepted(
  'jw307',
  'twee-stops.xml',
  'JW307',
  jw307('SP307-A02', '2026-06-02', [
    stp('300201', '2026-03-09', '2026-05-29'),
    stp('987654321', '2026-03-10', '2026-05-29', { product: { categorie: '54', code: '54A01' }, reden: '34' }),
  ]),
  'two StopProducten, one with a 9-digit ToewijzingNummer',
  'berichten/JW307.xml',
);
accepted(
  'jw307',
  'einddatum-gelijk-begindatum.xml',
  'JW307',
  jw307('SP307-A03', '2026-06-02', [stp('300201', '2026-03-09', '2026-03-09', { toewijzingIngangsdatum: null })]),
  'Einddatum = Begindatum (TR018: greater than or equal), no ToewijzingIngangsdatum',
  S.xslt('TR018'),
);
accepted(
  'jw307',
  'tijdelijk-beeindigd.xml',
  'JW307',
  jw307('SP307-A04', '2026-06-02', [stp('300201', '2026-03-09', '2026-05-15', { reden: '20' })]),
  'RedenBeeindiging 20 (levering tijdelijk beëindigd)',
  'codelijsten/JZ588_Reden_beeindiging.md',
);
accepted(
  'jw307',
  'verwijderen.xml',
  'JW307',
  jw307('SP307-A05', '2026-06-02', [stp('300201', '2026-03-09', '2026-05-29', { status: '3' })]),
  'StatusAanlevering 3 (levels 1–2; history/TR063-1 shows level 3)',
  `${S.cc} CS058; ${S.iv008}`,
);
accepted(
  'jw307',
  'nummer-voorloopnullen.xml',
  'JW307',
  jw307('SP307-A06', '2026-06-02', [stp('0000300201', '2026-03-09', '2026-05-29')]),
  'ToewijzingNummer with leading zeros (xs:integer)',
  S.basis,
);

// ---- JW307 refused at level 2
refused(
  'jw307',
  'TR018',
  1,
  'JW307',
  jw307('SP307-R01', '2026-06-02', [stp('300201', '2026-03-09', '2026-03-08')]),
  p1,
  'Einddatum before Begindatum',
  S.xslt('TR018'),
);
refused(
  'jw307',
  'CS002',
  1,
  'JW307',
  jw307('SP307-R02', '2026-06-02', [stp('300201', '2026-03-09', '2026-05-29')], { bsn: '111111111' }),
  cl,
  'Bsn 111111111 fails the 11-proef',
  `${S.cc} CS002`,
);
refused(
  'jw307',
  'TR134',
  1,
  'JW307',
  jw307('SP307-R03', '2026-06-02', [stp('300201', '2026-03-09', '2026-06-03')]),
  p1,
  'Einddatum after the Dagtekening',
  S.xslt('TR134'),
);
refused(
  'jw307',
  'CS058',
  1,
  'JW307',
  jw307('SP307-R04', '2026-06-02', [stp('300201', '2026-03-09', '2026-05-29', { status: '2' })]),
  p1,
  'StatusAanlevering 2 (CS058: only 1 or 3)',
  `${S.cc} CS058`,
);
refused(
  'jw307',
  'TR101',
  1,
  'JW307',
  jw307('SP307-R05', '2026-06-02', [
    stp('300201', '2026-03-09', '2026-05-29'),
    stp('300201', '2026-03-09', '2026-05-29', { toewijzingIngangsdatum: '2026-03-01' }),
  ]),
  { klasse: 'product', productIndex: 1 },
  'the same StopProduct key (ToewijzingNummer, Product, Begindatum, RedenBeeindiging, Einddatum) twice in one bericht; ' +
    'ToewijzingIngangsdatum is not part of it',
  `${S.xslt('TR101')}; Mutatieoverzicht_iWmo_iJw_3.2_vs_3.1.md (RedenBeeindiging in the StopProduct key)`,
);
refused(
  'jw307',
  'TR002',
  1,
  'JW307',
  jw307('SP307-R06', '2026-06-02', [stp('300201', '2026-03-09', '2026-05-29')], { geboortedatum: { datum: '1901-12-31' } }),
  cl,
  'Geboortedatum more than 120 years before the Dagtekening',
  S.xslt('TR002'),
);

// ---- JW307 level 1
const base307 = toXml('JW307', jw307('SP307-X00', '2026-06-02', [stp('300201', '2026-03-09', '2026-05-29')]));
xsdInvalid(
  'jw307',
  'berichtcode-438',
  'JW307',
  mut(base307, '<jw307:BerichtCode>440<', '<jw307:BerichtCode>438<'),
  'BerichtCode 438 inside a jw307 bericht: the XSD fixes 440',
  S.xsd307,
);
xsdInvalid(
  'jw307',
  'reden-onbekend',
  'JW307',
  mut(base307, '<jw307:RedenBeeindiging>31<', '<jw307:RedenBeeindiging>99<'),
  'RedenBeeindiging 99 is not in JZ588 (LDT_RedenBeeindiging)',
  S.basis,
);
xsdInvalid(
  'jw307',
  'zonder-einddatum',
  'JW307',
  mut(base307, '\t\t\t\t<jw307:Einddatum>2026-05-29</jw307:Einddatum>\n', ''),
  'Einddatum missing (required in StopProduct)',
  S.xsd307,
);
xsdInvalid(
  'jw307',
  'volgorde',
  'JW307',
  mut(
    base307,
    '\t\t\t\t<jw307:RedenBeeindiging>31</jw307:RedenBeeindiging>\n\t\t\t\t<jw307:Einddatum>2026-05-29</jw307:Einddatum>',
    '\t\t\t\t<jw307:Einddatum>2026-05-29</jw307:Einddatum>\n\t\t\t\t<jw307:RedenBeeindiging>31</jw307:RedenBeeindiging>',
  ),
  'Einddatum before RedenBeeindiging: wrong element order',
  S.xsd307,
);
xsdInvalid(
  'jw307',
  'identificatie-leeg',
  'JW307',
  mut(base307, '<ijw:Identificatie>SP307-X00<', '<ijw:Identificatie> <'),
  'Identificatie of only a space (LDT_IdentificatieBericht pattern .*[^\\s].*)',
  S.basis,
);
xsdInvalid(
  'jw307',
  'geen-stopproduct',
  'JW307',
  base307.replace(/\t\t\t<jw307:StopProduct>[\s\S]*?<\/jw307:StopProduct>\n/, ''),
  'StopProducten without a StopProduct (minOccurs 1)',
  S.xsd307,
);

// ---------------------------------------------------------------------------------------------------------------
// history sequences (controleniveau 3): every step before the last is accepted, the last has the stated outcome

const histories = { jw301: [], jw305: [], jw307: [], jw315: [], jw317: [], jw319: [] };
function history(folder, name, steps, last) {
  histories[folder].push({ name, steps, ...last });
}

const tw1 = (id = 'TW-H01', o = {}) => jw301(id, '2026-03-02', [tp('300201', o)], o);
const start1 = (id = 'ST-H01', begindatum = '2026-03-09', o = {}) => jw305(id, '2026-03-10', [sp('300201', begindatum, o)], o);
const stop1 = (id = 'SP-H01', o = {}) =>
  jw307(id, o.dagtekening ?? '2026-06-02', [stp('300201', o.begindatum ?? '2026-03-09', o.einddatum ?? '2026-05-29', o)], o);

history(
  'jw301',
  'TR332-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1()],
    [
      '02-ander-kind-zelfde-nummer.xml',
      'JW301',
      jw301('TW-H02', '2026-03-03', [tp('300201', { toewijzingsdatum: '2026-03-03' })], { bsn: '123456782' }),
    ],
  ],
  {
    expected: 'refused',
    retourcodes: ['9332'],
    rule: 'TR332',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'the gemeente uses ToewijzingNummer 300201 again for another client',
    source: S.bo('TR332'),
  },
);
history(
  'jw301',
  'TR056-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H03')],
    [
      '02-zelfde-identificatie.xml',
      'JW301',
      jw301('TW-H03', '2026-03-04', [tp('300202', { product: { categorie: '54', code: '54A01' }, toewijzingsdatum: '2026-03-04' })]),
    ],
  ],
  {
    expected: 'refused',
    retourcodes: ['9056'],
    rule: 'TR056',
    niveau: 3,
    klasse: 'header',
    reason: 'a second JW301 of the same gemeente with the same Identificatie and other content',
    source: S.bo('TR056'),
  },
);
history(
  'jw301',
  'TR056-2',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H04')],
    ['02-herhaling.xml', 'JW301', tw1('TW-H04')],
  ],
  {
    expected: 'accepted',
    retourcodes: [],
    rule: 'TR056',
    niveau: 3,
    reason: 'the identical bericht again (a resend): answered with the earlier decision and its retour, not a new decision',
    source: S.bo('TR056'),
  },
);
history(
  'jw301',
  'toewijzingsdatum-volgorde-1',
  [
    [
      '01-versie-later-besloten.xml',
      'JW301',
      jw301('TW-H05', '2026-03-05', [
        tp('300201', { redenWijziging: '04', toewijzingsdatum: '2026-03-05', toewijzingstijd: '10:00:00', einddatum: '2027-08-31' }),
      ]),
    ],
    [
      '02-versie-eerder-besloten.xml',
      'JW301',
      jw301('TW-H06', '2026-03-06', [tp('300201', { toewijzingsdatum: '2026-03-02', toewijzingstijd: '09:15:00' })]),
    ],
  ],
  {
    expected: 'accepted',
    retourcodes: [],
    rule: null,
    niveau: 3,
    reason:
      'two versions of toewijzing 300201 arriving out of order: both accepted; the current version is 01 (latest Toewijzingsdatum ' +
      '+ Toewijzingstijd, Einddatum 2027-08-31), not the last arrival',
    source: `${S.xsd301} (Toewijzingsdatum, Toewijzingstijd); issue 13 point 2`,
  },
);

history('jw305', 'TR019-1', [['01-start-zonder-toewijzing.xml', 'JW305', start1('ST-H10')]], {
  expected: 'refused',
  retourcodes: ['9019'],
  rule: 'TR019',
  niveau: 3,
  klasse: 'product',
  productIndex: 0,
  reason: 'a start for ToewijzingNummer 300201 that no toewijzing of this gemeente to this aanbieder has',
  source: S.bo('TR019'),
});
history(
  'jw305',
  'TR063-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H11')],
    ['02-verwijderen-zonder-start.xml', 'JW305', start1('ST-H11', '2026-03-09', { status: '3' })],
  ],
  {
    expected: 'refused',
    retourcodes: ['9063'],
    rule: 'TR063',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'StatusAanlevering 3 for a start that was never sent (the example of IV028)',
    source: `${S.bo('TR063')}; ${S.iv028}`,
  },
);
history(
  'jw305',
  'TR326-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H12')],
    ['02-start.xml', 'JW305', start1('ST-H12')],
    ['03-tweede-start.xml', 'JW305', start1('ST-H13', '2026-03-10')],
  ],
  {
    expected: 'refused',
    retourcodes: ['9326'],
    rule: 'TR326',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'a second start for the same toegewezen product while the first is still actual (no stop, not deleted)',
    source: S.bo('TR326'),
  },
);
history(
  'jw305',
  'TR074-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H14')],
    ['02-start.xml', 'JW305', start1('ST-H14')],
    ['03-zelfde-sleutel.xml', 'JW305', start1('ST-H15')],
  ],
  {
    expected: 'refused',
    retourcodes: ['9074'],
    rule: 'TR074',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason:
      'StatusAanlevering 1 with the key (ToewijzingNummer, Product, Begindatum) of an earlier start, in a new bericht (TR326 may ' +
      'be reported as well)',
    source: S.bo('TR074'),
  },
);
history(
  'jw305',
  'TR071-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H16')],
    ['02-start.xml', 'JW305', start1('ST-H16')],
    ['03-stop.xml', 'JW307', stop1('SP-H16')],
    ['04-start-verwijderen.xml', 'JW305', jw305('ST-H17', '2026-06-03', [sp('300201', '2026-03-09', { status: '3' })])],
  ],
  {
    expected: 'refused',
    retourcodes: ['9071'],
    rule: 'TR071',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'deleting a start for which a stop was already sent',
    source: S.bo('TR071'),
  },
);
history(
  'jw305',
  'IV008-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H18')],
    ['02-start.xml', 'JW305', start1('ST-H18')],
    ['03-correctie.xml', 'JW305', jw305('ST-H19', '2026-03-12', [sp('300201', '2026-03-09', { status: '3' }), sp('300201', '2026-03-05')])],
  ],
  {
    expected: 'accepted',
    retourcodes: [],
    rule: 'IV008',
    niveau: 3,
    reason:
      'correction of a start in one bericht: delete the start of 2026-03-09 (3) and send the start of 2026-03-05 (1); the ' +
      'trajectory then starts 2026-03-05',
    source: S.iv008,
  },
);
history(
  'jw305',
  'TR056-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H20')],
    ['02-start.xml', 'JW305', start1('ST-H20')],
    ['03-zelfde-identificatie.xml', 'JW305', jw305('ST-H20', '2026-03-12', [sp('300201', '2026-03-09', { status: '3' })])],
  ],
  {
    expected: 'refused',
    retourcodes: ['9056'],
    rule: 'TR056',
    niveau: 3,
    klasse: 'header',
    reason: 'a second JW305 of the aanbieder with the same Identificatie and other content',
    source: S.bo('TR056'),
  },
);

history('jw307', 'TR019-1', [['01-stop-zonder-toewijzing.xml', 'JW307', stop1('SP-H30')]], {
  expected: 'refused',
  retourcodes: ['9019'],
  rule: 'TR019',
  niveau: 3,
  klasse: 'product',
  productIndex: 0,
  reason: 'a stop that cannot be linked to a toewijzing by ToewijzingNummer',
  source: S.bo('TR019'),
});
history(
  'jw307',
  'TR382-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H31')],
    ['02-start.xml', 'JW305', start1('ST-H31')],
    ['03-stop-andere-begindatum.xml', 'JW307', stop1('SP-H31', { begindatum: '2026-03-08' })],
  ],
  {
    expected: 'refused',
    retourcodes: ['9069'],
    rule: 'TR382',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'the stop does not take over the key of the start unchanged (Begindatum 2026-03-08 instead of 2026-03-09)',
    source: S.bo('TR382'),
  },
);
history(
  'jw307',
  'TR063-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H32')],
    ['02-start.xml', 'JW305', start1('ST-H32')],
    ['03-stop-verwijderen-zonder-stop.xml', 'JW307', stop1('SP-H32', { status: '3' })],
  ],
  {
    expected: 'refused',
    retourcodes: ['9063'],
    rule: 'TR063',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'StatusAanlevering 3 for a stop that was never sent',
    source: S.bo('TR063'),
  },
);
history(
  'jw307',
  'TR415-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H33')],
    ['02-start.xml', 'JW305', start1('ST-H33')],
    ['03-stop.xml', 'JW307', stop1('SP-H33')],
    ['04-tweede-stop.xml', 'JW307', stop1('SP-H34', { einddatum: '2026-05-30', dagtekening: '2026-06-03' })],
  ],
  {
    expected: 'refused',
    retourcodes: ['9415'],
    rule: 'TR415',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'a second stop (StatusAanlevering 1) for the same Bsn, ToewijzingNummer and Begindatum after a stop with reden 31',
    source: S.bo('TR415'),
  },
);
history(
  'jw307',
  'TR413-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H35')],
    ['02-start.xml', 'JW305', start1('ST-H35')],
    ['03-stop-tijdelijk.xml', 'JW307', stop1('SP-H35', { reden: '20', einddatum: '2026-05-15' })],
    ['04-weer-tijdelijk.xml', 'JW307', stop1('SP-H36', { reden: '20', einddatum: '2026-05-20', dagtekening: '2026-06-03' })],
  ],
  {
    expected: 'refused',
    retourcodes: ['9413'],
    rule: 'TR413',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'a second stop with RedenBeeindiging 20 for the same Bsn, ToewijzingNummer and Begindatum',
    source: S.bo('TR413'),
  },
);
history(
  'jw307',
  'TR414-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H37')],
    ['02-start.xml', 'JW305', start1('ST-H37')],
    ['03-stop-tijdelijk.xml', 'JW307', stop1('SP-H37', { reden: '20', einddatum: '2026-05-15' })],
    ['04-definitief-eerder.xml', 'JW307', stop1('SP-H38', { reden: '31', einddatum: '2026-05-10', dagtekening: '2026-06-03' })],
  ],
  {
    expected: 'refused',
    retourcodes: ['9414'],
    rule: 'TR414',
    niveau: 3,
    klasse: 'product',
    productIndex: 0,
    reason: 'after a stop with reden 20 (Einddatum 2026-05-15) a definitive stop with an earlier Einddatum',
    source: S.bo('TR414'),
  },
);
history(
  'jw307',
  'TR414-2',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H39')],
    ['02-start.xml', 'JW305', start1('ST-H39')],
    ['03-stop-tijdelijk.xml', 'JW307', stop1('SP-H39', { reden: '20', einddatum: '2026-05-15' })],
    ['04-definitief.xml', 'JW307', stop1('SP-H40', { reden: '31', einddatum: '2026-05-29', dagtekening: '2026-06-03' })],
  ],
  {
    expected: 'accepted',
    retourcodes: [],
    rule: 'TR414',
    niveau: 3,
    reason:
      'after a stop with reden 20 a definitive stop with a later Einddatum is allowed (TR414, TR415 only forbid a second non-20 stop)',
    source: `${S.bo('TR414')}; ${S.bo('TR415')}`,
  },
);
history(
  'jw307',
  'IV008-1',
  [
    ['01-toewijzing.xml', 'JW301', tw1('TW-H41')],
    ['02-start.xml', 'JW305', start1('ST-H41')],
    ['03-stop.xml', 'JW307', stop1('SP-H41')],
    [
      '04-correctie.xml',
      'JW307',
      jw307('SP-H42', '2026-06-04', [
        stp('300201', '2026-03-09', '2026-05-29', { status: '3' }),
        stp('300201', '2026-03-09', '2026-05-22'),
      ]),
    ],
  ],
  {
    expected: 'accepted',
    retourcodes: [],
    rule: 'IV008',
    niveau: 3,
    reason: 'correction of a stop in one bericht: delete the stop of 2026-05-29 (3), send the stop of 2026-05-22 (1)',
    source: S.iv008,
  },
);

// ---------------------------------------------------------------------------------------------------------------
// the request side: JW315 verzoek om toewijzing, JW317 verzoek om wijziging (aanbieder → gemeente), JW319 antwoord
// (gemeente → aanbieder); structure from berichten/JW315.xml, JW317.xml, JW319.xml and xsd/JW315.xsd, JW317.xsd,
// JW319.xsd (keys in XSD order)

const VCODE = { JW315: '446', JW317: '486', JW319: '488' };
function vheader(soort, id, dagtekening, o = {}) {
  const gemeente = o.gemeente ?? GEMEENTE;
  const aanbieder = o.aanbieder ?? AANBIEDER;
  return {
    berichtCode: VCODE[soort],
    berichtVersie: '3',
    berichtSubversie: '2',
    afzender: soort === 'JW319' ? gemeente : aanbieder,
    ontvanger: soort === 'JW319' ? aanbieder : gemeente,
    berichtIdentificatie: { identificatie: id, dagtekening },
    xsdVersie: { ...XSD_VERSIE },
  };
}
function jw315(id, dagtekening, products, o = {}) {
  const client = {
    bsn: o.bsn ?? CLIENT.bsn,
    geboortedatum: o.geboortedatum ?? CLIENT.geboortedatum,
    geslacht: '2',
    naam: { geslachtsnaam: { achternaam: 'Proef', voorvoegsel: 'de' }, voornamen: 'Sanne', voorletters: 'S' },
    aangevraagdeProducten: { aangevraagdProduct: products },
  };
  return { header: vheader('JW315', id, dagtekening, o), client };
}
/** One AangevraagdProduct; `o.product` null = no Product; verwijzer default: huisarts with AGB code (CD066–CD068). */
function ap(ref, o = {}) {
  const out = { referentieAanbieder: ref };
  if (o.beschikkingNummer) out.beschikkingNummer = o.beschikkingNummer;
  if (o.product !== null) out.product = o.product ?? { categorie: '45', code: '45A01' };
  if (o.beschikkingIngangsdatum) out.beschikkingIngangsdatum = o.beschikkingIngangsdatum;
  out.toewijzingIngangsdatum = o.toewijzingIngangsdatum ?? '2026-04-01';
  if (o.toewijzingEinddatum !== null) out.toewijzingEinddatum = o.toewijzingEinddatum ?? '2027-03-31';
  if (o.omvang !== null && o.budget === undefined) out.omvang = o.omvang ?? { volume: '2', eenheid: '04', frequentie: '2' };
  if (o.budget !== undefined) out.budget = o.budget;
  out.verwijzer = o.verwijzer ?? { type: '02', zorgverlenerCode: '01234567' };
  if (o.commentaar) out.commentaar = o.commentaar;
  return out;
}
function jw317(id, dagtekening, verzoek, o = {}) {
  return { header: vheader('JW317', id, dagtekening, o), client: { bsn: o.bsn ?? CLIENT.bsn, verzoek } };
}
function vow(ref, o = {}) {
  const out = { referentieAanbieder: ref, redenVerzoek: o.redenVerzoek ?? '1' };
  if (o.ongewijzigd !== null)
    out.ongewijzigdeProducten = { ongewijzigdProduct: (o.ongewijzigd ?? ['300201']).map((n) => ({ toewijzingNummer: n })) };
  if (o.teWijzigen) out.teWijzigenProducten = { teWijzigenProduct: o.teWijzigen };
  if (o.nieuw !== null) out.nieuweProducten = { nieuwProduct: o.nieuw ?? [np()] };
  return out;
}
/** A NieuwProduct (JW317). */
function np(o = {}) {
  const out = {};
  if (o.product !== null) out.product = o.product ?? { categorie: '45', code: '45A03' };
  out.gewensteIngangsdatum = o.gewensteIngangsdatum ?? '2026-05-01';
  if (o.einddatum !== null) out.einddatum = o.einddatum ?? '2026-12-31';
  if (o.omvang !== null && o.budget === undefined) out.omvang = o.omvang ?? { volume: '4', eenheid: '04', frequentie: '2' };
  if (o.budget !== undefined) out.budget = o.budget;
  return out;
}
/** A TeWijzigenProduct (JW317). */
function twp(nummer, o = {}) {
  const out = { toewijzingNummer: nummer, gewensteIngangsdatum: o.gewensteIngangsdatum ?? '2026-05-01' };
  if (o.einddatum !== null) out.einddatum = o.einddatum ?? '2027-08-31';
  if (o.omvang) out.omvang = o.omvang;
  if (o.budget !== undefined) out.budget = o.budget;
  return out;
}
function jw319(id, dagtekening, antwoord, o = {}) {
  return { header: vheader('JW319', id, dagtekening, o), antwoord };
}
function antw(ref, o = {}) {
  const out = { referentieAanbieder: ref, verzoekAntwoord: o.verzoekAntwoord ?? '1' };
  if (o.reden !== null && (o.reden !== undefined || out.verzoekAntwoord === '1')) out.redenAfwijzingVerzoek = o.reden ?? '4';
  if (o.woonplaats) out.woonplaatsbeginsel = { gemeente: o.woonplaats };
  return out;
}
Object.assign(S, {
  examples315: 'berichten/JW315.xml',
  examples317: 'berichten/JW317.xml',
  examples319: 'berichten/JW319.xml',
  xsd315: 'xsd/JW315.xsd',
  xsd317: 'xsd/JW317.xsd',
  xsd319: 'xsd/JW319.xsd',
  proces: 'procesbeschrijving-ijw-3.2.md',
  stromen: 'berichtstromen',
});
const pn = (n) => ({ klasse: 'product', productIndex: n });

// ---- JW315 accepted
accepted(
  'jw315',
  'huisarts.xml',
  'JW315',
  jw315('VT315-A01', '2026-03-02', [ap('VOT-2026-0001')]),
  'one AangevraagdProduct (specifiek, 2 uur per week), verwijzer 02 huisarts with its AGB code',
  `${S.examples315}; ${S.proces} §2.5`,
);
accepted(
  'jw315',
  'twee-producten.xml',
  'JW315',
  jw315('VT315-A02', '2026-03-02', [
    ap('VOT-2026-0002', { verwijzer: { type: '05', zorgverlenerCode: '01234567' } }),
    ap('VOT-2026-0003', {
      product: { categorie: '54', code: '54A01' },
      verwijzer: { type: '04', naam: 'Gecertificeerde instelling Flevoland' },
    }),
  ]),
  'two AangevraagdProducten, each its own request with its own ReferentieAanbieder (TR383, TR379): medisch specialist with AGB ' +
    'code, gecertificeerde instelling by name',
  `${S.examples315}; ${S.xslt('TR383')}; ${S.cc} CD066, CD067`,
);
accepted(
  'jw315',
  'beschikking.xml',
  'JW315',
  jw315('VT315-A03', '2026-03-02', [ap('VOT-2026-0004', { beschikkingNummer: '123', beschikkingIngangsdatum: '2026-02-15' })]),
  'BeschikkingNummer with its BeschikkingIngangsdatum (CD043)',
  `${S.examples315}; ${S.cc} CD043`,
);
accepted(
  'jw315',
  'generiek.xml',
  'JW315',
  jw315('VT315-A04', '2026-03-02', [
    ap('VOT-2026-0005', {
      product: null,
      budget: '250000',
      toewijzingEinddatum: '2026-12-31',
      verwijzer: { type: '08', naam: 'Kinderrechter' },
    }),
  ]),
  'no Product but a Budget (CD079), verwijzer 08 (rechter) by name and without AGB code (CD068)',
  `${S.cc} CD079, CD068; codelijsten/COD327_Code_verwijzer.md`,
);
accepted(
  'jw315',
  'zelfverwijzer.xml',
  'JW315',
  jw315('VT315-A05', '2026-03-02', [ap('VOT-2026-0006', { verwijzer: { type: '06' }, toewijzingEinddatum: '2026-04-01' })]),
  'verwijzer 06 (zelfverwijzer / geen verwijzer) with neither name nor code; ToewijzingEinddatum = ToewijzingIngangsdatum (CS003)',
  `codelijsten/COD327_Code_verwijzer.md; ${S.cc} CS003`,
);
accepted(
  'jw315',
  'datumgebruik-3.xml',
  'JW315',
  jw315('VT315-A06', '2026-03-02', [ap('VOT-2026-0007')], { geboortedatum: { datum: '1900-01-01', datumGebruik: '3' } }),
  'Geboortedatum onbekend (DatumGebruik 3), exempt from TR002',
  `${S.iv009}; ${S.xslt('TR002')}`,
);

// ---- JW315 refused at level 2
refused(
  'jw315',
  'CS002',
  1,
  'JW315',
  jw315('VT315-R01', '2026-03-02', [ap('VOT-R01')], { bsn: '123456789' }),
  cl,
  'Bsn fails the 11-proef',
  `${S.cc} CS002`,
);
refused(
  'jw315',
  'TR002',
  1,
  'JW315',
  jw315('VT315-R02', '2026-03-02', [ap('VOT-R02')], { geboortedatum: { datum: '1905-03-01' } }),
  cl,
  'Geboortedatum more than 120 years before the Dagtekening',
  S.xslt('TR002'),
);
refused(
  'jw315',
  'CS139',
  1,
  'JW315',
  jw315('VT315-R03', '2026-03-02', [ap('VOT-R03')], { geboortedatum: { datum: '2012-05-14', datumGebruik: '2' } }),
  cl,
  'DatumGebruik 2 with a Datum whose day and month are not 01',
  `${S.cc} CS139`,
);
refused(
  'jw315',
  'TR134',
  1,
  'JW315',
  jw315('VT315-R04', '2026-03-02', [ap('VOT-R04')], { geboortedatum: { datum: '2026-03-03' } }),
  cl,
  'Geboortedatum after the Dagtekening',
  S.xslt('TR134'),
);
refused(
  'jw315',
  'CS003',
  1,
  'JW315',
  jw315('VT315-R05', '2026-03-02', [ap('VOT-R05', { toewijzingEinddatum: '2026-03-31' })]),
  p1,
  'ToewijzingEinddatum before ToewijzingIngangsdatum',
  `${S.cc} CS003`,
);
refused(
  'jw315',
  'CD079',
  1,
  'JW315',
  jw315('VT315-R06', '2026-03-02', [ap('VOT-R06', { product: null, omvang: null })]),
  p1,
  'no Product and no Budget',
  `${S.cc} CD079`,
);
refused(
  'jw315',
  'TR383',
  1,
  'JW315',
  jw315('VT315-R07', '2026-03-02', [ap('VOT-R07'), ap('VOT-R07', { product: { categorie: '54', code: '54A01' } })]),
  pn(1),
  'two AangevraagdProducten with the same ReferentieAanbieder',
  S.xslt('TR383'),
);
refused(
  'jw315',
  'CD043',
  1,
  'JW315',
  jw315('VT315-R08', '2026-03-02', [ap('VOT-R08', { beschikkingNummer: '123' })]),
  p1,
  'BeschikkingNummer without BeschikkingIngangsdatum',
  `${S.cc} CD043`,
);
refused(
  'jw315',
  'CD066',
  1,
  'JW315',
  jw315('VT315-R09', '2026-03-02', [ap('VOT-R09', { verwijzer: { type: '02', naam: 'Huisarts Proef', zorgverlenerCode: '01234567' } })]),
  p1,
  'verwijzer huisarts with both a name and an AGB code',
  `${S.cc} CD066`,
);
refused(
  'jw315',
  'CD067',
  1,
  'JW315',
  jw315('VT315-R10', '2026-03-02', [ap('VOT-R10', { verwijzer: { type: '03' } })]),
  p1,
  'verwijzer jeugdarts with neither an AGB code nor a name',
  `${S.cc} CD067`,
);
refused(
  'jw315',
  'CD068',
  1,
  'JW315',
  jw315('VT315-R11', '2026-03-02', [ap('VOT-R11', { verwijzer: { type: '01', zorgverlenerCode: '01234567' } })]),
  p1,
  'verwijzer gemeente with an AGB code (only types 02–05 have one)',
  `${S.cc} CD068`,
);

// ---- JW315 level 1
const base315 = toXml('JW315', jw315('VT315-X00', '2026-03-02', [ap('VOT-X00')]));
xsdInvalid(
  'jw315',
  'berichtcode-486',
  'JW315',
  mut(base315, '<jw315:BerichtCode>446<', '<jw315:BerichtCode>486<'),
  'BerichtCode 486 (JW317) inside a jw315 bericht: the XSD fixes 446',
  S.xsd315,
);
xsdInvalid(
  'jw315',
  'datum-ongeldig',
  'JW315',
  mut(base315, '<jw315:ToewijzingEinddatum>2027-03-31<', '<jw315:ToewijzingEinddatum>2027-06-31<'),
  'ToewijzingEinddatum 2027-06-31 is not a date (the slip of berichten/JW315.xml)',
  `${S.basis}; ${S.examples315}`,
);
xsdInvalid(
  'jw315',
  'zonder-verwijzer',
  'JW315',
  base315.replace(/\t\t\t\t<jw315:Verwijzer>[\s\S]*?<\/jw315:Verwijzer>\n/, ''),
  'Verwijzer missing (required in AangevraagdProduct)',
  S.xsd315,
);
xsdInvalid(
  'jw315',
  'referentie-37',
  'JW315',
  mut(base315, '<jw315:ReferentieAanbieder>VOT-X00<', `<jw315:ReferentieAanbieder>${'R'.repeat(37)}<`),
  'ReferentieAanbieder of 37 characters (LDT_Referentie maxLength 36)',
  S.basis,
);
xsdInvalid(
  'jw315',
  'verwijzer-07',
  'JW315',
  mut(base315, '<ijw:Type>02<', '<ijw:Type>07<'),
  'verwijzer type 07 is not in COD327',
  `${S.basis} LDT_TypeVerwijzer`,
);
xsdInvalid(
  'jw315',
  'afzender-gemeente',
  'JW315',
  mut(base315, '<jw315:Afzender>98100001<', '<jw315:Afzender>0034<'),
  'a gemeentecode as Afzender of a JW315 (LDT_AgbCode)',
  S.xsd315,
);

// ---- JW317 accepted
accepted(
  'jw317',
  'nieuw-product.xml',
  'JW317',
  jw317('VW317-A01', '2026-03-02', vow('VOW-2026-0001')),
  'the current toewijzing unchanged (OngewijzigdProduct) and a new product asked for (NieuwProduct)',
  `${S.examples317}; ${S.proces} §3.3.1`,
);
accepted(
  'jw317',
  'verlengen.xml',
  'JW317',
  jw317('VW317-A02', '2026-03-02', vow('VOW-2026-0002', { ongewijzigd: null, nieuw: null, teWijzigen: [twp('300201')] })),
  'a toewijzing to be extended (TeWijzigenProduct with a new Einddatum), nothing else',
  `${S.proces} §3.3.1; ${S.xslt('TR352')}; ${S.xslt('TR353')}`,
);
accepted(
  'jw317',
  'volume-wijzigen.xml',
  'JW317',
  jw317(
    'VW317-A03',
    '2026-03-02',
    vow('VOW-2026-0003', {
      ongewijzigd: ['300202'],
      nieuw: null,
      teWijzigen: [twp('300201', { omvang: { volume: '4', eenheid: '04', frequentie: '2' } })],
      redenVerzoek: '2',
    }),
  ),
  'the Omvang of one toewijzing to change, another unchanged, RedenVerzoek 2 (wijziging zorgplan)',
  `${S.proces} §3.3.1; codelijsten/WJ758_Reden_verzoek.md`,
);
accepted(
  'jw317',
  'nieuw-generiek.xml',
  'JW317',
  jw317('VW317-A04', '2026-03-02', vow('VOW-2026-0004', { nieuw: [np({ product: null, budget: '150000' })] })),
  'a new product without Product but with a Budget (CD079)',
  `${S.cc} CD079`,
);

// ---- JW317 refused at level 2
refused(
  'jw317',
  'TR352',
  1,
  'JW317',
  jw317('VW317-R01', '2026-03-02', vow('VOW-R01', { ongewijzigd: null })),
  cl,
  'neither an OngewijzigdProduct nor a TeWijzigenProduct: the VOW must name the current toewijzingen',
  S.xslt('TR352'),
);
refused(
  'jw317',
  'TR353',
  1,
  'JW317',
  jw317('VW317-R02', '2026-03-02', vow('VOW-R02', { nieuw: null })),
  cl,
  'neither a TeWijzigenProduct nor a NieuwProduct: nothing is asked for',
  S.xslt('TR353'),
);
refused(
  'jw317',
  'TR380',
  1,
  'JW317',
  jw317('VW317-R03', '2026-03-02', vow('VOW-R03', { nieuw: [np({ gewensteIngangsdatum: '2026-03-02' })] })),
  { klasse: 'product' },
  'GewensteIngangsdatum of the NieuwProduct not after the Dagtekening',
  `${S.xslt('TR380')}; regels/bedrijfsregels/OP343.md`,
);
refused(
  'jw317',
  'TR380',
  2,
  'JW317',
  jw317(
    'VW317-R04',
    '2026-03-02',
    vow('VOW-R04', { ongewijzigd: null, nieuw: null, teWijzigen: [twp('300201', { gewensteIngangsdatum: '2026-02-01' })] }),
  ),
  { klasse: 'product' },
  'GewensteIngangsdatum of the TeWijzigenProduct before the Dagtekening',
  `${S.xslt('TR380')}; regels/bedrijfsregels/OP343.md`,
);
refused(
  'jw317',
  'CS003',
  1,
  'JW317',
  jw317('VW317-R05', '2026-03-02', vow('VOW-R05', { nieuw: [np({ einddatum: '2024-02-28' })] })),
  { klasse: 'product' },
  'Einddatum of the NieuwProduct before its GewensteIngangsdatum (as in berichten/JW317.xml)',
  `${S.cc} CS003; ${S.examples317}`,
);
refused(
  'jw317',
  'CD079',
  1,
  'JW317',
  jw317('VW317-R06', '2026-03-02', vow('VOW-R06', { nieuw: [np({ product: null, omvang: null })] })),
  { klasse: 'product' },
  'a NieuwProduct without Product and without Budget',
  `${S.cc} CD079`,
);
refused(
  'jw317',
  'CS002',
  1,
  'JW317',
  jw317('VW317-R07', '2026-03-02', vow('VOW-R07'), { bsn: '123456789' }),
  cl,
  'Bsn fails the 11-proef',
  `${S.cc} CS002`,
);

// ---- JW317 level 1
const base317 = toXml('JW317', jw317('VW317-X00', '2026-03-02', vow('VOW-X00')));
xsdInvalid(
  'jw317',
  'berichtcode-446',
  'JW317',
  mut(base317, '<jw317:BerichtCode>486<', '<jw317:BerichtCode>446<'),
  'BerichtCode 446 (JW315) inside a jw317 bericht: the XSD fixes 486',
  S.xsd317,
);
xsdInvalid(
  'jw317',
  'reden-verzoek-3',
  'JW317',
  mut(base317, '<jw317:RedenVerzoek>1<', '<jw317:RedenVerzoek>3<'),
  'RedenVerzoek 3 is not in WJ758',
  `${S.basis} LDT_RedenVerzoek`,
);
xsdInvalid(
  'jw317',
  'zonder-gewenste-ingangsdatum',
  'JW317',
  mut(base317, '\t\t\t\t\t<jw317:GewensteIngangsdatum>2026-05-01</jw317:GewensteIngangsdatum>\n', ''),
  'GewensteIngangsdatum missing (required in NieuwProduct)',
  S.xsd317,
);
xsdInvalid(
  'jw317',
  'nummer-10-cijfers',
  'JW317',
  mut(base317, '<jw317:ToewijzingNummer>300201<', '<jw317:ToewijzingNummer>1000000000<'),
  'ToewijzingNummer 1000000000 exceeds LDT_Nummer',
  S.basis,
);
xsdInvalid(
  'jw317',
  'geboortedatum',
  'JW317',
  mut(
    base317,
    '\t\t<jw317:Verzoek>',
    '\t\t<jw317:Geboortedatum><ijw:Datum>2012-05-14</ijw:Datum></jw317:Geboortedatum>\n\t\t<jw317:Verzoek>',
  ),
  'a Geboortedatum, which the JW317 Client does not have',
  S.xsd317,
);

// ---- JW319 accepted
accepted(
  'jw319',
  'afgewezen.xml',
  'JW319',
  jw319('AW319-A01', '2026-03-02', antw('VOT-2026-0001', { reden: '4' })),
  'verzoek afgewezen (VerzoekAntwoord 1), reden 4 past niet binnen contract',
  `${S.examples319}; ${S.stromen} (VOT: direct afwijzen); codelijsten/WJ759_Reden_afwijzing_verzoek.md`,
);
accepted(
  'jw319',
  'woonplaatsbeginsel.xml',
  'JW319',
  jw319('AW319-A02', '2026-03-02', antw('VOT-2026-0002', { reden: '8', woonplaats: '0363' })),
  'afgewezen op het woonplaatsbeginsel, with the responsible gemeente (TR377)',
  `${S.examples319}; ${S.xslt('TR377')}; ${S.proces} §2.5.1`,
);
accepted(
  'jw319',
  'in-onderzoek.xml',
  'JW319',
  jw319('AW319-A03', '2026-03-02', antw('VOW-2026-0001', { verzoekAntwoord: '2' })),
  'aanvraag in onderzoek (VerzoekAntwoord 2) without RedenAfwijzingVerzoek (CD086)',
  `${S.stromen} (toewijzen na onderzoek); ${S.cc} CD086`,
);

// ---- JW319 refused at level 2
refused(
  'jw319',
  'CD085',
  1,
  'JW319',
  jw319('AW319-R01', '2026-03-02', antw('VOT-R01', { reden: null })),
  cl,
  'verzoek afgewezen without RedenAfwijzingVerzoek',
  `${S.cc} CD085`,
);
refused(
  'jw319',
  'CD086',
  1,
  'JW319',
  jw319('AW319-R02', '2026-03-02', antw('VOT-R02', { verzoekAntwoord: '2', reden: '3' })),
  cl,
  'aanvraag in onderzoek with a RedenAfwijzingVerzoek',
  `${S.cc} CD086`,
);
refused(
  'jw319',
  'TR377',
  1,
  'JW319',
  jw319('AW319-R03', '2026-03-02', antw('VOT-R03', { reden: '8' })),
  cl,
  'RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) without Woonplaatsbeginsel',
  S.xslt('TR377'),
);
refused(
  'jw319',
  'TR409',
  1,
  'JW319',
  jw319('AW319-R04', '2026-03-02', antw('VOT-R04', { reden: '3', woonplaats: '0363' })),
  cl,
  'Woonplaatsbeginsel with RedenAfwijzingVerzoek 3',
  S.xslt('TR409'),
);

// ---- JW319 level 1
const base319 = toXml('JW319', jw319('AW319-X00', '2026-03-02', antw('VOT-X00')));
xsdInvalid(
  'jw319',
  'berichtcode-487',
  'JW319',
  mut(base319, '<jw319:BerichtCode>488<', '<jw319:BerichtCode>487<'),
  'BerichtCode 487 (the JW318 retour) inside a jw319 bericht: the XSD fixes 488',
  S.xsd319,
);
xsdInvalid(
  'jw319',
  'verzoekantwoord-3',
  'JW319',
  mut(base319, '<jw319:VerzoekAntwoord>1<', '<jw319:VerzoekAntwoord>3<'),
  'VerzoekAntwoord 3 is not in WJ760',
  `${S.basis} LDT_VerzoekAntwoord`,
);
xsdInvalid(
  'jw319',
  'afzender-agb',
  'JW319',
  mut(base319, '<jw319:Afzender>0034<', '<jw319:Afzender>98100001<'),
  'an AGB code as Afzender of a JW319 (LDT_Gemeente: the gemeente answers)',
  S.xsd319,
);
xsdInvalid(
  'jw319',
  'met-client',
  'JW319',
  mut(base319, '\t<jw319:Antwoord>', '\t<jw319:Client><jw319:Bsn>999900006</jw319:Bsn></jw319:Client>\n\t<jw319:Antwoord>'),
  'a Client, which a JW319 does not have',
  S.xsd319,
);

// ---- request-side sequences
history(
  'jw315',
  'TR056-1',
  [
    ['01-verzoek.xml', 'JW315', jw315('VT-H01', '2026-03-02', [ap('VOT-H01')])],
    ['02-zelfde-identificatie.xml', 'JW315', jw315('VT-H01', '2026-03-03', [ap('VOT-H02')])],
  ],
  {
    expected: 'refused',
    retourcodes: ['9056'],
    rule: 'TR056',
    niveau: 3,
    klasse: 'header',
    reason: 'a second JW315 of the aanbieder with the same Identificatie and other content',
    source: S.bo('TR056'),
  },
);
history(
  'jw315',
  'TR056-2',
  [
    ['01-verzoek.xml', 'JW315', jw315('VT-H03', '2026-03-02', [ap('VOT-H03')])],
    ['02-opnieuw.xml', 'JW315', jw315('VT-H03', '2026-03-02', [ap('VOT-H03')])],
  ],
  {
    expected: 'accepted',
    retourcodes: [],
    rule: 'TR056',
    niveau: 3,
    reason: 'the identical JW315 again (a resend): answered with the earlier decision',
    source: S.bo('TR056'),
  },
);
history(
  'jw315',
  'VOT-1',
  [
    ['01-verzoek.xml', 'JW315', jw315('VT-H04', '2026-03-02', [ap('VOT-H04')])],
    ['02-in-onderzoek.xml', 'JW319', jw319('AW-H04', '2026-03-03', antw('VOT-H04', { verzoekAntwoord: '2' }))],
    [
      '03-toewijzing.xml',
      'JW301',
      jw301('TW-H04', '2026-03-05', [
        tp('300241', { referentieAanbieder: 'VOT-H04', ingangsdatum: '2026-04-01', toewijzingsdatum: '2026-03-05' }),
      ]),
    ],
  ],
  {
    expected: 'accepted',
    retourcodes: [],
    rule: null,
    niveau: 3,
    reason:
      'berichtstroom VOT "toewijzen na onderzoek": JW315, JW319 (onderzoek), JW301 that takes over the ReferentieAanbieder of the ' +
      'AangevraagdProduct (TR379); all accepted',
    source: `${S.stromen}; ${S.bo('TR379')}`,
  },
);
history(
  'jw317',
  'TR056-1',
  [
    ['01-verzoek.xml', 'JW317', jw317('VW-H01', '2026-03-02', vow('VOW-H01'))],
    ['02-zelfde-identificatie.xml', 'JW317', jw317('VW-H01', '2026-03-03', vow('VOW-H02'))],
  ],
  {
    expected: 'refused',
    retourcodes: ['9056'],
    rule: 'TR056',
    niveau: 3,
    klasse: 'header',
    reason: 'a second JW317 of the aanbieder with the same Identificatie and other content',
    source: S.bo('TR056'),
  },
);
history(
  'jw319',
  'TR056-1',
  [
    ['01-antwoord.xml', 'JW319', jw319('AW-H01', '2026-03-02', antw('VOT-H11', { verzoekAntwoord: '2' }))],
    ['02-zelfde-identificatie.xml', 'JW319', jw319('AW-H01', '2026-03-04', antw('VOT-H11', { reden: '4' }))],
  ],
  {
    expected: 'refused',
    retourcodes: ['9056'],
    rule: 'TR056',
    niveau: 3,
    klasse: 'header',
    reason: 'a second JW319 of the gemeente with the same Identificatie and other content',
    source: S.bo('TR056'),
  },
);

// ---------------------------------------------------------------------------------------------------------------
// write

function writeFile(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

for (const folder of Object.keys(corpus)) {
  const dir = path.join(OUT, folder);
  fs.rmSync(dir, { recursive: true, force: true });
  const cases = [];
  for (const c of corpus[folder]) {
    writeFile(path.join(dir, c.file), c.xml ?? toXml(c.soort, c.json));
    const entry = { ...c };
    delete entry.json;
    delete entry.xml;
    cases.push(entry);
  }
  const sequences = [];
  for (const h of histories[folder]) {
    const steps = h.steps.map(([file, soort, json]) => {
      const rel = `history/${h.name}/${file}`;
      writeFile(path.join(dir, rel), toXml(soort, json));
      return { file: rel, soort };
    });
    const rest = { ...h };
    delete rest.name;
    delete rest.steps;
    sequences.push({ name: h.name, steps, ...rest });
  }
  const manifest = {
    soort: folder.toUpperCase(),
    standard: 'iJw 3.2, /work/shared/ijw-3.2 (sources are paths relative to it)',
    generatedBy: 'test/conformance/generate-corpus.js',
    semantics: {
      cases:
        'each file alone; expected = the outcome of controleniveau 1 and 2 (per-bericht: what `trajectwacht validate` decides ' +
        'without history, TR135 holding). accepted/ and refused/ are XSD-valid, xsd-invalid/ are not.',
      retourcodes:
        'the codes the retour must carry (at least these; overlapping rules may add others). Level 2: 0001 (the retour is the ' +
        "header with 0001, IV028). Level 1: no retour bericht, a foutmelding (IV028), so []. Level 3: the rule's code at `klasse` " +
        '(productIndex 0-based), 0200 elsewhere (IV028).',
      sequences:
        'history/<name>/: the steps in order to one platform with an empty history; every step but the last is accepted; ' +
        '`expected`/`retourcodes` apply to the last step.',
    },
    cases,
    sequences,
  };
  writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// docs/examples: one complete bericht per soort (XML + its JSON form), and the demo sequence as XML files

const exJw301 = jw301(
  'GM0034-00017',
  '2026-03-02',
  [
    tp('300201', { referentieAanbieder: 'VOT-2026-0815', commentaar: 'Ambulante begeleiding, 2 uur per week' }),
    tp('987654321', {
      product: { categorie: '54', code: '54A01' },
      omvang: { volume: '4', eenheid: '16', frequentie: '4' },
      einddatum: '2026-12-31',
    }),
  ],
  {
    naam: { geslachtsnaam: { achternaam: 'Proef', voorvoegsel: 'de' }, voornamen: 'Sanne', voorletters: 'S', naamGebruik: '1' },
    contact: [{ ...CONTACT_BRP, telefoon: { telefoon01: { telefoonnummer: '0361234567', landnummer: '0031' } } }],
  },
);
const exJw305 = jw305('AB-2026-0042', '2026-03-10', [
  sp('300201', '2026-03-09'),
  sp('987654321', '2026-03-10', { product: { categorie: '54', code: '54A01' } }),
]);
const exJw307 = jw307('AB-2026-0107', '2026-06-02', [
  stp('300201', '2026-03-09', '2026-05-29'),
  stp('987654321', '2026-03-10', '2026-05-29', { product: { categorie: '54', code: '54A01' }, reden: '34' }),
]);
const exGeneriek = jw301('GM0034-00018', '2026-03-02', [
  tp('300207', { product: null, budget: '1200000', einddatum: '2026-12-31', commentaar: 'Generieke toewijzing met budget' }),
]);
const exCorrectie = jw305('AB-2026-0043', '2026-03-12', [sp('300201', '2026-03-09', { status: '3' }), sp('300201', '2026-03-05')]);

const examples = [
  ['jw301', 'JW301', exJw301],
  ['jw305', 'JW305', exJw305],
  ['jw307', 'JW307', exJw307],
  ['jw301-generiek', 'JW301', exGeneriek],
  ['jw305-correctie', 'JW305', exCorrectie],
];
for (const [name, soort, json] of examples) {
  writeFile(path.join(EXAMPLES, `${name}.xml`), toXml(soort, json));
  writeFile(path.join(EXAMPLES, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
}
// the demo: a toewijzing (as the gemeente), its start and its stop (as the aanbieder), for one child
const demo = [
  [
    'demo-1-jw301.xml',
    'JW301',
    jw301(
      'DEMO-0001',
      '2026-03-02',
      [
        tp('4711002', {
          product: { categorie: '45', code: '45A01' },
          referentieAanbieder: 'VOT-2026-0815',
          commentaar: 'Demo: eerste toewijzing',
        }),
      ],
      { bsn: '100000009', geboortedatum: { datum: '2013-01-15' } },
    ),
  ],
  [
    'demo-2-jw305.xml',
    'JW305',
    jw305('DEMO-0001', '2026-03-10', [sp('4711002', '2026-03-09', { product: { categorie: '45', code: '45A01' } })], {
      bsn: '100000009',
      geboortedatum: { datum: '2013-01-15' },
    }),
  ],
  [
    'demo-3-jw307.xml',
    'JW307',
    jw307('DEMO-0001', '2026-06-02', [stp('4711002', '2026-03-09', '2026-05-29', { product: { categorie: '45', code: '45A01' } })], {
      bsn: '100000009',
      geboortedatum: { datum: '2013-01-15' },
    }),
  ],
];
for (const [file, soort, json] of demo) writeFile(path.join(EXAMPLES, file), toXml(soort, json));

const total = Object.values(corpus).reduce((n, l) => n + l.length, 0) + Object.values(histories).reduce((n, l) => n + l.length, 0);
process.stdout.write(`wrote ${total} corpus cases and ${examples.length + demo.length} examples\n`);
