/**
 * The facts of retour/standaard.ts and the element positions buildRetour relies on, read from the official retour
 * XSDs in ../shared/ijw-3.2/xsd (JW302.xsd, JW306.xsd, JW308.xsd and their heen XSDs). Skips only when
 * ../shared/ijw-3.2 is absent.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  GEKOPIEERDE_HEADER_ELEMENTEN,
  HEEN_BERICHTCODE,
  PRODUCTEN,
  RETOURSOORT,
  RETOUR_BERICHTCODE,
  VERZOEK_PRODUCTEN,
  XSD_VERSIE_RETOUR,
  XSLT_VERSIE,
} from './standaard';
import type { Heensoort } from './types';
import { IJW_SCHEMA } from '../schema';

const STANDARD = path.resolve(__dirname, '../../../..', '../shared/ijw-3.2');
const haveStandard = fs.existsSync(STANDARD);
if (!haveStandard) {
  console.warn(`SKIPPED: retour facts against the XSDs: ${STANDARD} is absent`);
}
const describeStandard = haveStandard ? describe : describe.skip;

const xsd = (soort: string): string => fs.readFileSync(path.join(STANDARD, 'xsd', `${soort}.xsd`), 'utf8');

/** The element names (with minOccurs/maxOccurs) of a named complexType's sequence, in order. */
function sequence(text: string, type: string): { name: string; minOccurs: string; maxOccurs: string }[] {
  const start = text.indexOf(`<xs:complexType name="${type}">`);
  if (start < 0) throw new Error(`no complexType ${type}`);
  const body = text.slice(start, text.indexOf('</xs:complexType>', start));
  // Only direct children of the sequence: elements with a type attribute or an inline simpleType at sequence level.
  return [...body.matchAll(/<xs:element name="([^"]+)"([^>]*)>/g)].map((m) => ({
    name: m[1],
    minOccurs: /minOccurs="([^"]+)"/.exec(m[2])?.[1] ?? '1',
    maxOccurs: /maxOccurs="([^"]+)"/.exec(m[2])?.[1] ?? '1',
  }));
}

const lower = (s: string): string => s[0].toLowerCase() + s.slice(1);
const HEEN: Heensoort[] = ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319'];

