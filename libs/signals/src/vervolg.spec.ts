import { parseVervolgInput } from './vervolg';

const CTX = { geboortedatum: '2008-02-29', vastgelegdOp: '2025-10-01' }; // 23 on 2031-03-01
const ok = (v: unknown) => parseVervolgInput(v, CTX);

describe('the recorded follow-up (input check)', () => {
  it.each([
    [
      { soort: 'verlengde_jeugdhulp', totDatum: '2027-02-28' },
      { soort: 'verlengde_jeugdhulp', totDatum: '2027-02-28' },
    ],
    [
      { soort: 'verlengde_jeugdhulp', totDatum: '2031-02-28', alertId: 'A0123456789abcdef0123456' },
      { soort: 'verlengde_jeugdhulp', totDatum: '2031-02-28', alertId: 'A0123456789abcdef0123456' },
    ],
    [
      { soort: 'wmo', perDatum: '2026-03-01', overdrachtAan: ' Wmo-loket Almere ' },
      { soort: 'wmo', perDatum: '2026-03-01', overdrachtAan: 'Wmo-loket Almere' },
    ],
    [
      { soort: 'wlz', perDatum: '2026-03-01', overdrachtAan: 'Zorgkantoor Flevoland', reden: 'CIZ-indicatie' },
      { soort: 'wlz', perDatum: '2026-03-01', overdrachtAan: 'Zorgkantoor Flevoland', reden: 'CIZ-indicatie' },
    ],
    [
      { soort: 'zvw', perDatum: '2026-03-01', overdrachtAan: 'GGZ 18+ via huisarts' },
      { soort: 'zvw', perDatum: '2026-03-01', overdrachtAan: 'GGZ 18+ via huisarts' },
    ],
    [
      { soort: 'geen_vervolg_nodig', reden: 'doelen bereikt' },
      { soort: 'geen_vervolg_nodig', reden: 'doelen bereikt' },
    ],
    [{ soort: 'plan' }, { soort: 'plan' }],
  ])('accepts %j', (input, expected) => {
    expect(ok(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, string[]]>([
    [null, ['the body must be a JSON object']],
    [{ soort: 'wmo18' }, ['soort: must be one of plan, verlengde_jeugdhulp, wmo, wlz, zvw, geen_vervolg_nodig, got "wmo18"']],
    [{ soort: 'verlengde_jeugdhulp' }, ['totDatum: required for soort verlengde_jeugdhulp']],
    [{ soort: 'verlengde_jeugdhulp', totDatum: '2027-02-30' }, ['totDatum: must be a date YYYY-MM-DD, got "2027-02-30"']],
    [{ soort: 'verlengde_jeugdhulp', totDatum: '2025-09-30' }, ['totDatum: must not lie before today (2025-10-01)']],
    [
      { soort: 'verlengde_jeugdhulp', totDatum: '2031-03-01' },
      ['totDatum: verlengde jeugdhulp ends before the 23rd birthday (at the latest 2031-02-28; Jeugdwet art. 1.1 jeugdige 4°)'],
    ],
    [{ soort: 'wmo' }, ['perDatum: required for soort wmo', 'overdrachtAan: required for soort wmo']],
    [{ soort: 'geen_vervolg_nodig', reden: '  ' }, ['reden: required for soort geen_vervolg_nodig']],
    [{ soort: 'geen_vervolg_nodig', reden: 'bsn 123456782 verhuist' }, ['reden: must not contain a BSN or another 9-digit number']],
    [
      { soort: 'plan', totDatum: '2027-01-01', perDatum: '2027-01-01', extra: 1 },
      [
        'extra: unknown field (use soort, totDatum, perDatum, overdrachtAan, reden, alertId)',
        'totDatum: only for soort verlengde_jeugdhulp',
        'perDatum: only for soort wmo, wlz or zvw',
      ],
    ],
    [{ soort: 'plan', alertId: 'x' }, ['alertId: must be an alert id (A + 23 hexadecimal characters)']],
  ])('refuses %j', (input, problems) => {
    expect(ok(input)).toEqual({ ok: false, problems });
  });
});
