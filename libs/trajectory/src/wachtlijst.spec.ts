import {
  compareWachtlijst,
  decodeWachtlijstCursor,
  encodeWachtlijstCursor,
  isWachtlijstSoort,
  wachtdagen,
  type WachtlijstCursor,
} from './wachtlijst';

describe('waiting list (libs/trajectory/src/wachtlijst.ts)', () => {
  it.each([
    ['2026-12-02', '2026-12-02', 0],
    ['2026-11-30', '2026-12-02', 2],
    ['2026-01-01', '2026-12-02', 335],
    ['2025-12-02', '2026-12-02', 365],
    ['2024-02-28', '2024-03-01', 2], // leap day
    ['2026-03-28', '2026-03-30', 2], // across the change to summer time: calendar days
    ['2026-12-10', '2026-12-02', 0], // an Ingangsdatum ahead: not waiting yet
  ])('waited from %s to %s: %i days', (sinds, vandaag, days) => {
    expect(wachtdagen(sinds, vandaag)).toBe(days);
  });

  it('orders oldest first, then soort, then id in code point order', () => {
    const items: WachtlijstCursor[] = [
      { sinds: '2026-11-01', soort: 'verzoek_om_toewijzing', id: 'b' },
      { sinds: '2026-10-01', soort: 'toewijzing_zonder_start', id: 'z' },
      { sinds: '2026-11-01', soort: 'toewijzing_zonder_start', id: 'a' },
      { sinds: '2026-11-01', soort: 'verzoek_om_toewijzing', id: 'B' },
    ];
    expect([...items].sort(compareWachtlijst).map((i) => `${i.sinds} ${i.soort} ${i.id}`)).toEqual([
      '2026-10-01 toewijzing_zonder_start z',
      '2026-11-01 toewijzing_zonder_start a',
      '2026-11-01 verzoek_om_toewijzing B',
      '2026-11-01 verzoek_om_toewijzing b',
    ]);
  });

  it('the cursor round-trips and anything else is refused', () => {
    const c: WachtlijstCursor = { sinds: '2026-11-01', soort: 'verzoek_om_wijziging', id: '0034|11111111|VOW-1' };
    expect(decodeWachtlijstCursor(encodeWachtlijstCursor(c))).toEqual(c);
    for (const bad of [
      '',
      'x',
      Buffer.from('[1,2,3]').toString('base64url'),
      Buffer.from('["2026-11-01","other","x"]').toString('base64url'),
    ])
      expect(decodeWachtlijstCursor(bad)).toBeNull();
    expect(isWachtlijstSoort('toewijzing_zonder_start')).toBe(true);
    expect(isWachtlijstSoort('alert')).toBe(false);
  });
});
