/** Valid test BSNs (11-proef), deterministic from a number: 8 digits from the seed plus the check digit. */
export function testBsn(seed: number): string {
  for (let n = seed; ; n++) {
    const body = String(100_000_00 + (n % 89_999_999)).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(body[i]) * (9 - i);
    const check = sum % 11;
    if (check <= 9) return body + String(check);
  }
}
