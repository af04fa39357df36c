/**
 * The simulated request side (issue 17 point 6, verzoeken.ts): every JW315/JW317/JW319 is a valid iJw 3.2 bericht
 * (ontvang: controleniveau 1, 2 and 4; a sample against the official XSDs), the berichten link up as the standard's
 * berichtoverstijgende rules require (TR355, TR359, TR360, TR365, TR374, TR379, TR349–TR351), the toewijzing side of a
 * seed is the same with or without it, and the shares come out as calibrated (docs/simulator.md "The request side").
 */
import {
  ontvang,
  readIjwXml,
  toVerzoekbericht,
  verzoekSleutel,
  type Jw301Toewijzing,
  type Jw317VerzoekOmWijziging,
} from '@trajectwacht/ijw';
import { HAVE_STANDARD, xsdValidate } from '../../../test/conformance/support/ijw-xml';
import { DEFAULT_CALIBRATION } from './calibration';
import { addWorkingDays, dayOf } from './days';
import {
  isSimulatedVerzoek,
  isVerzoekBericht,
  simulateBerichten,
  simulateRegion,
  type SimulatedBericht,
  type SimulatedTraffic,
  type SimulatedVerzoekBericht,
} from './simulate';
import { summariseVerzoeken } from './verzoek-stats';

const HALF_YEAR = { region: 'flevoland', seed: 5, from: '2024-01-01', to: '2024-04-30', verzoeken: true } as const;
const traffic: SimulatedTraffic[] = simulateRegion(HALF_YEAR);
const berichten: SimulatedBericht[] = Array.from(simulateBerichten({ ...HALF_YEAR, to: '2024-02-29', scale: 0.5 }));
const verzoekBerichten = berichten.filter(isVerzoekBericht);

describe('the toewijzing side', () => {
  it(
    'is the same with and without the request side, apart from the ReferentieAanbieder of a honouring JW301 ' +
      '(and the Identificaties and the initial-load slots the verzoeken take)',
    () => {
      const opts = { region: 'flevoland', seed: 42, from: '2023-03-01', to: '2023-04-30', scale: 0.3 } as const;
      const strip = (list: SimulatedTraffic[]) =>
        list.flatMap((m) => {
          if (isSimulatedVerzoek(m)) return [];
          const rest: Partial<Jw301Toewijzing> = { ...(m.bericht as Jw301Toewijzing) };
          delete rest.berichtId;
          delete rest.identificatie;
          delete rest.referentieAanbieder;
          return [{ at: m.initieel ? 'initieel' : m.at, sender: m.sender, scenario: m.scenario, bericht: rest }];
        });
      const off = simulateRegion(opts);
      const on = simulateRegion({ ...opts, verzoeken: true });
      expect(on.length).toBeGreaterThan(off.length);
      expect(strip(on)).toEqual(strip(off));
      expect(JSON.stringify(simulateRegion({ ...opts, verzoeken: true }))).toEqual(JSON.stringify(on));
    },
  );
});

describe('the berichten of the request side', () => {
  it('are accepted per bericht (ontvang: controleniveau 1, 2 and 4, today = the sending date) and read back exactly', () => {
    expect(new Set(verzoekBerichten.map((b) => b.soort))).toEqual(new Set(['JW315', 'JW317', 'JW319']));
    expect(verzoekBerichten.length).toBeGreaterThan(500);
    const failures: string[] = [];
    for (const b of verzoekBerichten) {
      const r = ontvang(b.xml, { today: b.at.slice(0, 10), maxBytes: 256 * 1024 });
      const one = r.ok ? r.berichten[0] : undefined;
      if (!one || one.foutmelding || one.bevindingen.length > 0 || one.soort !== b.soort) {
        if (failures.length < 5) failures.push(`${b.soort} ${b.scenario}: ${JSON.stringify(one?.foutmelding ?? one?.bevindingen)}`);
        continue;
      }
      expect(one.verzoek!.regels).toEqual(b.regels);
    }
    expect(failures).toEqual([]);
  });

  (HAVE_STANDARD ? it : it.skip)('a sample of every soort and flow is valid against the official iJw 3.2 XSDs (xmllint-wasm)', async () => {
    const sample: SimulatedVerzoekBericht[] = [];
    const per = new Map<string, number>();
    for (const b of verzoekBerichten) {
      const key = `${b.soort}:${b.scenario}:${b.regels.length}`;
      if ((per.get(key) ?? 0) >= 8) continue;
      per.set(key, (per.get(key) ?? 0) + 1);
      sample.push(b);
    }
    const items = sample.map((b, i) => ({ name: `${i}:${b.soort}:${b.scenario}`, soort: b.soort, xml: b.xml }));
    const results = await xsdValidate(items);
    expect(items.filter((i) => !results.get(i.name)!.valid).map((i) => `${i.name}: ${results.get(i.name)!.errors.join(' | ')}`)).toEqual(
      [],
    );
    for (const b of sample) {
      const read = readIjwXml(b.xml);
      expect(read.ok && toVerzoekbericht(b.soort, read.json).regels).toEqual(b.regels);
    }
  });
});

