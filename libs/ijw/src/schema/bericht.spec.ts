/**
 * readIjwXml / validateIjwJson / writeIjwXml against the standard's own examples (../shared/ijw-3.2/berichten)
 * and table-driven refusals, one per rule kind of controleniveau 1 (IV032): element, namespace, order,
 * cardinality, datatype, facet, header codes, well-formedness, DOCTYPE.
 * The examples come from ../shared/ijw-3.2; these tests skip only when ../shared is absent (CI always has it).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readIjwXml, validateIjwJson, writeIjwXml, type IjwBerichtsoort, type IjwJson } from './index';
import { standardAvailable, validateManyAgainstStandard } from '../../../../test/support/xsd-oracle';

const SHARED = path.resolve(__dirname, '../../../../../shared/ijw-3.2');
const available = existsSync(SHARED) && standardAvailable();
const describeShared = available ? describe : describe.skip;
if (!available) console.warn(`SKIPPED: the iJw 3.2 standard is not at ${SHARED} (../shared is absent)`);

const SOORTEN: IjwBerichtsoort[] = ['JW301', 'JW302', 'JW305', 'JW306', 'JW307', 'JW308'];
const example = (soort: IjwBerichtsoort): string => readFileSync(path.join(SHARED, 'berichten', `${soort}.xml`), 'utf8');
const NS = (s: string) => `http://www.istandaarden.nl/ijw/3_2/${s}/schema`;
const BASIS = NS('basisschema');

function problemsOf(xml: string) {
  const r = readIjwXml(xml);
  return r.ok ? [] : r.problems;
}

describeShared('the standard examples', () => {
  it.each(SOORTEN)('%s.xml is XSD-valid (xmllint-wasm oracle) and read without problems', async (soort) => {
    const xml = example(soort);
    const [oracle] = await validateManyAgainstStandard([xml], soort);
    expect(oracle).toEqual({ valid: true, errors: [] });
    const r = readIjwXml(xml);
    expect(r).toMatchObject({ ok: true, soort });
  });

  it('maps JW301 to the camelCase JSON form: strings as in the XML, arrays for maxOccurs > 1', () => {
    const r = readIjwXml(example('JW301'));
    if (!r.ok) throw new Error('not ok');
    const json = r.json as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(json.header.berichtCode).toBe('436');
    expect(json.header.berichtIdentificatie).toEqual({ identificatie: '123456789012', dagtekening: '2026-04-01' });
    expect(json.client.geboortedatum).toEqual({ datum: '2010-02-14' });
    expect(json.client.toegewezenProducten.toegewezenProduct).toHaveLength(2);
    expect(json.client.toegewezenProducten.toegewezenProduct[1].toewijzingNummer).toBe('300202');
    expect(json.client.toegewezenProducten.toegewezenProduct[0].omvang).toEqual({ volume: '2', eenheid: '04', frequentie: '2' });
    expect(json.client.relaties.relatie[0].contact.telefoon.telefoon01).toEqual({ telefoonnummer: '0201234567', landnummer: '0031' });
    expect(Array.isArray(json.client.contactgegevens.contact)).toBe(true);
    expect(Object.keys(json)).toEqual(['header', 'client']);
  });

  it('maps a one-item list to an array too (JW302 RetourCodes)', () => {
    const r = readIjwXml(example('JW302'));
    expect(r.ok && (r.json.header as IjwJson).retourCodes).toEqual({ retourCode: ['8848'] });
  });

  it.each(SOORTEN)('%s: the JSON form is valid, and write → read gives the same JSON (round trip)', async (soort) => {
    const r = readIjwXml(example(soort));
    if (!r.ok) throw new Error('not ok');
    expect(validateIjwJson(soort, r.json)).toEqual([]);
    const written = writeIjwXml(soort, r.json);
    expect(written.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(written).toContain(
      `<${soort.toLowerCase()}:Bericht xmlns:${soort.toLowerCase()}="${NS(soort.toLowerCase())}" xmlns:ijw="${BASIS}">`,
    );
    const again = readIjwXml(written);
    expect(again).toEqual({ ok: true, soort, json: r.json });
    const [oracle] = await validateManyAgainstStandard([written], soort);
    expect(oracle!.valid).toBe(true);
  });

  it('resolves namespaces from xmlns declarations, not from prefix names', () => {
    const xml = example('JW305');
    // other prefixes
    const renamed = xml
      .replace(/jw305:/g, 'a:')
      .replace('xmlns:a=', 'xmlns:jw305=')
      .replace(/ijw:/g, 'b:');
    const other = renamed
      .replace('xmlns:jw305=', 'xmlns:a=')
      .replace('xmlns:b=', 'xmlns:b=')
      .replace(/xmlns:ijw=/, 'xmlns:b=');
    expect(readIjwXml(other).ok).toBe(true);
    // default namespace for the bericht elements, prefix for the basisschema
    const dflt = xml.replace(/jw305:/g, '').replace('xmlns:jw305=', 'xmlns=');
    expect(readIjwXml(dflt).ok).toBe(true);
    // the prefix jw305 bound to the basisschema namespace and ijw to jw305: names alone prove nothing
    const swapped = xml
      .replace(`xmlns:ijw="${BASIS}"`, `xmlns:ijw="${NS('jw305')}"`)
      .replace(`xmlns:jw305="${NS('jw305')}"`, `xmlns:jw305="${BASIS}"`);
    expect(readIjwXml(swapped).ok).toBe(false);
  });

  it('applies the content checks only after the structure: every facet reports the element, never a BSN', () => {
    const xml = example('JW301').replace('<jw301:Bsn>999900006</jw301:Bsn>', '<jw301:Bsn>99990000X</jw301:Bsn>');
    const problems = problemsOf(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ pad: 'Client/Bsn', jsonPad: 'client.bsn' });
    expect(problems[0]!.message).toContain('the value of Bsn');
    expect(JSON.stringify(problems)).not.toMatch(/99990000/);
  });
});

// --- refusals: one row per rule kind; each row starts from the standard's own valid example ---

type Mutation = [name: string, soort: IjwBerichtsoort, mutate: (xml: string) => string, pad: string, messagePart: RegExp];
const REFUSALS: Mutation[] = [
  [
    '13-character Identificatie',
    'JW301',
    (x) => x.replace('<ijw:Identificatie>123456789012<', '<ijw:Identificatie>1234567890123<'),
    'Header/BerichtIdentificatie/Identificatie',
    /at most 12 characters/,
  ],
  [
    '10-digit ToewijzingNummer',
    'JW301',
    (x) => x.replace('>300202<', '>1000000000<'),
    'Client/ToegewezenProducten/ToegewezenProduct[2]/ToewijzingNummer',
    /at most 999999999/,
  ],
  [
    '6-character ProductCode',
    'JW305',
    (x) => x.replace('>55A12<', '>55A123<'),
    'Client/StartProducten/StartProduct[2]/Product/Code',
    /at most 5 characters/,
  ],
  [
    'negative Volume',
    'JW301',
    (x) => x.replace('<ijw:Volume>2<', '<ijw:Volume>-1<'),
    'Client/ToegewezenProducten/ToegewezenProduct[1]/Omvang/Volume',
    /at least 0/,
  ],
  [
    'BerichtCode 440 in a jw305 bericht',
    'JW305',
    (x) => x.replace('>438<', '>440<'),
    'Header/BerichtCode',
    /JW305 requires BerichtCode 438/,
  ],
  [
    'BerichtCode 436 in a jw307 bericht',
    'JW307',
    (x) => x.replace('>440<', '>436<'),
    'Header/BerichtCode',
    /JW307 requires BerichtCode 440/,
  ],
  ['BerichtVersie 2', 'JW301', (x) => x.replace('<jw301:BerichtVersie>3<', '<jw301:BerichtVersie>2<'), 'Header/BerichtVersie', /must be 3/],
  [
    'BerichtSubversie 1',
    'JW307',
    (x) => x.replace('<jw307:BerichtSubversie>2<', '<jw307:BerichtSubversie>1<'),
    'Header/BerichtSubversie',
    /must be 2/,
  ],
  ['pattern: Afzender (gemeente) of 3 digits', 'JW301', (x) => x.replace('>0384<', '>384<'), 'Header/Afzender', /pattern/],
  [
    'enumeration: StatusAanlevering 2 is no code of the list',
    'JW305',
    (x) => x.replace('<jw305:StatusAanlevering>1<', '<jw305:StatusAanlevering>7<'),
    'Client/StartProducten/StartProduct[1]/StatusAanlevering',
    /not a code of the list/,
  ],
  ['minLength: empty Commentaar', 'JW301', (x) => x.replace('>Commentaar client<', '><'), 'Client/Commentaar', /at least 1 characters/],
  [
    'lexical: 31 February',
    'JW307',
    (x) => x.replace('<jw307:Einddatum>2026-07-17<', '<jw307:Einddatum>2026-02-31<'),
    'Client/StopProducten/StopProduct[1]/Einddatum',
    /not a valid xs:date/,
  ],
  [
    'lexical: time without seconds',
    'JW301',
    (x) => x.replace('12:34:56', '12:34'),
    'Client/ToegewezenProducten/ToegewezenProduct[1]/Toewijzingstijd',
    /not a valid xs:time/,
  ],
  [
    'order: Ingangsdatum before Toewijzingsdatum',
    'JW301',
    (x) =>
      x.replace(
        new RegExp(
          String.raw`(<jw301:Toewijzingsdatum>[^<]*<\/jw301:Toewijzingsdatum>)(\s*<jw301:Toewijzingstijd>[^<]*<\/jw301:Toewijzingstijd>)` +
            String.raw`(\s*)(<jw301:Ingangsdatum>[^<]*<\/jw301:Ingangsdatum>)`,
        ),
        '$4$3$1$2',
      ),
    'Client/ToegewezenProducten/ToegewezenProduct[1]/Toewijzingsdatum',
    /wrong place/,
  ],
  [
    'cardinality: required Begindatum missing',
    'JW305',
    (x) => x.replace('<jw305:Begindatum>2026-04-03</jw305:Begindatum>', ''),
    'Client/StartProducten/StartProduct[1]/Begindatum',
    /required element Begindatum is missing/,
  ],
  [
    'cardinality: Bsn twice',
    'JW307',
    (x) => x.replace('<jw307:Bsn>999900006</jw307:Bsn>', '<jw307:Bsn>999900006</jw307:Bsn><jw307:Bsn>999900006</jw307:Bsn>'),
    'Client/Bsn[2]',
    /at most 1 allowed/,
  ],
  [
    'cardinality: empty StartProducten',
    'JW305',
    (x) => x.replace(/<jw305:StartProducten>[\s\S]*<\/jw305:StartProducten>/, '<jw305:StartProducten/>'),
    'Client/StartProducten/StartProduct',
    /missing/,
  ],
  [
    'unknown element',
    'JW301',
    (x) =>
      x.replace('<jw301:Geslacht>1</jw301:Geslacht>', '<jw301:Geslacht>1</jw301:Geslacht><jw301:Nationaliteit>NL</jw301:Nationaliteit>'),
    'Client/Nationaliteit',
    /unknown element jw301:Nationaliteit/,
  ],
  [
    'wrong namespace: a basisschema element in the bericht namespace',
    'JW301',
    (x) => x.replace('<ijw:Identificatie>123456789012</ijw:Identificatie>', '<jw301:Identificatie>123456789012</jw301:Identificatie>'),
    'Header/BerichtIdentificatie/Identificatie',
    /belongs to namespace http:\/\/www.istandaarden.nl\/ijw\/3_2\/basisschema\/schema/,
  ],
  [
    'wrong namespace: a bericht element without namespace',
    'JW305',
    (x) => x.replace('<jw305:Geslacht>1</jw305:Geslacht>', '<Geslacht xmlns="">1</Geslacht>'),
    'Client/Geslacht',
    /namespace \(none\)/,
  ],
  ['text in element-only content', 'JW301', (x) => x.replace('<jw301:Header>', '<jw301:Header>x'), 'Header', /contains text/],
  [
    'child element in a simple value',
    'JW301',
    (x) => x.replace('<jw301:Geslacht>1</jw301:Geslacht>', '<jw301:Geslacht><jw301:X/></jw301:Geslacht>'),
    'Client/Geslacht',
    /child elements are not allowed/,
  ],
  ['an attribute', 'JW301', (x) => x.replace('<jw301:Header>', '<jw301:Header id="1">'), 'Header', /attribute id is not allowed/],
  [
    'DOCTYPE',
    'JW301',
    (x) => x.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY a "b">]>'),
    'Bericht',
    /DOCTYPE/,
  ],
  ['not well-formed', 'JW301', (x) => x.replace('</jw301:Header>', '</jw301:Kop>'), 'Bericht', /not well-formed/],
  ['undeclared entity', 'JW301', (x) => x.replace('>Wit<', '>&wit;<'), 'Bericht', /not declared/],
  ['root of another soort', 'JW301', (x) => x.replace(/jw301\/schema/, 'jw323/schema'), 'Bericht', /JW323 is not handled here/],
  ['root in no namespace', 'JW301', () => '<Bericht/>', 'Bericht', /not an iJw 3.2 Bericht/],
];

describeShared('refusals (each from the valid example, checked against the official XSD too)', () => {
  it.each(REFUSALS)('%s', async (_name, soort, mutate, pad, messagePart) => {
    const xml = mutate(example(soort));
    expect(xml).not.toBe(example(soort));
    const problems = problemsOf(xml);
    expect(problems.length).toBeGreaterThan(0);
    const hit = problems.find((p) => p.pad === pad);
    expect({ pad, problems }).toEqual({
      pad,
      problems: expect.arrayContaining([expect.objectContaining({ pad, message: expect.stringMatching(messagePart) })]),
    });
    expect(hit!.toelichting.length).toBeGreaterThan(0);
    // never a BSN (or any nine digits) in what we report
    expect(JSON.stringify(problems)).not.toMatch(/999900006/);
    const [oracle] = await validateManyAgainstStandard([xml], soort);
    // The one intended difference: libxml2 accepts (and expands) a DOCTYPE; the platform refuses it (security).
    expect(oracle!.valid).toBe(_name === 'DOCTYPE');
  });

  it('gives the soort with the problems when the namespace is known', () => {
    const r = readIjwXml(example('JW305').replace('>438<', '>440<'));
    expect(r).toMatchObject({ ok: false, soort: 'JW305' });
  });
});

describe('hostile input', () => {
  const bericht = (inner: string) => `<a:Bericht xmlns:a="${NS('jw301')}">${inner}</a:Bericht>`;

  it('refuses entity expansion of every kind (XXE, billion laughs) before reading', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${bericht('&lol2;')}`;
    const xxe = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${bericht('&e;')}`;
    for (const xml of [laughs, xxe]) {
      const r = readIjwXml(xml);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.problems[0]!.message).toMatch(/DOCTYPE/);
    }
  });

  it.each([
    ['two roots', `${bericht('')}${bericht('')}`],
    ['text after the root', `${bericht('')}x`],
    ["'<' in an attribute value", `<a:Bericht xmlns:a="${NS('jw301')}" x="<"/>`],
    ["'--' in a comment", bericht('<!-- a -- b -->')],
    ['a control character', bericht('\u0001')],
    ['a character reference to NUL', bericht('&#0;')],
    ['an undeclared prefix', '<x:Bericht/>'],
    ['a repeated attribute', `<a:Bericht xmlns:a="${NS('jw301')}" x="1" x="2"/>`],
    ['the same attribute through two prefixes', `<a:Bericht xmlns:a="${NS('jw301')}" xmlns:b="${NS('jw301')}" a:x="1" b:x="2"/>`],
    ['a late XML declaration', ` <?xml version="1.0"?>${bericht('')}`],
    ["']]>' in text", bericht(']]>')],
    ['an unclosed element', `<a:Bericht xmlns:a="${NS('jw301')}">`],
    ['empty input', ''],
  ])('%s is not well-formed', (_name, xml) => {
    const r = readIjwXml(xml);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]!.message).toMatch(/not well-formed|DOCTYPE/);
  });

  it('enforces the limits (depth, elements, text length, input length)', () => {
    const deep = `<a:Bericht xmlns:a="${NS('jw301')}">${'<a:X>'.repeat(100)}${'</a:X>'.repeat(100)}</a:Bericht>`;
    expect(problemsOf(deep)[0]!.message).toMatch(/nested deeper than 32/);
    const many = bericht('<a:X/>'.repeat(60_000));
    expect(problemsOf(many)[0]!.message).toMatch(/more than 50000 elements/);
    const longText = bericht('x'.repeat(100_001));
    expect(problemsOf(longText)[0]!.message).toMatch(/longer than 100000/);
    expect(readIjwXml(bericht(''), { limits: { maxInputLength: 10 } })).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/longer than 10 characters/) }],
    });
    // a deep stack within the limit is still refused cleanly, never a crash
    expect(readIjwXml(deep, { limits: { maxDepth: 1_000_000 } }).ok).toBe(false);
  });

  it('never throws, whatever the input (fast-check)', () => {
    const fragments = [
      '<',
      '>',
      '/',
      '&',
      ';',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '<?',
      '?>',
      '"',
      "'",
      '=',
      ':',
      'xmlns',
      'xmlns:a',
      'a:',
      'Bericht',
      '&#x',
      '&#',
      '&amp;',
      '<!DOCTYPE',
      ' ',
      '\n',
      NS('jw301'),
      '<a:Bericht xmlns:a="' + NS('jw301') + '">',
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((a) => a.join('')),
        ),
        (s) => {
          const r = readIjwXml(s);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(...SOORTEN), (v, soort) => {
        expect(Array.isArray(validateIjwJson(soort, v))).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(readIjwXml(undefined as unknown as string).ok).toBe(false);
    expect(readIjwXml(42 as unknown as string).ok).toBe(false);
  });
});

describeShared('validateIjwJson (the JSON form)', () => {
  const base = (): IjwJson => {
    // describe.skip still collects its table: without ../shared there is nothing to mutate
    if (!available) return {};
    const r = readIjwXml(example('JW305'));
    if (!r.ok) throw new Error('not ok');
    const copy: IjwJson = JSON.parse(JSON.stringify(r.json)); // a JSON round trip of an IjwJson is one
    return copy;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const mutated = (f: (j: any) => void): IjwJson => {
    const j = base();
    if (available) f(j);
    return j;
  };

  it.each([
    ['an unknown key', mutated((j) => (j.client.nationaliteit = 'NL')), 'client.nationaliteit', /unknown key nationaliteit/],
    ['an element name instead of the camelCase key', mutated((j) => (j.Header = j.header)), 'Header', /unknown key Header/],
    [
      'a number where the XML text is a string',
      mutated((j) => (j.client.startProducten.startProduct[0].toewijzingNummer = 300201)),
      'client.startProducten.startProduct[0].toewijzingNummer',
      /must be a string/,
    ],
    [
      'an object where maxOccurs > 1 needs an array',
      mutated((j) => (j.client.startProducten.startProduct = j.client.startProducten.startProduct[0])),
      'client.startProducten.startProduct',
      /must be an array/,
    ],
    ['an array where maxOccurs = 1', mutated((j) => (j.client.bsn = [j.client.bsn])), 'client.bsn', /must not be an array/],
    ['an empty array', mutated((j) => (j.client.startProducten.startProduct = [])), 'client.startProducten.startProduct', /empty array/],
    [
      'a missing required key',
      mutated((j) => delete j.header.berichtCode),
      'header.berichtCode',
      /required element BerichtCode is missing/,
    ],
    ['null', mutated((j) => (j.client.naam = null)), 'client.naam', /must be an object, not null/],
    [
      'a facet',
      mutated((j) => (j.client.startProducten.startProduct[1].product.code = '55A123')),
      'client.startProducten.startProduct[1].product.code',
      /at most 5 characters/,
    ],
    [
      'the BerichtCode of another soort',
      mutated((j) => (j.header.berichtCode = '440')),
      'header.berichtCode',
      /JW305 requires BerichtCode 438/,
    ],
    [
      'a character XML does not allow',
      mutated((j) => (j.client.naam.voornamen = 'T\u0000m')),
      'client.naam.voornamen',
      /character that XML does not allow/,
    ],
  ])('%s is a problem', (_name, json, jsonPad, message) => {
    const problems = validateIjwJson('JW305', json);
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ jsonPad, message: expect.stringMatching(message) })]));
  });

  it('refuses a JSON of one soort checked as another', () => {
    expect(validateIjwJson('JW307', base()).length).toBeGreaterThan(0);
  });

  it('a top-level array or string is refused', () => {
    expect(validateIjwJson('JW301', [])[0]!.message).toMatch(/must be an object/);
    expect(validateIjwJson('JW301', 'x')[0]!.message).toMatch(/must be an object/);
  });

  it('writeIjwXml refuses an invalid JSON form without quoting its values', () => {
    const j = mutated((x) => (x.client.bsn = 12345));
    expect(() => writeIjwXml('JW305', j)).toThrow(/client.bsn: Bsn must be a string/);
  });

  it('writeIjwXml escapes text so that it reads back exactly (&, <, >, \\r, quotes, astral characters)', () => {
    const j = mutated((x) => (x.client.naam.voornamen = `A&B <c> "d" 'e' ]]> \t😀`));
    const again = readIjwXml(writeIjwXml('JW305', j));
    expect(again).toEqual({ ok: true, soort: 'JW305', json: j });
    // \r survives only as a character reference (a literal one becomes \n when XML is read)
    const r = readIjwXml(example('JW301'));
    if (!r.ok) throw new Error('not ok');
    (r.json.client as IjwJson).commentaar = 'regel 1\r\nregel 2\r';
    const xml = writeIjwXml('JW301', r.json);
    expect(xml).toContain('regel 1&#13;\nregel 2&#13;<');
    expect(readIjwXml(xml)).toEqual({ ok: true, soort: 'JW301', json: r.json });
  });

  it('round trip of generated JSON forms (fast-check): write → read gives the same JSON', () => {
    const text = fc
      .string({ minLength: 1, maxLength: 20, unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '"', "'", 'é', '😀', '\t', '.') })
      .filter((s) => /[^ \t]/.test(s));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 999_999_999 }), fc.boolean(), (voornamen, nummer, lead) => {
        const j = mutated((x) => {
          x.client.naam.voornamen = voornamen;
          x.client.startProducten.startProduct[0].toewijzingNummer = `${lead ? '00' : ''}${nummer}`;
        });
        if (validateIjwJson('JW305', j).length) return;
        expect(readIjwXml(writeIjwXml('JW305', j))).toEqual({ ok: true, soort: 'JW305', json: j });
      }),
      { numRuns: 300 },
    );
  });
});
