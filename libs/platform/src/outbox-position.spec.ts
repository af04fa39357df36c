import { RelayPosition } from './outbox-position';

const ids = (from: number, to: number): bigint[] => Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

describe('RelayPosition: where an outbox relay starts reading', () => {
  it('starts at 0 and stays there until a pass knows every row up to an id is visible', () => {
    const position = new RelayPosition();
    const first = position.begin(10n);
    expect(first).toEqual({ from: 0n, complete: null });
    position.passed(first, ids(1, 5), 100, { seq: 5n, xid: 20n }); // seq 5 read, no later transaction id yet
    expect(position.from).toBe(0n);
    const second = position.begin(15n);
    expect(second.complete).toBeNull();
    position.passed(second, ids(6, 8), 100, { seq: 8n, xid: 21n }); // pairs seq 5 with xid 21
    expect(position.from).toBe(0n);
    // a snapshot whose xmin is still 21: the transaction with id 21, or an older one, may still run
    const third = position.begin(21n);
    expect(third.complete).toBeNull();
    position.passed(third, [], 100);
    expect(position.from).toBe(0n);
    // xmin 22: every transaction below 22 has ended, so every row up to id 5 that will ever exist was visible
    const fourth = position.begin(22n);
    expect(fourth).toEqual({ from: 0n, complete: 5n });
    position.passed(fourth, ids(9, 9), 100, { seq: 12n, xid: 30n });
    expect(position.from).toBe(6n);
  });

  it('never passes an id a still-running transaction may commit (a row committing out of id order)', () => {
    const position = new RelayPosition();
    // id 3 taken by a transaction that is still open (xid 7); ids 4…6 committed and published
    position.passed(position.begin(7n), ids(4, 6), 100, { seq: 6n, xid: 9n });
    position.passed(position.begin(7n), [], 100);
    position.passed(position.begin(7n), ids(7, 7), 100, { seq: 7n, xid: 10n }); // pairs seq 6 with xid 10
    for (let i = 0; i < 5; i++) {
      const pass = position.begin(7n); // xmin stays 7 while that transaction runs
      expect(pass).toEqual({ from: 0n, complete: null });
      position.passed(pass, [], 100);
    }
    // it commits: the next pass's snapshot has xmin above 10, reads from 0 and finds id 3
    const pass = position.begin(11n);
    expect(pass).toEqual({ from: 0n, complete: 6n });
    position.passed(pass, [3n], 100, { seq: 7n, xid: 12n });
    expect(position.from).toBe(7n);
  });

  it('with a full batch moves only up to the last id it read', () => {
    const position = new RelayPosition();
    position.passed(position.begin(1n), ids(1, 3), 3, { seq: 50n, xid: 5n });
    position.passed(position.begin(1n), ids(4, 6), 3, { seq: 60n, xid: 6n }); // pairs seq 50 with xid 6
    const pass = position.begin(7n);
    expect(pass.complete).toBe(50n);
    position.passed(pass, ids(7, 9), 3, { seq: 60n, xid: 8n }); // 3 of 3: rows above 9 may be waiting
    expect(position.from).toBe(10n);
  });

  it('forgets a pass that failed: what it would have used is used by the next', () => {
    const position = new RelayPosition();
    position.passed(position.begin(1n), ids(1, 2), 10, { seq: 2n, xid: 5n });
    position.passed(position.begin(1n), ids(3, 3), 10, { seq: 3n, xid: 6n });
    const failed = position.begin(7n);
    expect(failed.complete).toBe(2n); // rolled back: passed() is not called
    const retried = position.begin(7n);
    expect(retried.complete).toBe(2n);
    position.passed(retried, [], 10);
    expect(position.from).toBe(3n);
  });

  it('goes back to 0 now and then: a full read from the low end', () => {
    let now = 0;
    const position = new RelayPosition(60_000, () => now);
    position.passed(position.begin(1n), ids(1, 2), 10, { seq: 2n, xid: 5n });
    position.passed(position.begin(1n), ids(3, 3), 10, { seq: 3n, xid: 6n });
    position.passed(position.begin(7n), [], 10);
    expect(position.from).toBe(3n);
    now = 59_999;
    expect(position.begin(7n).from).toBe(3n);
    now = 60_000;
    expect(position.begin(7n).from).toBe(0n);
  });
});
