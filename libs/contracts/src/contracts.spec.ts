import {
  DEFAULT_INTENSITY_MAPPING,
  deriveTrajectory,
  diffTrajectory,
  type AcceptedMessage,
  type TrajectoryState,
} from '@trajectwacht/trajectory';
import { buildJw301, buildJw305, buildJw307 } from '@trajectwacht/trajectory/testing';
import {
  ContractError,
  assertNever,
  deadLetterHeaders,
  decodeAlertEvent,
  decodeBerichtRecord,
  decodeDeadLetter,
  decodeGeaccepteerd,
  decodeRetour,
  decodeTrajectoryEvent,
  encodeAlertEvent,
  encodeBerichtRecord,
  encodeGeaccepteerd,
  encodeRetour,
  encodeTrajectoryEvent,
  livePathwayEvent,
  trajectoryEventHead,
  TRAJECTORY_EVENT_END,
  type AlertEvent,
  type AlertView,
  type RetourRecord,
  type TrajectoryEventRecord,
} from './index';

/** A deep copy with one change at a path (`undefined` removes the field). */
function changed<T>(value: T, path: (string | number)[], to: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (to === undefined) delete at[last];
  else at[last] = to;
  return copy;
}

/** The ContractError the decoder throws for this input (fails when it throws none or another error). */
function errorOf(decode: (text: string) => unknown, value: unknown): ContractError {
  try {
    decode(typeof value === 'string' ? value : JSON.stringify(value));
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return error as ContractError;
  }
  throw new Error('no error thrown');
}

describe('decode: the errors name topic, field and expectation', () => {
  it('refuses text that is no JSON, and a missing value', () => {
    expect(errorOf(decodeGeaccepteerd, '{"berichtcode":').message).toMatch(/^ijw\.geaccepteerd\.v1: the record must be JSON text/);
    expect(() => decodeGeaccepteerd(null)).toThrow('ijw.geaccepteerd.v1: the record must be a JSON document (got null)');
    expect(errorOf(decodeGeaccepteerd, 'null').message).toBe('ijw.geaccepteerd.v1: the record must be an object (got null)');
    expect(errorOf(decodeGeaccepteerd, '[1]').message).toBe('ijw.geaccepteerd.v1: the record must be an object (got an array)');
  });

  it('reads bytes as UTF-8', () => {
    const m = buildJw305({ client: { pseudonym: 'pséudo' } });
    expect(decodeGeaccepteerd(Buffer.from(JSON.stringify(m), 'utf8')).client.pseudonym).toBe('pséudo');
  });

  it('assertNever throws for a value the types said could not exist', () => {
    const type = 'Nieuw' as never;
    expect(() => assertNever(type, 'event type')).toThrow('unexpected event type: "Nieuw"');
  });
});

