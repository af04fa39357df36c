import { herinstroomNa, herinstroomNaByTrajectory } from './herinstroom-na';
import type { TrajectoryState } from './trajectory';

/** Only the fields herinstroomNa reads; the rest as a derived state would have them does not matter here. */
function state(id: string, client: string, fields: Partial<TrajectoryState>): TrajectoryState {
  return {
    id,
    clientPseudonym: client,
    status: 'beeindigd',
    ingangsdatum: null,
    begindatum: null,
    stopdatum: null,
    ...fields,
  } as TrajectoryState;
}

describe('herinstroomNa', () => {
  const a = state('a', 'k1', { ingangsdatum: '2023-01-01', begindatum: '2023-01-10', stopdatum: '2023-06-30' });
  const b = state('b', 'k1', { ingangsdatum: '2023-03-01', begindatum: '2023-03-05', stopdatum: '2023-09-30' });
  const c = state('c', 'k1', { ingangsdatum: '2024-02-01', status: 'toegewezen' });

  it('is the latest stop of another trajectory of the child strictly before its start (ingangsdatum)', () => {
    expect(herinstroomNa(c, [a, b, c])).toBe('2023-09-30');
    expect(herinstroomNa(b, [a, b, c])).toBeNull(); // a stops after b's ingangsdatum
    expect(herinstroomNa(state('d', 'k1', { ingangsdatum: '2023-09-30' }), [a, b])).toBe('2023-06-30'); // strictly before
  });

  it('starts at the begindatum when there is no toewijzing, and is null without any start', () => {
    expect(herinstroomNa(state('e', 'k1', { begindatum: '2023-08-01', status: 'gestart' }), [a, b])).toBe('2023-06-30');
    expect(herinstroomNa(state('f', 'k1', { status: 'toegewezen' }), [a, b])).toBeNull();
  });

  it('leaves out withdrawn and running trajectories, and the trajectory itself', () => {
    const withdrawn = { ...b, status: 'ingetrokken' } as TrajectoryState;
    expect(herinstroomNa(c, [a, withdrawn, c])).toBe('2023-06-30');
    expect(herinstroomNa(c, [{ ...a, stopdatum: null, status: 'gestart' } as TrajectoryState])).toBeNull();
    const self = state('s', 'k1', { ingangsdatum: '2024-01-01', stopdatum: '2023-12-31' }); // stop before own start
    expect(herinstroomNa(self, [self])).toBeNull();
  });

  it('by trajectory, each against its own child only', () => {
    const other = state('x', 'k2', { ingangsdatum: '2024-03-01', status: 'toegewezen' });
    expect(herinstroomNaByTrajectory([a, b, c, other])).toEqual(
      new Map([
        ['a', null],
        ['b', null],
        ['c', '2023-09-30'],
        ['x', null],
      ]),
    );
  });
});
