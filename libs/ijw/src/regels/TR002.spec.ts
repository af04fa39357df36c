import { TR002 } from './TR002';
import { expectBevindingen, jw301, jw305, jw307, jw315, run, runVerzoek } from './test-builders';

const dag = { header: { dagtekening: '2026-07-20' } };

describe('TR002 (regels/technische-regels/xslt/TR002.md)', () => {
  it.each([
    ['kind van 16', jw305([{}], { ...dag, client: { geboortedatum: '2010-02-14' } }), []],
    ['precies 120 jaar voor de dagtekening', jw305([{}], { ...dag, client: { geboortedatum: '1906-07-20' } }), []],
    ['één dag meer dan 120 jaar', jw305([{}], { ...dag, client: { geboortedatum: '1906-07-19' } }), ['client']],
    [
      'onbekende geboortedatum (DatumGebruik 3, 01-01-1900)',
      jw301([{}], { ...dag, client: { geboortedatum: '1900-01-01', datumGebruik: '3' } }),
      [],
    ],
    ['01-01-1900 zonder DatumGebruik 3', jw307([{}], { ...dag, client: { geboortedatum: '1900-01-01' } }), ['client']],
    [
      'alleen jaar bekend (DatumGebruik 2): jaar 1906 kan binnen 120 jaar liggen',
      jw305([{}], { ...dag, client: { geboortedatum: '1906-01-01', datumGebruik: '2' } }),
      [],
    ],
    [
      'alleen jaar bekend: 1905 ligt er altijd buiten',
      jw305([{}], { ...dag, client: { geboortedatum: '1905-01-01', datumGebruik: '2' } }),
      ['client'],
    ],
    [
      'dag onbekend (DatumGebruik 1): juli 1906 kan binnen 120 jaar liggen',
      jw305([{}], { ...dag, client: { geboortedatum: '1906-07-01', datumGebruik: '1' } }),
      [],
    ],
    [
      'dag onbekend: juni 1906 ligt er buiten',
      jw305([{}], { ...dag, client: { geboortedatum: '1906-06-01', datumGebruik: '1' } }),
      ['client'],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR002, run(TR002, bericht), verwacht);
  });
});

describe('TR002 on the request side (regels/technische-regels/xslt/TR002.md)', () => {
  it.each([
    ['JW315 jonge cliënt', jw315(), []],
    [
      'JW315 geboortedatum meer dan 120 jaar voor de dagtekening',
      jw315([{}], { client: { geboortedatum: { datum: '1900-01-02' } } }),
      ['client'],
    ],
    [
      'JW315 geboortedatum onbekend (DatumGebruik 3)',
      jw315([{}], { client: { geboortedatum: { datum: '1900-01-01', datumGebruik: '3' } } }),
      [],
    ],
  ])('%s', (_naam, bericht, verwacht) => {
    expectBevindingen(TR002, runVerzoek(TR002, bericht), verwacht as (number | string)[]);
  });
});
