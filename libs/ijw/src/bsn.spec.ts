import { isValidBsn } from './bsn';

/** Independent 11-proef: weights 9..2 for d1..d8 and −1 for d9. */
function elfproef(bsn: string): boolean {
  if (!/^[0-9]{9}$/.test(bsn) || bsn === '000000000') return false;
  const weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];
  return weights.reduce((sum, w, i) => sum + w * Number(bsn[i]), 0) % 11 === 0;
}

describe('isValidBsn', () => {
  it.each(['999999990', '111222333', '123456782', '100000009', '123456708', '123456721', '900024690', '012345672'])('accepts %s', (bsn) => {
    expect(elfproef(bsn)).toBe(true);
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '999999991'],
    ['two digits swapped', '123456728'],
    ['one digit changed', '123456783'],
    ['000000000 (passes the arithmetic, but is not a BSN)', '000000000'],
    ['8 digits', '99999999'],
    ['10 digits', '9999999900'],
    ['a letter', '99999999a'],
    ['letters only', 'abcdefghi'],
    ['spaces', '999 999 990'],
    ['a leading space', ' 99999999'],
    ['a trailing newline', '999999990\n'],
    ['a minus sign', '-99999990'],
    ['Arabic-Indic digits', '٩٩٩٩٩٩٩٩٠'],
    ['full-width digits', '９９９９９９９９０'],
    ['the empty string', ''],
  ])('rejects %s', (_label, bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });

  it.each([[999999990], [null], [undefined], [{}], [['999999990']], [true]])('rejects the non-string %p', (value) => {
    expect(isValidBsn(value)).toBe(false);
  });

  it('agrees with an independent implementation on a sweep of 20 000 numbers', () => {
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      const bsn = String(123_400_000 + n * 7919).padStart(9, '0');
      expect(isValidBsn(bsn)).toBe(elfproef(bsn));
      if (elfproef(bsn)) valid++;
    }
    // About one in eleven numbers passes the 11-proef.
    expect(valid).toBeGreaterThan(1500);
    expect(valid).toBeLessThan(2200);
  });

  it('finds every single-digit error in a valid BSN', () => {
    const bsn = '123456782';
    for (let i = 0; i < 9; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === bsn[i]) continue;
        const changed = bsn.slice(0, i) + d + bsn.slice(i + 1);
        expect(isValidBsn(changed)).toBe(false);
      }
    }
  });
});
