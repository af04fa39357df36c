import { sameJson } from '@trajectwacht/ijw';
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { diffTrajectory, type TrajectoryEvent } from './events';
import { buildJw301, buildJw305, buildJw307 } from './test-fixtures';
import { deriveTrajectory, type AcceptedMessage, type TrajectoryState } from './trajectory';

function derive(messages: AcceptedMessage[]): TrajectoryState {
  const s = deriveTrajectory(messages, DEFAULT_INTENSITY_MAPPING);
  if (!s) throw new Error('no state');
  return s;
}

const types = (events: TrajectoryEvent[]) => events.map((e) => e.type);

const toewijzing = buildJw301({ einddatum: '2024-06-30', dagtekening: '2024-01-10' });
const start = buildJw305({ begindatum: '2024-01-22' });
const stop = buildJw307({ begindatum: '2024-01-22', einddatum: '2024-05-31', redenBeeindiging: '31' });

describe('diffTrajectory', () => {
  it('first JW301 → TrajectoryAssigned with the toewijzing facts', () => {
    const after = derive([toewijzing]);
    const events = diffTrajectory(null, after);
    expect(events).toEqual([
      {
        eventId: '0034-TW000001:TrajectoryAssigned:toewijzing',
        type: 'TrajectoryAssigned',
        trajectoryId: '0034-TW000001',
        clientPseudonym: 'pseudo-client-1',
        gemeente: '0034',
        aanbieder: '12345678',
        effectiveDate: '2024-01-15',
        facts: {
          productcategorie: '45',
          productcode: '45A01',
          intensiteit: 'licht_ambulant',
          crisis: false,
          verblijf: false,
          gedwongenKader: false,
          ingangsdatum: '2024-01-15',
          einddatum: '2024-06-30',
          status: 'toegewezen',
        },
      },
    ]);
  });

  it('toegewezen → gestart → TrajectoryStarted', () => {
    const events = diffTrajectory(derive([toewijzing]), derive([toewijzing, start]));
    expect(types(events)).toEqual(['TrajectoryStarted']);
    expect(events[0]).toMatchObject({
      eventId: '0034-TW000001:TrajectoryStarted:2024-01-22',
      effectiveDate: '2024-01-22',
      facts: { wachttijdDagen: 7, hervat: false },
    });
  });

  it('gestart → beeindigd → TrajectoryEnded', () => {
    const events = diffTrajectory(derive([toewijzing, start]), derive([toewijzing, start, stop]));
    expect(types(events)).toEqual(['TrajectoryEnded']);
    expect(events[0]).toMatchObject({
      eventId: '0034-TW000001:TrajectoryEnded:2024-05-31',
      effectiveDate: '2024-05-31',
      facts: { redenBeeindiging: '31', volgensPlan: true, duurDagen: 130 },
    });
  });

  it('all at once from nothing → Assigned, Started, Ended', () => {
    expect(types(diffTrajectory(null, derive([stop, start, toewijzing])))).toEqual([
      'TrajectoryAssigned',
      'TrajectoryStarted',
      'TrajectoryEnded',
    ]);
  });

  it('intrekking → TrajectoryWithdrawn (+ Changed for the wijziging)', () => {
    const intrekking = buildJw301({ redenWijziging: '13', einddatum: '2024-01-15', dagtekening: '2024-01-18' });
    const events = diffTrajectory(derive([toewijzing]), derive([toewijzing, intrekking]));
    expect(types(events)).toEqual(['TrajectoryWithdrawn', 'TrajectoryChanged']);
    expect(events[0]).toMatchObject({
      eventId: '0034-TW000001:TrajectoryWithdrawn:ingetrokken',
      effectiveDate: '2024-01-18',
      facts: { redenWijziging: '13', status: 'ingetrokken' },
    });
  });

  it('intrekking after a stop still gives TrajectoryWithdrawn although the status stays beeindigd', () => {
    const intrekking = buildJw301({ redenWijziging: '13', einddatum: '2024-01-15', dagtekening: '2024-08-01' });
    const events = diffTrajectory(derive([toewijzing, start, stop]), derive([toewijzing, start, stop, intrekking]));
    expect(types(events)).toContain('TrajectoryWithdrawn');
    expect(events.find((e) => e.type === 'TrajectoryWithdrawn')?.facts.status).toBe('beeindigd');
  });

  it('verlenging → TrajectoryExtended and TrajectoryChanged(einddatum)', () => {
    const verlenging = buildJw301({ redenWijziging: '04', einddatum: '2024-12-31', dagtekening: '2024-06-01' });
    const events = diffTrajectory(derive([toewijzing, start]), derive([toewijzing, start, verlenging]));
    expect(types(events)).toEqual(['TrajectoryExtended', 'TrajectoryChanged']);
    expect(events[0]).toMatchObject({
      eventId: '0034-TW000001:TrajectoryExtended:1-2024-12-31',
      effectiveDate: '2024-06-01',
      facts: { vorigeEinddatum: '2024-06-30', einddatum: '2024-12-31', aantalVerlengingen: 1, redenWijziging: '04' },
    });
    expect(events[1].facts).toMatchObject({ changedFields: ['einddatum'], einddatumVoor: '2024-06-30', einddatum: '2024-12-31' });
  });

  it('correctie → TrajectoryChanged listing the changed fields', () => {
    const corr = buildJw301({
      redenWijziging: '14',
      einddatum: '2024-06-30',
      dagtekening: '2024-01-12',
      product: { categorie: '43', code: '43A04' },
    });
    const events = diffTrajectory(derive([toewijzing]), derive([toewijzing, corr]));
    expect(types(events)).toEqual(['TrajectoryChanged']);
    expect(events[0].facts.changedFields).toEqual(['productcategorie', 'productcode', 'intensiteit', 'verblijf']);
    expect(events[0].facts).toMatchObject({
      intensiteitVoor: 'licht_ambulant',
      intensiteit: 'gesloten',
      redenWijziging: '14',
      aantalWijzigingen: 1,
    });
    expect(events[0].eventId).toBe(
      '0034-TW000001:TrajectoryChanged:1-productcategorie=43;productcode=43A04;intensiteit=gesloten;verblijf=true',
    );
    expect(events[0].effectiveDate).toBe('2024-01-12');
  });

  it('a correctie that changes no tracked field still gives TrajectoryChanged (empty list)', () => {
    const corr = buildJw301({
      redenWijziging: '14',
      einddatum: '2024-06-30',
      dagtekening: '2024-01-12',
      omvang: { volume: 4, eenheid: '04', frequentie: '2' },
    });
    const events = diffTrajectory(derive([toewijzing]), derive([toewijzing, corr]));
    expect(types(events)).toEqual(['TrajectoryChanged']);
    expect(events[0].facts.changedFields).toEqual([]);
  });

  it('no events when nothing changed, and none for a redelivery', () => {
    const s = derive([toewijzing, start]);
    expect(diffTrajectory(s, s)).toEqual([]);
    expect(
      diffTrajectory(
        s,
        derive([toewijzing, start, { ...start, ontvangst: { ...start.ontvangst, ontvangenOp: '2024-02-01T00:00:00.000Z' } }]),
      ),
    ).toEqual([]);
  });

  it('eventIds are deterministic: the same step gives the same ids', () => {
    const before = derive([toewijzing]);
    const after = derive([toewijzing, start, stop]);
    expect(diffTrajectory(before, after).map((e) => e.eventId)).toEqual(
      diffTrajectory(derive([toewijzing]), derive([stop, toewijzing, start])).map((e) => e.eventId),
    );
  });

  it('out of order: stop before start before JW301', () => {
    const s1 = derive([stop]);
    expect(types(diffTrajectory(null, s1))).toEqual(['TrajectoryStarted', 'TrajectoryEnded']);
    const s2 = derive([stop, start]);
    // the start adds nothing the stop had not told (begindatum), but the message set and timeline grew: a change the
    // consumers must get, or they keep the state without the start
    const grown = diffTrajectory(s1, s2);
    expect(types(grown)).toEqual(['TrajectoryChanged']);
    expect(grown[0]).toMatchObject({
      eventId: `0034-TW000001:TrajectoryChanged:berichten-${start.berichtId}`,
      effectiveDate: '2024-01-22',
      facts: { changedFields: ['timeline', 'berichtIds'], nieuweBerichten: [start.berichtId] },
    });
    const s3 = derive([stop, start, toewijzing]);
    expect(types(diffTrajectory(s2, s3))).toEqual(['TrajectoryAssigned']);
  });

  it('every change of state gives at least one event: all growing message sets of a trajectory, in every order', () => {
    const wijziging = buildJw301({
      redenWijziging: '14',
      einddatum: '2024-06-30',
      dagtekening: '2024-01-12',
      omvang: { volume: 4, eenheid: '04', frequentie: '2' },
    });
    const verlenging = buildJw301({ redenWijziging: '04', einddatum: '2024-09-30', dagtekening: '2024-05-01' });
    const pool = [toewijzing, start, stop, wijziging, verlenging, buildJw305({ begindatum: '2024-01-20' })].map((m, i) => ({
      ...m,
      berichtId: `B${i}`,
    }));
    let steps = 0;
    const visit = (added: AcceptedMessage[], before: TrajectoryState | null) => {
      for (const next of pool.filter((m) => !added.includes(m))) {
        const messages = [...added, next];
        const after = derive(messages);
        const events = diffTrajectory(before, after);
        steps++;
        if (!sameJson(before, after) && events.length === 0) throw new Error(`no event for ${messages.map((m) => m.berichtId).join(',')}`);
        if (messages.length < 4) visit(messages, after);
      }
    };
    visit([], null);
    expect(steps).toBeGreaterThan(300);
  });

  it('an earlier start arriving late changes begindatum (Changed), not a second Started', () => {
    const late = buildJw305({ begindatum: '2024-02-01' });
    const early = buildJw305({ begindatum: '2024-01-20' });
    const events = diffTrajectory(derive([toewijzing, late]), derive([toewijzing, late, early]));
    expect(types(events)).toEqual(['TrajectoryChanged']);
    expect(events[0].facts).toMatchObject({ changedFields: ['begindatum'], begindatumVoor: '2024-02-01', begindatum: '2024-01-20' });
  });

  it('re-opening after a temporary stop gives TrajectoryStarted (hervat), a new stop a new TrajectoryEnded', () => {
    const pauze = buildJw307({ einddatum: '2024-03-31', redenBeeindiging: '20' });
    const hervat = buildJw305({ begindatum: '2024-04-15' });
    const paused = derive([toewijzing, start, pauze]);
    const resumed = derive([toewijzing, start, pauze, hervat]);
    const events = diffTrajectory(paused, resumed);
    expect(types(events)).toEqual(['TrajectoryStarted']);
    expect(events[0]).toMatchObject({
      eventId: '0034-TW000001:TrajectoryStarted:hervat-2024-03-31',
      effectiveDate: '2024-04-15',
      facts: { hervat: true },
    });
    const ended = diffTrajectory(resumed, derive([toewijzing, start, pauze, hervat, stop]));
    expect(types(ended)).toEqual(['TrajectoryEnded']);
    expect(ended[0].eventId).toBe('0034-TW000001:TrajectoryEnded:2024-05-31');
  });
});
