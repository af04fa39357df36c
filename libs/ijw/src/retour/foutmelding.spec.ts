/**
 * explainRetour, foutmelding and beantwoord: the Dutch explanation beside the retour, the level-1 foutmelding of
 * IV028 ("Indien het bericht niet valideert tegen het XSD krijgt de afzender een foutmelding. Er wordt geen
 * retourbericht verzonden", regels/invulinstructies/invulinstructie_IV028.md) and the decision when a header-only
 * retour with 0001 goes with it (retour/README.md).
 */
import type { Bevinding } from '../model';
import { beantwoord, explainRetour, foutmelding } from './index';
import { jw301, jw305 } from './fixtures';
import type { IjwJson } from './types';

const meta = { identificatieRetour: 'R1', dagtekeningRetour: '2026-04-02' };
const obj = (v: unknown): IjwJson => v as IjwJson;
const codesOf = (klasse: unknown): unknown => obj(obj(klasse).retourCodes).retourCode;

const start9063: Bevinding = {
  retourcode: '9063',
  regel: 'TR063',
  niveau: 3,
  klasse: 'product',
  productIndex: 0,
  pad: 'Client/StartProducten/StartProduct[1]',
  toelichting: 'StartProduct 1 (ToewijzingNummer 300201) verwijdert een start die niet eerder is aangeleverd.',
};

describe('explainRetour', () => {
  it('gives per finding the retourcode, its WJ001 omschrijving, the rule, the pad and the Dutch toelichting', () => {
    expect(
      explainRetour([start9063, { retourcode: '0001', regel: 'CS338', niveau: 2, klasse: 'client', toelichting: 'Naam ontbreekt.' }]),
    ).toEqual([
      {
        retourcode: '9063',
        omschrijving: 'Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is',
        regel: 'TR063',
        pad: 'Client/StartProducten/StartProduct[1]',
        toelichting: start9063.toelichting,
      },
      { retourcode: '0001', omschrijving: 'Bericht is afgekeurd om technische redenen.', regel: 'CS338', toelichting: 'Naam ontbreekt.' },
    ]);
    expect(explainRetour([])).toEqual([]);
    expect(explainRetour([{ ...start9063, retourcode: 'TW05' }])[0].omschrijving).toMatch(/niet in WJ001/);
  });
});

describe('foutmelding', () => {
  const problems = [
    { pad: 'Client/Bsn', toelichting: 'Bsn moet 9 cijfers zijn.', message: 'Bsn must be 9 digits.' },
    { pad: 'Header/Afzender', toelichting: 'Afzender ontbreekt.' },
  ];

  it('is structured Dutch and English, says that no retour is sent, and keeps the problems', () => {
    const f = foutmelding(problems, { soort: 'JW305' });
    expect(f).toMatchObject({ code: 'STRUCTUUR', controleniveau: 1, vergelijkbaar: 'BRS13', retour: false, bericht: { soort: 'JW305' } });
    expect(f.problemen).toEqual(problems);
    expect(f.toelichting).toBe(
      'Het bericht (JW305) voldoet niet aan het XSD van iJw 3.2 (controleniveau 1) en is niet verwerkt. Er wordt geen retourbericht ' +
        'gestuurd (IV028). 2 fouten: Client/Bsn: Bsn moet 9 cijfers zijn.; Header/Afzender: Afzender ontbreekt.',
    );
    expect(f.message).toMatch(
      new RegExp(
        String.raw`^The bericht \(JW305\) does not follow its iJw 3\.2 XSD .* No retour bericht is sent \(IV028\)\. ` +
          String.raw`2 problems: Client\/Bsn: Bsn must be 9 digits\.; Header\/Afzender: Afzender ontbreekt\.`,
      ),
    );
  });

  it('says so when a header-only retour goes with it, and identifies the bericht by its header', () => {
    const f = foutmelding(problems.slice(0, 1), { soort: 'JW301', header: obj(jw301().header), retour: true });
    expect(f.retour).toBe(true);
    expect(f.toelichting).toMatch(/alleen een retourbericht met de Header en retourcode 0001/);
    expect(f.message).toMatch(/A retour bericht with only the Header and retourcode 0001 is sent/);
    expect(f.bericht).toEqual({
      soort: 'JW301',
      afzender: '0384',
      ontvanger: '42420001',
      identificatie: '123456789012',
      dagtekening: '2026-04-01',
    });
  });

  it('for an unreadable payload: ONLEESBAAR (like VECOZO BRS14), no bericht identification', () => {
    const f = foutmelding([{ toelichting: 'Geen well-formed XML (regel 3).', message: 'not well-formed XML (line 3)' }], {
      onleesbaar: true,
    });
    expect(f).toMatchObject({ code: 'ONLEESBAAR', vergelijkbaar: 'BRS14', retour: false });
    expect(f.bericht).toBeUndefined();
    expect(f.toelichting).toMatch(/^Het bericht kon niet gelezen worden en is niet verwerkt\. Er wordt geen retourbericht gestuurd/);
  });

  it('names at most three problems in the text and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ pad: `P${i}`, toelichting: `fout ${i}` }));
    const f = foutmelding(many);
    expect(f.toelichting).toMatch(/5 fouten: P0: fout 0; P1: fout 1; P2: fout 2; … \(2 meer\)\.$/);
    expect(f.message).toMatch(/… \(2 more\)\.$/);
    expect(f.problemen).toHaveLength(5);
  });
});

