/**
 * deadletter.v1 — a consumed record that kept failing (after its retry budget) or did not fit its topic's contract:
 * key and value exactly as they were, the original headers, and `dlq-*` headers saying where it came from and why.
 * Producer: the batch consumer of every service (libs/platform); read by operators (replay after a fix).
 * Discriminant: the source topic (`dlq-source-topic`).
 */
import { ContractError } from './decode';
import { headerText, type HeaderValue, type RecordHeaders } from './headers';

export const DEADLETTER_TOPIC = 'deadletter.v1';

export interface DeadLetterInfo {
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  consumerGroup: string;
  /** The last error's message (at most 1000 characters): a contract's message names the field that did not fit. */
  error: string;
  attempts: number;
}

const HEADER = {
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  consumerGroup: 'dlq-consumer-group',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
} as const satisfies Record<keyof DeadLetterInfo, string>;

/** The headers of a dead letter: the original ones and the `dlq-*` ones (these win over a same-named original). */
export function deadLetterHeaders<V extends HeaderValue>(original: Record<string, V>, info: DeadLetterInfo): Record<string, V | string> {
  return {
    ...original,
    [HEADER.sourceTopic]: info.sourceTopic,
    [HEADER.sourcePartition]: String(info.sourcePartition),
    [HEADER.sourceOffset]: info.sourceOffset,
    [HEADER.consumerGroup]: info.consumerGroup,
    [HEADER.error]: info.error.slice(0, 1000),
    [HEADER.attempts]: String(info.attempts),
  };
}

/** Reads the `dlq-*` headers of a dead letter; throws a ContractError naming the header that is missing or wrong. */
export function decodeDeadLetter(headers: RecordHeaders | null | undefined): DeadLetterInfo {
  const text = (field: keyof DeadLetterInfo): string => {
    const value = headerText(headers, HEADER[field]);
    if (value === undefined) throw new ContractError(DEADLETTER_TOPIC, `headers.${HEADER[field]}`, 'present', value);
    return value;
  };
  const count = (field: 'sourcePartition' | 'attempts'): number => {
    const value = text(field);
    if (!/^\d+$/.test(value)) throw new ContractError(DEADLETTER_TOPIC, `headers.${HEADER[field]}`, 'a whole number', value);
    return Number(value);
  };
  const offset = text('sourceOffset');
  if (!/^\d+$/.test(offset)) throw new ContractError(DEADLETTER_TOPIC, `headers.${HEADER.sourceOffset}`, 'a whole number', offset);
  return {
    sourceTopic: text('sourceTopic'),
    sourcePartition: count('sourcePartition'),
    sourceOffset: offset,
    consumerGroup: text('consumerGroup'),
    error: text('error'),
    attempts: count('attempts'),
  };
}
