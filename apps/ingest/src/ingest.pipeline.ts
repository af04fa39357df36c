import { createHmac, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  afzenderId,
  buildRetour,
  canonicalJson,
  checkHistorie,
  dutchDate,
  explainRetour,
  isVerzoekBerichtcode,
  ontvang,
  pseudonymiseBericht,
  pseudonymiseVerzoek,
  retourXml,
  toVerzoekbericht,
  validateWithOfficialXsd,
  type Afzender,
  type Berichtcode,
  type Bevinding,
  type Foutmelding,
  type Heenberichtsoort,
  type IjwJson,
  type PseudonymisedBericht,
  type PseudonymisedVerzoek,
  type RetourToelichting,
} from '@trajectwacht/ijw';
import {
  encodeGeaccepteerd,
  encodeRetour,
  geaccepteerdKey,
  type GeaccepteerdRecord,
  type GeaccepteerdVerzoek,
  type RetourRecord,
} from '@trajectwacht/contracts';
import { BerichtRepository } from './bericht.repository';
import { HeenberichtRepository, conflictIdOf, type BerichtStatus, type HeenRow } from './heenbericht.repository';
import { VerzoekBerichtRepository } from './verzoek-bericht.repository';
import { VerzoekBoek } from './verzoek-boek';
import {
  AuthError,
  BsnVault,
  Sealer,
  bsnKeyRing,
  TOPICS,
  denial,
  enqueueOutbox,
  publishingSender,
  tokenVerifier,
  type OutboxMessage,
  type PlatformConfig,
  type Principal,
} from '@trajectwacht/platform';

/**
 * The one path every iJw bericht takes, whether it came from Kafka, HTTP or the CLI publisher:
 *   read + controleniveau 1 and 2 (libs/ijw ontvang: the project's own XSD data and the rules within a bericht)
 *   → authenticate (the token's organisation must be the header's Afzender)
 *   → pseudonymise (the BSN never leaves this service except in the retour to its own sender)
 *   → controleniveau 3 (libs/ijw checkHistorie, against the earlier accepted berichten of the same toewijzingen)
 *   → decide the WHOLE bericht (OP286, IV032: one finding rejects it) → record, in one transaction:
 *      - ijw_heenbericht: the bericht, its status, findings and its retour bericht (sealed at rest);
 *      - ijw_bericht: one row per accepted product (pseudonymised flat message), the history of the next decisions;
 *      - outbox: every accepted product for ijw.geaccepteerd.v1; the retour (or foutmelding) for ijw.retour.v1.
 * A start or stop whose toewijzing is not known yet (TR019 would refuse it) is held: messages of different senders
 * arrive in any order. It is decided when the toewijzing arrives or rejected with 9019 when the hold ends. So is a
 * JW319 whose JW315/JW317 is not known yet (TR355, issue 17: the verzoek travels on the aanbieder's partition, the
 * antwoord on the gemeente's): it is decided when the verzoek is accepted, or rejected with 9355 when the hold ends.
 * Idempotent: the same bericht twice (same sender, berichtsoort and Identificatie, same content) changes nothing and
 * is answered with its earlier decision; the same Identificatie with other content is refused with 9056 (TR056).
 */
export interface IncomingPayload {
  raw: Buffer | string | null;
  authorization?: string;
  source: 'kafka' | 'http' | 'cli';
  /** Stable reference of the carrier (kafka topic:partition:offset), so a redelivered record has the same id. */
  reference: string;
  receivedAt: Date;
}

export type { BerichtStatus } from './heenbericht.repository';

export interface RetourBericht {
  /** JW302, JW306 or JW308. */
  soort: string;
  identificatie: string;
  xml: string;
}

/** What a sender is told about one bericht. */
export interface BerichtOutcome {
  /** Where to ask for the retour later: the Identificatie, or `ref:<reference>` for a payload that was not a bericht. */
  referentie: string;
  identificatie: string | null;
  berichtcode: string | null;
  status: BerichtStatus;
  /** True when this bericht had been received before (same content): the answer is its earlier decision. */
  herhaald: boolean;
  bevindingen: Bevinding[];
  /** Dutch explanations beside the retour, one per finding. */
  toelichtingen: RetourToelichting[];
  /** A refusal without retour bericht (IV028: unreadable or not following its XSD; or not sent by this sender). */
  foutmelding: Foutmelding | null;
  /** The retour bericht, once the bericht is decided (null while held and for a foutmelding). */
  retour: RetourBericht | null;
}

/** One bericht after the stateless steps. */
interface Candidate {
  id: string;
  afzender: Afzender | null;
  sender: string;
  soort: Heenberichtsoort | null;
  identificatie: string | null;
  gemeente: string | null;
  aanbieder: string | null;
  /** The bericht's tree, with the BSN (only to write the retour; sealed when stored). */
  json: IjwJson | null;
  regels: PseudonymisedBericht[];
  /** A JW315/JW317/JW319 (issue 17): its pseudonymised flat messages (then `regels` is empty). */
  verzoeken?: PseudonymisedVerzoek[];
  bevindingen: Bevinding[];
  foutmelding: Foutmelding | null;
  hash: string;
  payload: IncomingPayload;
  outcome?: BerichtOutcome;
  /** Its retour should it be accepted, written before the locks are taken (record). */
  acceptedRetour?: WrittenRetour;
}

/** A retour bericht as written: its soort, IdentificatieRetour, XML, and the XML sealed (the stored column). */
interface WrittenRetour {
  soort: string;
  identificatie: string;
  xml: string;
  sealed: string;
}

/** The finding a header-only retour carries for a bericht that does not follow its XSD (controleniveau 1). */
const NIVEAU_1: Bevinding = {
  retourcode: '0001',
  regel: 'XSD',
  niveau: 1,
  klasse: 'header',
  toelichting: 'Het bericht voldoet niet aan het XSD van iJw 3.2.',
};

