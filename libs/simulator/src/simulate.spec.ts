import {
  checkHistorie,
  isValidBsn,
  ontvang,
  pseudonymiseBericht,
  readIjwXml,
  toHeenbericht,
  toewijzingSleutel,
  type IjwBericht,
  type Jw301Toewijzing,
  type PseudonymisedBericht,
} from '@trajectwacht/ijw';
import { DEFAULT_INTENSITY_MAPPING, classifyProduct } from '@trajectwacht/trajectory';
import { BsnGenerator } from './bsn';
import { DEFAULT_CALIBRATION, LEVELS, SIM_LEVELS } from './calibration';
import { addWorkingDays, birthdayDay, dayOf, isoTimestamp } from './days';
import { FLEVOLAND, NATIONAL, youths } from './region';
import { HAVE_STANDARD, xsdValidate } from '../../../test/conformance/support/ijw-xml';
import { simulateBerichten, simulateRegion, simulateStream, type SimulatedIjwBericht, type SimulatedMessage } from './simulate';
import { summarise } from './stats';

const YEAR = { from: '2023-01-01', to: '2023-12-31' };
// one full year of Flevoland, shared by the tests below (about 43,000 messages, ~2 s)
const year: SimulatedMessage[] = simulateRegion({ region: 'flevoland', seed: 7, ...YEAR });