describe('ijw.geaccepteerd.v1', () => {
  const toewijzing = buildJw301({ einddatum: '2024-12-31', omvang: { volume: 4, eenheid: '04', frequentie: '2' }, budget: 120000 });
  const start = buildJw305({ statusAanlevering: '3', toewijzingIngangsdatum: '2024-01-15' });
  const stop = buildJw307({ client: { datumGebruik: '1' } });

  it('reads what ingest writes, for each berichtcode, unchanged (unknown fields too)', () => {
    for (const m of [toewijzing, start, stop, { ...start, later: 'veld' }] as AcceptedMessage[]) {
      const text = encodeGeaccepteerd(m);
      expect(decodeGeaccepteerd(text)).toEqual(m);
      expect(JSON.stringify(decodeGeaccepteerd(text))).toBe(text);
    }
  });

  it.each([
    [
      'an unknown berichtcode',
      start,
      ['berichtcode'],
      'JW302',
      'field berichtcode must be one of "JW301", "JW305", "JW307", "JW315", "JW317", "JW319" (got "JW302")',
    ],
    [
      'no berichtcode',
      start,
      ['berichtcode'],
      undefined,
      'field berichtcode must be one of "JW301", "JW305", "JW307", "JW315", "JW317", "JW319" (got nothing)',
    ],
    [
      'a JW305 relabelled as a JW315 (no identificatie, no ReferentieAanbieder)',
      { ...start, identificatie: undefined },
      ['berichtcode'],
      'JW315',
      'field identificatie must be a non-empty string (got nothing)',
    ],
    ['an empty berichtId', start, ['berichtId'], '', 'field berichtId must be a non-empty string (got "")'],
    ['no pseudonym', start, ['client', 'pseudonym'], undefined, 'field client.pseudonym must be a non-empty string (got nothing)'],
    ['a client that is no object', start, ['client'], 'bsn', 'field client must be an object (got "bsn")'],
    ['a date in another form', start, ['begindatum'], '15-01-2024', 'field begindatum must be a date YYYY-MM-DD (got "15-01-2024")'],
    ['an unknown datumGebruik', stop, ['client', 'datumGebruik'], '4', 'field client.datumGebruik must be one of "1", "2", "3" (got "4")'],
    ['an unknown statusAanlevering', start, ['statusAanlevering'], '2', 'field statusAanlevering must be one of "1", "3" (got "2")'],
    ['a JW307 without einddatum', stop, ['einddatum'], undefined, 'field einddatum must be a date YYYY-MM-DD (got nothing)'],
    ['a JW301 without ingangsdatum', toewijzing, ['ingangsdatum'], null, 'field ingangsdatum must be a date YYYY-MM-DD (got null)'],
    ['a budget that is no whole number', toewijzing, ['budget'], 12.5, 'field budget must be an integer (got number 12.5)'],
    ['an omvang without volume', toewijzing, ['omvang', 'volume'], '4', 'field omvang.volume must be a number (got "4")'],
    ['a product without categorie', start, ['product', 'categorie'], 45, 'field product.categorie must be a string (got number 45)'],
    ['no ontvangst', start, ['ontvangst'], undefined, 'field ontvangst must be an object (got nothing)'],
    [
      'a receipt time without zone',
      start,
      ['ontvangst', 'ontvangenOp'],
      '2024-01-15 09:00',
      'field ontvangst.ontvangenOp must be an ISO timestamp with zone (got "2024-01-15 09:00")',
    ],
  ])('refuses %s', (_, message, path, to, expected) => {
    expect(errorOf(decodeGeaccepteerd, changed(message, path, to)).message).toBe(`ijw.geaccepteerd.v1: ${expected}`);
  });

  it('says which field in the error object', () => {
    const error = errorOf(decodeGeaccepteerd, changed(start, ['client', 'geboortedatum'], 20100517));
    expect({ topic: error.topic, field: error.field, got: error.got }).toEqual({
      topic: 'ijw.geaccepteerd.v1',
      field: 'client.geboortedatum',
      got: 20100517,
    });
  });
});

describe('ijw.retour.v1', () => {
  const retour: RetourRecord = {
    type: 'retour',
    afzender: 'aanbieder:12345678',
    berichtcode: 'JW305',
    identificatie: 'ID0001',
    referentie: 'ID0001',
    status: 'afgewezen',
    retourSoort: 'JW306',
    retourIdentificatie: 'R0001',
    retourXml: '<Bericht/>',
    toelichtingen: [
      {
        retourcode: '8001',
        omschrijving: 'Begindatum ligt na einddatum',
        regel: 'TR001',
        pad: 'Client/StartProducten/StartProduct[1]/Begindatum',
        toelichting: 'x',
      },
    ],
    ontvangenOp: '2024-01-15T09:00:00.000Z',
    bron: 'kafka',
  };
  const fout: RetourRecord = {
    ...retour,
    type: 'foutmelding',
    berichtcode: null,
    identificatie: null,
    retourSoort: null,
    retourIdentificatie: null,
    retourXml: null,
    toelichtingen: [],
    foutmelding: { code: 'ONLEESBAAR', toelichting: 'Onleesbaar.', message: 'Unreadable.' },
  };

  it('reads both kinds as written', () => {
    expect(decodeRetour(encodeRetour(retour))).toEqual(retour);
    expect(decodeRetour(encodeRetour(fout))).toEqual(fout);
  });

  it.each([
    ['an unknown type', retour, ['type'], 'anders', 'field type must be one of "retour", "foutmelding" (got "anders")'],
    ['a foutmelding without its foutmelding', fout, ['foutmelding'], undefined, 'field foutmelding must be an object (got nothing)'],
    [
      'an unknown foutmelding code',
      fout,
      ['foutmelding', 'code'],
      'X',
      'field foutmelding.code must be one of "LEEG", "TE_GROOT", "ONLEESBAAR", "STRUCTUUR", "NIET_BEVOEGD" (got "X")',
    ],
    ['a status wachtend', retour, ['status'], 'wachtend', 'field status must be one of "geaccepteerd", "afgewezen" (got "wachtend")'],
    [
      'a toelichting without retourcode',
      retour,
      ['toelichtingen', 0, 'retourcode'],
      undefined,
      'field toelichtingen[0].retourcode must be a non-empty string (got nothing)',
    ],
    ['toelichtingen that are no list', retour, ['toelichtingen'], {}, 'field toelichtingen must be an array (got an object)'],
    ['a berichtcode absent instead of null', retour, ['berichtcode'], undefined, 'field berichtcode must be a string (got nothing)'],
  ])('refuses %s', (_, record, path, to, expected) => {
    expect(errorOf(decodeRetour, changed(record, path, to)).message).toBe(`ijw.retour.v1: ${expected}`);
  });
});

