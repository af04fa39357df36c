/**
 * Issue 17: the simulated stream, initial load included, decided by the level-3 rules in ARRIVAL order, not only in
 * sending order. Records are keyed by sender, so each sender's berichten keep their order but those of different
 * senders (a gemeente's JW301/JW319, an aanbieder's JW315/JW317) arrive in any interleaving. The harness decides as
 * ingest does (apps/ingest/src/ingest.pipeline.ts decide/releaseHeld with its VerzoekBoek): a bericht whose findings
 * may be due to the order of arrival is held (VerzoekBoek.wachtOp) and decided again when what it waits for is
 * accepted (VerzoekBoek.releases, a JW301's toewijzing key); what is still held at the end is refused with its findings.
 * The simulator makes no deliberately wrong request-side berichten (its refusals are the gemeente's JW319s), so no
 * bericht may be refused: no 9351 (TR351), 9359 (TR359), 9374 (TR374), 9349 (TR349), nor any other level-3 code.
 */
import {
  checkHistorie,
  pseudonymiseBericht,
  pseudonymiseVerzoek,
  toewijzingSleutel,
  type Bevinding,
  type PseudonymisedBericht,
  type PseudonymisedVerzoek,
  type VerzoekBerichtcode,
} from '@trajectwacht/ijw';
import { VerzoekBoek } from '../../../apps/ingest/src/verzoek-boek';
import type { VerzoekBerichtRepository } from '../../../apps/ingest/src/verzoek-bericht.repository';
import { Rng } from './random';
import { isSimulatedVerzoek, senderKey, simulateRegion, type SimulatedTraffic } from './simulate';

const SECRET = 'arrival-order-spec-arrival-order-spec';
const DAY = 86_400_000;

interface Item {
  id: string;
  at: string;
  sender: string;
  scenario: string;
  initieel: boolean;
  soort: string;
  regels: PseudonymisedBericht[];
  verzoeken?: PseudonymisedVerzoek[];
}

/** The simulated traffic as berichten (consecutive messages with one Identificatie), pseudonymised as ingest does. */
function berichten(traffic: readonly SimulatedTraffic[]): Item[] {
  const out: Item[] = [];
  for (const m of traffic) {
    const identificatie = isSimulatedVerzoek(m) ? m.verzoek.identificatie : m.bericht.identificatie;
    const sender = senderKey(m.sender);
    let last = out[out.length - 1];
    if (!last || last.id !== `${sender}|${identificatie}`) {
      const soort = isSimulatedVerzoek(m) ? m.verzoek.berichtcode : m.bericht.berichtcode;
      last = { id: `${sender}|${identificatie}`, at: m.at, sender, scenario: m.scenario, initieel: !!m.initieel, soort, regels: [] };
      if (isSimulatedVerzoek(m)) last.verzoeken = [];
      out.push(last);
    }
    if (isSimulatedVerzoek(m)) last.verzoeken!.push(pseudonymiseVerzoek(m.verzoek, SECRET) as PseudonymisedVerzoek);
    else last.regels.push(pseudonymiseBericht(m.bericht, SECRET) as PseudonymisedBericht);
  }
  return out;
}

