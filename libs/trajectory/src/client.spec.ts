import { ageOn, isActive, summariseClient } from './client';
import { DEFAULT_INTENSITY_MAPPING } from './intensity';
import { buildJw301, buildJw305, buildJw307 } from './test-fixtures';
import { deriveTrajectory, type AcceptedMessage, type TrajectoryState } from './trajectory';

function derive(messages: AcceptedMessage[]): TrajectoryState {
  const s = deriveTrajectory(messages, DEFAULT_INTENSITY_MAPPING);
  if (!s) throw new Error('no state');
  return s;
}

describe('ageOn', () => {
  it.each([
    ['2006-05-17', '2024-05-16', 17],
    ['2006-05-17', '2024-05-17', 18],
    ['2006-05-17', '2024-05-18', 18],
    ['2006-12-31', '2024-12-30', 17],
    ['2006-12-31', '2024-12-31', 18],
    ['2007-01-01', '2024-12-31', 17],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['2008-02-29', '2027-02-28', 18],
    ['2008-02-29', '2027-03-01', 19],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
    ['2008-03-01', '2028-02-29', 19],
    ['2024-01-15', '2024-01-15', 0],
  ])('born %s, on %s → %i', (born, on, age) => {
    expect(ageOn(born, on)).toBe(age);
  });
});

describe('summariseClient', () => {
  const ambulant = derive([
    buildJw301({ toewijzingNummer: 'A', ingangsdatum: '2024-01-01', client: { geboortedatum: '2008-02-29' } }),
    buildJw305({ toewijzingNummer: 'A', begindatum: '2024-01-05' }),
  ]);
  const gesloten = derive([
    buildJw301({
      toewijzingNummer: 'G',
      ingangsdatum: '2024-03-01',
      einddatum: '2024-12-31',
      product: { categorie: '43', code: '43A04' },
      client: { geboortedatum: '2008-02-29' },
    }),
  ]);
  const crisisEnded = derive([
    buildJw301({
      toewijzingNummer: 'C',
      ingangsdatum: '2023-06-01',
      product: { categorie: '46', code: '46A02' },
      client: { geboortedatum: '2008-02-29' },
    }),
    buildJw307({ toewijzingNummer: 'C', begindatum: '2023-06-01', einddatum: '2023-06-20', product: { categorie: '46', code: '46A02' } }),
  ]);
  const future = derive([
    buildJw301({
      toewijzingNummer: 'F',
      ingangsdatum: '2024-09-01',
      product: { categorie: '46', code: '46A02' },
      client: { geboortedatum: '2008-02-29' },
    }),
  ]);

  it('active trajectories, highest intensity and crisis on a given day', () => {
    const s = summariseClient([future, gesloten, crisisEnded, ambulant], '2024-04-01');
    expect(s.clientPseudonym).toBe('pseudo-client-1');
    expect(s.geboortedatum).toBe('2008-02-29');
    expect(s.leeftijd).toBe(16);
    expect(s.active.map((t) => t.toewijzingNummer)).toEqual(['A', 'G']);
    expect(s.highestActiveIntensity).toBe('gesloten');
    expect(s.crisisActive).toBe(false);
    expect(s.history.map((t) => t.toewijzingNummer)).toEqual(['C', 'A', 'G', 'F']);
  });

  it('a toegewezen trajectory becomes active on its ingangsdatum and inactive after its einddatum', () => {
    expect(isActive(future, '2024-08-31')).toBe(false);
    expect(isActive(future, '2024-09-01')).toBe(true);
    expect(isActive(gesloten, '2024-12-31')).toBe(true);
    expect(isActive(gesloten, '2025-01-01')).toBe(false);
    expect(summariseClient([future], '2024-09-01')).toMatchObject({ crisisActive: true, highestActiveIntensity: 'residentieel' });
  });

  it('gestart stays active after the einddatum (missing stop); beeindigd and ingetrokken are never active', () => {
    const started = derive([buildJw301({ einddatum: '2024-02-01' }), buildJw305()]);
    expect(isActive(started, '2025-01-01')).toBe(true);
    expect(isActive(crisisEnded, '2023-06-10')).toBe(false);
    const ingetrokken = derive([buildJw301(), buildJw301({ redenWijziging: '13', einddatum: '2024-01-15', dagtekening: '2024-01-16' })]);
    expect(isActive(ingetrokken, '2024-01-15')).toBe(false);
  });

  it('no active trajectory → null intensity', () => {
    expect(summariseClient([crisisEnded], '2024-04-01')).toMatchObject({ active: [], highestActiveIntensity: null, crisisActive: false });
  });

  it('does not depend on the input order', () => {
    expect(summariseClient([ambulant, gesloten, future, crisisEnded], '2024-04-01')).toEqual(
      summariseClient([crisisEnded, future, gesloten, ambulant], '2024-04-01'),
    );
  });

  it('rejects an empty list and mixed clients', () => {
    expect(() => summariseClient([], '2024-01-01')).toThrow(/no trajectories/);
    const other = derive([buildJw301({ toewijzingNummer: 'O', client: { pseudonym: 'other' } })]);
    expect(() => summariseClient([ambulant, other], '2024-01-01')).toThrow(/more than one client/);
  });
});
