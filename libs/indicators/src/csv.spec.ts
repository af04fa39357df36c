import { computeIndicators, INDICATOR_NAMES, toCsv, type IndicatorResult } from '@trajectwacht/indicators';
import { DATA, FROM, G1, G2, G3, TO } from './test-data';

/** Minimal parser for the test: no quoted fields occur in these tables. */
function parse(csv: string): string[][] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(';'));
}

function readBack(field: string): number | null | '*' {
  if (field === '*') return '*';
  if (field === '') return null;
  return Number(field.replace(',', '.'));
}

function expectCsvMatches(result: IndicatorResult, csv: string): void {
  const [header, ...lines] = parse(csv);
  expect(lines).toHaveLength(result.rows.length);
  result.rows.forEach((row, i) => {
    expect(lines[i][0]).toBe(row.group);
    for (const name of INDICATOR_NAMES) {
      const cell = row.indicators[name];
      const field = lines[i][header.indexOf(name)];
      expect([name, readBack(field)]).toEqual([name, cell.suppressed ? '*' : cell.value]);
    }
  });
}

describe('toCsv', () => {
  it('writes the header and the totaal row exactly (semicolon, decimal comma, CRLF)', () => {
    const result = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'totaal', minCount: 1 });
    // values: see the hand computation in indicators.spec.ts (totaal row)
    expect(toCsv(result)).toBe(
      ['groep;' + INDICATOR_NAMES.join(';'), 'totaal;8;4;6;0,5;60;150;395;46;141;391;16;27;28;0,25;0,6667;0,2857;0,4286'].join('\r\n') +
        '\r\n',
    );
    expect(toCsv(result, { bom: true }).startsWith('\uFEFFgroep;')).toBe(true);
  });

  it('matches every number of the result, per gemeente', () => {
    const result = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1 });
    const csv = toCsv(result);
    expectCsvMatches(result, csv);
    const lines = parse(csv);
    expect(lines[0][0]).toBe('gemeente');
    expect(lines.map((l) => l[0])).toEqual(['gemeente', G1, G2, G3, 'totaal']);
    // G2 has no uitstroom: the duration and volgens-plan fields are empty, the ratio is 0
    expect(lines[2].join(';')).toBe(`${G2};2;0;2;0;;;;29;41;41;5;16;16;0;;0,5;1`);
  });

  it('writes suppressed cells as *, stoplicht columns for normed indicators and alert columns', () => {
    const result = computeIndicators(DATA, {
      from: FROM,
      to: TO,
      groupBy: 'totaal',
      norms: { wachttijdMediaan: { groen: 14, oranje: 21, direction: 'lower-is-better' } },
      openAlerts: [{ ruleId: 'R1', gemeente: G1, detectedAt: '2024-06-01' }],
    });
    const csv = toCsv(result);
    expectCsvMatches(result, csv);
    const [header, totaal] = parse(csv);
    expect(header.slice(-5)).toEqual([
      'wachttijdMediaan_stoplicht',
      'alerts_R1_lt7d',
      'alerts_R1_7tot30d',
      'alerts_R1_gt30d',
      'alerts_R1_totaal',
    ]);
    // default minCount 5: uitstroom 4 → *; wachttijd median 16 → oranje; 1 alert aged 29 days → * in 7–30 and totaal
    expect(totaal[header.indexOf('uitstroom')]).toBe('*');
    expect(totaal.slice(-5)).toEqual(['oranje', '0', '*', '0', '*']);
  });
});

describe('toCsv with names (issue 18 point 7)', () => {
  it('puts the name in a column beside the code, which stays; the totaal row has none; a name with ; is quoted', () => {
    const result = computeIndicators(DATA, { from: FROM, to: TO, groupBy: 'gemeente', minCount: 1 });
    const names: Record<string, string> = { [G1]: 'Almere', [G2]: 'Lelystad; Flevoland' };
    const csv = toCsv(result, { naam: (g) => names[g] ?? null });
    const lines = csv.slice(0, -2).split('\r\n');
    expect(lines[0]!.startsWith('gemeente;gemeente_naam;' + INDICATOR_NAMES[0])).toBe(true);
    expect(lines.find((l) => l.startsWith(`${G1};`))!.startsWith(`${G1};Almere;`)).toBe(true);
    expect(lines.find((l) => l.startsWith(`${G2};`))!.startsWith(`${G2};"Lelystad; Flevoland";`)).toBe(true);
    expect(lines.find((l) => l.startsWith(`${G3};`))!.startsWith(`${G3};;`)).toBe(true);
    expect(lines.at(-1)!.startsWith('totaal;;')).toBe(true);
    // without names: exactly as before
    expect(toCsv(result).split('\r\n')[0]).toBe('gemeente;' + INDICATOR_NAMES.join(';'));
  });
});
