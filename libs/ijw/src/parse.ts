import { RETOUR } from './codelists';
import type { RetourProblem } from './model';
import { parseIjwXml } from './xml';

/**
 * Turns the raw bytes of a payload (HTTP body or Kafka record value) into candidate messages, refusing anything
 * that is too large, not UTF-8, not JSON or iJw XML, nested too deeply, or carries a DTD (XXE, billion laughs).
 */
export type ParseResult = { ok: true; format: 'json' | 'xml'; berichten: unknown[] } | { ok: false; problem: RetourProblem };

export interface ParseLimits {
  maxBytes: number;
  maxDepth?: number;
  maxBerichten?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function parsePayload(raw: Uint8Array | string | null | undefined, limits: ParseLimits): ParseResult {
  const maxDepth = limits.maxDepth ?? 16;
  const maxBerichten = limits.maxBerichten ?? 1000;
  if (raw === null || raw === undefined || raw.length === 0) return fail(RETOUR.MALFORMED, 'the payload is empty');
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
  if (size > limits.maxBytes) return fail(RETOUR.TOO_LARGE, `the payload is ${size} bytes; the limit is ${limits.maxBytes} bytes`);

  let text: string;
  try {
    text = typeof raw === 'string' ? raw : utf8.decode(raw);
  } catch {
    return fail(RETOUR.MALFORMED, 'the payload is not valid UTF-8 text');
  }
  text = text.replace(/^\uFEFF/, '').trim();
  if (text.includes('\u0000')) return fail(RETOUR.MALFORMED, 'the payload contains NUL characters');

  if (text.startsWith('<')) {
    let result: ReturnType<typeof parseIjwXml>;
    try {
      result = parseIjwXml(text);
    } catch (error) {
      result = { ok: false, error: `the XML could not be read: ${(error as Error).message}` };
    }
    if (!result.ok) return fail(RETOUR.MALFORMED, result.error);
    return limitCount({ ok: true, format: 'xml', berichten: result.berichten }, maxBerichten);
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    if (nestingDepth(text) > maxDepth) return fail(RETOUR.MALFORMED, `the JSON is nested deeper than ${maxDepth} levels`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return fail(RETOUR.MALFORMED, `the payload is not valid JSON: ${(err as Error).message.replace(/[0-9]{9}/g, '*********')}`);
    }
    return limitCount({ ok: true, format: 'json', berichten: Array.isArray(parsed) ? parsed : [parsed] }, maxBerichten);
  }
  return fail(RETOUR.MALFORMED, 'the payload is neither JSON (an object or array) nor iJw XML');
}

function limitCount(result: ParseResult & { ok: true }, max: number): ParseResult {
  if (result.berichten.length === 0) return fail(RETOUR.MALFORMED, 'the payload holds no message');
  if (result.berichten.length > max) return fail(RETOUR.TOO_LARGE, `the payload holds ${result.berichten.length} messages; at most ${max} per payload`);
  return result;
}

function fail(code: string, message: string): ParseResult {
  return { ok: false, problem: { code, message } };
}

/** Maximum bracket depth of a JSON text, counted without parsing (strings are skipped). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}