describe('trajectory.events.v1', () => {
  const messages = [buildJw301(), buildJw305({ begindatum: '2024-02-01' })];
  const before = deriveTrajectory(messages.slice(0, 1), DEFAULT_INTENSITY_MAPPING);
  const state = deriveTrajectory(messages, DEFAULT_INTENSITY_MAPPING)!;
  const [event] = diffTrajectory(before, state);
  const times = { occurredAt: '2024-02-01T10:00:00.000Z', eventTime: '2024-02-01T09:00:00.000Z' };
  const record = decodeTrajectoryEvent(encodeTrajectoryEvent(event!, times, state));

  it('the encoder splices the serialised state into the typed head; the record reads back as event, times and state', () => {
    const spliced = trajectoryEventHead(event!, times) + JSON.stringify(state) + TRAJECTORY_EVENT_END;
    expect(spliced).toBe(encodeTrajectoryEvent(event!, times, { json: JSON.stringify(state) }));
    expect(spliced).toBe(encodeTrajectoryEvent(event!, times, state));
    expect(decodeTrajectoryEvent(spliced)).toEqual({ ...event, ...times, trajectory: state });
    // the same bytes as the projection wrote before (the event spread with its times, then the state)
    expect(spliced).toBe(`${JSON.stringify({ ...event, ...times }).slice(0, -1)},"trajectory":${JSON.stringify(state)}}`);
    expect(record.type).toBe('TrajectoryStarted');
  });

  it('round-trips every event of a stop, a deletion and a wijziging', () => {
    const all = [
      buildJw301(),
      buildJw305({ begindatum: '2024-02-01' }),
      buildJw307({ begindatum: '2024-02-01', einddatum: '2024-06-30' }),
      buildJw301({ berichtId: 'W1', einddatum: '2024-12-31', redenWijziging: '01' }),
      buildJw307({ berichtId: 'D1', begindatum: '2024-02-01', einddatum: '2024-06-30', statusAanlevering: '3' }),
    ];
    let previous: TrajectoryState | null = null;
    const types = new Set<string>();
    for (let n = 1; n <= all.length; n++) {
      const next = deriveTrajectory(all.slice(0, n), DEFAULT_INTENSITY_MAPPING)!;
      for (const e of diffTrajectory(previous, next)) {
        types.add(e.type);
        expect(decodeTrajectoryEvent(encodeTrajectoryEvent(e, times, { json: JSON.stringify(next) }))).toEqual({
          ...e,
          ...times,
          trajectory: next,
        });
      }
      previous = next;
    }
    expect(types.size).toBeGreaterThanOrEqual(3);
  });

  it('reads a record from before eventTime existed', () => {
    const old = changed(record, ['eventTime'], undefined) as TrajectoryEventRecord;
    expect(decodeTrajectoryEvent(JSON.stringify(old)).eventTime).toBeUndefined();
  });

  it.each([
    [
      'an unknown type',
      ['type'],
      'TrajectoryMoved',
      'field type must be one of "TrajectoryAssigned", "TrajectoryStarted", "TrajectoryEnded", "TrajectoryStartDeleted", ' +
        '"TrajectoryStopDeleted", "TrajectoryChanged", "TrajectoryExtended", "TrajectoryWithdrawn" (got "TrajectoryMoved")',
    ],
    ['no eventId', ['eventId'], undefined, 'field eventId must be a non-empty string (got nothing)'],
    ['no state', ['trajectory'], undefined, 'field trajectory must be an object (got nothing)'],
    [
      'a fact that is an object',
      ['facts', 'begindatum'],
      { a: 1 },
      'field facts.begindatum must be a string, number, boolean, null or list of strings (got an object)',
    ],
    ['a fact list with a number', ['facts', 'changedFields'], ['a', 2], 'field facts.changedFields[1] must be a string (got number 2)'],
    [
      'an occurredAt that is no timestamp',
      ['occurredAt'],
      'gisteren',
      'field occurredAt must be an ISO timestamp with zone (got "gisteren")',
    ],
    [
      'an unknown status in the state',
      ['trajectory', 'status'],
      'gepauzeerd',
      'field trajectory.status must be one of "toegewezen", "gestart", "beeindigd", "ingetrokken" (got "gepauzeerd")',
    ],
    ['an unknown intensity in the state', ['trajectory', 'intensiteit'], 'enorm', 'field trajectory.intensiteit must be one of'],
    ['a boolean as text in the state', ['trajectory', 'crisis'], 'false', 'field trajectory.crisis must be true or false (got "false")'],
    [
      'a count that is no whole number',
      ['trajectory', 'aantalWijzigingen'],
      1.5,
      'field trajectory.aantalWijzigingen must be an integer (got number 1.5)',
    ],
    [
      'a timeline entry with a bad date',
      ['trajectory', 'timeline', 1, 'datum'],
      '2024-2-1',
      'field trajectory.timeline[1].datum must be a date YYYY-MM-DD (got "2024-2-1")',
    ],
    [
      'a timeline entry of an unknown soort',
      ['trajectory', 'timeline', 0, 'soort'],
      'iets',
      'field trajectory.timeline[0].soort must be one of',
    ],
    [
      'berichtIds with an empty one',
      ['trajectory', 'berichtIds', 0],
      '',
      'field trajectory.berichtIds[0] must be a non-empty string (got "")',
    ],
    [
      'an afwijking of an unknown soort',
      ['trajectory', 'afwijkingen'],
      [{ soort: 'x', berichtId: 'b', berichtcode: 'JW305', bericht: '', toewijzing: '', ontvangen: '2024-01-01' }],
      'field trajectory.afwijkingen[0].soort must be one of',
    ],
  ])('refuses %s', (_, path, to, expected) => {
    expect(errorOf(decodeTrajectoryEvent, changed(record, path, to)).message.startsWith(`trajectory.events.v1: ${expected}`)).toBe(true);
  });

  it('the live stream reduces a record to aggregates without pseudonym or state', () => {
    const live = livePathwayEvent(record);
    expect(live).toEqual({
      type: 'TrajectoryStarted',
      gemeente: '0034',
      aanbieder: '12345678',
      intensiteit: state.intensiteit,
      crisis: state.crisis,
      verblijf: state.verblijf,
      effectiveDate: '2024-02-01',
      at: times.occurredAt,
    });
    expect(JSON.stringify(live)).not.toContain(state.clientPseudonym);
  });
});

