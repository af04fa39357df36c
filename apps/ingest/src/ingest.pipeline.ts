import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  RETOUR,
  afzenderId,
  contentHash,
  decide,
  dutchDate,
  findRedenWijziging,
  parsePayload,
  pseudonymiseBericht,
  validateBericht,
  type Afzender,
  type BekendeToewijzing,
  type Decision,
  type PseudonymisedBericht,
  type RetourProblem,
} from '@trajectwacht/ijw';
import { AuthError, TOPICS, enqueueOutbox, verifyToken, type OutboxMessage, type PlatformConfig, type Principal } from '@trajectwacht/platform';

/**
 * The one path every message takes, whether it came from Kafka, HTTP or the CLI:
 * parse → authenticate → validate → pseudonymise → decide against the toewijzing → record, in one transaction:
 *  - ijw_bericht: every message with its status (geaccepteerd / afgewezen / wachtend) and retour codes;
 *  - toewijzing_register: what accepted JW301s say;
 *  - outbox: accepted messages for ijw.geaccepteerd.v1 (no BSN), rejections for ijw.retour.v1.
 * Idempotent: a record processed twice (redelivery) or a message sent twice (same berichtId, same content) changes
 * nothing; the same berichtId with other content is rejected (9056).
 */
export interface IncomingPayload {
  raw: Buffer | string | null;
  authorization?: string;
  source: 'kafka' | 'http' | 'cli';
  /** Stable reference of the carrier (kafka topic:partition:offset), so a redelivered record has the same id. */
  reference: string;
  receivedAt: Date;
}

export type BerichtStatus = 'geaccepteerd' | 'afgewezen' | 'wachtend' | 'duplicaat';

export interface BerichtOutcome {
  berichtId: string | null;
  berichtcode: string | null;
  status: BerichtStatus;
  retourcodes: RetourProblem[];
}

/** One candidate message after the stateless steps. */
interface Candidate {
  id: string;
  afzender: Afzender | null;
  berichtId: string | null;
  berichtcode: string | null;
  bericht: PseudonymisedBericht | null;
  problems: RetourProblem[];
  hash: string;
  payload: IncomingPayload;
  outcome?: BerichtOutcome;
}

interface Row {
  id: string;
  bericht_id: string;
  afzender: string;
  berichtcode: string | null;
  gemeente: string | null;
  aanbieder: string | null;
  client_pseudonym: string | null;
  toewijzing_nummer: string | null;
  content_hash: string;
  status: 'geaccepteerd' | 'afgewezen' | 'wachtend';
  retourcodes: RetourProblem[];
  message: PseudonymisedBericht | null;
  source: string;
  received_at: string;
  decided_at: string | null;
  hold_until: string | null;
}

interface RegisterEntry extends BekendeToewijzing {
  gewijzigd: boolean;
  laatsteBerichtId: string;
  dirty?: boolean;
}

const registerKey = (gemeente: string, nummer: string) => `${gemeente}|${nummer}`;

/** The sender a principal publishes as: a toegang team (JW301) or an aanbieder (JW305/JW307); no other role publishes. */
export function publishingAfzender(principal: Principal): Afzender | null {
  if (principal.role === 'toegang') return { role: 'toegang', gemeente: principal.gemeente };
  if (principal.role === 'aanbieder') return { role: 'aanbieder', agb: principal.agb };
  return null;
}

/** Why a principal that is no publishing sender may not publish (the same words on HTTP and on the retour topic). */
export const mayNotPublish = (principal: Principal): string => `role ${principal.role} may not publish messages; only toegang (JW301) and aanbieder (JW305/JW307)`;

/** Register keys as two parallel arrays, so lookups join on unnest() and use the primary key index. */
function splitKeys(keys: string[]): [string[], string[]] {
  const gemeenten: string[] = [];
  const nummers: string[] = [];
  for (const key of keys) {
    const [gemeente, nummer] = key.split('|');
    gemeenten.push(gemeente!);
    nummers.push(nummer!);
  }
  return [gemeenten, nummers];
}

export function parseAfzender(id: string): Afzender | null {
  const [kind, code] = id.split(':');
  if (kind === 'gemeente' && code) return { role: 'toegang', gemeente: code };
  if (kind === 'aanbieder' && code) return { role: 'aanbieder', agb: code };
  return null;
}

