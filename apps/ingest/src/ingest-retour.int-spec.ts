import type { DataSource } from 'typeorm';
import { decodeRetour } from '@trajectwacht/contracts';
import { Sealer, TOPICS } from '@trajectwacht/platform';
import { senderKey, simulateBerichten, type SimulatedIjwBericht } from '@trajectwacht/simulator';
import { dropSchema, freshDatabase, testConfig } from '../../../test/support/infra';
import { IngestPipeline, type BerichtOutcome } from './ingest.pipeline';
import { simulatedPayloads } from '../../../test/support/simulated-payloads';

/**
 * Issue 16 (ingest CPU per bericht): the retour bericht is written once and kept in plain text beside the row while it
 * is decided (no longer sealed and opened again for the outbox and the answer), the retour of an acceptance is written
 * before the advisory locks, and the rows go to PostgreSQL as one array per column (unnest) instead of one jsonb
 * document. What leaves ingest must be what it stored: for every decision (accepted, refused with 9056, held and
 * released by its toewijzing, refused at controleniveau 1 with a header-only retour) the retour on ijw.retour.v1 and in
 * the answer equals the stored sealed column opened; the stored columns are those of the decision.
 */
const config = testConfig();

describe('ingest: the retour bericht in the outbox equals the sealed one (real PostgreSQL)', () => {
  let ds: DataSource;
  let pipeline: IngestPipeline;
  const sealer = new Sealer(config.pseudonymSecret);
  const outcomes: BerichtOutcome[] = [];
  let heldAfterFirst: { wacht_op: string[]; hold_until: Date | null; heen_sealed: string | null }[] = [];

  beforeAll(async () => {
    ds = await freshDatabase();
    pipeline = new IngestPipeline(ds, config);
    const simulated: SimulatedIjwBericht[] = [];
    for (const b of simulateBerichten({ region: 'flevoland', seed: 42, from: '2025-01-01', to: '2025-12-31' })) {
      simulated.push(b);
      if (simulated.length >= 240) break;
    }
    const payload = simulatedPayloads(config.authSecret);
    const jw301 = simulated.filter((b) => b.soort === 'JW301');
    const first = jw301[0]!;
    const other = jw301.find((b) => b.sender.role === 'toegang' && senderKey(b.sender) === senderKey(first.sender) && b !== first)!;
    const identificatie = /<ijw:Identificatie>([^<]*)<\/ijw:Identificatie>/.exec(first.xml)![1]!;
    const conflicting = other.xml.replace(
      /<ijw:Identificatie>[^<]*<\/ijw:Identificatie>/,
      `<ijw:Identificatie>${identificatie}</ijw:Identificatie>`,
    );
    const unstructured = first.xml
      .replace(/<ijw:Identificatie>[^<]*<\/ijw:Identificatie>/, '<ijw:Identificatie>STRUCTUUR1</ijw:Identificatie>')
      .replace('</jw301:Header>', '</jw301:Header><jw301:Onbekend>x</jw301:Onbekend>');
    const rest = simulated.filter((b) => b !== first && b !== other);
    // the first batch: the JW301 and the JW305/JW307 of 80 later berichten sent before their JW301 (held), a reused
    // Identificatie (9056) and a bericht that does not follow its XSD; then the rest in order, which releases the held
    outcomes.push(
      ...(await pipeline.process([
        payload(first),
        ...rest
          .slice(80, 160)
          .filter((b) => b.soort !== 'JW301')
          .map((b) => payload(b)),
        payload(other, conflicting),
        payload(first, unstructured),
      ])),
    );
    heldAfterFirst = await ds.query(`SELECT wacht_op, hold_until, heen_sealed FROM ijw_heenbericht WHERE status = 'wachtend'`);
    for (let i = 0; i < rest.length; i += 50) outcomes.push(...(await pipeline.process(rest.slice(i, i + 50).map((b) => payload(b)))));
  });
  afterAll(async () => dropSchema(ds));

  it('covers accepted, 9056, held-then-decided and header-only retours', async () => {
    const statuses: { status: string; n: string }[] = await ds.query(
      `SELECT status || CASE WHEN id LIKE '%|9056|%' THEN ' 9056' WHEN foutmelding IS NOT NULL THEN ' foutmelding' ELSE '' END AS status,
              count(*)::text AS n
         FROM ijw_heenbericht GROUP BY 1 ORDER BY 1`,
    );
    const names = statuses.map((s) => s.status);
    expect(names).toEqual(expect.arrayContaining(['geaccepteerd', 'afgewezen 9056', 'afgewezen foutmelding']));
    expect(outcomes.some((o) => o.status === 'wachtend')).toBe(true);
    // held: the toewijzing keys it waits for (gemeente|nummer), its hold and its sealed tree
    expect(heldAfterFirst.length).toBeGreaterThan(0);
    for (const h of heldAfterFirst) {
      expect(h.wacht_op.length).toBeGreaterThan(0);
      for (const k of h.wacht_op) expect(k).toMatch(/^[0-9]{4}\|.+/);
      expect(h.hold_until).not.toBeNull();
      expect(h.heen_sealed).toMatch(/^v1\./);
    }
    // every held one was decided by its toewijzing later (markDecided), none is still held
    expect(names).not.toContain('wachtend');
  });

  it('every retour on ijw.retour.v1 and in the answer is the stored sealed retour, opened', async () => {
    const stored: {
      id: string;
      identificatie: string | null;
      retour_soort: string;
      retour_identificatie: string;
      retour_sealed: string;
    }[] = await ds.query(
      `SELECT id, identificatie, retour_soort, retour_identificatie, retour_sealed FROM ijw_heenbericht WHERE retour_sealed IS NOT NULL`,
    );
    const outbox: { payload: string }[] = await ds.query(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [TOPICS.retour]);
    const byRetourId = new Map(outbox.map((o) => decodeRetour(o.payload)).map((r) => [r.retourIdentificatie, r]));
    expect(stored.length).toBeGreaterThan(200);
    for (const row of stored) {
      const plain = sealer.open(row.retour_sealed);
      const record = byRetourId.get(row.retour_identificatie);
      expect(record?.retourXml).toBe(plain);
      expect(record?.retourSoort).toBe(row.retour_soort);
      expect(plain).toContain(`IdentificatieRetour>${row.retour_identificatie}</`);
    }
    const answered = outcomes.filter((o) => o.retour && !o.herhaald);
    expect(answered.length).toBeGreaterThan(100);
    const sealedById = new Map(stored.map((r) => [r.retour_identificatie, r.retour_sealed]));
    for (const o of answered) expect(o.retour!.xml).toBe(sealer.open(sealedById.get(o.retour!.identificatie)!));
  });

  it('stores the columns of each decision (unnest insert): findings, products, wacht_op, foutmelding', async () => {
    const rows: {
      status: string;
      bevindingen: unknown[];
      regels: { berichtId: string }[] | null;
      wacht_op: string[];
      foutmelding: { code: string } | null;
      decided_at: Date | null;
      products: string;
    }[] = await ds.query(
      `SELECT h.status, h.bevindingen, h.regels, h.wacht_op, h.foutmelding, h.decided_at,
              (SELECT count(*) FROM ijw_bericht b WHERE b.heenbericht_id = h.id)::text AS products
         FROM ijw_heenbericht h`,
    );
    for (const r of rows) {
      expect(Array.isArray(r.bevindingen)).toBe(true);
      expect(r.wacht_op).toEqual([]);
      expect(r.decided_at).not.toBeNull();
      if (r.status === 'geaccepteerd') {
        expect(r.bevindingen).toEqual([]);
        expect(Number(r.products)).toBe(r.regels!.length);
      } else expect(r.bevindingen.length + (r.foutmelding ? 1 : 0)).toBeGreaterThan(0);
    }
    expect(rows.find((r) => r.foutmelding)?.foutmelding?.code).toBe('STRUCTUUR');
    // the products as stored in ijw_bericht are those of the heenbericht, one each
    const [mismatch] = await ds.query(
      `SELECT count(*)::int AS n FROM ijw_bericht b JOIN ijw_heenbericht h ON h.id = b.heenbericht_id
        WHERE NOT (h.regels @> jsonb_build_array(b.message))`,
    );
    expect(mismatch.n).toBe(0);
  });
});