describe('alerts.v1', () => {
  const alert: AlertView = {
    id: 'A0123',
    ruleId: 'WACHTTIJD_GEEN_START',
    severity: 'midden',
    status: 'open',
    gemeente: '0034',
    aanbieder: '12345678',
    clientPseudonym: 'p1',
    trajectoryIds: ['0034-1'],
    recipients: ['toegang', 'aanbieder'],
    title: 'Geen start',
    facts: { wachttijdDagen: 40, crisis: false, code: null },
    effectiveAt: '2024-02-15',
    detectedAt: '2024-02-15T09:00:00.000Z',
    escalationLevel: 0,
    acknowledgedBy: null,
    closedBy: null,
    closeReason: null,
    history: [
      {
        action: 'escalate',
        by: 'system',
        at: '2024-02-16T09:00:00.000Z',
        reason: 'niet op tijd bevestigd',
        from: 'open',
        to: 'open',
        severity: 'hoog',
      },
    ],
  };
  const event: AlertEvent = { type: 'AlertRaised', at: '2024-02-15T09:00:00.000Z', alert };

  it('reads every event type as written', () => {
    for (const type of ['AlertRaised', 'AlertUpdated', 'AlertAcknowledged', 'AlertResolved', 'AlertDismissed', 'AlertEscalated'] as const) {
      expect(decodeAlertEvent(encodeAlertEvent({ ...event, type }))).toEqual({ ...event, type });
    }
  });

  it.each([
    [
      'an unknown type',
      ['type'],
      'AlertLost',
      'field type must be one of "AlertRaised", "AlertUpdated", "AlertAcknowledged", "AlertResolved", "AlertDismissed", ' +
        '"AlertEscalated" (got "AlertLost")',
    ],
    ['no alert', ['alert'], undefined, 'field alert must be an object (got nothing)'],
    ['an unknown rule', ['alert', 'ruleId'], 'NIEUW', 'field alert.ruleId must be one of'],
    [
      'an unknown severity',
      ['alert', 'severity'],
      'enorm',
      'field alert.severity must be one of "info", "laag", "midden", "hoog", "kritiek" (got "enorm")',
    ],
    [
      'an unknown recipient',
      ['alert', 'recipients', 1],
      'pers',
      'field alert.recipients[1] must be one of "toegang", "aanbieder", "regio" (got "pers")',
    ],
    ['an aanbieder absent instead of null', ['alert', 'aanbieder'], undefined, 'field alert.aanbieder must be a string (got nothing)'],
    [
      'a fact that is a list',
      ['alert', 'facts', 'code'],
      ['x'],
      'field alert.facts.code must be a string, number, boolean or null (got an array)',
    ],
    [
      'a history entry with an unknown action',
      ['alert', 'history', 0, 'action'],
      'vergeten',
      'field alert.history[0].action must be one of',
    ],
    ['an effectiveAt with time', ['alert', 'effectiveAt'], '2024-02-15T00:00:00Z', 'field alert.effectiveAt must be a date YYYY-MM-DD'],
    ['no time of the change', ['at'], undefined, 'field at must be an ISO timestamp with zone (got nothing)'],
  ])('refuses %s', (_, path, to, expected) => {
    expect(errorOf(decodeAlertEvent, changed(event, path, to)).message.startsWith(`alerts.v1: ${expected}`)).toBe(true);
  });
});

