/**
 * BERICHT_AFWIJKING: the platform checks that are no retourcode in iJw 3.2 (start before the ingangsdatum, start/stop
 * after the einddatum, product mismatch; docs/messages.md) become a signal to the toegang, from the trajectory state.
 */
import { deriveTrajectory, DEFAULT_INTENSITY_MAPPING, type AcceptedMessage, type TrajectoryState } from '@trajectwacht/trajectory';
import { buildJw301, buildJw305, buildJw307 } from '@trajectwacht/trajectory/testing';
import { applyPatch, DEFAULT_SIGNAL_CONFIG, validateSignalConfig, validateSignalOverrides } from '../config';
import { child, ruleInput } from '../test-builders';
import { berichtAfwijking as rule } from './bericht-afwijking';
import { resolvedSituations } from './index';

const C = { client: { pseudonym: 'pseudo-kind-1' } };
const derive = (ms: AcceptedMessage[]): TrajectoryState => deriveTrajectory(ms, DEFAULT_INTENSITY_MAPPING)!;
const v1 = buildJw301({
  ...C,
  toewijzingNummer: '7',
  ingangsdatum: '2024-02-01',
  einddatum: '2024-06-30',
  toewijzingsdatum: '2024-01-20',
  toewijzingstijd: '10:00:00',
});
const ontvangen = (d: string) => ({ ontvangst: { ontvangenOp: `${d}T10:00:00.000Z` } });
const start = (begindatum: string, extra: Partial<Parameters<typeof buildJw305>[0]> = {}) =>
  buildJw305({
    ...C,
    toewijzingNummer: '7',
    berichtId: `S${begindatum}/1`,
    identificatie: `S${begindatum}`,
    begindatum,
    ...ontvangen('2024-01-29'),
    ...extra,
  });

const T = '0034-7';
function found(ms: AcceptedMessage[], now: string, config = DEFAULT_SIGNAL_CONFIG) {
  return rule.evaluate(ruleInput(child([derive(ms)]), now, { config })).map((c) => `${c.dedupKey}:${c.severity}`);
}

// [case, messages, now, expected]
const TABLE: [string, AcceptedMessage[], string, string[]][] = [
  ['start in time', [v1, start('2024-02-05')], '2024-03-01', []],
  ['start before the ingangsdatum, during the wait', [v1, start('2024-01-25')], '2024-01-31', []],
  [
    'start before the ingangsdatum, after 3 days',
    [v1, start('2024-01-25')],
    '2024-02-01',
    [`BERICHT_AFWIJKING|${T}|S2024-01-25/1|begindatumVoorIngangsdatum:midden`],
  ],
  [
    'start after the einddatum',
    [v1, start('2024-07-02')],
    '2024-02-01',
    [`BERICHT_AFWIJKING|${T}|S2024-07-02/1|begindatumNaEinddatum:hoog`],
  ],
  [
    'stop after the einddatum',
    [
      v1,
      start('2024-02-05'),
      buildJw307({
        ...C,
        toewijzingNummer: '7',
        berichtId: 'E/1',
        identificatie: 'E',
        begindatum: '2024-02-05',
        einddatum: '2024-07-10',
        ...ontvangen('2024-07-11'),
      }),
    ],
    '2024-07-14',
    [`BERICHT_AFWIJKING|${T}|E/1|einddatumNaEinddatum:midden`],
  ],
  [
    'another product',
    [v1, start('2024-02-05', { product: { categorie: '43', code: '43A02' } })],
    '2024-02-05',
    [`BERICHT_AFWIJKING|${T}|S2024-02-05/1|productAnders:hoog`],
  ],
  [
    'another toewijzing version',
    [v1, start('2024-02-05', { toewijzingIngangsdatum: '2024-01-01' })],
    '2024-02-05',
    [`BERICHT_AFWIJKING|${T}|S2024-02-05/1|toewijzingIngangsdatumAnders:laag`],
  ],
  [
    'a start recorded before iJw 3.2 (checked at ingest then)',
    [v1, buildJw305({ ...C, toewijzingNummer: '7', begindatum: '2024-01-25' })],
    '2024-03-01',
    [],
  ],
];