export class IngestPipeline {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PlatformConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The sender a payload's token names, or the reason it may not publish. */
  private authenticate(authorization: string | undefined): { afzender: Afzender | null; authProblem: RetourProblem | null } {
    try {
      // Expiry is checked against the wall clock, not the (producer-chosen) record time, so a back-dated record
      // cannot revive an expired token.
      const principal = verifyToken(authorization, this.config.authSecret, this.now().getTime());
      const afzender = publishingAfzender(principal);
      return afzender ? { afzender, authProblem: null } : { afzender: null, authProblem: { code: RETOUR.NOT_AUTHORISED, message: mayNotPublish(principal) } };
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return { afzender: null, authProblem: { code: RETOUR.NOT_AUTHORISED, message: error.message } };
    }
  }

  /** Stateless steps for one payload: parse, authenticate, validate, pseudonymise. */
  intake(payload: IncomingPayload): Candidate[] {
    const { afzender, authProblem } = this.authenticate(payload.authorization);
    const sender = afzender ? afzenderId(afzender) : 'onbekend';
    const parsed = parsePayload(payload.raw, { maxBytes: this.config.maxMessageBytes });
    if (!parsed.ok) {
      const problems = authProblem ? [authProblem, parsed.problem] : [parsed.problem];
      return [this.rejectedCandidate(`${sender}|ref:${payload.reference}`, afzender, null, null, problems, payload)];
    }
    const today = dutchDate(payload.receivedAt);
    return parsed.berichten.map((input, index) => {
      const obj = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
      const berichtId = typeof obj.berichtId === 'string' && obj.berichtId.length <= 64 ? obj.berichtId : null;
      const berichtcode = typeof obj.berichtcode === 'string' && obj.berichtcode.length <= 8 ? obj.berichtcode : null;
      const ref = `${sender}|ref:${payload.reference}#${index}`;
      let result: ReturnType<typeof validateBericht>;
      try {
        result = validateBericht(input, { today });
      } catch (error) {
        // A validator bug must never block a partition: the message is refused with the reason.
        result = { ok: false, problems: [{ code: RETOUR.MALFORMED, message: `the message could not be validated: ${(error as Error).message}` }] };
      }
      if (authProblem) return this.rejectedCandidate(ref, afzender, berichtId, berichtcode, [authProblem, ...(result.ok ? [] : result.problems)], payload);
      if (!result.ok) return this.rejectedCandidate(berichtId ? `${sender}|${berichtId}` : ref, afzender, berichtId, berichtcode, result.problems, payload);
      const bericht = pseudonymiseBericht(result.bericht, this.config.pseudonymSecret) as PseudonymisedBericht;
      return { id: `${sender}|${result.bericht.berichtId}`, afzender, berichtId, berichtcode, bericht, problems: [], hash: contentHash(bericht), payload };
    });
  }

  private rejectedCandidate(id: string, afzender: Afzender | null, berichtId: string | null, berichtcode: string | null, problems: RetourProblem[], payload: IncomingPayload): Candidate {
    // The hash covers only what is safe to keep (never the raw payload, which may hold a BSN).
    const hash = contentHash({ id, problems: problems.map((p) => [p.code, p.field ?? '']) });
    return { id: `${id}|afgewezen|${hash.slice(0, 16)}`, afzender, berichtId, berichtcode, bericht: null, problems, hash, payload };
  }

  /**
   * Processes many payloads in one transaction with a fixed number of queries, whatever the batch size.
   * Returns one outcome per message, in order.
   */
  async process(payloads: IncomingPayload[]): Promise<BerichtOutcome[]> {
    return this.record(payloads.flatMap((p) => this.intake(p)));
  }

  /**
   * Records the refusal of a payload that was never read, so never reaches the parser: over HTTP, a body larger
   * than MAX_MESSAGE_BYTES is cut off by the body reader. Same row and ijw.retour.v1 record as any other rejection
   * (berichtId `ref:<reference>`); only the problem is kept, never any of the payload's bytes.
   */
  async refuse(payload: Omit<IncomingPayload, 'raw'>, problem: RetourProblem): Promise<BerichtOutcome[]> {
    const { afzender, authProblem } = this.authenticate(payload.authorization);
    const sender = afzender ? afzenderId(afzender) : 'onbekend';
    const problems = authProblem ? [authProblem, problem] : [problem];
    return this.record([this.rejectedCandidate(`${sender}|ref:${payload.reference}`, afzender, null, null, problems, { ...payload, raw: null })]);
  }