describe('ijw.berichten.v1', () => {
  it('encodes the record with its token, channel and business time, and reads it back as ingest takes it', () => {
    const record = encodeBerichtRecord({
      key: 'aanbieder:1',
      bericht: '<Bericht/>',
      token: 'T',
      bron: 'cli',
      sentAt: new Date('2024-01-15T09:00:00Z'),
    });
    expect(record).toEqual({
      key: 'aanbieder:1',
      value: '<Bericht/>',
      headers: { authorization: 'Bearer T', bron: 'cli' },
      timestamp: String(Date.parse('2024-01-15T09:00:00Z')),
    });
    const bytes = Buffer.from('<Bericht/>');
    expect(decodeBerichtRecord({ value: bytes, headers: { authorization: Buffer.from('Bearer T'), bron: 'cli' } })).toEqual({
      raw: bytes,
      authorization: 'Bearer T',
      kanaal: 'cli',
    });
  });

  it('names the channel http and cli as given and everything else kafka; a record without token or value still reaches ingest', () => {
    expect(decodeBerichtRecord({ value: null, headers: { bron: ['http', 'cli'] } })).toEqual({ raw: null, kanaal: 'http' });
    expect(decodeBerichtRecord({ value: null, headers: { bron: 'simulator' } }).kanaal).toBe('kafka');
    expect(decodeBerichtRecord({ value: null, headers: {} })).toEqual({ raw: null, kanaal: 'kafka' });
  });
});

describe('deadletter.v1', () => {
  const info = {
    sourceTopic: 'trajectory.events.v1',
    sourcePartition: 3,
    sourceOffset: '42',
    consumerGroup: 'g',
    error: 'x'.repeat(1200),
    attempts: 3,
  };

  it('keeps the original headers and reads its own back (the error cut at 1000 characters)', () => {
    const headers = deadLetterHeaders({ authorization: Buffer.from('Bearer T'), 'dlq-error': 'old' }, info);
    expect(headers.authorization).toEqual(Buffer.from('Bearer T'));
    expect(decodeDeadLetter(headers)).toEqual({ ...info, error: 'x'.repeat(1000) });
  });

  it.each([
    ['dlq-source-topic', undefined, 'deadletter.v1: field headers.dlq-source-topic must be present (got nothing)'],
    ['dlq-source-partition', 'drie', 'deadletter.v1: field headers.dlq-source-partition must be a whole number (got "drie")'],
    ['dlq-source-offset', '-1', 'deadletter.v1: field headers.dlq-source-offset must be a whole number (got "-1")'],
    ['dlq-attempts', undefined, 'deadletter.v1: field headers.dlq-attempts must be present (got nothing)'],
  ])('refuses a dead letter whose %s is %p', (header, to, expected) => {
    const headers: Record<string, string | undefined> = deadLetterHeaders({}, info);
    headers[header] = to;
    expect(() => decodeDeadLetter(headers)).toThrow(expected);
  });
});
