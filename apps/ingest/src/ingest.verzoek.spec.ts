/**
 * Issue 17 (interim): libs/ijw reads JW315/JW317/JW319, but the ingest service does not process the request side yet.
 * Its intake (pure: read, authenticate, pseudonymise; no database) refuses them with a foutmelding STRUCTUUR that
 * says so, as it refused them before (their namespace was unknown then), and keeps nothing of their content.
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

describe('ingest intake of the request side (not processed yet)', () => {
  it.each([
    ['JW315', 'jw315/accepted/huisarts.xml', token({ sub: 'aanbieder-1', role: 'aanbieder' as const, agb: '98100001' })],
    ['JW317', 'jw317/accepted/nieuw-product.xml', token({ sub: 'aanbieder-1', role: 'aanbieder' as const, agb: '98100001' })],
    ['JW319', 'jw319/accepted/afgewezen.xml', token({ sub: 'gemeente-1', role: 'toegang' as const, gemeente: '0034' })],
  ])('%s: refused with STRUCTUUR, nothing of it kept', async (soort, file, authorization) => {
    const [candidate, ...rest] = pipeline.intake(
      {
        raw: readFileSync(join(CORPUS, file)),
        authorization,
        source: 'http',
        reference: `ref-${soort}`,
        receivedAt: new Date('2026-12-02T10:00:00Z'),
      },
      await pipeline.authenticate(authorization),
    );
    expect(rest).toEqual([]);
    expect(candidate!.foutmelding).toMatchObject({
      code: 'STRUCTUUR',
      toelichting: `Een ${soort} wordt door deze dienst nog niet verwerkt.`,
    });
    expect([candidate!.soort, candidate!.json, candidate!.regels]).toEqual([null, null, []]);
    expect(JSON.stringify(candidate)).not.toContain('999900006');
  });
});