  private async record(candidates: Candidate[]): Promise<BerichtOutcome[]> {
    if (candidates.length === 0) return [];
    await this.dataSource.transaction(async (manager) => {
      const existing = await this.loadExisting(manager, candidates.map((c) => c.id));
      const keys = new Set<string>();
      for (const c of candidates) if (c.bericht) keys.add(registerKey(c.bericht.gemeente, c.bericht.toewijzingNummer));
      const register = await this.loadRegister(manager, [...keys]);

      const rows: Row[] = [];
      const outbox: OutboxMessage[] = [];
      const seen = new Map<string, string>();
      const releasedKeys = new Set<string>();
      for (const c of candidates) {
        const previous = existing.get(c.id) ?? seen.get(c.id);
        if (previous !== undefined) {
          if (previous === c.hash) {
            c.outcome = { berichtId: c.berichtId, berichtcode: c.berichtcode, status: 'duplicaat', retourcodes: [] };
            continue;
          }
          const problem = { code: RETOUR.DUPLICATE_CONFLICT, field: 'berichtId', message: `berichtId ${c.berichtId} was already used for a different message` };
          const conflict = this.rejectedCandidate(c.id, c.afzender, c.berichtId, c.berichtcode, [problem], c.payload);
          if (existing.has(conflict.id) || seen.has(conflict.id)) {
            c.outcome = { berichtId: c.berichtId, berichtcode: c.berichtcode, status: 'duplicaat', retourcodes: [problem] };
            continue;
          }
          Object.assign(c, { id: conflict.id, hash: conflict.hash, bericht: null, problems: [problem] });
        }
        seen.set(c.id, c.hash);
        const decision: Decision = c.bericht
          ? decide(c.bericht, c.afzender!, register.get(registerKey(c.bericht.gemeente, c.bericht.toewijzingNummer)))
          : { outcome: 'afgewezen', problems: c.problems };
        const row = this.toRow(c, decision);
        rows.push(row);
        c.outcome = { berichtId: c.berichtId, berichtcode: c.berichtcode, status: row.status, retourcodes: row.retourcodes };
        outbox.push(...this.outboxFor(row));
        if (decision.outcome === 'geaccepteerd' && c.bericht?.berichtcode === 'JW301') {
          const key = registerKey(c.bericht.gemeente, c.bericht.toewijzingNummer);
          register.set(key, mergeRegister(register.get(key), c.bericht));
          releasedKeys.add(key);
        }
      }
      await this.insertRows(manager, rows);
      await this.saveRegister(manager, [...register.values()].filter((r) => r.dirty));
      await enqueueOutbox(manager, outbox);
      if (releasedKeys.size > 0) await this.releaseHeld(manager, [...releasedKeys], register, false);
    });
    return candidates.map((c) => c.outcome!);
  }

