import type { EntityManager } from 'typeorm';
import { sameJson, verzoekSleutel } from '@trajectwacht/ijw';
import { encodeVerzoekEvent } from '@trajectwacht/contracts';
import { TOPICS, enqueueOutbox, type OutboxMessage } from '@trajectwacht/platform';
import {
  deriveVerzoek,
  diffVerzoek,
  type AcceptedMessage,
  type AcceptedVerzoekMessage,
  type VerzoekInput,
  type VerzoekState,
} from '@trajectwacht/trajectory';
import { VerzoekRepository } from './verzoek.repository';

/** The verzoek a message belongs to (verzoekSleutel), or null: a JW301 without ReferentieAanbieder, a JW305/JW307. */
export function verzoekIdOf(m: AcceptedVerzoekMessage | AcceptedMessage): string | null {
  if (m.berichtcode === 'JW305' || m.berichtcode === 'JW307') return null;
  if (m.berichtcode === 'JW301' && !m.referentieAanbieder) return null;
  return verzoekSleutel(m.gemeente, m.aanbieder, m.referentieAanbieder!);
}

/**
 * The request side of the projection (issue 17): stores every message that belongs to a verzoek (verzoek_bericht),
 * derives each touched verzoek's state from ALL its messages (libs/trajectory deriveVerzoek, order-independent),
 * upserts `verzoek`, and enqueues the verzoek events (diffVerzoek) on trajectory.events.v1 through the outbox — in
 * the transaction of the caller (TrajectoryProjection.applyRecords, under its partition lock). Idempotent: a
 * redelivered message is stored once and changes no state.
 */
export async function applyVerzoeken(
  manager: EntityManager,
  messages: readonly (AcceptedVerzoekMessage | AcceptedMessage)[],
  publishEvents: boolean,
): Promise<number> {
  const incoming = new Map<string, { verzoekId: string; message: VerzoekInput }>();
  for (const m of messages) {
    const verzoekId = verzoekIdOf(m);
    if (verzoekId === null) continue;
    const id = `${m.ontvangst.afzender}|${m.berichtcode}|${m.berichtId}`;
    if (!incoming.has(id)) incoming.set(id, { verzoekId, message: m as VerzoekInput });
  }
  if (incoming.size === 0) return 0;
  const repository = new VerzoekRepository(manager);
  const ids = [...new Set([...incoming.values()].map((m) => m.verzoekId))];
  const stored = await repository.messagesOf(ids);
  const known = new Set(stored.map((r) => r.id));
  const fresh = [...incoming.entries()].filter(([id]) => !known.has(id));
  if (fresh.length === 0) return 0;
  const byVerzoek = new Map<string, VerzoekInput[]>();
  for (const r of stored) byVerzoek.set(r.verzoek_id, [...(byVerzoek.get(r.verzoek_id) ?? []), r.message]);
  for (const [, m] of fresh) byVerzoek.set(m.verzoekId, [...(byVerzoek.get(m.verzoekId) ?? []), m.message]);
  const before = new Map((await repository.states(ids)).map((r) => [r.id, r.state]));
  const changed: VerzoekState[] = [];
  const outbox: OutboxMessage[] = [];
  const occurredAt = new Date().toISOString();
  for (const id of new Set(fresh.map(([, m]) => m.verzoekId))) {
    const all = byVerzoek.get(id) ?? [];
    const state = deriveVerzoek(all);
    if (!state) continue; // a JW301 whose verzoek is not known (yet): kept, derived when it arrives
    const previous = before.get(id) ?? null;
    if (previous && sameJson(previous, state)) continue;
    changed.push(state);
    if (!publishEvents) continue;
    // business time: when the latest message of this verzoek arrived (the signals' clock, as for trajectory events)
    const eventTime = all.reduce((max, m) => (m.ontvangst.ontvangenOp > max ? m.ontvangst.ontvangenOp : max), '');
    for (const event of diffVerzoek(previous, state))
      outbox.push({
        topic: TOPICS.trajectoryEvents,
        key: state.clientPseudonym,
        payload: encodeVerzoekEvent(event, { occurredAt, eventTime }, state),
      });
  }
  await repository.insertMessages(
    fresh.map(([id, m]) => ({
      id,
      verzoekId: m.verzoekId,
      clientPseudonym: m.message.client.pseudonym,
      berichtcode: m.message.berichtcode,
      receivedAt: m.message.ontvangst.ontvangenOp,
      message: m.message,
    })),
  );
  await repository.upsert(changed);
  await enqueueOutbox(manager, outbox);
  return outbox.length;
}