const keyOf = (m: { gemeente: string; toewijzingNummer: string }): string => `${m.gemeente}|${m.toewijzingNummer}`;

/** The sender a principal publishes as (access policy, berichten:publish): a toegang team (JW301) or an aanbieder (JW305/JW307). */
export function publishingAfzender(principal: Principal): Afzender | null {
  return publishingSender(principal);
}

/** Why a principal that is no publishing sender may not publish (the same words on HTTP and on the retour topic). */
export const mayNotPublish = (principal: Principal): string => denial(principal, 'berichten:publish');

export function parseAfzender(id: string): Afzender | null {
  const [kind, code] = id.split(':');
  if (kind === 'gemeente' && code) return { role: 'toegang', gemeente: code };
  if (kind === 'aanbieder' && code) return { role: 'aanbieder', agb: code };
  return null;
}

/** Which header element names the sender, and whether the authenticated organisation is it. */
export function senderProblem(soort: Heenberichtsoort, afzender: Afzender, header: { afzender: string }): Foutmelding | null {
  if (soort === 'JW301' || soort === 'JW319') {
    if (afzender.role !== 'toegang')
      return soort === 'JW301'
        ? nietBevoegd(
            'alleen een gemeente (toegang) verstuurt een JW301-toewijzing',
            'only a gemeente (toegang) may send a JW301 toewijzing',
          )
        : nietBevoegd('alleen een gemeente (toegang) verstuurt een JW319-antwoordbericht', 'only a gemeente (toegang) may send a JW319');
    if (afzender.gemeente !== header.afzender) {
      return nietBevoegd(
        `u bent aangemeld als gemeente ${afzender.gemeente} en kunt geen bericht met Afzender ${header.afzender} versturen`,
        `you are authenticated as gemeente ${afzender.gemeente} and may not send a bericht with Afzender ${header.afzender}`,
      );
    }
    return null;
  }
  if (afzender.role !== 'aanbieder')
    return nietBevoegd(`alleen een aanbieder verstuurt een ${soort}`, `only an aanbieder may send a ${soort}`);
  if (afzender.agb !== header.afzender) {
    return nietBevoegd(
      `u bent aangemeld als aanbieder ${afzender.agb} en kunt geen bericht met Afzender ${header.afzender} versturen`,
      `you are authenticated as aanbieder ${afzender.agb} and may not send a bericht with Afzender ${header.afzender}`,
    );
  }
  return null;
}

function nietBevoegd(toelichting: string, message: string): Foutmelding {
  return { code: 'NIET_BEVOEGD', toelichting: `Niet bevoegd: ${toelichting}.`, message: `not authorised: ${message}` };
}

/** Who sent a payload, from its token: the sender, or the foutmelding NIET_BEVOEGD that refuses it. */
export interface Authentication {
  afzender: Afzender | null;
  authProblem: Foutmelding | null;
}

export class IngestPipeline {
  private readonly sealer: Sealer;
  /** The BSN store (BSN_KEYS; docs/security.md): null when no key is configured, then no BSN is kept. */
  private readonly bsnVault: BsnVault | null;
  /** The retour bericht in plain text of the rows decided in this process, by row (see retourText). */
  private readonly retourPlain = new WeakMap<HeenRow, string>();