  /**
   * Decides held messages: those whose toewijzing has arrived in the meantime are accepted or rejected on their
   * merits; those whose grace period ended without it are rejected with 9019. Run periodically (BullMQ scheduler).
   */
  async sweepHeld(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const held: { gemeente: string; toewijzing_nummer: string }[] = await manager.query(
        `SELECT DISTINCT b.gemeente, b.toewijzing_nummer FROM ijw_bericht b
          WHERE b.status = 'wachtend'
            AND (b.hold_until <= $1 OR EXISTS (SELECT 1 FROM toewijzing_register r WHERE r.gemeente = b.gemeente AND r.toewijzing_nummer = b.toewijzing_nummer))
          LIMIT 5000`,
        [this.now().toISOString()],
      );
      if (held.length === 0) return 0;
      const keys = held.map((h) => registerKey(h.gemeente, h.toewijzing_nummer));
      const register = await this.loadRegister(manager, keys);
      return this.releaseHeld(manager, keys, register, true);
    });
  }

  private async releaseHeld(manager: EntityManager, keys: string[], register: Map<string, RegisterEntry>, expire: boolean): Promise<number> {
    const rows: Row[] = await manager.query(
      `SELECT b.* FROM ijw_bericht b JOIN unnest($1::text[], $2::text[]) AS k(gemeente, nummer) ON b.gemeente = k.gemeente AND b.toewijzing_nummer = k.nummer
        WHERE b.status = 'wachtend' ORDER BY b.received_at FOR UPDATE OF b SKIP LOCKED`,
      splitKeys(keys),
    );
    const now = this.now();
    const decided: Row[] = [];
    const outbox: OutboxMessage[] = [];
    for (const row of rows) {
      const afzender = parseAfzender(row.afzender);
      const toewijzing = register.get(registerKey(row.gemeente!, row.toewijzing_nummer!));
      const expired = expire && new Date(row.hold_until!).getTime() <= now.getTime();
      const decision = afzender && row.message ? decide(row.message, afzender, toewijzing, expired) : { outcome: 'afgewezen' as const, problems: [{ code: RETOUR.MALFORMED, message: 'held message could not be read back' }] };
      if (decision.outcome === 'wachtend') continue;
      const updated: Row = { ...row, status: decision.outcome, retourcodes: decision.outcome === 'afgewezen' ? decision.problems : [], decided_at: now.toISOString(), hold_until: null };
      decided.push(updated);
      outbox.push(...this.outboxFor(updated));
    }
    if (decided.length === 0) return 0;
    await manager.query(
      `UPDATE ijw_bericht b SET status = x.status, retourcodes = x.retourcodes, decided_at = x.decided_at, hold_until = NULL
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, status text, retourcodes jsonb, decided_at timestamptz)
        WHERE b.id = x.id AND b.status = 'wachtend'`,
      [JSON.stringify(decided.map((d) => ({ id: d.id, status: d.status, retourcodes: d.retourcodes, decided_at: d.decided_at })))],
    );
    await enqueueOutbox(manager, outbox);
    return decided.length;
  }

  /** Read-only preview for the HTTP API: the same decision the pipeline will take, without recording anything. */
  async preview(payload: IncomingPayload): Promise<BerichtOutcome[]> {
    const candidates = this.intake(payload);
    const keys = candidates.filter((c) => c.bericht).map((c) => registerKey(c.bericht!.gemeente, c.bericht!.toewijzingNummer));
    const register = await this.loadRegister(this.dataSource.manager, keys);
    return candidates.map((c) => {
      const decision: Decision = c.bericht ? decide(c.bericht, c.afzender!, register.get(registerKey(c.bericht.gemeente, c.bericht.toewijzingNummer))) : { outcome: 'afgewezen', problems: c.problems };
      return { berichtId: c.berichtId, berichtcode: c.berichtcode, status: decision.outcome, retourcodes: decision.outcome === 'geaccepteerd' ? [] : (decision.problems ?? []) };
    });
  }

  private toRow(c: Candidate, decision: Decision): Row {
    const receivedAt = c.payload.receivedAt.toISOString();
    const b = c.bericht;
    return {
      id: c.id,
      bericht_id: c.berichtId ?? `ref:${c.payload.reference}`,
      afzender: c.afzender ? afzenderId(c.afzender) : 'onbekend',
      berichtcode: c.berichtcode,
      gemeente: b?.gemeente ?? null,
      aanbieder: b?.aanbieder ?? null,
      client_pseudonym: b?.client.pseudonym ?? null,
      toewijzing_nummer: b?.toewijzingNummer ?? null,
      content_hash: c.hash,
      status: decision.outcome,
      retourcodes: decision.outcome === 'geaccepteerd' ? [] : (decision.problems ?? []),
      message: b,
      source: c.payload.source,
      received_at: receivedAt,
      decided_at: decision.outcome === 'wachtend' ? null : this.now().toISOString(),
      // The hold runs in processing time (a back-dated history must still get its grace period).
      hold_until: decision.outcome === 'wachtend' ? new Date(this.now().getTime() + (decision.problems ? this.config.toewijzingConflictGraceSeconds : this.config.unknownToewijzingGraceSeconds) * 1000).toISOString() : null,
    };
  }

  private outboxFor(row: Row): OutboxMessage[] {
    if (row.status === 'geaccepteerd' && row.message) {
      const payload = { ...row.message, ontvangst: { afzender: row.afzender, ontvangenOp: row.received_at, bron: row.source } };
      return [{ topic: TOPICS.geaccepteerd, key: row.message.client.pseudonym, payload: JSON.stringify(payload) }];
    }
    if (row.status === 'afgewezen') {
      const retour = {
        berichtId: row.bericht_id,
        berichtcode: row.berichtcode,
        afzender: row.afzender,
        gemeente: row.gemeente,
        aanbieder: row.aanbieder,
        toewijzingNummer: row.toewijzing_nummer,
        status: 'afgewezen',
        retourcodes: row.retourcodes,
        ontvangenOp: row.received_at,
        bron: row.source,
      };
      return [{ topic: TOPICS.retour, key: row.afzender, payload: JSON.stringify(retour) }];
    }
    return [];
  }

  private async loadExisting(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; content_hash: string }[] = await manager.query(`SELECT id, content_hash FROM ijw_bericht WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.content_hash]));
  }

  private async loadRegister(manager: EntityManager, keys: string[]): Promise<Map<string, RegisterEntry>> {
    if (keys.length === 0) return new Map();
    const rows: {
      gemeente: string; toewijzing_nummer: string; aanbieder: string; client_pseudonym: string; productcategorie: string; productcode: string | null;
      ingangsdatum: string; einddatum: string | null; ingetrokken: boolean; gewijzigd: boolean; laatste_bericht_id: string;
    }[] = await manager.query(
      `SELECT r.gemeente, r.toewijzing_nummer, r.aanbieder, r.client_pseudonym, r.productcategorie, r.productcode,
              to_char(r.ingangsdatum, 'YYYY-MM-DD') AS ingangsdatum, to_char(r.einddatum, 'YYYY-MM-DD') AS einddatum, r.ingetrokken, r.gewijzigd,
              r.laatste_bericht_id
         FROM toewijzing_register r JOIN unnest($1::text[], $2::text[]) AS k(gemeente, nummer) ON r.gemeente = k.gemeente AND r.toewijzing_nummer = k.nummer`,
      splitKeys(keys),
    );
    return new Map(
      rows.map((r) => [
        registerKey(r.gemeente, r.toewijzing_nummer),
        {
          gemeente: r.gemeente, toewijzingNummer: r.toewijzing_nummer, aanbieder: r.aanbieder, clientPseudonym: r.client_pseudonym,
          productcategorie: r.productcategorie, productcode: r.productcode, ingangsdatum: r.ingangsdatum, einddatum: r.einddatum,
          ingetrokken: r.ingetrokken, gewijzigd: r.gewijzigd, laatsteBerichtId: r.laatste_bericht_id,
        },
      ]),
    );
  }

  private async insertRows(manager: EntityManager, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO ijw_bericht (id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer, content_hash, status,
                                retourcodes, message, source, received_at, decided_at, hold_until)
       SELECT id, bericht_id, afzender, berichtcode, gemeente, aanbieder, client_pseudonym, toewijzing_nummer, content_hash, status,
              coalesce(retourcodes, '[]'::jsonb), message, source, received_at, decided_at, hold_until
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, bericht_id text, afzender text, berichtcode text, gemeente text, aanbieder text,
              client_pseudonym text, toewijzing_nummer text, content_hash text, status text, retourcodes jsonb, message jsonb, source text,
              received_at timestamptz, decided_at timestamptz, hold_until timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  private async saveRegister(manager: EntityManager, entries: RegisterEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO toewijzing_register (gemeente, toewijzing_nummer, aanbieder, client_pseudonym, productcategorie, productcode, ingangsdatum, einddatum,
                                        ingetrokken, gewijzigd, laatste_bericht_id, updated_at)
       SELECT gemeente, "toewijzingNummer", aanbieder, "clientPseudonym", productcategorie, productcode, ingangsdatum, einddatum, ingetrokken, gewijzigd,
              "laatsteBerichtId", now()
         FROM jsonb_to_recordset($1::jsonb) AS x(gemeente text, "toewijzingNummer" text, aanbieder text, "clientPseudonym" text, productcategorie text,
              productcode text, ingangsdatum date, einddatum date, ingetrokken boolean, gewijzigd boolean, "laatsteBerichtId" text)
       ON CONFLICT (gemeente, toewijzing_nummer) DO UPDATE SET
         aanbieder = excluded.aanbieder, client_pseudonym = excluded.client_pseudonym, productcategorie = excluded.productcategorie,
         productcode = excluded.productcode, ingangsdatum = excluded.ingangsdatum, einddatum = excluded.einddatum,
         ingetrokken = toewijzing_register.ingetrokken OR excluded.ingetrokken, gewijzigd = excluded.gewijzigd,
         laatste_bericht_id = excluded.laatste_bericht_id, updated_at = now()`,
      [JSON.stringify(entries)],
    );
  }
}

