/**
 * StatusAanlevering 3 deletes an earlier start/stop with the same logical key (IV008, TR063 in
 * ../shared/ijw-3.2/regels/invulinstructies/invulinstructie_IV008.md and
 * regels/technische-regels/berichtoverstijgend/TR063.md; StopProduct key incl. RedenBeeindiging and Einddatum per
 * regels/condities-constraints/Condities_constraints_per_data-element.md).
 */
import fc from 'fast-check';
import { diffTrajectory } from './events';
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { buildJw301, buildJw305, buildJw307 } from './test-fixtures';
import { aantalVerwijderingen, deriveTrajectory, type AcceptedMessage, type TrajectoryState } from './trajectory';

const derive = (ms: readonly AcceptedMessage[]): TrajectoryState => deriveTrajectory(ms, DEFAULT_INTENSITY_MAPPING)!;
const at = (d: string) => ({ ontvangenOp: `${d}T10:00:00.000Z` });

const toewijzing = buildJw301({ einddatum: '2024-12-31', dagtekening: '2024-01-10' });
const start = buildJw305({
  berichtId: 'S1/1',
  identificatie: 'S1',
  begindatum: '2024-01-22',
  statusAanlevering: '1',
  ontvangst: at('2024-01-23'),
});
const startWeg = buildJw305({
  berichtId: 'S2/1',
  identificatie: 'S2',
  begindatum: '2024-01-22',
  statusAanlevering: '3',
  dagtekening: '2024-02-01',
  ontvangst: at('2024-02-01'),
});
const stop = buildJw307({
  berichtId: 'E1/1',
  identificatie: 'E1',
  begindatum: '2024-01-22',
  einddatum: '2024-06-30',
  redenBeeindiging: '31',
  ontvangst: at('2024-07-01'),
});
const stopWeg = buildJw307({
  berichtId: 'E2/1',
  identificatie: 'E2',
  begindatum: '2024-01-22',
  einddatum: '2024-06-30',
  redenBeeindiging: '31',
  statusAanlevering: '3',
  dagtekening: '2024-07-05',
  ontvangst: at('2024-07-05'),
});

describe('StatusAanlevering 3', () => {
  it('deleting the only start returns the trajectory to toegewezen; the timeline shows the deletion', () => {
    const s = derive([toewijzing, start, startWeg]);
    expect(s).toMatchObject({ status: 'toegewezen', begindatum: null, wachttijdDagen: null });
    expect(s.timeline.map((e) => [e.berichtId, e.soort, e.datum, e.verwijderdDoor ?? null, e.verwijdert ?? null])).toEqual([
      [toewijzing.berichtId, 'toewijzing', '2024-01-15', null, null],
      ['S1/1', 'start', '2024-01-22', 'S2/1', null],
      ['S2/1', 'verwijdering', '2024-02-01', null, 'S1/1'],
    ]);
    expect(s.berichtIds).toEqual([toewijzing.berichtId, 'S1/1', 'S2/1'].sort());
    expect(aantalVerwijderingen(s, 'JW305')).toBe(1);
  });

  it('deleting the stop returns the trajectory to gestart', () => {
    expect(derive([toewijzing, start, stop])).toMatchObject({ status: 'beeindigd', stopdatum: '2024-06-30' });
    expect(derive([toewijzing, start, stop, stopWeg])).toMatchObject({
      status: 'gestart',
      stopdatum: null,
      redenBeeindiging: null,
      volgensPlan: null,
    });
  });

  it('deletion and replacement in one bericht (another begindatum): the new start counts', () => {
    const nieuw = buildJw305({ berichtId: 'S2/2', identificatie: 'S2', begindatum: '2024-01-29', ontvangst: at('2024-02-01') });
    expect(derive([toewijzing, start, startWeg, nieuw])).toMatchObject({ status: 'gestart', begindatum: '2024-01-29', wachttijdDagen: 14 });
  });

  it('a correction of the key-less ToewijzingIngangsdatum: delete, then the same key again in a later bericht', () => {
    const opnieuw = buildJw305({
      berichtId: 'S3/1',
      identificatie: 'S3',
      begindatum: '2024-01-22',
      toewijzingIngangsdatum: '2024-01-15',
      ontvangst: at('2024-02-02'),
    });
    const s = derive([opnieuw, startWeg, start, toewijzing]);
    expect(s).toMatchObject({ status: 'gestart', begindatum: '2024-01-22' });
    expect(s.timeline.find((e) => e.berichtId === 'S1/1')?.verwijderdDoor).toBe('S2/1');
    expect(s.timeline.find((e) => e.berichtId === 'S3/1')?.verwijderdDoor).toBeUndefined();
  });

  it('only the same key is deleted: other product, begindatum, reden or einddatum stay', () => {
    const otherProduct = { ...startWeg, berichtId: 'X/1', product: { categorie: '45', code: '45A02' } };
    const otherDate = { ...startWeg, berichtId: 'X/2', begindatum: '2024-01-23' };
    expect(derive([toewijzing, start, otherProduct, otherDate])).toMatchObject({ status: 'gestart', begindatum: '2024-01-22' });
    const otherReden = { ...stopWeg, berichtId: 'Y/1', redenBeeindiging: '33' };
    const otherEind = { ...stopWeg, berichtId: 'Y/2', einddatum: '2024-06-29' };
    const s = derive([toewijzing, start, stop, otherReden, otherEind]);
    expect(s).toMatchObject({ status: 'beeindigd', stopdatum: '2024-06-30' });
    expect(s.timeline.filter((e) => e.soort === 'verwijdering').map((e) => e.verwijdert)).toEqual([null, null]);
  });

  it('a deletion received before any aanlevering of its key deletes nothing (TR063 refuses it at ingest)', () => {
    const vroeg = { ...startWeg, berichtId: 'V/1', ontvangst: { ...startWeg.ontvangst, ontvangenOp: '2024-01-01T00:00:00.000Z' } };
    expect(derive([toewijzing, start, vroeg])).toMatchObject({ status: 'gestart' });
  });

  it('deleting a tijdelijke stop before a hervatting keeps the trajectory started', () => {
    const pauze = buildJw307({
      berichtId: 'P/1',
      identificatie: 'P',
      einddatum: '2024-03-31',
      redenBeeindiging: '20',
      ontvangst: at('2024-04-01'),
    });
    const pauzeWeg = buildJw307({
      berichtId: 'P2/1',
      identificatie: 'P2',
      einddatum: '2024-03-31',
      redenBeeindiging: '20',
      statusAanlevering: '3',
      ontvangst: at('2024-04-03'),
    });
    expect(derive([toewijzing, start, pauze, pauzeWeg])).toMatchObject({ status: 'gestart', stopdatum: null });
  });

  it('is independent of arrival order', () => {
    const nieuw = buildJw305({ berichtId: 'S2/2', identificatie: 'S2', begindatum: '2024-01-29', ontvangst: at('2024-02-01') });
    const all = [toewijzing, start, startWeg, nieuw, stop, stopWeg];
    const reference = derive(all);
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), (p) =>
        expect(derive(p)).toStrictEqual(reference),
      ),
    );
  });
});

