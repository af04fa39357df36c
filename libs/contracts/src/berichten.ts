/**
 * ijw.berichten.v1 — incoming iJw 3.2 heenberichten as their senders' systems publish them: the record value is the
 * raw bericht (XML, or its JSON form: one object or an array), which libs/ijw `ontvang` validates; this contract is
 * the record around it. Key: the sender's key (any; a stable one per sender keeps its berichten in order). Headers:
 * `authorization: Bearer <token>` (the sender's platform token) and `bron` (the channel). Producers: simulator, CLI,
 * benchmarks; consumer: ingest. A record without value or token is not refused here: ingest answers it on
 * ijw.retour.v1 with a foutmelding, like any other unreadable bericht.
 */
import { headerText, type RecordHeaders } from './headers';

export const BERICHTEN_TOPIC = 'ijw.berichten.v1';

/** The channel as a producer names it in the `bron` header. */
export type BerichtBron = 'simulator' | 'cli' | 'http' | 'bench' | 'kafka';
/** The channel as ingest records it: `http` and `cli` as named, anything else is `kafka`. */
export type BerichtKanaal = 'kafka' | 'http' | 'cli';

/** A record to produce to ijw.berichten.v1 (the shape of a kafkajs message). */
export interface BerichtRecord<V extends string | Uint8Array = string | Uint8Array> {
  key: string | null;
  /** The bericht: iJw XML or its JSON form, as text or bytes. */
  value: V;
  headers: { authorization: string; bron: BerichtBron };
  /** Record time (ms since the epoch, as text): the business time the bericht was sent; the broker's time when absent. */
  timestamp?: string;
}

export function encodeBerichtRecord<V extends string | Uint8Array>(input: {
  key: string | null;
  bericht: V;
  token: string;
  bron: BerichtBron;
  sentAt?: Date | number;
}): BerichtRecord<V> {
  const record: BerichtRecord<V> = {
    key: input.key,
    value: input.bericht,
    headers: { authorization: `Bearer ${input.token}`, bron: input.bron },
  };
  if (input.sentAt !== undefined) record.timestamp = String(typeof input.sentAt === 'number' ? input.sentAt : input.sentAt.getTime());
  return record;
}

/** A consumed record of ijw.berichten.v1, read as ingest takes it. */
export interface ReceivedBericht {
  /** The raw bericht; null for a record without value (ingest answers it with foutmelding LEEG). */
  raw: Uint8Array | null;
  /** The `authorization` header (`Bearer <token>`); absent when the record has none. */
  authorization?: string;
  kanaal: BerichtKanaal;
}

export function decodeBerichtRecord(record: { value: Uint8Array | null; headers: RecordHeaders | null | undefined }): ReceivedBericht {
  const bron = headerText(record.headers, 'bron');
  const authorization = headerText(record.headers, 'authorization');
  const received: ReceivedBericht = { raw: record.value, kanaal: bron === 'http' ? 'http' : bron === 'cli' ? 'cli' : 'kafka' };
  if (authorization !== undefined) received.authorization = authorization;
  return received;
}
