/** The rules with a generieke toewijzing (no Product, productcategorie null, no intensity level). */
import { deriveTrajectory, DEFAULT_INTENSITY_MAPPING, type TrajectoryState } from '@trajectwacht/trajectory';
import { buildJw301, buildJw305 } from '@trajectwacht/trajectory/testing';
import { child, ruleInput, trajectory } from './test-builders';
import { evaluateAll } from './rules';

const generiek = (nr: string, extra: { start?: string } = {}): TrajectoryState =>
  deriveTrajectory(
    [
      buildJw301({
        toewijzingNummer: nr,
        product: undefined,
        budget: 500_000,
        ingangsdatum: '2024-01-15',
        client: { pseudonym: 'pseudo-kind-1' },
      }),
      ...(extra.start
        ? [buildJw305({ toewijzingNummer: nr, product: undefined, begindatum: extra.start, client: { pseudonym: 'pseudo-kind-1' } })]
        : []),
    ],
    DEFAULT_INTENSITY_MAPPING,
  )!;

describe('rules with a generieke toewijzing', () => {
  it('wachttijd uses the general norm (no perCategorie)', () => {
    const keys = (now: string) => evaluateAll(ruleInput(child([generiek('1')]), now)).map((c) => c.dedupKey);
    expect(keys('2024-02-11')).toEqual([]);
    expect(keys('2024-02-12')).toEqual(['WACHTTIJD_GEEN_START|0034-1|ingang-2024-01-15']);
  });

  it('is no escalation (null intensity) after lighter care, and counts for stapeling', () => {
    const licht = trajectory({ nr: '2', ingang: '2023-06-01', start: '2023-06-01', code: '45A01' });
    const zwaar = trajectory({ nr: '3', ingang: '2023-06-01', start: '2023-06-01', code: '45A02' });
    const ids = evaluateAll(ruleInput(child([licht, zwaar, generiek('1', { start: '2024-01-20' })]), '2024-02-01')).map((c) => c.ruleId);
    expect(ids).not.toContain('ESCALATIE');
    expect(ids).toContain('STAPELING');
  });
});
