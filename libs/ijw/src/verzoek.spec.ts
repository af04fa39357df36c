/**
 * The request side through the one reading path (`ontvang`): JW315 (verzoek om toewijzing), JW317 (verzoek om
 * wijziging) and JW319 (antwoordbericht), as XML (the standard's examples in ../shared/ijw-3.2/berichten) and in the
 * JSON form; the flat messages `toVerzoekbericht` makes of them; and the link by ReferentieAanbieder to the toewijzing
 * (JW301) that honours the request (TR379) and to the antwoord (TR355).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ontvang } from './ontvangst';
import { pseudonymiseVerzoek } from './pseudonymise';
import { pseudonymiseBsn } from './pseudonym';
import { toHeenbericht, toVerzoekbericht, verzoekSleutel, verzoekSleutelVan } from './mapping';
import { isVerzoekBerichtcode, type Jw315AangevraagdProduct, type Jw317VerzoekOmWijziging, type Jw319Antwoord } from './model';
import type { IjwJson } from './schema/types';

const SHARED = path.resolve(__dirname, '../../../../shared/ijw-3.2');
const describeShared = existsSync(SHARED) ? describe : describe.skip;
if (!existsSync(SHARED)) console.warn(`SKIPPED: the standard's examples: ${SHARED} is absent`);
const OPTS = { today: '2026-12-02', maxBytes: 256 * 1024 };
const voorbeeld = (soort: string): string => readFileSync(path.join(SHARED, 'berichten', `${soort}.xml`), 'utf8');

describeShared("the standard's request-side examples through ontvang", () => {
  it('JW315: read as XML into one flat message per AangevraagdProduct, with its Verwijzer and ReferentieAanbieder', () => {
    // berichten/JW315.xml has ToewijzingEinddatum 2027-06-31, not a date: as published it is refused at level 1
    const asIs = ontvang(voorbeeld('JW315'), OPTS);
    expect(asIs.ok && asIs.berichten[0]!.foutmelding?.code).toBe('STRUCTUUR');
    expect(asIs.ok && asIs.berichten[0]!.soort).toBe('JW315');
    const read = ontvang(voorbeeld('JW315').replace(/2027-06-31/g, '2027-06-30'), OPTS);
    if (!read.ok) throw new Error('not read');
    const b = read.berichten[0]!;
    expect([b.soort, b.heenbericht, b.foutmelding, b.bevindingen]).toEqual(['JW315', undefined, undefined, []]);
    expect(b.verzoek!.client).toEqual({ bsn: '999900006', geboortedatum: '2010-02-14' });
    expect(b.verzoek!.regels).toEqual<Jw315AangevraagdProduct[]>([
      {
        berichtcode: 'JW315',
        berichtId: '123456789012/1',
        identificatie: '123456789012',
        gemeente: '0384',
        aanbieder: '42420001',
        dagtekening: '2026-04-01',
        referentieAanbieder: '40A12341234',
        client: { bsn: '999900006', geboortedatum: '2010-02-14' },
        beschikkingNummer: '123',
        product: { categorie: '55', code: '55A11' },
        beschikkingIngangsdatum: '2026-03-15',
        toewijzingIngangsdatum: '2026-04-01',
        toewijzingEinddatum: '2027-06-30',
        omvang: { volume: 2, eenheid: '16', frequentie: '4' },
        verwijzer: { type: '01', naam: 'huisarts' },
        raamcontract: '1',
        commentaar: 'Comm aangevr prod',
      },
      {
        berichtcode: 'JW315',
        berichtId: '123456789012/2',
        identificatie: '123456789012',
        gemeente: '0384',
        aanbieder: '42420001',
        dagtekening: '2026-04-01',
        referentieAanbieder: '40A12341235',
        client: { bsn: '999900006', geboortedatum: '2010-02-14' },
        beschikkingNummer: '123',
        product: { categorie: '55', code: '55A12' },
        beschikkingIngangsdatum: '2026-03-15',
        toewijzingIngangsdatum: '2026-04-01',
        toewijzingEinddatum: '2027-06-30',
        omvang: { volume: 2, eenheid: '16', frequentie: '4' },
        verwijzer: { type: '02', zorgverlenerCode: '12345678' },
        raamcontract: '1',
        commentaar: 'Comm aangevr prod',
      },
    ]);
  });

  it('JW317: one Verzoek with its OngewijzigdeProducten, TeWijzigenProducten and NieuweProducten; the example breaks CS003', () => {
    const read = ontvang(voorbeeld('JW317'), OPTS);
    if (!read.ok) throw new Error('not read');
    const b = read.berichten[0]!;
    expect(b.soort).toBe('JW317');
    expect(b.verzoek!.regels).toEqual<Jw317VerzoekOmWijziging[]>([
      {
        berichtcode: 'JW317',
        berichtId: '987654321/1',
        identificatie: '987654321',
        gemeente: '0384',
        aanbieder: '65656055',
        dagtekening: '2026-01-02',
        referentieAanbieder: '9003',
        client: { bsn: '999900006' },
        redenVerzoek: '1',
        ongewijzigd: ['10071'],
        teWijzigen: [],
        nieuw: [
          {
            product: { categorie: '45', code: '45A03' },
            gewensteIngangsdatum: '2026-11-01',
            einddatum: '2024-02-28',
            omvang: { volume: 4, eenheid: '04', frequentie: '4' },
          },
        ],
      },
    ]);
    // Einddatum 2024-02-28 before GewensteIngangsdatum 2026-11-01 (a slip of the example)
    expect(b.bevindingen.map((x) => [x.regel, x.retourcode, x.pad])).toEqual([
      ['CS003', '0001', 'Client/Verzoek/NieuweProducten/NieuwProduct[1]/Einddatum'],
    ]);
  });

  it('JW319: the Antwoord of the gemeente, no client; accepted', () => {
    const read = ontvang(voorbeeld('JW319'), OPTS);
    if (!read.ok) throw new Error('not read');
    const b = read.berichten[0]!;
    expect([b.soort, b.bevindingen, b.verzoek!.client]).toEqual(['JW319', [], undefined]);
    expect(b.verzoek!.regels).toEqual<Jw319Antwoord[]>([
      {
        berichtcode: 'JW319',
        berichtId: '876543219/1',
        identificatie: '876543219',
        gemeente: '0384',
        aanbieder: '65656055',
        dagtekening: '2026-04-01',
        referentieAanbieder: '9003',
        verzoekAntwoord: '1',
        redenAfwijzingVerzoek: '8',
        woonplaatsbeginselGemeente: '1916',
      },
    ]);
  });

  it('the JSON form: header.berichtCode 446, 486 and 488 name the soort, checked by the same walker', () => {
    const xml = ontvang(voorbeeld('JW319'), OPTS);
    if (!xml.ok) throw new Error('not read');
    const json = JSON.stringify(xml.berichten[0]!.json);
    const read = ontvang(json, OPTS);
    expect(read.ok && [read.berichten[0]!.soort, read.berichten[0]!.verzoek?.regels]).toEqual(['JW319', xml.berichten[0]!.verzoek!.regels]);
    const wrong = ontvang(json.replace('"488"', '"486"'), OPTS);
    expect(wrong.ok && wrong.berichten[0]!.foutmelding?.code).toBe('STRUCTUUR'); // a JW317 needs a Client, not an Antwoord
    const unknown = ontvang(json.replace('"488"', '"489"'), OPTS);
    expect(unknown.ok && unknown.berichten[0]!.foutmelding?.toelichting).toMatch(/446 \(JW315\), 486 \(JW317\) of 488 \(JW319\)/);
  });

  it('a retour of the request side (JW316, JW318, JW320) is not received', () => {
    for (const soort of ['JW316', 'JW320']) {
      const read = ontvang(voorbeeld(soort), OPTS);
      expect(read.ok && read.berichten[0]!.foutmelding?.toelichting).toMatch(/is een retourbericht/);
    }
  });
});

describe('the link between verzoek, antwoord and toewijzing (ReferentieAanbieder: TR347, TR355, TR379)', () => {
  const header = (code: string, afzender: string, ontvanger: string) => ({
    berichtCode: code,
    berichtVersie: '3',
    berichtSubversie: '2',
    afzender,
    ontvanger,
    berichtIdentificatie: { identificatie: 'X1', dagtekening: '2026-04-01' },
    xsdVersie: { basisschemaXsdVersie: '0.1.0', berichtXsdVersie: '0.1.0' },
  });
  const vot = toVerzoekbericht('JW315', {
    header: header('446', '42420001', '0384'),
    client: {
      bsn: '999900006',
      geboortedatum: { datum: '2010-02-14' },
      aangevraagdeProducten: {
        aangevraagdProduct: [
          { referentieAanbieder: 'VOT-7', toewijzingIngangsdatum: '2026-05-01', verwijzer: { type: '05', naam: 'kinderarts' } },
        ],
      },
    },
  } as unknown as IjwJson).regels[0]!;
  const antwoord = toVerzoekbericht('JW319', {
    header: header('488', '0384', '42420001'),
    antwoord: { referentieAanbieder: 'VOT-7', verzoekAntwoord: '2' },
  } as unknown as IjwJson).regels[0]!;
  const toewijzing = (ref?: string) =>
    toHeenbericht('JW301', {
      header: header('436', '0384', '42420001'),
      client: {
        bsn: '999900006',
        geboortedatum: { datum: '2010-02-14' },
        toegewezenProducten: {
          toegewezenProduct: [
            {
              toewijzingNummer: '7',
              ...(ref ? { referentieAanbieder: ref } : {}),
              ingangsdatum: '2026-05-01',
              toewijzingsdatum: '2026-04-20',
              toewijzingstijd: '10:00:00',
            },
          ],
        },
      },
    } as unknown as IjwJson).regels[0]!;

  it.each([
    ['the JW319 answers the JW315', antwoord, verzoekSleutel('0384', '42420001', 'VOT-7')],
    ['the JW301 with its ReferentieAanbieder honours it', toewijzing('VOT-7'), verzoekSleutel('0384', '42420001', 'VOT-7')],
    ['a JW301 without ReferentieAanbieder follows no request', toewijzing(), undefined],
    ['another reference is another request', toewijzing('VOT-8'), verzoekSleutel('0384', '42420001', 'VOT-8')],
  ])('%s', (_naam, bericht, sleutel) => {
    expect(verzoekSleutelVan(vot)).toBe(verzoekSleutel('0384', '42420001', 'VOT-7'));
    expect(verzoekSleutelVan(bericht)).toBe(sleutel);
  });

  it('JW305/JW307 name their toewijzing by number, not by request; the soorten', () => {
    expect(
      verzoekSleutelVan({
        berichtcode: 'JW305',
        gemeente: '0384',
        aanbieder: '42420001',
        client: { bsn: '', geboortedatum: '' },
        berichtId: 'a',
        toewijzingNummer: '7',
        begindatum: '2026-05-02',
      }),
    ).toBeUndefined();
    expect(['JW315', 'JW317', 'JW319', 'JW301', 'JW316', null].map(isVerzoekBerichtcode)).toEqual([true, true, true, false, false, false]);
  });
});

describe('pseudonymiseVerzoek', () => {
  it('replaces the Bsn by the pseudonym (JW315 keeps the Geboortedatum, JW317 has only the Bsn, JW319 no client)', () => {
    const secret = 'verzoek-test-secret-0000000000000000';
    const jw315 = {
      berichtcode: 'JW315',
      berichtId: 'a/1',
      identificatie: 'a',
      gemeente: '0384',
      aanbieder: '42420001',
      dagtekening: '2026-04-01',
      referentieAanbieder: 'R',
      client: { bsn: '999900006', geboortedatum: '2010-02-14' },
      toewijzingIngangsdatum: '2026-05-01',
      verwijzer: { type: '06' },
    } as const;
    const p315 = pseudonymiseVerzoek({ ...jw315, client: { ...jw315.client }, verwijzer: { ...jw315.verwijzer } }, secret);
    expect(p315.client).toEqual({ pseudonym: pseudonymiseBsn('999900006', secret), geboortedatum: '2010-02-14' });
    const jw317 = {
      berichtcode: 'JW317' as const,
      berichtId: 'b/1',
      identificatie: 'b',
      gemeente: '0384',
      aanbieder: '42420001',
      dagtekening: '2026-04-01',
      referentieAanbieder: 'R',
      client: { bsn: '999900006' },
      redenVerzoek: '1',
      ongewijzigd: ['1'],
      teWijzigen: [],
      nieuw: [],
    };
    expect(pseudonymiseVerzoek(jw317, secret).client).toEqual({ pseudonym: pseudonymiseBsn('999900006', secret) });
    expect(JSON.stringify([p315, pseudonymiseVerzoek(jw317, secret)])).not.toContain('999900006');
    const jw319 = {
      berichtcode: 'JW319' as const,
      berichtId: 'c/1',
      identificatie: 'c',
      gemeente: '0384',
      aanbieder: '42420001',
      dagtekening: '2026-04-01',
      referentieAanbieder: 'R',
      verzoekAntwoord: '2',
    };
    expect(pseudonymiseVerzoek(jw319, secret)).toEqual(jw319);
  });
});