describe('determinism', () => {
  it('gives identical output for the same seed and different output for another seed', () => {
    const opts = { region: 'flevoland', from: '2023-03-01', to: '2023-05-31', scale: 0.3 } as const;
    const a = simulateRegion({ ...opts, seed: 42 });
    const b = simulateRegion({ ...opts, seed: 42 });
    const c = simulateRegion({ ...opts, seed: 43 });
    expect(a.length).toBeGreaterThan(500);
    expect(JSON.stringify(b)).toEqual(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
  });

  it('the stream yields the same messages as the array variant, sorted by time', () => {
    const opts = { region: 'flevoland', seed: 3, from: '2024-01-01', to: '2024-02-29', scale: 0.5 } as const;
    const streamed = Array.from(simulateStream(opts));
    expect(streamed).toEqual(simulateRegion(opts));
    for (let i = 1; i < streamed.length; i++) expect(streamed[i]!.at >= streamed[i - 1]!.at).toBe(true);
  });
});

describe('every message', () => {
  it('lies in the window', () => {
    expect(year.filter((m) => !(m.at >= '2023-01-01' && m.at < '2024-01-01')).slice(0, 5)).toEqual([]);
  });

  it('comes from the right sender, with unique berichtIds per sender', () => {
    const ids = new Set<string>();
    const errors: string[] = [];
    for (const { sender, bericht } of year) {
      const ok301 =
        bericht.berichtcode === 'JW301'
          ? sender.role === 'toegang' && sender.gemeente === bericht.gemeente
          : sender.role === 'aanbieder' && sender.agb === bericht.aanbieder;
      if (!ok301) errors.push(`wrong sender for ${bericht.berichtId}`);
      const key = `${sender.role === 'toegang' ? sender.gemeente : sender.agb}/${bericht.berichtId}`;
      if (ids.has(key)) errors.push(`duplicate ${key}`);
      ids.add(key);
      if (!/^[1-9][0-9]{8}$/.test(bericht.toewijzingNummer)) errors.push(`nummer ${bericht.toewijzingNummer}`);
      if (!/^[0-9A-Z]{5}$/.test(bericht.product?.code ?? '')) errors.push(`code ${bericht.product?.code}`);
      if (!bericht.identificatie || bericht.identificatie.length > 12 || !bericht.berichtId.startsWith(`${bericht.identificatie}/`))
        errors.push(`identificatie ${bericht.berichtId}`);
    }
    expect(errors.slice(0, 5)).toEqual([]);
  });

  it('uses only gemeenten and providers of the region', () => {
    const gemeenten = new Set(FLEVOLAND.gemeenten.map((g) => g.code));
    const agbs = new Set(FLEVOLAND.aanbieders.map((a) => a.agb));
    expect(year.every(({ bericht }) => gemeenten.has(bericht.gemeente) && agbs.has(bericht.aanbieder))).toBe(true);
  });
});

describe('BSNs', () => {
  it('are valid and belong to one child each (one birth date per BSN, one BSN per toewijzing)', () => {
    const birth = new Map<string, string>();
    const owner = new Map<string, string>();
    const errors: string[] = [];
    for (const { bericht } of year) {
      if (!isValidBsn(bericht.client.bsn)) errors.push('invalid BSN');
      const b = birth.get(bericht.client.bsn);
      if (b && b !== bericht.client.geboortedatum) errors.push('one BSN, two birth dates');
      if (!b) birth.set(bericht.client.bsn, bericht.client.geboortedatum);
      const key = `${bericht.gemeente}/${bericht.toewijzingNummer}`;
      const o = owner.get(key);
      if (o && o !== bericht.client.bsn) errors.push(`toewijzing ${key} with two BSNs`);
      if (!o) owner.set(key, bericht.client.bsn);
    }
    expect(errors.slice(0, 5)).toEqual([]);
    expect(birth.size).toBeGreaterThan(10_000);
  });

  it('the generator never repeats itself', () => {
    const gen = new BsnGenerator(123);
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(gen.next());
    expect(seen.size).toBe(200_000);
    expect([...seen].slice(0, 1000).every((b) => isValidBsn(b))).toBe(true);
  });
});

describe('sequence consistency', () => {
  interface State {
    current?: Jw301Toewijzing;
    started?: IjwBericht & { berichtcode: 'JW305' };
    stopped: boolean;
  }

  it('start after toewijzing, within its dates, same product; stop not after einddatum nor in the future', () => {
    const state = new Map<string, State>();
    let timely = 0;
    let timed = 0;
    const errors: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && errors.length < 10) errors.push(what);
    };
    for (const m of year) {
      const b = m.bericht;
      const key = `${b.gemeente}/${b.toewijzingNummer}`;
      let s = state.get(key);
      if (!s) state.set(key, (s = { stopped: false }));
      const sendDay = dayOf(m.at.slice(0, 10));
      if (b.berichtcode === 'JW301') {
        if (s.current) {
          check(b.ingangsdatum === s.current.ingangsdatum, `ingangsdatum changed ${key}`);
          check(b.redenWijziging !== undefined, `second JW301 without redenWijziging ${key}`);
        }
        s.current = b;
        continue;
      }
      if (!s.current) {
        check(false, `start/stop before toewijzing ${key}`);
        continue;
      }
      const tw = s.current;
      check(b.product!.categorie === tw.product!.categorie && b.product!.code === tw.product!.code, `product ${key}`);
      check(b.aanbieder === tw.aanbieder, `aanbieder ${key}`);
      check(b.begindatum >= tw.ingangsdatum, `begindatum before ingangsdatum ${key}`);
      if (b.berichtcode === 'JW305' && b.statusAanlevering === '3') {
        // IV008: deletes the earlier start with this key, before any stop
        check(s.started?.begindatum === b.begindatum && !s.stopped, `deletion of an unknown start ${key}`);
        s.started = undefined;
        continue;
      }
      if (b.berichtcode === 'JW305') {
        check(s.started === undefined, `second start ${key}`);
        check(b.begindatum <= tw.einddatum!, `start after einddatum ${key}`);
        s.started = b;
        if (!m.initieel) {
          timed++;
          if (sendDay <= addWorkingDays(dayOf(b.begindatum), 5)) timely++;
        }
      } else {
        check(s.started !== undefined && !s.stopped, `stop without start or twice ${key}`);
        check(b.begindatum === s.started?.begindatum, `stop begindatum differs ${key}`);
        check(b.einddatum <= tw.einddatum!, `stop after einddatum ${key}`);
        check(dayOf(b.einddatum) <= sendDay, `stop in the future ${key}`);
        s.stopped = true;
        if (!m.initieel) {
          timed++;
          if (sendDay <= addWorkingDays(dayOf(b.einddatum), 5)) timely++;
        }
      }
    }
    expect(errors).toEqual([]);
    // most within 5 working days, some late
    expect(timely / timed).toBeGreaterThan(0.8);
    expect(timely / timed).toBeLessThan(0.97);
  });

  it('contains every scenario the signals need', () => {
    const s = summarise(year);
    for (const scenario of ['nieuw', 'escalatie', 'doorplaatsing', 'crisis-plaatsing', 'afschalen', 'herinstroom', 'parallel']) {
      expect(s.perScenario[scenario] ?? 0).toBeGreaterThan(0);
    }
    for (const reden of ['04', '05', '13', '14']) expect(s.redenWijziging[reden] ?? 0).toBeGreaterThan(0);
    expect(s.redenBeeindiging['38'] ?? 0).toBeGreaterThan(0);
    expect(s.nooitGestart).toBeGreaterThan(50);
    expect(s.stopOntbreekt).toBeGreaterThan(5);
    expect(s.herinstroom6m).toBeGreaterThan(0.02);
    const ages = year
      .filter((m) => m.bericht.berichtcode === 'JW307')
      .map((m) => {
        const b = m.bericht as IjwBericht & { berichtcode: 'JW307' };
        return { level: b.product!.categorie, age: (dayOf(b.einddatum) - dayOf(b.client.geboortedatum)) / 365.25 };
      });
    expect(ages.some((a) => a.age >= 18 && a.age < 20)).toBe(true); // verlengde jeugdhulp / turning 18 in care
    expect(ages.some((a) => a.age > 20.5 && a.age < 21.01)).toBe(true); // pleegzorg or gezinshuis to 21
    expect(ages.filter((a) => a.level === '46').length).toBeGreaterThan(50); // crisis
  });
});