  /** Told of every call's payloads and decisions (the ingest metrics, ingest-metrics.ts). */
  observe?: (payloads: readonly Pick<IncomingPayload, 'source'>[], outcomes: readonly BerichtOutcome[]) => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PlatformConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.sealer = new Sealer(config.pseudonymSecret);
    const ring = bsnKeyRing();
    this.bsnVault = ring ? new BsnVault(ring) : null;
  }

  /**
   * The sender a payload's token names, or the reason it may not publish. The token is an access token of the
   * OpenID provider or, in the demo mode, a local HS256 token (libs/platform/src/oidc/verifier.ts); a provider whose
   * keys cannot be fetched throws AuthUnavailableError (the consumer retries it as an outage).
   */
  async authenticate(authorization: string | undefined): Promise<Authentication> {
    try {
      // Expiry is checked against the wall clock, not the (producer-chosen) record time, so a back-dated record
      // cannot revive an expired token.
      const { principal } = await tokenVerifier(this.config).verify(authorization, this.now().getTime());
      const afzender = publishingAfzender(principal);
      return afzender
        ? { afzender, authProblem: null }
        : {
            afzender: null,
            authProblem: {
              code: 'NIET_BEVOEGD',
              toelichting: `Niet bevoegd: de rol ${principal.role} verstuurt geen berichten.`,
              message: mayNotPublish(principal),
            },
          };
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return {
        afzender: null,
        authProblem: { code: 'NIET_BEVOEGD', toelichting: `Niet aangemeld: ${error.message}.`, message: error.message },
      };
    }
  }

  /** A keyed hash of the content: tells a true repeat from a reused Identificatie without keeping anything readable. */
  private contentHash(value: unknown): string {
    return createHmac('sha256', this.config.pseudonymSecret).update(canonicalJson(value)).digest('hex');
  }

  /** Stateless steps for one payload: read, check levels 1–2, the sender of its (already checked) token, pseudonymise. */
  intake(payload: IncomingPayload, authentication: Authentication): Candidate[] {
    const { afzender, authProblem } = authentication;
    const sender = afzender ? afzenderId(afzender) : 'onbekend';
    const today = dutchDate(payload.receivedAt);
    let read: ReturnType<typeof ontvang>;
    try {
      read = ontvang(payload.raw, { today, maxBytes: this.config.maxMessageBytes });
    } catch (error) {
      // A reader bug must never block a partition: the payload is refused with the reason.
      read = {
        ok: false,
        foutmelding: {
          code: 'ONLEESBAAR',
          toelichting: 'Het bericht kon niet gelezen worden.',
          message: `the payload could not be read: ${(error as Error).message}`,
        },
      };
    }
    if (!read.ok)
      return [this.refused(`${sender}|ref:${payload.reference}`, afzender, sender, null, authProblem ?? read.foutmelding, payload)];
    return read.berichten.map((bericht, index) => {
      const ref = `${sender}|ref:${payload.reference}${read.ok && read.berichten.length > 1 ? `#${index}` : ''}`;
      if (isVerzoekBerichtcode(bericht.soort) && bericht.verzoek && bericht.json && !bericht.foutmelding) {
        // JW315/JW317/JW319 (issue 17): the same path, with the flat messages of the request side.
        if (authProblem) return this.refused(ref, afzender, sender, bericht.soort, authProblem, payload);
        const { verzoek, json, soort } = bericht;
        const notSender = senderProblem(soort, afzender!, verzoek.header);
        if (notSender) return this.refused(ref, afzender, sender, soort, notSender, payload);
        const verzoeken = verzoek.regels.map((r) => pseudonymiseVerzoek(r, this.config.pseudonymSecret) as PseudonymisedVerzoek);
        const first = verzoeken[0];
        const pseudonym = first && first.berichtcode !== 'JW319' ? first.client.pseudonym : '';
        return {
          id: `${sender}|${soort}|${verzoek.header.identificatie}`,
          afzender,
          sender,
          soort,
          identificatie: verzoek.header.identificatie,
          gemeente: first?.gemeente ?? null,
          aanbieder: first?.aanbieder ?? null,
          json,
          regels: [],
          verzoeken,
          bevindingen: bericht.bevindingen,
          foutmelding: null,
          hash: this.contentHash({ soort, json: withoutBsn(json, pseudonym) }),
          payload,
        };
      }
      if (authProblem) return this.refused(ref, afzender, sender, bericht.soort ?? null, authProblem, payload);
      if (bericht.foutmelding || !(bericht.heenbericht || bericht.verzoek) || !bericht.json || !bericht.soort) {
        const melding = bericht.foutmelding ?? {
          code: 'ONLEESBAAR' as const,
          toelichting: 'Het bericht kon niet gelezen worden.',
          message: 'unreadable',
        };
        // A readable, valid header of this very sender gets a header-only retour 0001 beside the foutmelding.
        const header = bericht.headerJson && bericht.soort ? bericht.headerJson : null;
        const headerAfzender = header && typeof header.afzender === 'string' ? header.afzender : null;
        if (header && headerAfzender !== null && bericht.soort) {
          const notSender = senderProblem(bericht.soort, afzender!, { afzender: headerAfzender });
          if (notSender) return this.refused(ref, afzender, sender, bericht.soort, notSender, payload);
          return this.refused(ref, afzender, sender, bericht.soort, melding, payload, header);
        }
        return this.refused(ref, afzender, sender, bericht.soort ?? null, melding, payload);
      }
      const { heenbericht, json } = bericht;
      const soort = bericht.soort as Berichtcode;
      if (!heenbericht)
        return this.refused(
          ref,
          afzender,
          sender,
          soort,
          { code: 'ONLEESBAAR', toelichting: 'Het bericht kon niet gelezen worden.', message: 'unreadable' },
          payload,
        );
      const notSender = senderProblem(soort, afzender!, heenbericht.header);
      if (notSender) return this.refused(ref, afzender, sender, soort, notSender, payload);
      const regels = heenbericht.regels.map((r) => pseudonymiseBericht(r, this.config.pseudonymSecret) as PseudonymisedBericht);
      const first = regels[0];
      return {
        id: `${sender}|${soort}|${heenbericht.header.identificatie}`,
        afzender,
        sender,
        soort,
        identificatie: heenbericht.header.identificatie,
        gemeente: first?.gemeente ?? null,
        aanbieder: first?.aanbieder ?? null,
        json,
        regels,
        bevindingen: bericht.bevindingen,
        foutmelding: null,
        hash: this.contentHash({ soort, json: withoutBsn(json, regels[0]?.client.pseudonym ?? '') }),
        payload,
      };
    });
  }

  private refused(
    id: string,
    afzender: Afzender | null,
    sender: string,
    soort: Heenberichtsoort | null,
    foutmelding: Foutmelding,
    payload: IncomingPayload,
    header?: IjwJson,
  ): Candidate {
    // Only what is safe to keep: never the raw payload, which may hold a BSN (the header holds none).
    const hash = this.contentHash({ id, code: foutmelding.code, problemen: (foutmelding.problemen ?? []).map((p) => p.pad) });
    const identificatie = header ? String((header.berichtIdentificatie as IjwJson).identificatie) : null;
    return {
      id,
      afzender,
      sender,
      soort,
      identificatie,
      gemeente: null,
      aanbieder: null,
      json: header ? { header } : null,
      regels: [],
      bevindingen: [],
      foutmelding,
      hash,
      payload,
    };
  }

  /** Processes many payloads in one transaction. Returns one outcome per bericht, in order. */
  async process(payloads: IncomingPayload[]): Promise<BerichtOutcome[]> {
    const candidates: Candidate[] = [];
    // one check per distinct token in the batch (a producer sends many records with the same one)
    const checked = new Map<string | undefined, Promise<Authentication>>();
    for (const payload of payloads) {
      let authentication = checked.get(payload.authorization);
      if (!authentication) checked.set(payload.authorization, (authentication = this.authenticate(payload.authorization)));
      const taken = this.intake(payload, await authentication);
      if (this.config.ijwXsdDir) await this.applyOfficialXsd(payload, taken);
      candidates.push(...taken);
    }
    const outcomes = await this.record(candidates);
    this.observe?.(payloads, outcomes);
    return outcomes;
  }

  /**
   * With IJW_XSD_DIR set, an XML bericht that passed the platform's own structural check is also validated against
   * the official XSDs; a problem found there refuses it at controleniveau 1 like any other (foutmelding).
   */
  private async applyOfficialXsd(payload: IncomingPayload, candidates: Candidate[]): Promise<void> {
    const text = payload.raw === null ? '' : typeof payload.raw === 'string' ? payload.raw : payload.raw.toString('utf8');
    if (!text.trimStart().startsWith('<') || candidates.length !== 1) return;
    const c = candidates[0]!;
    if (c.foutmelding || !c.soort || !c.json) return;
    const problems = await validateWithOfficialXsd(text.replace(/^\uFEFF/, ''), c.soort, this.config.ijwXsdDir);
    if (!problems || problems.length === 0) return;
    const header = c.json.header as IjwJson;
    candidates[0] = this.refused(
      `${c.sender}|ref:${payload.reference}`,
      c.afzender,
      c.sender,
      c.soort,
      {
        code: 'STRUCTUUR',
        toelichting: `Het bericht (${c.soort}) voldoet niet aan de officiële XSD's (IJW_XSD_DIR): ${problems
          .slice(0, 3)
          .map((p) => p.toelichting)
          .join('; ')}`,
        message: `the bericht (${c.soort}) does not follow the official XSDs (IJW_XSD_DIR): ${problems
          .slice(0, 3)
          .map((p) => p.message)
          .join('; ')}`,
        problemen: problems,
      },
      payload,
      header,
    );
  }

  /**
   * Records the refusal of a payload that was never read: over HTTP, a body larger than MAX_MESSAGE_BYTES is cut off
   * by the body reader. Only the foutmelding is kept, never any of the payload's bytes.
   */
  async refuse(payload: Omit<IncomingPayload, 'raw'>, foutmelding: Foutmelding): Promise<BerichtOutcome[]> {
    const { afzender } = await this.authenticate(payload.authorization);
    const sender = afzender ? afzenderId(afzender) : 'onbekend';
    const outcomes = await this.record([
      this.refused(`${sender}|ref:${payload.reference}`, afzender, sender, null, foutmelding, { ...payload, raw: null }),
    ]);
    this.observe?.([payload], outcomes);
    return outcomes;
  }

  /** The earlier decision of a bericht (for a repeat, and for GET over HTTP). */
  async earlier(sender: string, referentie: string, manager: EntityManager = this.dataSource.manager): Promise<BerichtOutcome[]> {
    const rows = await new HeenberichtRepository(manager).byReferentie(sender, referentie);
    if (rows.length > 0 || referentie.startsWith('ref:')) return rows.map((r) => this.outcomeOf(r, true));
    // A message recorded before iJw 3.2 conformance (legacy row): its decision, without retour bericht.
    const legacy = await new BerichtRepository(manager).legacyDecisions(sender, referentie);
    return legacy.map((r) => {
      const bevindingen: Bevinding[] = r.retourcodes.map((p) => ({
        retourcode: p.code,
        regel: 'vóór iJw 3.2',
        niveau: 2,
        klasse: 'header',
        toelichting: p.message,
      }));
      return {
        referentie,
        identificatie: null,
        berichtcode: r.berichtcode,
        status: r.status,
        herhaald: true,
        bevindingen,
        toelichtingen: [],
        foutmelding: null,
        retour: null,
      };
    });
  }

  private outcomeOf(row: HeenRow, herhaald: boolean): BerichtOutcome {
    const retour = row.retour_sealed
      ? { soort: row.retour_soort!, identificatie: row.retour_identificatie!, xml: this.retourText(row) }
      : null;
    return {
      referentie: referentieOf(row),
      identificatie: row.identificatie,
      berichtcode: row.berichtcode,
      status: row.status,
      herhaald,
      bevindingen: row.bevindingen,
      toelichtingen: explainRetour(row.bevindingen),
      foutmelding: row.foutmelding ?? null,
      retour,
    };
  }

  /**
   * The retour bericht of a row in plain text: the text this pipeline wrote (kept beside the row while it is decided,
   * never in a column or a statement parameter), else the sealed column opened (a row read from the table).
   */
  private retourText(row: HeenRow): string {
    return this.retourPlain.get(row) ?? this.sealer.open(row.retour_sealed!);
  }

  private async record(candidates: Candidate[]): Promise<BerichtOutcome[]> {
    if (candidates.length === 0) return [];
    // The retour of an acceptance is written and sealed before the transaction, outside the toewijzingen' advisory locks
    // (it needs no history): most berichten are accepted, and the other consumed partition waits for these locks.
    for (const c of candidates) {
      if (!c.foutmelding && c.bevindingen.length === 0 && c.json && c.soort) c.acceptedRetour = this.writeRetour(c.soort, c.json, []);
    }
    // First without waiting for another transaction (decideWithLocks: the berichten of a toewijzing that another
    // transaction holds, and every later one that shares a lock with them, are left for the next round), then what was
    // left, waiting for those locks. So the berichten of the other consumed partition block only what they share.
    let pending = candidates;
    for (let wait = false; pending.length > 0; wait = true) pending = await this.decideWithLocks(pending, wait);
    return candidates.map((c) => c.outcome!);
  }

  /**
   * Decides and stores candidates in one transaction under the advisory locks of their toewijzingen (and of the request
   * side's keys). With `wait` it waits for every lock; without, it takes the locks it can get at once (tryLock): a
   * candidate with a lock another transaction holds is left undecided, and so is every later candidate that shares a
   * lock or its heenbericht id with a candidate left (so per toewijzing the order of arrival stays the order of
   * decision). Returns the candidates left, in their order.
   */
  private async decideWithLocks(all: Candidate[], wait: boolean): Promise<Candidate[]> {
    return this.dataSource.transaction(async (manager) => {
      const heen = new HeenberichtRepository(manager);
      const berichten = new BerichtRepository(manager);
      // the request side (issue 17): the toewijzingen a JW317 names (TR349: also those of its client), and the locks of
      // its rules
      const perClient = await this.clientToewijzingen(
        berichten,
        all.flatMap((c) => c.verzoeken ?? []),
        new Set(),
      );
      const keysOf = new Map(all.map((c) => [c, lockKeysOf(c, perClient)]));
      const allLocks = [...new Set(all.flatMap((c) => [...keysOf.get(c)!.locks]))];
      const candidates: Candidate[] = [];
      const left: Candidate[] = [];
      if (wait) {
        await berichten.lockToewijzingen(allLocks);
        candidates.push(...all);
      } else {
        const held = await berichten.tryLockToewijzingen(allLocks);
        const leftIds = new Set<string>();
        for (const c of all) {
          const { locks } = keysOf.get(c)!;
          if (held.size > 0 && (leftIds.has(c.id) || [...locks].some((k) => held.has(k)))) {
            left.push(c);
            leftIds.add(c.id);
            for (const k of locks) held.add(k);
          } else candidates.push(c);
        }
        if (candidates.length === 0) return left;
      }
      const keys = new Set(candidates.flatMap((c) => [...keysOf.get(c)!.history]));
      const verzoeken = candidates.flatMap((c) => c.verzoeken ?? []);
      const toewijzingRegels = candidates.flatMap((c) => c.regels);
      const existing = new Map((await heen.withIdsAndConflicts(candidates)).map((r) => [r.id, r]));
      const history = await this.loadHistory(berichten, [...keys]);
      const boek = await VerzoekBoek.load(new VerzoekBerichtRepository(manager), verzoeken, toewijzingRegels);
      if (perClient) boek.kentToewijzingenVan(perClient);
      const rows: HeenRow[] = [];
      const accepted: { row: HeenRow; regels: PseudonymisedBericht[] }[] = [];
      const seen = new Map<string, string>();
      const releasedKeys = new Set<string>();
      for (const c of candidates) {
        const before = existing.get(c.id);
        const previousHash = before?.content_hash ?? seen.get(c.id);
        if (previousHash !== undefined) {
          if (previousHash === c.hash) {
            c.outcome = before ? this.outcomeOf(before, true) : { ...this.pendingOutcome(c), herhaald: true };
            continue;
          }
          // TR056: the same Identificatie for another bericht of this berichtsoort: refused at once, 9056 on the header.
          const conflict: Bevinding = {
            retourcode: '9056',
            regel: 'TR056',
            niveau: 3,
            klasse: 'header',
            pad: 'Header/BerichtIdentificatie/Identificatie',
            toelichting:
              `De Identificatie ${c.identificatie} is al gebruikt voor een ander ${c.soort}-bericht van deze afzender; ` +
              'elk bericht krijgt een eigen Identificatie.',
          };
          const conflictId = conflictIdOf(c.id, c.hash);
          if (existing.has(conflictId) || seen.has(conflictId)) {
            const earlier = existing.get(conflictId);
            c.outcome = earlier ? this.outcomeOf(earlier, true) : { ...this.pendingOutcome(c), herhaald: true };
            continue;
          }
          c.id = conflictId;
          c.bevindingen = [conflict];
          c.regels = [];
          if (c.verzoeken) c.verzoeken = [];
        }
        seen.set(c.id, c.hash);
        const row = this.decide(c, history, false, undefined, boek);
        rows.push(row);
        c.outcome = this.outcomeOf(row, false);
        if (row.status === 'geaccepteerd') {
          boek.accept(row.id, row.afzender, row.received_at, [...(c.verzoeken ?? []), ...c.regels]);
          accepted.push({ row, regels: c.regels });
          for (const r of c.regels) {
            const list = history.get(keyOf(r)) ?? [];
            list.push(r);
            history.set(keyOf(r), list);
            if (r.berichtcode === 'JW301') releasedKeys.add(keyOf(r));
          }
          for (const k of VerzoekBoek.releases([...(c.verzoeken ?? []), ...c.regels])) releasedKeys.add(k);
        }
      }
      await heen.insert(rows);
      await berichten.insertAccepted(accepted);
      // issue 18: the BSN of every accepted JW301, encrypted for its gemeente (libs/platform/src/bsn), in this transaction
      const toewijzingen = candidates.filter((c) => c.soort === 'JW301' && c.outcome?.status === 'geaccepteerd');
      await this.bsnVault?.store(manager, storedBsns(toewijzingen));
      await new VerzoekBerichtRepository(manager).insert(boek.rows);
      await enqueueOutbox(manager, [...rows.flatMap((r) => this.outboxFor(r))]);
      if (releasedKeys.size > 0) await this.releaseHeld(manager, [...releasedKeys], false);
      return left;
    });
  }

  private pendingOutcome(c: Candidate): BerichtOutcome {
    return {
      referentie: referentieOf(c),
      identificatie: c.identificatie,
      berichtcode: c.soort,
      status: 'afgewezen',
      herhaald: false,
      bevindingen: c.bevindingen,
      toelichtingen: explainRetour(c.bevindingen),
      foutmelding: c.foutmelding,
      retour: null,
    };
  }

  /**
   * Decides one bericht: a foutmelding or a level-2/4 finding refuses it at once; otherwise controleniveau 3 against
   * the history. Only TR019 (toewijzing unknown) and TR355 (a JW319's verzoek unknown) can hold it, while the hold
   * has not ended.
   */
  private decide(
    c: Candidate,
    history: Map<string, PseudonymisedBericht[]>,
    holdExpired: boolean,
    receivedAt?: string,
    boek?: VerzoekBoek,
  ): HeenRow {
    const nowIso = this.now().toISOString();
    let bevindingen = c.bevindingen;
    let status: BerichtStatus = c.foutmelding || bevindingen.length > 0 ? 'afgewezen' : 'geaccepteerd';
    let wachtOp: string[] = [];
    if (status === 'geaccepteerd' && c.verzoeken && isVerzoekBerichtcode(c.soort)) {
      // JW315/JW317/JW319: the level-3 rules of the request side. A finding that may be due only to the order of arrival
      // holds the bericht, as a start waits for its toewijzing (VerzoekBoek.wachtOp): a JW319 before its verzoek
      // (TR355), a JW317 before its toewijzing (TR350/TR351), a verzoek before the decision of the earlier one (TR374).
      // When the hold ends it is refused with those findings (9355, 9351, 9374).
      if (!boek) throw new Error('a bericht of the request side is decided without its VerzoekBoek');
      // the history as it stood at the bericht's receipt (a held bericht is decided late: what was decided after it
      // was received does not count against it)
      const at = receivedAt ?? c.payload.receivedAt.toISOString();
      const found = boek.check({ soort: c.soort, verzoeken: c.verzoeken }, (key) => history.get(key) ?? [], at);
      if (found.length > 0) {
        const hasToewijzing = (key: string): boolean => (history.get(key) ?? []).some((m) => m.berichtcode === 'JW301');
        const waits = boek.wachtOp({ soort: c.soort, verzoeken: c.verzoeken }, found, hasToewijzing, at);
        if (waits.length > 0 && !holdExpired) {
          status = 'wachtend';
          wachtOp = [...new Set(waits)];
        } else status = 'afgewezen';
        bevindingen = found;
      }
    } else if (status === 'geaccepteerd' && c.soort) {
      const found = checkHistorie(c.regels, (key) => history.get(key) ?? []);
      // Only a start/stop whose toewijzing is not known at all waits (messages of different senders arrive in any
      // order); one for a toewijzing of another aanbieder or client, a withdrawn one or without number is refused now.
      // Every finding on a product of an unknown toewijzing waits with it: a stop after a start that is itself still
      // held finds no current start (TR382) only because of the order of arrival; it is decided after that start.
      const waitsFor = (b: Bevinding): string | null => {
        const regel = c.soort !== 'JW301' && b.productIndex !== undefined ? c.regels[b.productIndex] : undefined;
        if (!regel?.toewijzingNummer) return null;
        return (history.get(keyOf(regel)) ?? []).some((m) => m.berichtcode === 'JW301') ? null : keyOf(regel);
      };
      const waits = found.map(waitsFor);
      if (found.length > 0) {
        if (waits.every((k) => k !== null) && !holdExpired) {
          status = 'wachtend';
          wachtOp = [...new Set(waits as string[])];
          bevindingen = found;
        } else {
          status = 'afgewezen';
          bevindingen = found;
        }
      }
    }
    const row: HeenRow = {
      id: c.id,
      afzender: c.sender,
      berichtcode: c.soort,
      identificatie: c.identificatie,
      gemeente: c.gemeente,
      aanbieder: c.aanbieder,
      content_hash: c.hash,
      status,
      bevindingen,
      foutmelding: c.foutmelding,
      regels: c.regels.length ? c.regels : null,
      wacht_op: wachtOp,
      heen_sealed: status === 'wachtend' && c.json ? this.sealer.seal(JSON.stringify(c.json)) : null,
      retour_soort: null,
      retour_identificatie: null,
      retour_sealed: null,
      source: c.payload.source,
      received_at: receivedAt ?? c.payload.receivedAt.toISOString(),
      decided_at: status === 'wachtend' ? null : nowIso,
      // The hold runs in processing time (a back-dated history must still get its grace period).
      hold_until:
        status === 'wachtend' ? new Date(this.now().getTime() + this.config.unknownToewijzingGraceSeconds * 1000).toISOString() : null,
    };
    if (status !== 'wachtend' && c.json && c.soort)
      this.attachRetour(row, c.soort, c.json, c.foutmelding ? [NIVEAU_1] : row.bevindingen, c.acceptedRetour);
    if (status === 'geaccepteerd' && c.verzoeken) row.verzoeken = c.verzoeken;
    return row;
  }

  /** Writes the retour bericht (IV028) and seals it into the row (an acceptance's retour may be written before). */
  private attachRetour(row: HeenRow, soort: Heenberichtsoort, json: IjwJson, bevindingen: Bevinding[], written?: WrittenRetour): void {
    const retour =
      row.status === 'geaccepteerd' && written ? written : this.writeRetour(soort, json, row.status === 'geaccepteerd' ? [] : bevindingen);
    row.retour_soort = retour.soort;
    row.retour_identificatie = retour.identificatie;
    row.retour_sealed = retour.sealed;
    this.retourPlain.set(row, retour.xml);
  }

  /** The retour bericht of a heenbericht with these findings (none: accepted), its XML and the XML sealed. */
  private writeRetour(soort: Heenberichtsoort, json: IjwJson, bevindingen: Bevinding[]): WrittenRetour {
    const identificatie = retourIdentificatie();
    const retour = buildRetour({ soort, json }, bevindingen, {
      identificatieRetour: identificatie,
      dagtekeningRetour: dutchDate(this.now()),
    });
    const xml = retourXml(retour);
    return { soort: retour.soort, identificatie, xml, sealed: this.sealer.seal(xml) };
  }

  /**
   * Decides held berichten: those whose toewijzing (or, for a JW319, whose verzoek) has arrived are decided on their
   * merits; those whose hold ended without it are rejected with 9019 (a JW319 with 9355). Run periodically (BullMQ
   * scheduler) and after every accepted JW301, JW315 and JW317.
   */
  async sweepHeld(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const waits = await new HeenberichtRepository(manager).decidableWaits(this.now().toISOString());
      if (waits.length === 0) return 0;
      return this.releaseHeld(manager, [...new Set(waits.flat())], true);
    });
  }

  private async releaseHeld(manager: EntityManager, keys: string[], expire: boolean): Promise<number> {
    const heen = new HeenberichtRepository(manager);
    const berichten = new BerichtRepository(manager);
    const rows = await heen.lockWaitingFor(keys);
    if (rows.length === 0) return 0;
    const candidateOf = (row: HeenRow): Candidate => {
      const json = row.heen_sealed ? openIjwJson(this.sealer.open(row.heen_sealed)) : null;
      const soort = row.berichtcode as Heenberichtsoort;
      // a held JW319 (TR355): its flat message again from its sealed tree (it has no client, so nothing to pseudonymise
      // but the form; pseudonymiseVerzoek keeps one path for every bericht of the request side)
      const verzoeken =
        json && isVerzoekBerichtcode(soort)
          ? toVerzoekbericht(soort, json).regels.map((r) => pseudonymiseVerzoek(r, this.config.pseudonymSecret) as PseudonymisedVerzoek)
          : undefined;
      return {
        id: row.id,
        afzender: parseAfzender(row.afzender),
        sender: row.afzender,
        soort,
        identificatie: row.identificatie,
        gemeente: row.gemeente,
        aanbieder: row.aanbieder,
        json,
        regels: row.regels ?? [],
        ...(verzoeken ? { verzoeken } : {}),
        bevindingen: [],
        foutmelding: null,
        hash: row.content_hash,
        payload: { raw: null, source: row.source as IncomingPayload['source'], reference: row.id, receivedAt: new Date(row.received_at) },
      };
    };
    const candidates = new Map(rows.map((row) => [row.id, candidateOf(row)]));
    const verzoeken = [...candidates.values()].flatMap((c) => c.verzoeken ?? []);
    const allKeys = new Set<string>(VerzoekBoek.toewijzingSleutels(verzoeken));
    for (const row of rows) for (const r of row.regels ?? []) allKeys.add(keyOf(r));
    const perClient = await this.clientToewijzingen(berichten, verzoeken, allKeys);
    await berichten.lockToewijzingen([...allKeys, ...VerzoekBoek.lockKeys(verzoeken, [])]);
    const history = await this.loadHistory(berichten, [...allKeys]);
    const verzoekRepository = new VerzoekBerichtRepository(manager);
    const boek = await VerzoekBoek.load(verzoekRepository, verzoeken, []);
    if (perClient) boek.kentToewijzingenVan(perClient);
    const now = this.now();
    const decided: HeenRow[] = [];
    const accepted: { row: HeenRow; regels: PseudonymisedBericht[] }[] = [];
    const heldFor = new Map<string, string[]>();
    // To a fixpoint: a held bericht is refused only when no other held bericht of this release was accepted after it
    // was tried, so the outcome does not depend on which of two held berichten (a start and its stop) arrived first.
    let pending = rows;
    for (;;) {
      let progressed = false;
      const refusedNow: { row: HeenRow; next: HeenRow }[] = [];
      for (const row of pending) {
        const expired = expire && row.hold_until !== null && new Date(row.hold_until).getTime() <= now.getTime();
        const c = candidates.get(row.id)!;
        const next = this.decide(c, history, expired, new Date(row.received_at).toISOString(), boek);
        if (next.status === 'wachtend') {
          // still held, perhaps for other keys (one of two it waited for came): keep wacht_op current, so the sweep
          // does not find it decidable again for a key that has come
          if ([...next.wacht_op].sort().join(',') !== [...row.wacht_op].sort().join(',')) heldFor.set(row.id, next.wacht_op);
          continue;
        }
        if (next.status === 'afgewezen') {
          refusedNow.push({ row, next });
          continue;
        }
        progressed = true;
        decided.push(next);
        accepted.push({ row: next, regels: next.regels ?? [] });
        if (c.verzoeken) boek.accept(next.id, next.afzender, next.received_at, c.verzoeken);
        for (const r of next.regels ?? []) {
          const list = history.get(keyOf(r)) ?? [];
          list.push(r);
          history.set(keyOf(r), list);
        }
      }
      if (!progressed) {
        decided.push(...refusedNow.map((r) => r.next));
        break;
      }
      pending = refusedNow.map((r) => r.row);
    }
    for (const d of decided) heldFor.delete(d.id);
    const stillHeld = [...heldFor].map(([id, wachtOp]) => ({ id, wacht_op: wachtOp }));
    if (decided.length === 0) {
      if (stillHeld.length > 0) await heen.updateWachtOp(stillHeld);
      return 0;
    }
    await heen.markDecided(decided);
    await berichten.insertAccepted(accepted);
    await verzoekRepository.insert(boek.rows);
    await enqueueOutbox(
      manager,
      decided.flatMap((d) => this.outboxFor(d)),
    );
    // a held JW317 or JW319 accepted now releases what is held for it, as in record() (VerzoekBoek.releases)
    if (stillHeld.length > 0) await heen.updateWachtOp(stillHeld);
    const next = new Set(accepted.flatMap((d) => VerzoekBoek.releases(candidates.get(d.row.id)?.verzoeken ?? [])));
    return decided.length + (next.size > 0 ? await this.releaseHeld(manager, [...next], false) : 0);
  }

  private outboxFor(row: HeenRow): OutboxMessage[] {
    const out: OutboxMessage[] = [];
    if (row.status === 'geaccepteerd') {
      for (const regel of row.regels ?? []) {
        const message: GeaccepteerdRecord = {
          ...regel,
          ontvangst: { afzender: row.afzender, ontvangenOp: row.received_at, bron: row.source },
        };
        out.push({ topic: TOPICS.geaccepteerd, key: geaccepteerdKey(message), payload: encodeGeaccepteerd(message) });
      }
      for (const verzoek of row.verzoeken ?? []) {
        // a JW319 carries the pseudonym of the verzoek it answers (set by VerzoekBoek.check; TR355 guarantees one: a
        // JW319 without its verzoek is held, and refused when its hold ends)
        const message = {
          ...verzoek,
          ontvangst: { afzender: row.afzender, ontvangenOp: row.received_at, bron: row.source },
        } as GeaccepteerdVerzoek;
        out.push({ topic: TOPICS.geaccepteerd, key: geaccepteerdKey(message), payload: encodeGeaccepteerd(message) });
      }
    }
    if (row.status === 'wachtend') return out;
    const retour = row.retour_sealed ? this.retourText(row) : null;
    const base = {
      afzender: row.afzender,
      berichtcode: row.berichtcode,
      identificatie: row.identificatie,
      referentie: referentieOf(row),
      status: row.status,
      retourSoort: row.retour_soort,
      retourIdentificatie: row.retour_identificatie,
      retourXml: retour,
      toelichtingen: explainRetour(row.bevindingen),
    };
    const receipt = { ontvangenOp: row.received_at, bron: row.source };
    const record: RetourRecord = row.foutmelding
      ? {
          type: 'foutmelding',
          ...base,
          foutmelding: { code: row.foutmelding.code, toelichting: row.foutmelding.toelichting, message: row.foutmelding.message },
          ...receipt,
        }
      : { type: 'retour', ...base, ...receipt };
    out.push({ topic: TOPICS.retour, key: row.afzender, payload: encodeRetour(record) });
    return out;
  }

  /**
   * TR349: the toewijzingen of the JW317s' clients (each at its aanbieder in its gemeente), loaded by client; their keys
   * join `keys`, so they are locked and their history loaded with the others. Null without a JW317. (Read before the
   * locks: a JW301 of a new toewijzing of the client committed in between by another instance is not seen, and the JW317
   * is not refused for leaving it out — the lenient side.)
   */
  private async clientToewijzingen(
    berichten: BerichtRepository,
    verzoeken: readonly PseudonymisedVerzoek[],
    keys: Set<string>,
  ): Promise<Map<string, string[]> | null> {
    const clienten = VerzoekBoek.clientSleutels(verzoeken);
    if (clienten.length === 0) return null;
    const perClient = await berichten.toewijzingenVanClienten(clienten);
    for (const list of perClient.values()) for (const k of list) keys.add(k);
    return perClient;
  }

  /** Every accepted product of the given toewijzingen (gemeente|nummer), oldest first: the history of controleniveau 3. */
  private async loadHistory(berichten: BerichtRepository, keys: string[]): Promise<Map<string, PseudonymisedBericht[]>> {
    const history = new Map<string, PseudonymisedBericht[]>();
    for (const message of await berichten.acceptedOf(keys)) {
      const list = history.get(keyOf(message)) ?? [];
      list.push(message);
      history.set(keyOf(message), list);
    }
    return history;
  }
}

