import type { ConsumedRecord } from '@trajectwacht/platform';
import { TrajectoryProjection } from './trajectory.projection';

describe('TrajectoryProjection.parse (records of ijw.geaccepteerd.v1)', () => {
  const record = (value: object, offset = '1'): ConsumedRecord =>
    ({
      topic: 'ijw.geaccepteerd.v1',
      partition: 0,
      offset,
      key: null,
      value: Buffer.from(JSON.stringify(value)),
      headers: {},
      timestamp: '0',
    }) as unknown as ConsumedRecord;
  const message = (toewijzingNummer: string) => ({
    berichtcode: 'JW305',
    berichtId: 'b1',
    gemeente: '0034',
    aanbieder: '12345678',
    toewijzingNummer,
    begindatum: '2025-01-10',
    client: { pseudonym: 'a'.repeat(32), geboortedatum: '2012-03-04' },
    ontvangst: { afzender: 'aanbieder:12345678', ontvangenOp: '2025-01-10T08:00:00Z', bron: 'kafka' },
  });

  it('reads a pre-3.2 record with a padded toewijzingnummer in canonical form (LDT_Nummer is an integer), text included', () => {
    const { messages, texts, raw } = TrajectoryProjection.parse([record(message('0012345')), record(message('12345'), '2')]);
    expect(messages.map((m) => m.toewijzingNummer)).toEqual(['12345', '12345']);
    expect(JSON.parse(texts[0]!).toewijzingNummer).toBe('12345');
    // the bytes stored are those of the canonical text, not of the record
    expect(raw.map((b) => b.toString('utf8'))).toEqual(texts);
  });

  it('keeps the text of a canonical record byte for byte, and "0" stays "0"', () => {
    const text = JSON.stringify(message('0'));
    const records = [record(message('0'))];
    const { messages, texts, raw } = TrajectoryProjection.parse(records);
    expect(messages[0]!.toewijzingNummer).toBe('0');
    expect(texts[0]).toBe(text);
    expect(raw[0]).toBe(records[0]!.value); // the record's own bytes, not a copy
  });

  it('refuses a record that is not an accepted message (dead-lettered by the consumer)', () => {
    expect(() => TrajectoryProjection.parse([record({ hello: 'world' })])).toThrow(
      'ijw.geaccepteerd.v1: field berichtcode must be one of "JW301", "JW305", "JW307", "JW315", "JW317", "JW319" (got nothing)',
    );
    expect(() => TrajectoryProjection.parse([record({ ...message('1'), client: { geboortedatum: '2012-03-04' } })])).toThrow(
      'field client.pseudonym must be a non-empty string',
    );
  });
});