/** Per-sender FIFO, senders shifted against each other by up to `maxLagDays` (0: the sending order). */
function arrivalOrder(items: readonly Item[], maxLagDays: number, seed: number): Item[] {
  const rng = new Rng(seed);
  const lag = new Map<string, number>();
  const lagOf = (sender: string): number => {
    if (!lag.has(sender)) lag.set(sender, Math.floor(rng.next() * maxLagDays * DAY));
    return lag.get(sender)!;
  };
  return items
    .map((item, i) => ({ item, i, t: Date.parse(item.at) + lagOf(item.sender) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.item);
}

interface Refusal {
  soort: string;
  scenario: string;
  initieel: boolean;
  codes: string[];
}

/** Decides the berichten in this order as ingest does; returns the refused ones. */
async function decideAll(order: readonly Item[]): Promise<{ refused: Refusal[]; held: number; accepted: number }> {
  const repository = { relevant: async () => [] } as unknown as VerzoekBerichtRepository;
  const boek = await VerzoekBoek.load(repository, [], []);
  // TR349: every toewijzing of a client, as ingest loads it by client (accept() adds each JW301 it is given)
  boek.kentToewijzingenVan(new Map());
  const toewijzingen = new Map<string, PseudonymisedBericht[]>();
  const history = (key: string): PseudonymisedBericht[] => toewijzingen.get(key) ?? [];
  const held = new Map<string, { item: Item; keys: string[] }>();
  const refused: Refusal[] = [];
  let heldEver = 0;
  let accepted = 0;
  const refuse = (item: Item, found: readonly Bevinding[]): void => {
    refused.push({
      soort: item.soort,
      scenario: item.scenario,
      initieel: item.initieel,
      codes: [...new Set(found.map((b) => b.retourcode))],
    });
  };
  /** Accepted (the keys it releases), held (its keys), or refused. */
  const decide = (item: Item, expired: boolean): { status: 'accepted'; releases: string[] } | { status: 'held'; keys: string[] } | null => {
    if (!item.verzoeken) {
      // the toewijzing cycle: only the JW301s bear on the request side (TR350/TR351, TR359, TR374 through TR379)
      if (item.soort !== 'JW301') return { status: 'accepted', releases: [] };
      const found = checkHistorie(item.regels, history);
      if (found.length > 0) {
        refuse(item, found);
        return null;
      }
      for (const r of item.regels)
        toewijzingen.set(toewijzingSleutel(r.gemeente, r.toewijzingNummer!), [
          ...history(toewijzingSleutel(r.gemeente, r.toewijzingNummer!)),
          r,
        ]);
      boek.accept(item.id, item.sender, item.at, item.regels);
      return {
        status: 'accepted',
        releases: [...item.regels.map((r) => toewijzingSleutel(r.gemeente, r.toewijzingNummer!)), ...VerzoekBoek.releases(item.regels)],
      };
    }
    const kandidaat = { soort: item.soort as VerzoekBerichtcode, verzoeken: item.verzoeken };
    const found = boek.check(kandidaat, history, item.at);
    if (found.length === 0) {
      boek.accept(item.id, item.sender, item.at, item.verzoeken);
      return { status: 'accepted', releases: VerzoekBoek.releases(item.verzoeken) };
    }
    const keys = boek.wachtOp(kandidaat, found, (k) => history(k).some((m) => m.berichtcode === 'JW301'), item.at);
    if (keys.length > 0 && !expired) return { status: 'held', keys };
    refuse(item, found);
    return null;
  };
  const release = (keys: readonly string[]): void => {
    let queue = [...keys];
    while (queue.length > 0) {
      const released = new Set(queue);
      queue = [];
      const waiting = [...held.values()]
        .filter((h) => h.keys.some((k) => released.has(k)))
        .sort((a, b) => a.item.at.localeCompare(b.item.at));
      for (const h of waiting) {
        const outcome = decide(h.item, false);
        if (outcome?.status === 'held') {
          h.keys = outcome.keys;
          continue;
        }
        held.delete(h.item.id);
        if (outcome) {
          accepted++;
          queue.push(...outcome.releases);
        }
      }
    }
  };
  for (const item of order) {
    const outcome = decide(item, false);
    if (outcome?.status === 'held') {
      held.set(item.id, { item, keys: outcome.keys });
      heldEver++;
    } else if (outcome) {
      accepted++;
      release(outcome.releases);
    }
  }
  // the hold ends: what still waits is refused with its findings
  for (const h of [...held.values()]) decide(h.item, true);
  return { refused, held: heldEver, accepted };
}

describe('the simulated request side in arrival order (TR349, TR351, TR359, TR374 across senders and partitions)', () => {
  // the window begins with the initial load (care that began before `from`, re-sent at `from`) and runs 10 weeks
  const traffic = simulateRegion({ region: 'flevoland', seed: 1, from: '2025-10-28', to: '2026-01-05', scale: 0.4, verzoeken: true });
  const items = berichten(traffic);

  it('has the request side in it, initial load included', () => {
    const soorten = new Set(items.filter((i) => i.initieel).map((i) => i.soort));
    expect(soorten).toEqual(new Set(['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319']));
    expect(items.filter((i) => i.verzoeken).length).toBeGreaterThan(400);
  });

  it.each([
    ['sending order', 0, 1],
    ['senders up to 2 days apart', 2, 2],
    ['senders up to 20 days apart', 20, 3],
  ])('%s: no bericht refused (and some held when out of order)', async (_name, lagDays, seed) => {
    const { refused, held, accepted } = await decideAll(arrivalOrder(items, lagDays, seed));
    expect(refused).toEqual([]);
    expect(accepted).toBe(items.length);
    if (lagDays > 0) expect(held).toBeGreaterThan(0);
  });
});
