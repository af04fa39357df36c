/**
 * VERZOEK_ONBEANTWOORD: a JW315/JW317 without a JW319 or JW301 within 5 working days of its receipt
 * (procesbeschrijving §2.5.3, OP346), or in onderzoek without a decision within 8 weeks of its dagtekening (OP346).
 */
import { deriveVerzoek, type VerzoekInput, type VerzoekState } from '@trajectwacht/trajectory';
import { buildJw301, buildJw315, buildJw319 } from '@trajectwacht/trajectory/testing';
import { applyPatch, DEFAULT_SIGNAL_CONFIG, validateSignalConfig, validateSignalOverrides } from '../config';
import { child, ruleInput } from '../test-builders';
import { resolvedSituations } from './index';
import { verzoekOnbeantwoord as rule } from './verzoek-onbeantwoord';

// received Monday 2024-03-04 (Dutch date): the 5th working day after it is Monday 2024-03-11
const verzoek = buildJw315();
const onderzoek = buildJw319({ ontvangenOp: '2024-03-08T10:00:00.000Z' });
const laatOnderzoek = buildJw319({ ontvangenOp: '2024-03-13T10:00:00.000Z' });
const toewijzing = buildJw301({
  client: { pseudonym: 'pseudo-kind-1' },
  aanbieder: '12345678',
  toewijzingNummer: '900',
  referentieAanbieder: 'VOT-1',
  ontvangst: { ontvangenOp: '2024-04-10T10:00:00.000Z' },
} as Parameters<typeof buildJw301>[0]) as VerzoekInput;
const state = (...ms: VerzoekInput[]): VerzoekState => deriveVerzoek(ms)!;
const input = (v: VerzoekState, now: string, config = DEFAULT_SIGNAL_CONFIG) =>
  ruleInput({ ...child([]), verzoeken: [v] }, now, { config });
const keys = (v: VerzoekState, now: string, config = DEFAULT_SIGNAL_CONFIG) =>
  rule.situations(input(v, now, config)).map((c) => [c.dedupKey.split('|').slice(-1)[0], c.severity]);

describe('VERZOEK_ONBEANTWOORD', () => {
  it.each([
    ['on the last day of the term: nothing', state(verzoek), '2024-03-11', []],
    ['the day after the term: midden, to the toegang', state(verzoek), '2024-03-12', [['antwoord', 'midden']]],
    ['5 working days past the term: hoog', state(verzoek), '2024-03-19', [['antwoord', 'hoog']]],
    ['answered in time (in onderzoek): nothing', state(verzoek, onderzoek), '2024-03-12', []],
    ['answered late: resolved from the answer on', state(verzoek, laatOnderzoek), '2024-03-13', []],
    ['in onderzoek, day 56 after the dagtekening: nothing', state(verzoek, onderzoek), '2024-04-29', []],
    ['in onderzoek, past 8 weeks: the besluit term', state(verzoek, onderzoek), '2024-04-30', [['besluit', 'midden']]],
    ['in onderzoek, then toegewezen: nothing', state(verzoek, onderzoek, toewijzing), '2024-05-30', []],
  ] as const)('%s', (_naam, v, now, verwacht) => {
    expect(keys(v, now)).toEqual(verwacht);
  });

  it('the candidate: recipients, facts, key', () => {
    const [c] = rule.situations(input(state(verzoek), '2024-03-12'));
    expect(c).toMatchObject({
      ruleId: 'VERZOEK_ONBEANTWOORD',
      gemeente: '0034',
      aanbieder: '12345678',
      clientPseudonym: 'pseudo-kind-1',
      recipients: ['toegang'],
      dedupKey: 'VERZOEK_ONBEANTWOORD|0034|12345678|VOT-1|antwoord',
      effectiveAt: '2024-03-12',
      facts: { soort: 'JW315', ontvangen: '2024-03-04', termijnDatum: '2024-03-11', fase: 'antwoord', verwijzerType: '02' },
    });
  });

  it('resolves when the answer arrives; the timer points at the next date', () => {
    const open = rule.situations(input(state(verzoek), '2024-03-12')).map((c) => c.dedupKey);
    expect(resolvedSituations(input(state(verzoek, laatOnderzoek), '2024-03-13'), open)).toEqual(open);
    expect(rule.nextCheck(input(state(verzoek), '2024-03-04'))).toBe('2024-03-12');
    expect(rule.nextCheck(input(state(verzoek), '2024-03-12'))).toBe('2024-03-19');
    expect(rule.nextCheck(input(state(verzoek, toewijzing), '2024-03-12'))).toBeNull();
  });

  it('counts working days: Goede Vrijdag and Tweede Paasdag 2024 are not', () => {
    const v = state(buildJw315({ ontvangenOp: '2024-03-27T10:00:00.000Z' })); // Wednesday
    expect(rule.situations(input(v, '2024-04-05'))).toEqual([]); // 28, 2, 3, 4, 5 (29 Goede Vrijdag, 1 Paasmaandag) → term 5 April
    expect(keys(v, '2024-04-06')).toEqual([['antwoord', 'midden']]);
  });

  it('the term is configurable (and checked)', () => {
    const config = applyPatch(DEFAULT_SIGNAL_CONFIG, { verzoekOnbeantwoord: { antwoordWerkdagen: 10 } });
    expect(keys(state(verzoek), '2024-03-12', config)).toEqual([]);
    expect(validateSignalConfig(config)).toEqual([]);
    expect(validateSignalOverrides({ gemeente: { '0034': { verzoekOnbeantwoord: { antwoordWerkdagen: 0 } } } })).toEqual([
      expect.stringContaining('verzoekOnbeantwoord.antwoordWerkdagen'),
    ]);
    expect(DEFAULT_SIGNAL_CONFIG.sources['verzoekOnbeantwoord.antwoordWerkdagen']).toMatch(/§2\.5\.3/);
  });
});
