/**
 * Deterministic, unique, valid BSNs for simulated children: an 8-digit prefix from a bijective permutation of a
 * counter (multiplication by a constant coprime with 10 modulo 10^8), then the 9th digit that makes the 11-proef
 * hold; prefixes whose check digit would be 10 are skipped. Distinct counters give distinct prefixes, so BSNs
 * are unique within a generator. They are synthetic but may coincide with a real person's number: never mix
 * simulated data with production data.
 */
const MOD = 100_000_000;
const MULT = 48_271_393; // odd and not a multiple of 5: a bijection on 0..10^8-1

export class BsnGenerator {
  private counter: number;

  constructor(offset: number) {
    this.counter = Math.abs(Math.floor(offset)) % MOD;
  }

  next(): string {
    for (;;) {
      const prefix = Number((BigInt(this.counter) * BigInt(MULT)) % BigInt(MOD));
      this.counter = (this.counter + 1) % MOD;
      const digits = String(prefix).padStart(8, '0');
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
      const check = sum % 11;
      if (check === 10) continue;
      const bsn = `${digits}${check}`;
      if (bsn === '000000000') continue;
      return bsn;
    }
  }
}
