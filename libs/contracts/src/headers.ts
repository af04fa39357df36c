/** Kafka record headers as kafkajs hands them over (a Buffer is a Uint8Array), without depending on kafkajs. */
export type HeaderValue = Uint8Array | string | (Uint8Array | string)[] | undefined;
export type RecordHeaders = Record<string, HeaderValue>;

const utf8 = new TextDecoder('utf-8');

/** The first value of a header as text; undefined when absent. */
export function headerText(headers: RecordHeaders | null | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : typeof first === 'string' ? first : utf8.decode(first);
}
