/**
 * buildRetour on the standard's example berichten (JSON form, retour/fixtures.ts), case by case as
 * regels/invulinstructies/invulinstructie_IV028.md and invulinstructie_IV032.md prescribe. Assertions are on the JSON
 * tree; retour.xsd.spec.ts validates the same retours as XML against the official retour XSDs.
 */
import type { Bevinding } from '../model';
import { RetourNietMogelijk, buildRetour, doelVan, headerProblemen } from './build';
import { jw301, jw305, jw307 } from './fixtures';
import { XSLT_VERSIE } from './standaard';
import type { HeenInput, IjwJson } from './types';

const meta = { identificatieRetour: 'R-000000001', dagtekeningRetour: '2026-04-02' };

const b = (over: Partial<Bevinding> & Pick<Bevinding, 'retourcode' | 'niveau' | 'klasse'>): Bevinding => ({
  regel: 'TR000',
  toelichting: 'toelichting',
  ...over,
});

const obj = (v: unknown): IjwJson => v as IjwJson;
const arr = (v: unknown): IjwJson[] => v as IjwJson[];
const codesOf = (klasse: unknown): unknown => obj(obj(klasse).retourCodes).retourCode;

const HEEN: (HeenInput & { soort: 'JW301' | 'JW305' | 'JW307' })[] = [
  { soort: 'JW301', json: jw301() },
  { soort: 'JW305', json: jw305() },
  { soort: 'JW307', json: jw307() },
];
const RETOUR = { JW301: ['JW302', '437'], JW305: ['JW306', '439'], JW307: ['JW308', '441'] } as const;

