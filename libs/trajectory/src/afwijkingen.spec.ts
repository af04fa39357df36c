/**
 * Deviations that ingest rejected before iJw 3.2 and accepts now (start before the ingangsdatum, start/stop after the
 * einddatum, another product, another ToewijzingIngangsdatum): derived on the state, for messages recorded under 3.2.
 */
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { buildJw301, buildJw305, buildJw307 } from './test-fixtures';
import { deriveTrajectory, type AcceptedMessage, type TrajectoryState } from './trajectory';

const derive = (ms: readonly AcceptedMessage[]): TrajectoryState => deriveTrajectory(ms, DEFAULT_INTENSITY_MAPPING)!;
const v1 = buildJw301({ ingangsdatum: '2024-02-01', einddatum: '2024-06-30', toewijzingsdatum: '2024-01-20', toewijzingstijd: '10:00:00' });
const at = { ontvangenOp: '2024-01-25T23:30:00.000Z' }; // 00:30 on the 26th in Amsterdam

describe('afwijkingen', () => {
  it('a start before the ingangsdatum: accepted, negative wachttijd, one afwijking', () => {
    const s = derive([v1, buildJw305({ berichtId: 'S/1', identificatie: 'S', begindatum: '2024-01-25', ontvangst: at })]);
    expect(s).toMatchObject({ status: 'gestart', begindatum: '2024-01-25', wachttijdDagen: -7 });
    expect(s.afwijkingen).toEqual([
      {
        soort: 'begindatumVoorIngangsdatum',
        berichtId: 'S/1',
        berichtcode: 'JW305',
        bericht: '2024-01-25',
        toewijzing: '2024-02-01',
        ontvangen: '2024-01-26',
      },
    ]);
  });

  it('a stop after the einddatum, another product and another ToewijzingIngangsdatum', () => {
    const start = buildJw305({
      berichtId: 'S/1',
      identificatie: 'S',
      begindatum: '2024-02-05',
      product: { categorie: '45', code: '45A02' },
      toewijzingIngangsdatum: '2024-01-15',
    });
    const stop = buildJw307({ berichtId: 'E/1', identificatie: 'E', begindatum: '2024-02-05', einddatum: '2024-07-15' });
    const s = derive([v1, start, stop]);
    expect(s.afwijkingen?.map((a) => [a.berichtId, a.soort, a.bericht, a.toewijzing])).toEqual([
      ['E/1', 'einddatumNaEinddatum', '2024-07-15', '2024-06-30'],
      ['S/1', 'productAnders', '45/45A02', '45/45A01'],
      ['S/1', 'toewijzingIngangsdatumAnders', '2024-01-15', '2024-02-01'],
    ]);
    expect(s.timeline.find((e) => e.berichtId === 'S/1')?.toewijzingIngangsdatum).toBe('2024-01-15');
    expect(s).toMatchObject({ status: 'beeindigd', stopdatum: '2024-07-15' });
  });

  it('a start after the einddatum; a correcting JW301 makes the afwijking go away', () => {
    const start = buildJw305({ berichtId: 'S/1', identificatie: 'S', begindatum: '2024-07-02' });
    expect(derive([v1, start]).afwijkingen?.map((a) => a.soort)).toEqual(['begindatumNaEinddatum']);
    const v2 = buildJw301({
      ingangsdatum: '2024-02-01',
      einddatum: '2024-12-31',
      redenWijziging: '04',
      toewijzingsdatum: '2024-07-03',
      toewijzingstijd: '08:00:00',
    });
    expect(derive([v1, start, v2])).not.toHaveProperty('afwijkingen');
  });

  it('none for a deleted start, a start without toewijzing, a generieke toewijzing, or a start recorded before iJw 3.2', () => {
    const start = buildJw305({ berichtId: 'S/1', identificatie: 'S', begindatum: '2024-01-25', product: { categorie: '43' } });
    const weg = buildJw305({
      berichtId: 'S2/1',
      identificatie: 'S2',
      begindatum: '2024-01-25',
      product: { categorie: '43' },
      statusAanlevering: '3',
      ontvangst: { ontvangenOp: '2024-03-01T10:00:00.000Z' },
    });
    expect(derive([v1, start, weg])).not.toHaveProperty('afwijkingen');
    expect(derive([start])).not.toHaveProperty('afwijkingen');
    const generiek = buildJw301({
      product: undefined,
      budget: 1000,
      ingangsdatum: '2024-01-01',
      toewijzingsdatum: '2024-01-01',
      toewijzingstijd: '10:00:00',
    });
    expect(derive([generiek, start])).not.toHaveProperty('afwijkingen');
    expect(derive([v1, buildJw305({ begindatum: '2024-01-25' })])).not.toHaveProperty('afwijkingen');
  });
});

describe('geboortedatumGebruik', () => {
  it('is on the state only when DatumGebruik is given', () => {
    expect(derive([buildJw301({ client: { geboortedatum: '2008-09-01', datumGebruik: '1' } })]).geboortedatumGebruik).toBe('1');
    expect(derive([buildJw301()])).not.toHaveProperty('geboortedatumGebruik');
  });
});
