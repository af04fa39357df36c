import { issueToken, type Principal } from '@trajectwacht/platform';
import { senderKey, type SimulatedIjwBericht } from '@trajectwacht/simulator';
import type { IncomingPayload } from '../../apps/ingest/src/ingest.pipeline';

/**
 * For tests and benchmarks: simulated berichten as the ingest consumer hands them to IngestPipeline.process, each with a
 * token of its sender (one per sender, signed with `authSecret`, subject `sub`) and a carrier reference of its own
 * (`<reference>:<n>`, n counting from 0).
 */
export function simulatedPayloads(
  authSecret: string,
  { reference = 'ijw.berichten.v1:0', sub = 't' }: { reference?: string; sub?: string } = {},
): (b: SimulatedIjwBericht, raw?: string) => IncomingPayload {
  const tokens = new Map<string, string>();
  let n = 0;
  const token = (b: SimulatedIjwBericht): string => {
    const key = senderKey(b.sender);
    if (!tokens.has(key)) {
      const principal: Principal =
        b.sender.role === 'toegang' ? { role: 'toegang', gemeente: b.sender.gemeente, sub } : { role: 'aanbieder', agb: b.sender.agb, sub };
      tokens.set(key, `Bearer ${issueToken(principal, authSecret, 3600)}`);
    }
    return tokens.get(key)!;
  };
  return (b, raw = b.xml) => ({
    raw: Buffer.from(raw),
    authorization: token(b),
    source: 'kafka',
    reference: `${reference}:${n++}`,
    receivedAt: new Date(b.at),
  });
}