/**
 * Where the sender finds a decision again: the Identificatie for a bericht that was read and checked, `ref:<carrier
 * reference>` for a payload refused before that (controleniveau 1 or not authorised: OP286, it counts as not sent,
 * so its Identificatie stays free).
 */
/**
 * The keys of a candidate: `history`, the toewijzingen (gemeente|nummer) whose accepted products its decision reads (its
 * own products', the toewijzingen its JW317 names and, for TR349, those of its client at that aanbieder); `locks`,
 * those and the request side's keys (VerzoekBoek.lockKeys), the advisory locks it is decided under.
 */
function lockKeysOf(c: Candidate, perClient: Map<string, string[]> | null): { history: Set<string>; locks: Set<string> } {
  const verzoeken = c.verzoeken ?? [];
  const history = new Set<string>(c.regels.map(keyOf));
  for (const k of VerzoekBoek.toewijzingSleutels(verzoeken)) history.add(k);
  for (const triple of VerzoekBoek.clientSleutels(verzoeken)) for (const k of perClient?.get(triple) ?? []) history.add(k);
  return { history, locks: new Set([...history, ...VerzoekBoek.lockKeys(verzoeken, c.regels)]) };
}

/** The JSON form of a held heenbericht, as this pipeline sealed it, checked on the way back (never cast). */
function openIjwJson(text: string): IjwJson {
  const value: unknown = JSON.parse(text);
  if (!isIjwJson(value)) throw new Error('a held heenbericht is not sealed in the JSON form of an iJw bericht');
  return value;
}

