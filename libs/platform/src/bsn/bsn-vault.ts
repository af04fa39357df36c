import type { EntityManager } from 'typeorm';
import { BsnStoreRepository } from './bsn-store.repository';
import { BsnKeyError, decryptBsn, encryptBsn, newDataKey, rewrapDataKey, unwrapDataKey, wrappedKeyId, type KeyRing } from './envelope';

/**
 * The BSN store: writes (ingest, inside the transaction that accepts the JW301) and reveals (the trajectory service's
 * reveal route, for the toegang of that gemeente only: the access policy's bsnRevealScope). The crypto is
 * envelope.ts; the statements are bsn-store.repository.ts.
 */
export class BsnVault {
  constructor(readonly ring: KeyRing) {}

  /** Stores each child's BSN for its gemeente (creating the gemeente's data key on first use); idempotent. */
  async store(manager: EntityManager, entries: readonly { gemeente: string; pseudonym: string; bsn: string }[]): Promise<void> {
    if (entries.length === 0) return;
    const repository = new BsnStoreRepository(manager);
    const gemeenten = [...new Set(entries.map((e) => e.gemeente))].sort();
    const wrapped = await repository.dataKeys(gemeenten);
    const keys = new Map<string, Buffer>();
    for (const gemeente of gemeenten) {
      let w = wrapped.get(gemeente);
      if (w === undefined) {
        const fresh = newDataKey(this.ring, gemeente);
        w = await repository.addDataKey(gemeente, this.ring.active, fresh.wrapped);
      }
      keys.set(gemeente, unwrapDataKey(this.ring, gemeente, w));
    }
    await repository.insertEncrypted(
      entries.map((e) => ({ gemeente: e.gemeente, pseudonym: e.pseudonym, encrypted: encryptBsn(keys.get(e.gemeente)!, e, e.bsn) })),
    );
  }

  /** The child's BSN as the gemeente stored it, or null when this gemeente holds none for the child. */
  async reveal(manager: EntityManager, gemeente: string, pseudonym: string): Promise<string | null> {
    const row = await new BsnStoreRepository(manager).encryptedOf(gemeente, pseudonym);
    if (!row) return null;
    return decryptBsn(unwrapDataKey(this.ring, gemeente, row.wrapped), { gemeente, pseudonym }, row.encrypted);
  }

  /** Rotation: every data key wrapped by another KEK is rewrapped under the active one; returns the gemeenten rewrapped. */
  async rewrapAll(manager: EntityManager): Promise<string[]> {
    const repository = new BsnStoreRepository(manager);
    const done: string[] = [];
    for (const { gemeente, wrapped } of await repository.wrappedOtherThan(this.ring.active)) {
      const next = rewrapDataKey(this.ring, gemeente, wrapped);
      if (next === null) continue;
      await repository.replaceWrapped(gemeente, wrappedKeyId(next), next);
      done.push(gemeente);
    }
    return done;
  }
}

export { BsnKeyError };