describe('beantwoord (IV028: retour, foutmelding or both)', () => {
  it('accepted bericht: retour without RetourCodes, no foutmelding, no explanations', () => {
    const a = beantwoord({ soort: 'JW305', json: jw305() }, [], meta);
    expect(a.foutmelding).toBeUndefined();
    expect(a.retour?.soort).toBe('JW306');
    expect(obj(a.retour!.json.header).retourCodes).toBeUndefined();
    expect(a.toelichtingen).toEqual([]);
  });

  it('level 3 finding: the retour with the code in its class and the explanation beside it', () => {
    const a = beantwoord({ soort: 'JW305', json: jw305() }, [start9063], meta);
    expect(a.foutmelding).toBeUndefined();
    expect(codesOf(a.retour!.json.header)).toEqual(['0200']);
    expect(a.toelichtingen).toEqual(explainRetour([start9063]));
  });

  it('level 1 with a usable header: foutmelding AND a header-only retour with 0001 (no XsltVersie)', () => {
    const json = jw305();
    obj(json.header).berichtCode = '440'; // wrong BerichtCode: a level-1 error, but BerichtCode is not copied
    const a = beantwoord({ soort: 'JW305', json }, [], meta, [{ pad: 'Header/BerichtCode', toelichting: 'BerichtCode moet 438 zijn.' }]);
    expect(a.retour?.soort).toBe('JW306');
    expect(Object.keys(a.retour!.json)).toEqual(['header']);
    expect(codesOf(a.retour!.json.header)).toEqual(['0001']);
    expect(obj(a.retour!.json.header).berichtCode).toBe('439');
    expect(obj(a.retour!.json.header).xsltVersie).toBeUndefined();
    expect(a.foutmelding).toMatchObject({ code: 'STRUCTUUR', retour: true, bericht: { soort: 'JW305', identificatie: '123456789012' } });
    expect(a.toelichtingen).toEqual([
      {
        retourcode: '0001',
        omschrijving: 'Bericht is afgekeurd om technische redenen.',
        regel: 'XSD',
        pad: 'Header/BerichtCode',
        toelichting: 'BerichtCode moet 438 zijn.',
      },
    ]);
  });

  it('level 1 findings given as Bevinding (niveau 1) are treated the same', () => {
    const a = beantwoord(
      { soort: 'JW301', json: jw301() },
      [
        {
          retourcode: '0001',
          regel: 'XSD',
          niveau: 1,
          klasse: 'product',
          productIndex: 0,
          pad: 'Client/ToegewezenProducten/ToegewezenProduct[1]/Budget',
          toelichting: 'Budget is geen geheel getal.',
        },
      ],
      meta,
    );
    expect(a.retour?.soort).toBe('JW302');
    expect(a.foutmelding?.retour).toBe(true);
    expect(a.foutmelding?.problemen).toEqual([
      { pad: 'Client/ToegewezenProducten/ToegewezenProduct[1]/Budget', toelichting: 'Budget is geen geheel getal.' },
    ]);
  });

  it('level 1 with an unusable header: only the foutmelding', () => {
    const json = jw305();
    obj(json.header).afzender = 'ABC';
    const a = beantwoord({ soort: 'JW305', json }, [], meta, [{ pad: 'Header/Afzender', toelichting: 'Afzender is geen AGB-code.' }]);
    expect(a.retour).toBeUndefined();
    expect(a.foutmelding).toMatchObject({ code: 'STRUCTUUR', retour: false, bericht: { afzender: 'ABC' } });
  });

  it('not readable at all (no soort, no tree): only the foutmelding, ONLEESBAAR', () => {
    const a = beantwoord({ onleesbaar: true }, [], meta, [{ toelichting: 'Het bericht is geen XML.', message: 'not XML' }]);
    expect(a.retour).toBeUndefined();
    expect(a.foutmelding).toMatchObject({ code: 'ONLEESBAAR', retour: false });
    expect(a.foutmelding?.bericht).toBeUndefined();
    expect(beantwoord({}, [], meta).foutmelding?.code).toBe('ONLEESBAAR');
  });
});
