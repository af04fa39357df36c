/**
 * leesHeader: the Header of a bericht that fails its XSD, so that beantwoord can still send the header-only retour
 * with 0001 beside the foutmelding (IV028 sends only a foutmelding for controleniveau 1; README.md says why we add the
 * retour when the header is usable). Uses the standard's example ../shared/ijw-3.2/berichten/JW305.xml when present.
 */
import * as fs from 'fs';
import * as path from 'path';
import { beantwoord, headerProblemen, leesHeader, retourXml } from './index';
import { jw305 } from './fixtures';
import { standardAvailable, validateAgainstStandard } from '../../../../test/support/xsd-oracle';

const STANDARD = path.resolve(__dirname, '../../../..', '../shared/ijw-3.2');
const haveStandard = fs.existsSync(STANDARD) && standardAvailable();
if (!haveStandard) console.warn(`SKIPPED: leesHeader on the standard's JW305.xml: ${STANDARD} is absent`);
const itStandard = haveStandard ? it : it.skip;

const NS =
  'xmlns:jw305="http://www.istandaarden.nl/ijw/3_2/jw305/schema" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema"';
const HEADER =
  `<jw305:Header><jw305:BerichtCode>438</jw305:BerichtCode><jw305:BerichtVersie>3</jw305:BerichtVersie>` +
  `<jw305:BerichtSubversie>2</jw305:BerichtSubversie><jw305:Afzender>65656055</jw305:Afzender><jw305:Ontvanger>0363</jw305:Ontvanger>` +
  `<jw305:BerichtIdentificatie><ijw:Identificatie>123456789012</ijw:Identificatie><ijw:Dagtekening>2026-04-15</ijw:Dagtekening>` +
  `</jw305:BerichtIdentificatie><jw305:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>` +
  `<ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw305:XsdVersie></jw305:Header>`;

describe('leesHeader', () => {
  it('reads soort and Header of a bericht whose Client is invalid, in the same form as readIjwXml', () => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><jw305:Bericht ${NS}>${HEADER}` +
      `<jw305:Client><jw305:Bsn>12</jw305:Bsn></jw305:Client></jw305:Bericht>`;
    const read = leesHeader(xml);
    expect(read).toEqual({ soort: 'JW305', header: jw305().header });
    expect(headerProblemen('JW305', read.header)).toEqual([]);
  });

  it('leaves out repeated or misplaced header elements, so headerProblemen refuses the header', () => {
    const twice = HEADER.replace(
      '<jw305:Ontvanger>0363</jw305:Ontvanger>',
      '<jw305:Ontvanger>0363</jw305:Ontvanger><jw305:Ontvanger>0599</jw305:Ontvanger>',
    );
    const read = leesHeader(`<jw305:Bericht ${NS}>${twice}</jw305:Bericht>`);
    expect(read.header?.ontvanger).toBeUndefined();
    expect(headerProblemen('JW305', read.header)).toEqual(['Header/Ontvanger is geen gemeentecode (4 cijfers)']);
    const wrongNs = HEADER.replace(
      '<ijw:Identificatie>123456789012</ijw:Identificatie>',
      '<jw305:Identificatie>123456789012</jw305:Identificatie>',
    );
    expect(leesHeader(`<jw305:Bericht ${NS}>${wrongNs}</jw305:Bericht>`).header?.berichtIdentificatie).toEqual({
      dagtekening: '2026-04-15',
    });
  });

  it('gives nothing for what is not a readable iJw heenbericht', () => {
    expect(leesHeader('not xml')).toEqual({});
    expect(leesHeader(`<jw305:Bericht ${NS}>${HEADER}`)).toEqual({});
    expect(leesHeader('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toEqual({});
    expect(leesHeader(`<Bericht xmlns="urn:other">${HEADER}</Bericht>`)).toEqual({});
    expect(leesHeader(`<jw305:Bericht ${NS}></jw305:Bericht>`)).toEqual({ soort: 'JW305' });
    const jw306 = '<jw306:Bericht xmlns:jw306="http://www.istandaarden.nl/ijw/3_2/jw306/schema"/>';
    expect(leesHeader(jw306)).toEqual({});
  });

  itStandard(
    "the standard's JW305.xml with an invalid Begindatum: foutmelding plus a header-only JW306 with 0001, valid against JW306.xsd",
    async () => {
      const xml = fs
        .readFileSync(path.join(STANDARD, 'berichten/JW305.xml'), 'utf8')
        .replace('<jw305:Begindatum>2026-04-03', '<jw305:Begindatum>2026-04-31');
      const { soort, header } = leesHeader(xml);
      const antwoord = beantwoord(
        { soort, json: header ? { header } : undefined },
        [],
        { identificatieRetour: 'R1', dagtekeningRetour: '2026-04-16' },
        [{ pad: 'Client/StartProducten/StartProduct[1]/Begindatum', toelichting: 'Begindatum is geen geldige datum.' }],
      );
      expect(antwoord.foutmelding).toMatchObject({
        code: 'STRUCTUUR',
        retour: true,
        bericht: { soort: 'JW305', identificatie: '123456789012' },
      });
      expect(antwoord.retour?.soort).toBe('JW306');
      expect(await validateAgainstStandard(retourXml(antwoord.retour!), 'JW306')).toEqual({ valid: true, errors: [] });
    },
  );
});
