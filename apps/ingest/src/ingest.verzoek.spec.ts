/**
 * Issue 17: the intake (pure: read, authenticate, pseudonymise; no database) takes JW315/JW317/JW319 on the same path
 * as the other berichten: a candidate with the pseudonymised flat messages of the request side and no BSN; a JW319
 * only from a gemeente, a JW315/JW317 only from an aanbieder (NIET_BEVOEGD otherwise). The decision with the level-3
 * rules is in ingest-verzoek.int-spec.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { issueToken, loadConfig } from '@trajectwacht/platform';
import { IngestPipeline } from './ingest.pipeline';

const CORPUS = join(__dirname, '../../../test/conformance');
const config = loadConfig({
  AUTH_SECRET: 'ingest-verzoek-spec-secret-000000000000',
  PSEUDONYM_SECRET: 'ingest-verzoek-spec-pseudonym-0000000000',
});
const pipeline = new IngestPipeline(null as unknown as DataSource, config);
const token = (principal: Parameters<typeof issueToken>[0]) => `Bearer ${issueToken(principal, config.authSecret)}`;

describe('ingest intake of the request side', () => {
  const aanbieder = token({ sub: 'aanbieder-1', role: 'aanbieder' as const, agb: '98100001' });
  const gemeente = token({ sub: 'gemeente-1', role: 'toegang' as const, gemeente: '0034' });
  const intake = async (file: string, authorization: string) =>
    pipeline.intake(
      {
        raw: readFileSync(join(CORPUS, file)),
        authorization,
        source: 'http',
        reference: `ref-${file}`,
        receivedAt: new Date('2026-12-02T10:00:00Z'),
      },
      await pipeline.authenticate(authorization),
    );

  it.each([
    ['JW315', 'jw315/accepted/huisarts.xml', aanbieder, 'JW315'],
    ['JW317', 'jw317/accepted/nieuw-product.xml', aanbieder, 'JW317'],
    ['JW319', 'jw319/accepted/afgewezen.xml', gemeente, 'JW319'],
  ])('%s: a candidate with its pseudonymised flat messages, no BSN', async (soort, file, authorization, code) => {
    const [candidate, ...rest] = await intake(file, authorization);
    expect(rest).toEqual([]);
    expect(candidate!.foutmelding).toBeNull();
    expect(candidate!.soort).toBe(soort);
    expect(candidate!.regels).toEqual([]);
    expect(candidate!.verzoeken!.map((v) => v.berichtcode)).toEqual([code]);
    expect(candidate!.verzoeken![0]!.referentieAanbieder).toBeTruthy();
    expect(JSON.stringify(candidate!.verzoeken)).not.toContain('999900006');
  });

  it.each([
    ['a JW315 sent by a gemeente', 'jw315/accepted/huisarts.xml', gemeente],
    ['a JW319 sent by an aanbieder', 'jw319/accepted/afgewezen.xml', aanbieder],
  ])('%s: NIET_BEVOEGD', async (_naam, file, authorization) => {
    const [candidate] = await intake(file, authorization);
    expect(candidate!.foutmelding).toMatchObject({ code: 'NIET_BEVOEGD' });
    expect(candidate!.verzoeken).toBeUndefined();
  });
});
