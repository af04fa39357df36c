/**
 * Where an outbox relay starts reading (pure; OutboxRelay in ./outbox.ts feeds it).
 *
 * The relay deletes every row it has published, in id order, so the low end of the outbox's primary key is a run of
 * deleted entries. PostgreSQL can only skip an entry once its row is dead to every open transaction, and the services'
 * batch transactions of a second or more are always open: a read from the low end (`ORDER BY id LIMIT n`) visits the
 * rows deleted in the last seconds again and again (57 ms a read and a third of all statement time in the 10⁵ pipeline
 * benchmark, docs/benchmarks.md). A relay that remembers how far it got reads `WHERE id >= from` instead.
 *
 * The trap is a row that commits out of id order: a transaction that took id 100 may commit after the one that took
 * 105. Once the relay has published 105 it must still find 100 later, so `from` may only pass ids that can no longer
 * appear. Three facts make that decidable:
 *   1. every outbox row takes its transaction id before its sequence value (the column default
 *      `CASE WHEN pg_current_xact_id() IS NOT NULL THEN nextval(…) END`, migration 1700000000700);
 *   2. the sequence hands out ids in increasing order (CACHE 1), and PostgreSQL transaction ids too;
 *   3. a pass that read rows holds a transaction id of its own (its row locks need one).
 * So when a pass reads `seq`, the last id the sequence handed out, every transaction holding an id ≤ seq already has a
 * transaction id, lower than that of any later pass that locks rows (`xid`). A pass whose snapshot has `xmin > xid` (no
 * transaction with a lower id is still running) sees every row with id ≤ seq that will ever exist. Once that pass has
 * published them, `from` moves past them.
 *
 * A relay starts at 0 (it knows nothing of the others), and goes back to 0 on its own now and then (`fullReadEveryMs`):
 * insurance that no row stays behind if an assumption above is ever broken by a change elsewhere.
 */

/** What a pass read after it locked its rows (in the statement that deletes them). */
export interface RelayPassEnd {
  /** The last id the sequence has handed out. */
  seq: bigint;
  /** The pass's own transaction id (it locked rows, so it has one). */
  xid: bigint;
}

/** A started pass: where it reads from, and up to which id its read sees every row that will ever exist. */
export interface RelayPass {
  from: bigint;
  complete: bigint | null;
}

export class RelayPosition {
  private fromId = 0n;
  /** The newest `seq` read by a pass, waiting for a transaction id assigned after it (that of a later pass). */
  private seqAwaitingXid: bigint | null = null;
  /** A (seq, xid) pair: once a snapshot has xmin > xid, every row with id ≤ seq that will ever exist is visible to it. */
  private pending: { seq: bigint; xid: bigint } | null = null;
  private lastFullReadAt: number;

  constructor(
    private readonly fullReadEveryMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {
    this.lastFullReadAt = clock();
  }

  /** The lowest id the next pass reads from: no row below it will ever need publishing. */
  get from(): bigint {
    return this.fromId;
  }

  /** Starts a pass whose snapshot (taken before it reads the outbox) has this xmin. */
  begin(xmin: bigint): RelayPass {
    if (this.clock() - this.lastFullReadAt >= this.fullReadEveryMs) {
      this.fromId = 0n;
      this.lastFullReadAt = this.clock();
    }
    return { from: this.fromId, complete: this.pending && xmin > this.pending.xid ? this.pending.seq : null };
  }

  /**
   * A pass committed: it published and deleted `ids` (ascending), the first rows at or above its `from`, at most
   * `limit`; `end` is what it read in its last statement (absent when it read no rows). With `complete` known, every row
   * up to it that will ever exist was visible to the pass, so every row up to both `complete` and the last id read is
   * done (every row up to `complete`, when the pass read fewer than `limit`). A pass that failed is not reported: what
   * it would have used stays pending for the next.
   */
  passed(pass: RelayPass, ids: readonly bigint[], limit: number, end?: RelayPassEnd): void {
    if (pass.complete !== null) {
      this.pending = null; // used: a newer pair replaces it
      const last = ids[ids.length - 1];
      const done = ids.length < limit || last === undefined || last > pass.complete ? pass.complete : last;
      if (done + 1n > this.fromId) this.fromId = done + 1n;
    }
    if (!end) return;
    // this pass's transaction id was assigned after every earlier pass's seq: it pairs with the newest of them
    if (this.pending === null && this.seqAwaitingXid !== null) this.pending = { seq: this.seqAwaitingXid, xid: end.xid };
    this.seqAwaitingXid = end.seq;
  }
}