describe('BERICHT_AFWIJKING', () => {
  it.each(TABLE)('%s', (_name, ms, now, expected) => {
    expect(found(ms, now)).toEqual(expected);
  });

  it('goes to the toegang with the facts of the deviation; nextCheck is the end of the wait', () => {
    const [c] = rule.evaluate(ruleInput(child([derive([v1, start('2024-01-25')])]), '2024-02-01'));
    expect(c).toMatchObject({
      recipients: ['toegang'],
      gemeente: '0034',
      aanbieder: '12345678',
      effectiveAt: '2024-02-01',
      trajectoryIds: [T],
    });
    expect(c.facts).toMatchObject({
      soort: 'begindatumVoorIngangsdatum',
      bericht: '2024-01-25',
      toewijzing: '2024-02-01',
      afwijkingDagen: 7,
      ontvangen: '2024-01-29',
    });
    expect(c.title).toMatch(/vóór de ingangsdatum/);
    expect(rule.nextCheck(ruleInput(child([derive([v1, start('2024-01-25')])]), '2024-01-29'))).toBe('2024-02-01');
  });

  it('resolves when a correcting JW301 moves the ingangsdatum, or the start is deleted', () => {
    const ms = [v1, start('2024-01-25')];
    const key = `BERICHT_AFWIJKING|${T}|S2024-01-25/1|begindatumVoorIngangsdatum`;
    const correctie = buildJw301({
      ...C,
      toewijzingNummer: '7',
      ingangsdatum: '2024-01-22',
      einddatum: '2024-06-30',
      redenWijziging: '14',
      toewijzingsdatum: '2024-02-03',
      toewijzingstijd: '09:00:00',
    });
    expect(resolvedSituations(ruleInput(child([derive([...ms, correctie])]), '2024-02-04'), [key])).toEqual([key]);
    const weg = start('2024-01-25', { berichtId: 'W/1', identificatie: 'W', statusAanlevering: '3', ...ontvangen('2024-02-03') });
    expect(resolvedSituations(ruleInput(child([derive([...ms, weg])]), '2024-02-04'), [key])).toEqual([key]);
  });

  it('thresholds: toleratieDagen, graceDagen 0 and a soort switched off', () => {
    const ms = [v1, start('2024-01-29')]; // 3 days early
    expect(found(ms, '2024-01-29', applyPatch(DEFAULT_SIGNAL_CONFIG, { berichtAfwijking: { graceDagen: 0 } }))).toHaveLength(1);
    expect(found(ms, '2024-03-01', applyPatch(DEFAULT_SIGNAL_CONFIG, { berichtAfwijking: { toleratieDagen: 3 } }))).toEqual([]);
    expect(
      found(ms, '2024-03-01', applyPatch(DEFAULT_SIGNAL_CONFIG, { berichtAfwijking: { ernst: { begindatumVoorIngangsdatum: null } } })),
    ).toEqual([]);
  });

  it('its config validates', () => {
    expect(validateSignalConfig(DEFAULT_SIGNAL_CONFIG)).toEqual([]);
    expect(
      validateSignalOverrides({ regio: { berichtAfwijking: { graceDagen: -1, ernst: { productAnders: 'zwaar', onbekend: 'hoog' } } } }),
    ).toEqual([
      'regio.berichtAfwijking.graceDagen: must be a whole number ≥ 0, got -1',
      'regio.berichtAfwijking.ernst.productAnders: must be one of info, laag, midden, hoog, kritiek, got "zwaar"',
      expect.stringMatching(/^regio\.berichtAfwijking\.ernst\.onbekend: unknown afwijking "onbekend"/),
    ]);
  });
});
