/**
 * Test fixtures: the standard's example berichten ../shared/ijw-3.2/berichten/JW301.xml, JW305.xml and JW307.xml in
 * the camelCase JSON form (written by hand from the XML; retour.spec.ts checks them against the schema module's
 * reader when it is available). Only for tests.
 */
import type { IjwJson } from './types';

const naam = (extra: IjwJson = {}): IjwJson => ({
  geslachtsnaam: { achternaam: 'Wit', voorvoegsel: 'de' },
  voornamen: 'Tom',
  voorletters: 'T',
  ...extra,
});

const product = (categorie: string, code: string): IjwJson => ({ categorie, code });

export function jw301(): IjwJson {
  return {
    header: {
      berichtCode: '436',
      berichtVersie: '3',
      berichtSubversie: '2',
      afzender: '0384',
      ontvanger: '42420001',
      berichtIdentificatie: { identificatie: '123456789012', dagtekening: '2026-04-01' },
      xsdVersie: { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' },
    },
    client: {
      bsn: '999900006',
      geboortedatum: { datum: '2010-02-14' },
      geslacht: '1',
      naam: naam({ naamGebruik: '1' }),
      communicatie: { vorm: '1', taal: 'Zweeds' },
      juridischeStatus: '01',
      wettelijkeVertegenwoordiging: '09',
      commentaar: 'Commentaar client',
      relaties: {
        relatie: [
          {
            nummer: '1',
            volgorde: '1',
            soort: '12',
            geboortedatum: { datum: '1971-04-07' },
            geslacht: '1',
            naam: {
              geslachtsnaam: { achternaam: 'Galen', voorvoegsel: 'van' },
              partnernaam: { achternaam: 'Vries', voorvoegsel: 'de' },
              voornamen: 'Peter',
              voorletters: 'P',
              naamGebruik: '1',
            },
            contact: {
              soort: '03',
              adres: {
                huis: { huisnummer: '9', huisletter: 'B', huisnummerToevoeging: 'BEL', aanduidingWoonadres: 'TO' },
                postcode: '9999XX',
                straatnaam: 'Van Woustraat',
                plaatsnaam: 'Amsterdam',
                landCode: 'NL',
              },
              telefoon: { telefoon01: { telefoonnummer: '0201234567', landnummer: '0031' } },
              emailadres: 'abc@def.com',
            },
          },
          {
            nummer: '2',
            volgorde: '2',
            soort: '09',
            geboortedatum: { datum: '1956-07-12' },
            geslacht: '1',
            naam: { geslachtsnaam: { achternaam: 'Bakker' }, voornamen: 'Klaas', voorletters: 'K', naamGebruik: '1' },
            contact: {
              soort: '03',
              adres: {
                huis: { huisnummer: '23' },
                postcode: '9999XX',
                straatnaam: 'Kerklaan',
                plaatsnaam: 'Arnhem',
                landCode: 'NL',
              },
              telefoon: { telefoon01: { telefoonnummer: '0707654321', landnummer: '0031' } },
              emailadres: 'def@abc.com',
            },
          },
        ],
      },
      contactgegevens: {
        contact: [
          {
            soort: '03',
            adres: {
              huis: { huisnummer: '9', huisletter: 'B', huisnummerToevoeging: 'BEL', aanduidingWoonadres: 'TO' },
              postcode: '9999XX',
              straatnaam: 'Van Woustraat',
              plaatsnaam: 'Amsterdam',
              landCode: 'NL',
            },
            telefoon: { telefoon01: { telefoonnummer: '0201234567', landnummer: '0031' } },
            emailadres: 'abcd@efg.com',
          },
          {
            soort: '04',
            adres: {
              huis: { huisnummer: '12', huisnummerToevoeging: 'K123' },
              postcode: '9999XX',
              straatnaam: 'Mauritsstraat',
              plaatsnaam: 'Amsterdam',
              landCode: 'NL',
            },
            organisatie: 'Revalidatiecentrum Ons Genoegen',
            telefoon: { telefoon01: { telefoonnummer: '0204563219', landnummer: '0031' } },
            periode: { begindatum: '2018-02-03' },
          },
        ],
      },
      toegewezenProducten: {
        toegewezenProduct: [
          {
            toewijzingNummer: '300201',
            referentieAanbieder: '40A12341234',
            product: product('55', '55A11'),
            toewijzingsdatum: '2026-04-01',
            toewijzingstijd: '12:34:56',
            ingangsdatum: '2026-04-01',
            einddatum: '2026-07-14',
            omvang: { volume: '2', eenheid: '04', frequentie: '2' },
            commentaar: 'Commentaar Toegewezen Product 1',
          },
          {
            toewijzingNummer: '300202',
            referentieAanbieder: '40A12341235',
            product: product('55', '55A12'),
            toewijzingsdatum: '2026-04-01',
            toewijzingstijd: '12:34:56',
            ingangsdatum: '2026-04-01',
            einddatum: '2026-07-19',
            omvang: { volume: '2', eenheid: '16', frequentie: '2' },
            commentaar: 'Commentaar Toegewezen Product 2',
          },
        ],
      },
    },
  };
}

const aanbiederHeader = (berichtCode: string, dagtekening: string): IjwJson => ({
  berichtCode,
  berichtVersie: '3',
  berichtSubversie: '2',
  afzender: '65656055',
  ontvanger: '0363',
  berichtIdentificatie: { identificatie: '123456789012', dagtekening },
  xsdVersie: { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' },
});

const client305307 = (): IjwJson => ({
  bsn: '999900006',
  geboortedatum: { datum: '2010-02-14' },
  geslacht: '1',
  naam: naam(),
});

export function jw305(): IjwJson {
  return {
    header: aanbiederHeader('438', '2026-04-15'),
    client: {
      ...client305307(),
      startProducten: {
        startProduct: [
          {
            toewijzingNummer: '300201',
            product: product('55', '55A11'),
            toewijzingIngangsdatum: '2026-04-01',
            begindatum: '2026-04-03',
            statusAanlevering: '1',
          },
          {
            toewijzingNummer: '300202',
            product: product('55', '55A12'),
            toewijzingIngangsdatum: '2026-04-01',
            begindatum: '2026-04-15',
            statusAanlevering: '1',
          },
        ],
      },
    },
  };
}

export function jw307(): IjwJson {
  return {
    header: aanbiederHeader('440', '2026-07-20'),
    client: {
      ...client305307(),
      stopProducten: {
        stopProduct: [
          {
            toewijzingNummer: '300201',
            product: product('55', '55A11'),
            toewijzingIngangsdatum: '2026-04-01',
            begindatum: '2026-04-03',
            redenBeeindiging: '31',
            einddatum: '2026-07-17',
            statusAanlevering: '1',
          },
          {
            toewijzingNummer: '300202',
            product: product('55', '55A12'),
            toewijzingIngangsdatum: '2026-04-01',
            begindatum: '2026-04-15',
            redenBeeindiging: '31',
            einddatum: '2026-07-17',
            statusAanlevering: '1',
          },
        ],
      },
    },
  };
}