/**
 * What the register knows after an accepted JW301. A change (redenWijziging) overrides the original; an original
 * that arrives after its change (out of order) does not undo the change. A withdrawal is final.
 */
export function mergeRegister(current: RegisterEntry | undefined, bericht: PseudonymisedBericht): RegisterEntry {
  if (bericht.berichtcode !== 'JW301') throw new Error('only a JW301 changes the register');
  const effect = bericht.redenWijziging ? findRedenWijziging(bericht.redenWijziging)?.effect : undefined;
  const gewijzigd = Boolean(bericht.redenWijziging);
  if (current && current.gewijzigd && !gewijzigd) return current;
  return {
    gemeente: bericht.gemeente,
    toewijzingNummer: bericht.toewijzingNummer,
    aanbieder: bericht.aanbieder,
    clientPseudonym: bericht.client.pseudonym,
    productcategorie: bericht.product.categorie,
    productcode: bericht.product.code ?? null,
    ingangsdatum: bericht.ingangsdatum,
    einddatum: bericht.einddatum ?? null,
    ingetrokken: (current?.ingetrokken ?? false) || effect === 'intrekking',
    gewijzigd,
    laatsteBerichtId: bericht.berichtId,
    dirty: true,
  };
}

export const newReference = (): string => randomUUID();