describe('iJw 3.2 berichten', () => {
  const WINDOW = { region: 'flevoland', seed: 5, from: '2024-03-01', to: '2024-04-30', scale: 0.5 } as const;
  const berichten: SimulatedIjwBericht[] = Array.from(simulateBerichten(WINDOW));

  it('group the message stream: every message is in exactly one bericht, in order', () => {
    const flat = simulateRegion(WINDOW);
    expect(berichten.flatMap((b) => b.regels)).toEqual(flat.map((m) => m.bericht));
    expect(berichten.length).toBeGreaterThan(2000);
  });

  it(
    'are accepted per bericht (ontvang: controleniveau 1, 2 and the stateless 4) ' +
      'with today = the sending date, and read back to exactly their flat messages',
    () => {
      const failures: string[] = [];
      for (const b of berichten) {
        const r = ontvang(b.xml, { today: b.at.slice(0, 10), maxBytes: 256 * 1024 });
        const one = r.ok ? r.berichten[0] : undefined;
        if (!one || one.foutmelding || one.bevindingen.length > 0) {
          if (failures.length < 5)
            failures.push(
              `${b.soort} ${b.regels[0]!.berichtId}: ` +
                JSON.stringify(r.ok ? (one?.foutmelding ?? one?.bevindingen.map((x) => `${x.regel} ${x.toelichting}`)) : r.foutmelding),
            );
          continue;
        }
        expect(one.heenbericht!.regels).toEqual(b.regels);
      }
      expect(failures).toEqual([]);
    },
  );

  it('carry what iJw 3.2 adds: several products in one JW301, 9-digit nummers, decisions before the dagtekening, IV008 corrections', () => {
    const multi = berichten.filter((b) => b.soort === 'JW301' && b.regels.length > 1);
    expect(multi.length).toBeGreaterThan(5);
    for (const b of multi) {
      expect(new Set(b.regels.map((r) => r.toewijzingNummer)).size).toBe(b.regels.length);
      expect(new Set(b.regels.map((r) => r.product?.code)).size).toBe(b.regels.length);
    }
    const corrections = berichten.filter((b) => b.soort === 'JW305' && b.regels.length === 2);
    expect(corrections.length).toBeGreaterThan(0);
    for (const b of corrections) expect(b.regels.map((r) => (r as { statusAanlevering?: string }).statusAanlevering)).toEqual(['3', '1']);
    const decisions = new Map<string, string>();
    for (const b of berichten) {
      for (const r of b.regels) {
        if (r.berichtcode !== 'JW301') continue;
        expect(r.toewijzingsdatum! <= r.dagtekening!).toBe(true);
        expect(r.toewijzingstijd).toMatch(/^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/);
        const key = `${r.gemeente}/${r.toewijzingNummer}`;
        const at = `${r.toewijzingsdatum}T${r.toewijzingstijd}`;
        if (!b.initieel) expect(at > (decisions.get(key) ?? '')).toBe(true);
        decisions.set(key, at);
      }
    }
  });

  it('pass the berichtoverstijgende rules (controleniveau 3, checkHistorie) in sending order against the berichten before them', () => {
    const accepted = new Map<string, PseudonymisedBericht[]>();
    const failures: string[] = [];
    for (const b of berichten) {
      const regels = b.regels.map((r) => pseudonymiseBericht(r, 'simulator-spec-secret-0123456789abcdef'));
      const found = checkHistorie(regels, (key) => accepted.get(key) ?? []);
      if (found.length > 0 && failures.length < 5)
        failures.push(`${b.soort} ${b.regels[0]!.berichtId} ${b.scenario}: ${found.map((f) => `${f.regel} ${f.toelichting}`).join('; ')}`);
      for (const r of regels) {
        const key = toewijzingSleutel(r.gemeente, r.toewijzingNummer ?? '');
        const list = accepted.get(key) ?? [];
        list.push(r);
        accepted.set(key, list);
      }
    }
    expect(failures).toEqual([]);
  });

  (HAVE_STANDARD ? it : it.skip)(
    'a sample of 400 berichten is valid against the official iJw 3.2 XSDs (xmllint-wasm; skipped only when /work/shared/ijw-3.2 is absent)',
    async () => {
      const step = Math.max(1, Math.floor(berichten.length / 400));
      const sample = berichten.filter((_, i) => i % step === 0).slice(0, 400);
      // make sure the rare shapes are in it
      sample.push(...berichten.filter((b) => b.regels.length > 1).slice(0, 20));
      const items = sample.map((b, i) => ({ name: `${i}:${b.soort}:${b.regels[0]!.berichtId}`, soort: b.soort, xml: b.xml }));
      const results = await xsdValidate(items);
      expect(items.filter((i) => !results.get(i.name)!.valid).map((i) => `${i.name}: ${results.get(i.name)!.errors.join(' | ')}`)).toEqual(
        [],
      );
      // the platform's own reader agrees
      for (const b of sample) {
        const read = readIjwXml(b.xml);
        expect(read.ok && toHeenbericht(b.soort, read.json).regels).toEqual(b.regels);
      }
    },
  );
});