describe('the links between verzoek, antwoord and toewijzing, in sending order', () => {
  it('TR355, TR359, TR360/TR365, TR374, TR379 and TR349–TR351 hold', () => {
    interface Open {
      bsn: string;
      aanbieder: string;
      afgehandeld: boolean;
      antwoorden: string[];
      toegewezen: boolean;
      soort: string;
      teWijzigen: string[];
    }
    const verzoeken = new Map<string, Open>();
    const toewijzingen = new Map<string, Jw301Toewijzing>();
    const errors: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && errors.length < 10) errors.push(what);
    };
    for (const m of traffic) {
      if (!isSimulatedVerzoek(m)) {
        const t = m.bericht;
        if (t.berichtcode !== 'JW301') continue;
        toewijzingen.set(`${t.gemeente}/${t.toewijzingNummer}`, t);
        if (t.referentieAanbieder === undefined) continue;
        const v = verzoeken.get(verzoekSleutel(t.gemeente, t.aanbieder, t.referentieAanbieder));
        check(v !== undefined, `TR379: JW301 ${t.toewijzingNummer} with an unknown ReferentieAanbieder`);
        if (v?.soort === 'JW317') check(v.teWijzigen.includes(t.toewijzingNummer), 'TR379: JW301 honours a JW317 of another toewijzing');
        if (v) Object.assign(v, { toegewezen: true, afgehandeld: true });
        continue;
      }
      const r = m.verzoek;
      const key = verzoekSleutel(r.gemeente, r.aanbieder, r.referentieAanbieder);
      if (r.berichtcode === 'JW319') {
        const v = verzoeken.get(key);
        check(v !== undefined, `TR355: JW319 without verzoek ${key}`);
        if (!v) continue;
        check(!v.toegewezen, `TR359: JW319 after the JW301 ${key}`);
        check(r.verzoekAntwoord !== '2' || v.antwoorden.length === 0, `TR360: a second JW319 2 ${key}`);
        check(
          v.antwoorden.every((a) => a === '2'),
          `TR365: a JW319 after a JW319 1 ${key}`,
        );
        v.antwoorden.push(r.verzoekAntwoord);
        if (r.verzoekAntwoord === '1') v.afgehandeld = true;
        continue;
      }
      check(!verzoeken.has(key), `TR347: ReferentieAanbieder used twice ${key}`);
      const bsn = r.client.bsn;
      const inBehandeling = [...verzoeken.values()].some((v) => v.bsn === bsn && v.aanbieder === r.aanbieder && !v.afgehandeld);
      // the products of one JW315 are one verzoek bericht: only the first one is checked against the others
      if (r.berichtcode === 'JW317' || r.berichtId.endsWith('/1'))
        check(!inBehandeling, `TR374: a verzoek while another is in behandeling ${key}`);
      const teWijzigen = r.berichtcode === 'JW317' ? (r as Jw317VerzoekOmWijziging).teWijzigen.map((t) => t.toewijzingNummer) : [];
      if (r.berichtcode === 'JW317') {
        const vow = r as Jw317VerzoekOmWijziging;
        const day = vow.dagtekening;
        const actueel = [...toewijzingen.values()]
          .filter((t) => t.gemeente === vow.gemeente && t.aanbieder === vow.aanbieder && t.client.bsn === bsn)
          .filter((t) => t.redenWijziging !== '13' && (t.einddatum ?? '9999-12-31') >= day)
          .map((t) => t.toewijzingNummer)
          .sort();
        check(JSON.stringify([...vow.ongewijzigd, ...teWijzigen].sort()) === JSON.stringify(actueel), `TR349–TR351: ${key}`);
      }
      verzoeken.set(key, {
        bsn,
        aanbieder: r.aanbieder,
        afgehandeld: false,
        antwoorden: [],
        toegewezen: false,
        soort: r.berichtcode,
        teWijzigen,
      });
    }
    expect(errors).toEqual([]);
    expect(verzoeken.size).toBeGreaterThan(1500);
  });
});