describe('retour facts', () => {
  it("XsdVersieRetour equals the appinfo in the project's own schema data (libs/ijw/src/schema)", () => {
    for (const soort of ['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320'] as const) {
      const appinfo = IJW_SCHEMA.berichten[soort].appinfo;
      expect(XSD_VERSIE_RETOUR[soort]).toEqual({
        basisschemaXsdVersie: appinfo.BasisschemaXsdVersie,
        berichtXsdVersie: appinfo.BerichtXsdVersie,
      });
    }
  });

  it('XSLT_VERSIE is an LDT_Versie', () => {
    expect(XSLT_VERSIE).toMatch(/^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/);
  });

  describeStandard.each(HEEN)('%s and its retour, against ../shared/ijw-3.2/xsd', (heen) => {
    const retour = RETOURSOORT[heen];
    const heenXsd = haveStandard ? xsd(heen) : '';
    const retourXsd = haveStandard ? xsd(retour) : '';

    it('BerichtCode patterns', () => {
      expect(heenXsd).toContain(`<xs:pattern value="${HEEN_BERICHTCODE[heen]}"/>`);
      expect(retourXsd).toContain(`<xs:pattern value="${RETOUR_BERICHTCODE[retour]}"/>`);
    });

    it('XsdVersieRetour equals the appinfo of the retour XSD', () => {
      const appinfo = (k: string): string | undefined => new RegExp(`<ijw:${k}>([^<]+)</ijw:${k}>`).exec(retourXsd)?.[1];
      expect(XSD_VERSIE_RETOUR[retour]).toEqual({
        basisschemaXsdVersie: appinfo('BasisschemaXsdVersie'),
        berichtXsdVersie: appinfo('BerichtXsdVersie'),
      });
    });

    it('retour header = heen header + IdentificatieRetour, DagtekeningRetour, XsltVersie?, XsdVersieRetour, RetourCodes?', () => {
      const h = sequence(heenXsd, 'Header').map((e) => e.name);
      expect(h).toEqual(['BerichtCode', ...GEKOPIEERDE_HEADER_ELEMENTEN.map((k) => k[0].toUpperCase() + k.slice(1))]);
      expect(sequence(retourXsd, 'Header')).toEqual([
        ...h.map((name) => ({ name, minOccurs: '1', maxOccurs: '1' })),
        { name: 'IdentificatieRetour', minOccurs: '1', maxOccurs: '1' },
        { name: 'DagtekeningRetour', minOccurs: '1', maxOccurs: '1' },
        { name: 'XsltVersie', minOccurs: '0', maxOccurs: '1' },
        { name: 'XsdVersieRetour', minOccurs: '1', maxOccurs: '1' },
        { name: 'RetourCodes', minOccurs: '0', maxOccurs: '1' },
      ]);
      expect(sequence(retourXsd, 'RetourCodes')).toEqual([{ name: 'RetourCode', minOccurs: '1', maxOccurs: 'unbounded' }]);
      expect(sequence(retourXsd, 'Root')).toEqual([
        { name: 'Header', minOccurs: '1', maxOccurs: '1' },
        { name: heen === 'JW319' ? 'Antwoord' : 'Client', minOccurs: '0', maxOccurs: '1' },
      ]);
    });

    it('every berichtklasse of the retour is the heen class plus a required RetourCodes as its last element', () => {
      if (heen === 'JW317' || heen === 'JW319') {
        // JW318: Client, its Verzoek and the items of its three product lists; JW320: the Antwoord and its Woonplaatsbeginsel.
        const klassen =
          heen === 'JW317'
            ? ['Client', 'Verzoek', ...VERZOEK_PRODUCTEN.map((l) => l.element.split('/')[1]!)]
            : ['Antwoord', 'Woonplaatsbeginsel'];
        for (const klasse of klassen) {
          expect({ klasse, seq: sequence(retourXsd, klasse) }).toEqual({
            klasse,
            seq: [...sequence(heenXsd, klasse), { name: 'RetourCodes', minOccurs: '1', maxOccurs: '1' }],
          });
        }
        for (const l of heen === 'JW317' ? VERZOEK_PRODUCTEN : []) {
          const [lijst, product] = l.element.split('/') as [string, string];
          expect(sequence(retourXsd, lijst).map((e) => e.name)).toEqual([product]);
          expect([lower(lijst), lower(product)]).toEqual([l.lijst, l.product]);
        }
        return;
      }
      const { element } = PRODUCTEN[heen];
      const [lijst, product] = element.split('/');
      const klassen = heen === 'JW301' ? ['Client', 'Relatie', 'Contact', product] : ['Client', product];
      for (const klasse of klassen) {
        const heenSeq = sequence(heenXsd, klasse);
        const retourSeq = sequence(retourXsd, klasse);
        expect({ klasse, seq: retourSeq }).toEqual({ klasse, seq: [...heenSeq, { name: 'RetourCodes', minOccurs: '1', maxOccurs: '1' }] });
      }
      // The product list and the Relaties/Contactgegevens lists carry no RetourCodes of their own.
      for (const type of heen === 'JW301' ? [lijst, 'Relaties', 'Contactgegevens'] : [lijst]) {
        expect(sequence(retourXsd, type).map((e) => e.name)).not.toContain('RetourCodes');
      }
      expect(lower(lijst)).toBe(PRODUCTEN[heen].lijst);
      expect(lower(product)).toBe(PRODUCTEN[heen].product);
      // JW305/JW307 and their retours have no Relaties or Contactgegevens.
      if (heen !== 'JW301') expect(retourXsd).not.toMatch(/name="Relatie"|name="Contact"/);
    });
  });
});