function isIjwJson(value: unknown): value is IjwJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (v) => typeof v === 'string' || (Array.isArray(v) ? v.every((x) => typeof x === 'string' || isIjwJson(x)) : isIjwJson(v)),
  );
}

function referentieOf(row: Pick<HeenRow, 'id' | 'identificatie'>): string {
  const at = row.id.indexOf('|ref:');
  return at >= 0 ? row.id.slice(at + 1) : row.identificatie!;
}

/** The tree with the BSN replaced by the pseudonym: what the content hash covers. */
function withoutBsn(json: IjwJson, pseudonym: string): unknown {
  const client = json.client as IjwJson | undefined;
  if (!client || typeof client !== 'object' || Array.isArray(client)) return json;
  return { ...json, client: { ...client, bsn: pseudonym } };
}

/** IdentificatieRetour: 12 characters (LDT_IdentificatieBericht allows 1–12), random, as the standard's example. */
export function retourIdentificatie(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}

export const newReference = (): string => randomUUID();

/**
 * The BSNs an accepted JW301 gives its gemeente (one Client per bericht): pseudonym and gemeente from its flat
 * products, the BSN from its tree (the JSON form's client.bsn), for the BSN store.
 */
function storedBsns(accepted: readonly Pick<Candidate, 'json' | 'regels'>[]): { gemeente: string; pseudonym: string; bsn: string }[] {
  return accepted.flatMap((c) => {
    const client = c.json?.client;
    const bsn = client && typeof client === 'object' && !Array.isArray(client) ? client.bsn : undefined;
    const first = c.regels[0];
    return typeof bsn === 'string' && first ? [{ gemeente: first.gemeente, pseudonym: first.client.pseudonym, bsn }] : [];
  });
}