describe('calibration of the request side (four months of Flevoland)', () => {
  const s = summariseVerzoeken(traffic);
  const cal = DEFAULT_CALIBRATION;
  const mix = cal.verwijzer.value;
  const route = cal.verzoekRoute.value;
  const viaVot = Object.keys(mix).reduce((n, t) => n + mix[t]! * (route[t] ?? 0), 0);

  it('the medical route: the share of new toewijzingen asked for with a JW315 within ±5 percentage points', () => {
    expect(Math.abs(s.medischeRouteShare - viaVot)).toBeLessThan(0.05);
  });

  it('the verwijzer mix of the JW315s: huisarts and medisch specialist within ±4 percentage points; every COD327 type of the route', () => {
    expect(Math.abs(s.verwijzerMix['02']! - mix['02']! / viaVot)).toBeLessThan(0.04);
    expect(Math.abs(s.verwijzerMix['05']! - mix['05']! / viaVot)).toBeLessThan(0.04);
    expect(Object.keys(s.verwijzerMix).sort()).toEqual(['01', '02', '03', '04', '05', '08']);
  });

  it('answers: within the term of 5 working days, after onderzoek, refused, open — as calibrated', () => {
    expect(Math.abs(s.binnenTermijnShare - (1 - cal.votAntwoord.value.laat))).toBeLessThan(0.04);
    expect(Math.abs(s.onderzoekShare - cal.votAntwoord.value.onderzoek)).toBeLessThan(0.03);
    expect(Math.abs(s.verlengingNaVowShare - cal.vowVoorVerlenging.value)).toBeLessThan(0.08);
    expect(s.afgewezen).toBeGreaterThan(100);
    expect(s.open).toBeGreaterThan(10);
    expect(s.redenAfwijzing['8']).toBeGreaterThan(20);
    expect(s.verzoekNaarToewijzing.median).toBeLessThanOrEqual(7);
    for (const flow of ['direct', 'onderzoek', 'laat', 'woonplaatsbeginsel', 'afgewezen', 'onbeantwoord'])
      expect(s.perScenario[`vot-${flow}`] ?? 0).toBeGreaterThan(0);
    for (const flow of ['direct', 'onderzoek', 'laat', 'afgewezen', 'onbeantwoord'])
      expect(s.perScenario[`vow-${flow}`] ?? 0).toBeGreaterThan(0);
  });

  it('a late answer lies past the term (the unanswered-verzoek signal has something to see)', () => {
    const laat = traffic.filter((m) => isSimulatedVerzoek(m) && m.scenario === 'vot-laat' && m.verzoek.berichtcode === 'JW315');
    expect(laat.length).toBeGreaterThan(50);
    const answers = new Map<string, string>();
    for (const m of traffic)
      if (!isSimulatedVerzoek(m) && m.bericht.berichtcode === 'JW301' && m.bericht.referentieAanbieder)
        answers.set(verzoekSleutel(m.bericht.gemeente, m.bericht.aanbieder, m.bericht.referentieAanbieder), m.bericht.dagtekening!);
    for (const m of laat) {
      const v = (m as { verzoek: { gemeente: string; aanbieder: string; referentieAanbieder: string; dagtekening: string } }).verzoek;
      const answered = answers.get(verzoekSleutel(v.gemeente, v.aanbieder, v.referentieAanbieder));
      if (answered) expect(dayOf(answered)).toBeGreaterThan(addWorkingDays(dayOf(v.dagtekening), 5));
    }
  });
});