describe('calibration', () => {
  const s = summarise(year, { youths: FLEVOLAND.gemeenten.reduce((n, g) => n + youths(g), 0), window: YEAR });
  const targetShare =
    FLEVOLAND.gemeenten.reduce((n, g) => n + youths(g) * (g.shareInCare ?? DEFAULT_CALIBRATION.shareInCare.value), 0) /
    FLEVOLAND.gemeenten.reduce((n, g) => n + youths(g), 0);

  it('share of youths in care within ±1.5 percentage points', () => {
    expect(Math.abs(s.shareInCare! - targetShare)).toBeLessThan(0.015);
  });

  it('verblijf share within ±2 percentage points of the Flevoland figure', () => {
    expect(Math.abs(s.verblijfShare - FLEVOLAND.verblijfShareTarget.value)).toBeLessThan(0.02);
  });

  it('volgens-plan share within ±4 percentage points', () => {
    expect(Math.abs(s.volgensPlanShare - DEFAULT_CALIBRATION.volgensPlanTarget.value)).toBeLessThan(0.04);
  });

  it('ambulant waiting time median within ±4 days of the configured median', () => {
    expect(Math.abs(s.wachttijdPerGroep.ambulant!.median! - DEFAULT_CALIBRATION.wachttijd.value.ambulant.median)).toBeLessThanOrEqual(4);
  });

  it('ambulant durations near the configured medians', () => {
    // ended trajectories are biased to the short ones and escalations cut some short: allow 35%
    for (const level of ['licht_ambulant', 'specialistisch_ambulant'] as const) {
      const median = s.duur[level]!.median!;
      expect(
        Math.abs(median - DEFAULT_CALIBRATION.duration.value[level].median) / DEFAULT_CALIBRATION.duration.value[level].median,
      ).toBeLessThan(0.35);
    }
  });

  it('the product table agrees with the platform intensity mapping', () => {
    for (const level of SIM_LEVELS) {
      for (const p of LEVELS[level].products) {
        const c = classifyProduct(DEFAULT_INTENSITY_MAPPING, '0034', p);
        expect({ code: p.code, verblijf: c.verblijf, crisis: c.crisis, intensiteit: c.intensiteit }).toEqual({
          code: p.code,
          verblijf: LEVELS[level].verblijf,
          crisis: LEVELS[level].crisis,
          intensiteit: LEVELS[level].crisis && level === 'crisis_ambulant' ? 'specialistisch_ambulant' : LEVELS[level].ladder,
        });
      }
    }
  });
});

describe('scaling', () => {
  it('message count grows linearly with scale', () => {
    const count = (scale: number): number => {
      let n = 0;
      for (const m of simulateStream({ region: 'flevoland', seed: 11, from: '2023-01-01', to: '2023-06-30', scale })) if (!m.initieel) n++;
      return n;
    };
    const one = count(0.5);
    const two = count(1);
    const four = count(2);
    expect(two / one).toBeGreaterThan(1.85);
    expect(two / one).toBeLessThan(2.15);
    expect(four / two).toBeGreaterThan(1.85);
    expect(four / two).toBeLessThan(2.15);
  });

  it('national scale streams lazily and fast', () => {
    const t0 = Date.now();
    let n = 0;
    for (const m of simulateStream({ region: NATIONAL, seed: 1, from: '2023-01-01', scale: 0.2, warmupDays: 365 })) {
      if (m.at >= '2023-01-08') break;
      n++;
    }
    expect(n).toBeGreaterThan(5_000);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});

describe('date helpers', () => {
  it('isoTimestamp and birthdayDay agree with Date', () => {
    for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 86_400_000 * 37 + 3_723_456) {
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    }
    expect(birthdayDay(dayOf('2008-02-29'), 18)).toBe(dayOf('2026-03-01'));
    expect(birthdayDay(dayOf('2006-07-15'), 18)).toBe(dayOf('2024-07-15'));
  });
});
