import { stateContentHash } from './hash';
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { buildJw301, buildJw305 } from './test-fixtures';
import { deriveTrajectory, type TrajectoryState } from './trajectory';

const a = deriveTrajectory(
  [buildJw301({ toewijzingNummer: 'A' }), buildJw305({ toewijzingNummer: 'A' })],
  DEFAULT_INTENSITY_MAPPING,
) as TrajectoryState;
const b = deriveTrajectory([buildJw301({ toewijzingNummer: 'B' })], DEFAULT_INTENSITY_MAPPING) as TrajectoryState;
const c = deriveTrajectory(
  [buildJw301({ toewijzingNummer: 'C', product: { categorie: '43' } })],
  DEFAULT_INTENSITY_MAPPING,
) as TrajectoryState;

describe('stateContentHash', () => {
  it('is a sha256 hex digest', () => {
    expect(stateContentHash([a])).toMatch(/^[0-9a-f]{64}$/);
  });
  it('does not depend on the order of the array', () => {
    const h = stateContentHash([a, b, c]);
    for (const order of [
      [a, c, b],
      [b, a, c],
      [b, c, a],
      [c, a, b],
      [c, b, a],
    ])
      expect(stateContentHash(order)).toBe(h);
  });
  it('does not depend on key order inside a state', () => {
    const reversed = Object.fromEntries(Object.entries(a).reverse()) as unknown as TrajectoryState;
    expect(stateContentHash([reversed])).toBe(stateContentHash([a]));
  });
  it('changes when a state changes, or a state is added', () => {
    expect(stateContentHash([{ ...a, status: 'beeindigd' }])).not.toBe(stateContentHash([a]));
    expect(stateContentHash([a, b])).not.toBe(stateContentHash([a]));
    expect(stateContentHash([])).not.toBe(stateContentHash([a]));
  });
});
