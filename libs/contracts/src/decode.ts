/**
 * A small set of checks to read untrusted JSON into typed values. A check validates a value in place and returns it
 * typed (no copy: unknown fields travel on untouched, so a record's wire form is what it was); on the first field
 * that does not fit it throws a ContractError naming the topic, the field's path and what was expected.
 */

/** A record that does not fit its topic's contract: `field` is the path of the first field that does not fit. */
export class ContractError extends Error {
  constructor(
    readonly topic: string,
    readonly field: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${topic}: ${field ? `field ${field}` : 'the record'} must be ${expected} (got ${describe(got)})`);
    this.name = 'ContractError';
  }
}

/** Thrown by the checks; the topic is added by `decodeWith`. */
class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${field || 'the record'} must be ${expected}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

/** Validates `value` (at `path`) and returns it typed, or throws. */
export type Check<T> = (value: unknown, path: string) => T;
export type Checked<C> = C extends Check<infer T> ? T : never;

const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

export const fail = (path: string, expected: string, got: unknown): never => {
  throw new FieldError(path, expected, got);
};

export const string: Check<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string', v));
export const nonEmpty: Check<string> = (v, p) => (typeof v === 'string' && v.length > 0 ? v : fail(p, 'a non-empty string', v));
export const boolean: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'true or false', v));
export const number: Check<number> = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a number', v));
export const integer: Check<number> = (v, p) => (Number.isSafeInteger(v) ? (v as number) : fail(p, 'an integer', v));
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date, YYYY-MM-DD. */
export const isoDate: Check<string> = (v, p) => (typeof v === 'string' && ISO_DATE.test(v) ? v : fail(p, 'a date YYYY-MM-DD', v));
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** An ISO 8601 timestamp with its zone (as Date.prototype.toISOString and PostgreSQL write them). */
export const timestamp: Check<string> = (v, p) =>
  typeof v === 'string' && TIMESTAMP.test(v) ? v : fail(p, 'an ISO timestamp with zone', v);

export function literal<const L extends readonly (string | number | boolean)[]>(...values: L): Check<L[number]> {
  const allowed = new Set<unknown>(values);
  const expected = values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
  return (v, p) => (allowed.has(v) ? (v as L[number]) : fail(p, expected, v));
}

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null ? null : check(v, p);

/** May be absent (undefined); `object` makes such a key optional. */
export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? undefined : check(v, p);

export function array<T>(check: Check<T>): Check<T[]> {
  return (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'an array', v);
    for (let i = 0; i < v.length; i++) check(v[i], at(p, i));
    return v as T[];
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function record<T>(check: Check<T>): Check<Record<string, T>> {
  return (v, p) => {
    if (!isPlainObject(v)) return fail(p, 'an object', v);
    for (const key of Object.keys(v)) check(v[key], at(p, key));
    return v as Record<string, T>;
  };
}

type Shape = Record<string, Check<unknown>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** Keys whose check accepts undefined are optional. */
export type ObjectOf<S extends Shape> = Simplify<
  { [K in keyof S as undefined extends Checked<S[K]> ? never : K]: Checked<S[K]> } & {
    [K in keyof S as undefined extends Checked<S[K]> ? K : never]?: Checked<S[K]>;
  }
>;

/** An object with at least these fields (others are left as they are). */
export function object<S extends Shape>(shape: S): Check<ObjectOf<S>> {
  const entries = Object.entries(shape);
  return (v, p) => {
    if (!isPlainObject(v)) return fail(p, 'an object', v);
    for (const [key, check] of entries) check(v[key], at(p, key));
    return v as ObjectOf<S>;
  };
}

/** One of several object shapes, chosen by the string in `key` (the discriminant). */
export function union<K extends string, M extends Record<string, Check<unknown>>>(key: K, variants: M): Check<Checked<M[keyof M]>> {
  const names = Object.keys(variants);
  const expected = `one of ${names.map((n) => JSON.stringify(n)).join(', ')}`;
  return (v, p) => {
    if (!isPlainObject(v)) return fail(p, 'an object', v);
    const tag = v[key];
    const check = typeof tag === 'string' && Object.prototype.hasOwnProperty.call(variants, tag) ? variants[tag] : undefined;
    if (!check) return fail(at(p, key), expected, tag);
    return check(v, p) as Checked<M[keyof M]>;
  };
}

/** Runs a check on a value, turning a field error into a ContractError of this topic. */
export function decodeWith<T>(topic: string, check: Check<T>, value: unknown): T {
  try {
    return check(value, '');
  } catch (error) {
    if (error instanceof FieldError) throw new ContractError(topic, error.field, error.expected, error.got);
    throw error;
  }
}

const utf8 = new TextDecoder('utf-8');

/** Parses JSON text (a string or the bytes of a Kafka record) and checks it. */
export function decodeJson<T>(topic: string, check: Check<T>, text: string | Uint8Array | null | undefined): T {
  if (text === null || text === undefined) throw new ContractError(topic, '', 'a JSON document', text);
  const source = typeof text === 'string' ? text : utf8.decode(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new ContractError(topic, '', `JSON text (${(error as Error).message})`, source);
  }
  return decodeWith(topic, check, parsed);
}

/** A type no value has: the default branch of an exhaustive switch. Throws when reached anyway (an unknown variant). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
