/**
 * ToewijzingNummer is LDT_Nummer, an integer 0–999 999 999 (../shared/ijw-3.2/xsd/basisschema.xsd). The flat model
 * carries it in canonical decimal form (ingest turns "0300201" into "300201"), so this library compares it as an
 * exact string and never pads or strips it: "0300201" reaching it would be a bug upstream, and is refused loudly.
 */
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { buildJw301, buildJw305 } from './test-fixtures';
import { deriveTrajectory, groupByTrajectory, trajectoryId } from './trajectory';

describe('ToewijzingNummer', () => {
  it('a 9-digit number is a trajectory like any other', () => {
    const s = deriveTrajectory(
      [buildJw301({ toewijzingNummer: '999999999' }), buildJw305({ toewijzingNummer: '999999999' })],
      DEFAULT_INTENSITY_MAPPING,
    );
    expect(s).toMatchObject({ id: '0034-999999999', toewijzingNummer: '999999999', status: 'gestart' });
  });

  it("is compared exactly as given (canonical form is ingest's contract): a padded form is another key", () => {
    expect(trajectoryId('0034', '300201')).toBe('0034-300201');
    expect([...groupByTrajectory([buildJw301({ toewijzingNummer: '300201' }), buildJw305({ toewijzingNummer: '300201' })]).keys()]).toEqual(
      ['0034-300201'],
    );
    expect(() =>
      deriveTrajectory(
        [buildJw301({ toewijzingNummer: '300201' }), buildJw305({ toewijzingNummer: '0300201' })],
        DEFAULT_INTENSITY_MAPPING,
      ),
    ).toThrow(/more than one toewijzing/);
  });
});