describe('buildRetour (IV028, IV032)', () => {
  describe.each(HEEN)('$soort', (heen) => {
    const [retourSoort, berichtCode] = RETOUR[heen.soort];

    it('no findings: header only, without RetourCodes; the other header elements copied unchanged', () => {
      const retour = buildRetour(heen, [], meta);
      expect(retour.soort).toBe(retourSoort);
      expect(Object.keys(retour.json)).toEqual(['header']);
      const src = heen.json.header as IjwJson;
      expect(retour.json.header).toEqual({
        berichtCode,
        berichtVersie: src.berichtVersie,
        berichtSubversie: src.berichtSubversie,
        afzender: src.afzender,
        ontvanger: src.ontvanger,
        berichtIdentificatie: src.berichtIdentificatie,
        xsdVersie: src.xsdVersie,
        identificatieRetour: 'R-000000001',
        dagtekeningRetour: '2026-04-02',
        xsdVersieRetour: { basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' },
      });
      // XSD order of the retour header.
      expect(Object.keys(obj(retour.json.header))).toEqual([
        'berichtCode',
        'berichtVersie',
        'berichtSubversie',
        'afzender',
        'ontvanger',
        'berichtIdentificatie',
        'xsdVersie',
        'identificatieRetour',
        'dagtekeningRetour',
        'xsdVersieRetour',
      ]);
    });

    it('controleniveau 2: header only with 0001 and XsltVersie', () => {
      const retour = buildRetour(
        heen,
        [
          b({ retourcode: '0001', niveau: 2, klasse: 'product', productIndex: 1, regel: 'CS338' }),
          b({ retourcode: '0001', niveau: 2, klasse: 'client' }),
        ],
        meta,
      );
      expect(Object.keys(retour.json)).toEqual(['header']);
      const header = obj(retour.json.header);
      expect(codesOf(header)).toEqual(['0001']);
      expect(header.xsltVersie).toBe(XSLT_VERSIE);
      expect(Object.keys(header).slice(-4)).toEqual(['dagtekeningRetour', 'xsltVersie', 'xsdVersieRetour', 'retourCodes']);
      expect(
        obj(buildRetour(heen, [b({ retourcode: '0001', niveau: 2, klasse: 'header' })], { ...meta, xsltVersie: '2.3.4' }).json.header)
          .xsltVersie,
      ).toBe('2.3.4');
    });

    it('controleniveau 2 wins over 3/4 findings in the same list (the levels are checked in order)', () => {
      const retour = buildRetour(
        heen,
        [b({ retourcode: '9056', niveau: 3, klasse: 'header' }), b({ retourcode: '0001', niveau: 2, klasse: 'client' })],
        meta,
      );
      expect(Object.keys(retour.json)).toEqual(['header']);
      expect(codesOf(retour.json.header)).toEqual(['0001']);
    });

    it('controleniveau 1 (header usable): header only with 0001, no XsltVersie', () => {
      const retour = buildRetour(heen, [b({ retourcode: '0001', niveau: 1, klasse: 'product', regel: 'XSD' })], meta);
      const header = obj(retour.json.header);
      expect(codesOf(header)).toEqual(['0001']);
      expect(header.xsltVersie).toBeUndefined();
    });

    it('controleniveau 3/4 in the Header: header only with those codes, in order, without duplicates', () => {
      const retour = buildRetour(
        heen,
        [
          b({ retourcode: '8848', niveau: 4, klasse: 'header', regel: 'TR135' }),
          b({ retourcode: '9063', niveau: 3, klasse: 'product', productIndex: 0 }),
          b({ retourcode: '9056', niveau: 3, klasse: 'header', regel: 'TR056' }),
          b({ retourcode: '8848', niveau: 4, klasse: 'header', regel: 'TR135' }),
        ],
        meta,
      );
      expect(Object.keys(retour.json)).toEqual(['header']);
      expect(codesOf(retour.json.header)).toEqual(['8848', '9056']);
      expect(obj(retour.json.header).xsltVersie).toBeUndefined();
    });

    it('a product finding: header 0200, the whole Client copied, every class with RetourCodes as its last element', () => {
      const retour = buildRetour(heen, [b({ retourcode: 'S329', niveau: 4, klasse: 'product', productIndex: 1, regel: 'TR381' })], meta);
      expect(codesOf(retour.json.header)).toEqual(['0200']);
      const client = obj(retour.json.client);
      expect(codesOf(client)).toEqual(['0200']);
      expect(Object.keys(client).at(-1)).toBe('retourCodes');

      // Unchanged: removing every retourCodes gives back the heenbericht's Client exactly.
      const strip = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(strip)
          : typeof v === 'object' && v !== null
            ? Object.fromEntries(
                Object.entries(v)
                  .filter(([k]) => k !== 'retourCodes')
                  .map(([k, x]) => [k, strip(x)]),
              )
            : v;
      expect(strip(client)).toEqual(heen.json.client);
      expect(heen.json.client).not.toHaveProperty('retourCodes'); // the input is not changed

      const lijst = {
        JW301: ['toegewezenProducten', 'toegewezenProduct'],
        JW305: ['startProducten', 'startProduct'],
        JW307: ['stopProducten', 'stopProduct'],
      }[heen.soort];
      const producten = arr(obj(client[lijst[0]])[lijst[1]]);
      expect(producten.map(codesOf)).toEqual([['0200'], ['S329']]);
      for (const p of producten) expect(Object.keys(p).at(-1)).toBe('retourCodes');

      if (heen.soort === 'JW301') {
        const relaties = arr(obj(client.relaties).relatie);
        expect(relaties.map(codesOf)).toEqual([['0200'], ['0200']]);
        expect(relaties.map((r) => codesOf(r.contact))).toEqual([['0200'], ['0200']]);
        for (const r of relaties) {
          expect(Object.keys(r).slice(-2)).toEqual(['contact', 'retourCodes']);
          expect(Object.keys(obj(r.contact)).at(-1)).toBe('retourCodes');
        }
        const contacten = arr(obj(client.contactgegevens).contact);
        expect(contacten.map(codesOf)).toEqual([['0200'], ['0200']]);
        expect(Object.keys(client).slice(-4)).toEqual(['relaties', 'contactgegevens', 'toegewezenProducten', 'retourCodes']);
      } else {
        expect(client).not.toHaveProperty('relaties');
        expect(Object.keys(client).slice(-2)).toEqual([lijst[0], 'retourCodes']);
      }
    });

    it('a client finding: the Client carries the code, the products 0200', () => {
      const retour = buildRetour(heen, [b({ retourcode: '9056', niveau: 3, klasse: 'client', pad: 'Client/Bsn' })], meta);
      const client = obj(retour.json.client);
      expect(codesOf(retour.json.header)).toEqual(['0200']);
      expect(codesOf(client)).toEqual(['9056']);
    });

    it('several codes in one product, products found by pad when productIndex is absent, 0233 for products not assessed', () => {
      const element = {
        JW301: 'ToegewezenProducten/ToegewezenProduct',
        JW305: 'StartProducten/StartProduct',
        JW307: 'StopProducten/StopProduct',
      }[heen.soort];
      const retour = buildRetour(
        heen,
        [
          b({ retourcode: '9019', niveau: 3, klasse: 'product', productIndex: 0 }),
          b({ retourcode: 'S329', niveau: 4, klasse: 'product', pad: `Client/${element}[1]/Product/Code` }),
          b({ retourcode: '9019', niveau: 3, klasse: 'product', productIndex: 0 }),
        ],
        { ...meta, nietBeoordeeld: [1] },
      );
      const client = obj(retour.json.client);
      const [lijst, item] = element.split('/').map((e) => e[0].toLowerCase() + e.slice(1));
      expect(arr(obj(client[lijst])[item]).map(codesOf)).toEqual([['9019', 'S329'], ['0233']]);
    });
  });

  it(
    'IV028 example: a StartProduct with StatusAanlevering 3 and no earlier start (TR063) → ' +
      'Header 0200, Cliënt 0200, StartProduct 9063',
    () => {
      const heen = jw305();
      arr(obj(obj(heen.client).startProducten).startProduct)[0].statusAanlevering = '3';
      const retour = buildRetour(
        { soort: 'JW305', json: heen },
        [b({ retourcode: '9063', niveau: 3, klasse: 'product', productIndex: 0, regel: 'TR063' })],
        meta,
      );
      expect(codesOf(retour.json.header)).toEqual(['0200']);
      expect(codesOf(retour.json.client)).toEqual(['0200']);
      expect(arr(obj(obj(retour.json.client).startProducten).startProduct).map(codesOf)).toEqual([['9063'], ['0200']]);
    },
  );

  it('JW301: a finding in a Relatie or Contact (by pad) goes to that class', () => {
    const retour = buildRetour(
      { soort: 'JW301', json: jw301() },
      [
        b({ retourcode: '9056', niveau: 3, klasse: 'client', pad: 'Client/Relaties/Relatie[2]/Contact/Emailadres' }),
        b({ retourcode: '8848', niveau: 4, klasse: 'client', pad: 'Client/Relaties/Relatie[1]/Naam' }),
        b({ retourcode: 'S300', niveau: 4, klasse: 'client', pad: 'Client/Contactgegevens/Contact[2]/Adres' }),
        b({ retourcode: '9332', niveau: 3, klasse: 'client', pad: 'Client/Relaties/Relatie[9]' }),
      ],
      meta,
    );
    const client = obj(retour.json.client);
    const relaties = arr(obj(client.relaties).relatie);
    expect(relaties.map(codesOf)).toEqual([['8848'], ['0200']]);
    expect(relaties.map((r) => codesOf(r.contact))).toEqual([['0200'], ['9056']]);
    expect(arr(obj(client.contactgegevens).contact).map(codesOf)).toEqual([['0200'], ['S300']]);
    expect(codesOf(client)).toEqual(['9332']); // Relatie[9] does not exist: the Client carries it
  });

  it('a product finding whose index is out of range is carried by the Client', () => {
    const retour = buildRetour(
      { soort: 'JW305', json: jw305() },
      [b({ retourcode: '9074', niveau: 3, klasse: 'product', productIndex: 7 })],
      meta,
    );
    expect(codesOf(retour.json.client)).toEqual(['9074']);
  });

  it('refuses codes that are not in WJ001, and bad meta', () => {
    const heen: HeenInput = { soort: 'JW301', json: jw301() };
    expect(() => buildRetour(heen, [b({ retourcode: 'TW05', niveau: 3, klasse: 'product', productIndex: 0 })], meta)).toThrow(
      /niet in WJ001: TW05/,
    );
    expect(() => buildRetour(heen, [], { ...meta, identificatieRetour: '1234567890123' })).toThrow(/IdentificatieRetour/);
    expect(() => buildRetour(heen, [], { ...meta, identificatieRetour: '   ' })).toThrow(/IdentificatieRetour/);
    expect(() => buildRetour(heen, [], { ...meta, dagtekeningRetour: '2026-02-30' })).toThrow(/DagtekeningRetour/);
    expect(() => buildRetour(heen, [b({ retourcode: '0001', niveau: 2, klasse: 'header' })], { ...meta, xsltVersie: 'v1' })).toThrow(
      /XsltVersie/,
    );
    expect(() => buildRetour(heen, [], meta)).not.toThrow();
    expect(buildRetour(heen, [], { ...meta, identificatieRetour: 'éééééééééééé' }).soort).toBe('JW302'); // 12 characters
  });

  it('throws RetourNietMogelijk when the header cannot be copied validly', () => {
    const json = jw305();
    obj(json.header).afzender = '0363'; // a gemeentecode where JW305 has an AGB-code
    expect(() => buildRetour({ soort: 'JW305', json }, [], meta)).toThrow(RetourNietMogelijk);
    expect(headerProblemen('JW305', json.header)).toEqual(['Header/Afzender is geen AGB-code (8 cijfers)']);
  });

  it('headerProblemen checks exactly what the retour copies (not BerichtCode)', () => {
    expect(headerProblemen('JW301', jw301().header)).toEqual([]);
    const h = obj(jw301().header);
    h.berichtCode = '440';
    expect(headerProblemen('JW301', h)).toEqual([]);
    h.berichtVersie = '2';
    h.berichtSubversie = '1';
    h.ontvanger = '4242000';
    h.berichtIdentificatie = { identificatie: '', dagtekening: '2026-13-01' };
    h.xsdVersie = { basisschemaXsdVersie: '1.0', berichtXsdVersie: '01.0.0' };
    expect(headerProblemen('JW301', h)).toEqual([
      'Header/BerichtVersie is niet 3',
      'Header/BerichtSubversie is niet 2',
      'Header/Ontvanger is geen AGB-code (8 cijfers)',
      'Header/BerichtIdentificatie/Identificatie is geen 1–12 tekens',
      'Header/BerichtIdentificatie/Dagtekening is geen geldige datum',
      'Header/XsdVersie/BasisschemaXsdVersie is geen versie n.n.n',
      'Header/XsdVersie/BerichtXsdVersie is geen versie n.n.n',
    ]);
    expect(headerProblemen('JW301', undefined)).toEqual(['het bericht heeft geen leesbare Header']);
    expect(headerProblemen('JW307', { berichtVersie: '3' })).toContain('Header/XsdVersie ontbreekt');
  });

  it('doelVan: a pad without [n] means the first item', () => {
    const aantal = { producten: 2, relaties: 2, contacten: 2 };
    expect(
      doelVan(
        'JW305',
        b({ retourcode: '9019', niveau: 3, klasse: 'product', pad: 'Client/StartProducten/StartProduct/Begindatum' }),
        aantal,
      ),
    ).toEqual({ klasse: 'product', index: 0 });
    expect(
      doelVan('JW305', b({ retourcode: '9019', niveau: 3, klasse: 'product', pad: 'Client/StopProducten/StopProduct[2]' }), aantal),
    ).toEqual({ klasse: 'client' });
    expect(doelVan('JW301', b({ retourcode: '9019', niveau: 3, klasse: 'client', pad: 'Client/Contactgegevens/Contact' }), aantal)).toEqual(
      { klasse: 'contact', index: 0 },
    );
  });
});