describe('diffTrajectory on deletions', () => {
  it('TrajectoryStartDeleted when the start goes; the state is back to toegewezen', () => {
    const before = derive([toewijzing, start]);
    const after = derive([toewijzing, start, startWeg]);
    const events = diffTrajectory(before, after);
    expect(events.map((e) => [e.type, e.eventId, e.effectiveDate])).toEqual([
      ['TrajectoryStartDeleted', '0034-TW000001:TrajectoryStartDeleted:S1/1', '2024-02-01'],
    ]);
    expect(events[0].facts).toMatchObject({
      verwijderdBerichtId: 'S1/1',
      verwijderingBerichtId: 'S2/1',
      statusVoor: 'gestart',
      status: 'toegewezen',
      begindatumVoor: '2024-01-22',
      begindatum: null,
    });
  });

  it('TrajectoryStopDeleted when the stop goes, and no TrajectoryStarted (nothing started)', () => {
    const events = diffTrajectory(derive([toewijzing, start, stop]), derive([toewijzing, start, stop, stopWeg]));
    expect(events.map((e) => e.type)).toEqual(['TrajectoryStopDeleted']);
    expect(events[0].facts).toMatchObject({ statusVoor: 'beeindigd', status: 'gestart', stopdatumVoor: '2024-06-30', stopdatum: null });
  });

  it('a replacement start in the same bericht: StartDeleted and TrajectoryChanged (begindatum)', () => {
    const nieuw = buildJw305({ berichtId: 'S2/2', identificatie: 'S2', begindatum: '2024-01-29', ontvangst: at('2024-02-01') });
    const events = diffTrajectory(derive([toewijzing, start]), derive([toewijzing, start, startWeg, nieuw]));
    expect(events.map((e) => e.type)).toEqual(['TrajectoryStartDeleted', 'TrajectoryChanged']);
    expect(events[1].facts.changedFields).toEqual(['begindatum']);
  });

  it('a deletion arriving before the start it deletes: no events for a state that does not change', () => {
    // the deletion alone (no toewijzing, nothing to delete) and then the start: the start is deleted at once
    const s1 = derive([toewijzing, startWeg]);
    const s2 = derive([toewijzing, startWeg, { ...start, ontvangst: { ...start.ontvangst, ...at('2024-01-20') } }]);
    expect(s2.status).toBe('toegewezen');
    expect(diffTrajectory(s1, s2).map((e) => e.type)).toEqual(['TrajectoryStartDeleted']);
  });
});
