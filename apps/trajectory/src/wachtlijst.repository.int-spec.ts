import type { DataSource } from 'typeorm';
import { addDays, daysBetween } from '@trajectwacht/dates';
import { pseudonymiseBericht, pseudonymiseVerzoek } from '@trajectwacht/ijw';
import type { Jw301Toewijzing, Jw305StartZorg, Jw315AangevraagdProduct, Jw317VerzoekOmWijziging, Jw319Antwoord } from '@trajectwacht/ijw';
import { insertStates } from '@trajectwacht/indicators/testing';
import { recordScope } from '@trajectwacht/platform';
import {
  DEFAULT_INTENSITY_MAPPING,
  compareWachtlijst,
  decodeWachtlijstCursor,
  deriveTrajectory,
  deriveVerzoek,
  type AcceptedMessage,
  type TrajectoryState,
  type VerzoekInput,
  type VerzoekState,
  type WachtlijstCursor,
  type WachtlijstSoort,
} from '@trajectwacht/trajectory';
import { dropSchema, freshDatabase, uniqueName } from '../../../test/support/infra';
import { WachtlijstRepository, type WachtlijstFilters } from './wachtlijst.repository';

/**
 * The waiting list on the real PostgreSQL at volume (issue 17 point 5): 2 400 cases in two gemeenten — toewijzingen
 * toegewezen (some lapsed), gestart, ingetrokken; JW315 verzoeken ontvangen, in onderzoek, afgewezen, toegewezen (whose
 * toewijzing then waits with its verzoek's date); JW317 verzoeken — derived by the real deriveTrajectory/deriveVerzoek
 * from iJw messages. Paging through every page with each filter gives exactly the reference (what waits, oldest
 * first, soort, id; the days waited), once each, with the counts; the aanbieder's scope is its own AGB.
 */
const G = '0034';
const OTHER = '0363';
const AANBIEDERS = ['11111111', '22222222', '33333333'];
const SECRET = 'wachtlijst-int-spec-secret-0123456789abcdef';
const BSNS = ['999990019', '999990020', '999990032', '999990044', '999990056', '999990068', '999990081', '999990093'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface Expected {
  soort: WachtlijstSoort;
  id: string;
  gemeente: string;
  aanbieder: string;
  sinds: string;
  verzoekOntvangen: string | null;
}

const VERZOEK_INSERT = `INSERT INTO verzoek (id, client_pseudonym, gemeente, aanbieder, soort, referentie_aanbieder, berichtid, dagtekening,
    ontvangen, ontvangen_op, productcategorie, productcode, verwijzer_type, status, in_onderzoek_op, afgewezen_op, toegewezen_op,
    toewijzing_nummers, state)
  SELECT j->>'id', j->>'clientPseudonym', j->>'gemeente', j->>'aanbieder', j->>'soort', j->>'referentieAanbieder', j->>'berichtId',
         (j->>'dagtekening')::date, (j->>'ontvangen')::date, (j->>'ontvangenOp')::timestamptz, j->>'productcategorie', j->>'productcode',
         j->'verwijzer'->>'type', j->>'status', (j->>'inOnderzoekOp')::date, (j->>'afgewezenOp')::date, (j->>'toegewezenOp')::date,
         ARRAY(SELECT jsonb_array_elements_text(j->'toewijzingNummers')), j
    FROM jsonb_array_elements($1::jsonb) AS x(j)`;

describe('waiting list: keyset pages, filters, counts and scope at volume', () => {
  let ds: DataSource;
  let repo: WachtlijstRepository;
  let today: string;
  const expected: Expected[] = [];

  beforeAll(async () => {
    ds = await freshDatabase(uniqueName('wachtlijst'));
    repo = new WachtlijstRepository(ds);
    today = ((await ds.query(`SELECT to_char((now() AT TIME ZONE 'Europe/Amsterdam')::date, 'YYYY-MM-DD') AS d`)) as { d: string }[])[0]!.d;
    const r = rng(17);
    const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
    const states: TrajectoryState[] = [];
    const verzoeken: VerzoekState[] = [];
    const at = (date: string, hour = 10) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const accepted = <T extends Jw301Toewijzing | Jw305StartZorg>(m: T, date: string, afzender: string) =>
      ({ ...pseudonymiseBericht(m, SECRET), ontvangst: { afzender, ontvangenOp: at(date), bron: 'api' } }) as unknown as AcceptedMessage;
    let nummer = 100_000_001;
    const jw301 = (
      gemeente: string,
      aanbieder: string,
      bsn: string,
      ingang: string,
      eind: string,
      extra: Partial<Jw301Toewijzing> = {},
    ) => {
      const n = String(extra.toewijzingNummer ?? nummer++);
      return {
        berichtcode: 'JW301',
        berichtId: `T${n}/${extra.redenWijziging ?? '0'}`,
        identificatie: `T${n}`,
        gemeente,
        aanbieder,
        client: { bsn, geboortedatum: '2012-05-01' },
        toewijzingNummer: n,
        product: { categorie: '45', code: '45A01' },
        dagtekening: ingang,
        ingangsdatum: ingang,
        einddatum: eind,
        omvang: { volume: 2, eenheid: '04', frequentie: '2' },
        toewijzingsdatum: ingang,
        toewijzingstijd: '09:00:00',
        ...extra,
      } as Jw301Toewijzing;
    };
    for (let i = 0; i < 2400; i++) {
      const gemeente = i % 5 === 4 ? OTHER : G;
      const aanbieder = AANBIEDERS[int(0, 2)]!;
      const bsn = BSNS[i % BSNS.length]!;
      const x = r();
      const ingang = addDays(today, int(-200, 20));
      const eind = r() < 0.15 ? addDays(today, -int(1, 20)) : addDays(today, int(1, 300));
      const tw = (extra: Partial<Jw301Toewijzing> = {}) => jw301(gemeente, aanbieder, bsn, ingang, eind < ingang ? ingang : eind, extra);
      if (x < 0.35) {
        // a toewijzing: toegewezen, gestart or ingetrokken
        const t = tw();
        const msgs = [accepted(t, ingang, `gemeente:${gemeente}`)];
        const y = r();
        if (y < 0.3) {
          const start: Jw305StartZorg = {
            berichtcode: 'JW305',
            berichtId: `S${t.toewijzingNummer}/1`,
            identificatie: `S${t.toewijzingNummer}`,
            gemeente,
            aanbieder,
            client: t.client,
            toewijzingNummer: t.toewijzingNummer,
            product: t.product,
            dagtekening: ingang,
            begindatum: ingang,
            toewijzingIngangsdatum: ingang,
            statusAanlevering: '1',
          };
          msgs.push(accepted(start, ingang, `aanbieder:${aanbieder}`));
        } else if (y < 0.4) {
          msgs.push(
            accepted(
              { ...t, berichtId: `T${t.toewijzingNummer}/13`, einddatum: ingang, redenWijziging: '13', toewijzingstijd: '10:00:00' },
              ingang,
              `gemeente:${gemeente}`,
            ),
          );
        }
        const state = deriveTrajectory(msgs, DEFAULT_INTENSITY_MAPPING)!;
        states.push(state);
        if (state.status === 'toegewezen' && (state.einddatum === null || state.einddatum >= today))
          expected.push({ soort: 'toewijzing_zonder_start', id: state.id, gemeente, aanbieder, sinds: ingang, verzoekOntvangen: null });
        continue;
      }
      // a verzoek
      const ontvangen = addDays(today, -int(0, 120));
      const ref = `REF-${i}`;
      const ontvangst = (date: string, afzender: string) => ({ ontvangst: { afzender, ontvangenOp: at(date), bron: 'api' } });
      const base = { berichtId: `V${i}/1`, identificatie: `V${i}`, gemeente, aanbieder, dagtekening: ontvangen, referentieAanbieder: ref };
      const vow = x >= 0.8;
      const verzoek = vow
        ? ({
            ...base,
            berichtcode: 'JW317',
            client: { bsn },
            redenVerzoek: '2',
            ongewijzigd: [],
            teWijzigen: [
              { toewijzingNummer: String(900_000 + i), gewensteIngangsdatum: addDays(ontvangen, 1), einddatum: addDays(ontvangen, 200) },
            ],
            nieuw: [],
          } as Jw317VerzoekOmWijziging)
        : ({
            ...base,
            berichtcode: 'JW315',
            client: { bsn, geboortedatum: '2012-05-01' },
            product: { categorie: '45', code: '45A02' },
            toewijzingIngangsdatum: addDays(ontvangen, 7),
            verwijzer: { type: '02', zorgverlenerCode: '01234567' },
          } as Jw315AangevraagdProduct);
      const msgs: VerzoekInput[] = [
        { ...pseudonymiseVerzoek(verzoek, SECRET), ...ontvangst(ontvangen, `aanbieder:${aanbieder}`) } as VerzoekInput,
      ];
      const y = r();
      const antwoord = (a: string, reden?: string): VerzoekInput =>
        ({
          berichtcode: 'JW319',
          ...base,
          berichtId: `A${i}${a}/1`,
          identificatie: `A${i}${a}`,
          verzoekAntwoord: a,
          ...(reden ? { redenAfwijzingVerzoek: reden } : {}),
          client: { pseudonym: msgs[0]!.client.pseudonym },
          ...ontvangst(addDays(ontvangen, 1), `gemeente:${gemeente}`),
        }) as unknown as Jw319Antwoord & VerzoekInput;
      if (y < 0.2) msgs.push(antwoord('2'));
      else if (y < 0.3) msgs.push(antwoord('1', '4'));
      else if (y < 0.45 && !vow) {
        // honoured: the toewijzing it led to waits for its start, counted also from the verzoek
        const t = tw({ referentieAanbieder: ref });
        msgs.push(accepted(t, addDays(ontvangen, 2), `gemeente:${gemeente}`) as VerzoekInput);
        const state = deriveTrajectory([accepted(t, addDays(ontvangen, 2), `gemeente:${gemeente}`)], DEFAULT_INTENSITY_MAPPING)!;
        states.push(state);
        if (state.einddatum === null || state.einddatum >= today)
          expected.push({
            soort: 'toewijzing_zonder_start',
            id: state.id,
            gemeente,
            aanbieder,
            sinds: ingang,
            verzoekOntvangen: ontvangen,
          });
      }
      const state = deriveVerzoek(msgs)!;
      verzoeken.push(state);
      if (state.status === 'ontvangen' || state.status === 'in_onderzoek')
        expected.push({
          soort: vow ? 'verzoek_om_wijziging' : 'verzoek_om_toewijzing',
          id: state.id,
          gemeente,
          aanbieder,
          sinds: ontvangen,
          verzoekOntvangen: null,
        });
    }
    await insertStates((sql, params) => ds.query(sql, params ? [...params] : undefined), states);
    await ds.query(VERZOEK_INSERT, [JSON.stringify(verzoeken)]);
  }, 120_000);

  afterAll(async () => {
    if (ds) await dropSchema(ds);
  });

  const toegang = recordScope({ role: 'toegang', gemeente: G, sub: 'w' }, 'trajectories');

  async function all(scope: Parameters<WachtlijstRepository['page']>[0], filters: WachtlijstFilters, limit: number) {
    const ids: string[] = [];
    let after: WachtlijstCursor | null = null;
    let first;
    for (let guard = 0; guard < 500; guard++) {
      const page = await repo.page(scope, filters, today, limit, after);
      first ??= page;
      ids.push(...page.items.map((i) => i.id));
      for (const item of page.items) {
        expect(item.wachtdagen).toBe(Math.max(0, daysBetween(item.sinds, today)));
        expect(JSON.stringify(item)).not.toMatch(/9999900\d\d/); // never a BSN
      }
      if (!page.next) break;
      after = decodeWachtlijstCursor(page.next);
      expect(after).not.toBeNull();
    }
    return { ids, first: first! };
  }

  const reference = (gemeente: string | null, filters: WachtlijstFilters, aanbieder?: string) =>
    expected
      .filter((e) => (gemeente === null || e.gemeente === gemeente) && (aanbieder === undefined || e.aanbieder === aanbieder))
      .filter((e) => filters.aanbieder === undefined || e.aanbieder === filters.aanbieder)
      .filter((e) => filters.soorten === undefined || filters.soorten.includes(e.soort))
      .sort(compareWachtlijst);

  it.each<[string, WachtlijstFilters, number]>([
    ['no filter', {}, 41],
    ['soort verzoek om toewijzing', { soorten: ['verzoek_om_toewijzing'] }, 50],
    ['soort toewijzing zonder start', { soorten: ['toewijzing_zonder_start'] }, 33],
    ['two soorten and an aanbieder', { soorten: ['verzoek_om_wijziging', 'toewijzing_zonder_start'], aanbieder: '22222222' }, 17],
  ])('%s: every waiting case of the gemeente once, oldest first, with the counts', async (_name, filters, limit) => {
    const want = reference(G, filters);
    expect(want.length).toBeGreaterThan(50);
    const { ids, first } = await all({ sql: (p, a) => toegang.sql(p, a), value: toegang.value }, filters, limit);
    expect(ids).toEqual(want.map((e) => e.id));
    expect(first.total).toBe(want.length);
    const bySoort = reference(G, { ...filters, soorten: undefined });
    for (const soort of ['verzoek_om_toewijzing', 'verzoek_om_wijziging', 'toewijzing_zonder_start'] as const)
      expect(first.perSoort[soort]).toBe(bySoort.filter((e) => e.soort === soort).length);
    for (const a of first.perAanbieder) {
      const mine = want.filter((e) => e.aanbieder === a.aanbieder);
      expect(a.toewijzingen + a.verzoeken).toBe(mine.length);
      expect(a.langsteWachtdagen).toBe(Math.max(...mine.map((e) => Math.max(0, daysBetween(e.sinds, today)))));
    }
  });

  it('a toewijzing that honours a JW315 carries the verzoek date (request → today)', async () => {
    const page = await repo.page(
      { sql: (p, a) => toegang.sql(p, a), value: toegang.value },
      { soorten: ['toewijzing_zonder_start'] },
      today,
      500,
      null,
    );
    const honoured = expected.filter((e) => e.gemeente === G && e.verzoekOntvangen !== null);
    expect(honoured.length).toBeGreaterThan(5);
    const byId = new Map(page.items.map((i) => [i.id, i]));
    let seen = 0;
    for (const e of honoured) {
      const item = byId.get(e.id);
      if (!item) continue; // on a later page
      seen++;
      expect(item.verzoekOntvangen).toBe(e.verzoekOntvangen);
      expect(item.wachtdagenSindsVerzoek).toBe(daysBetween(e.verzoekOntvangen!, today));
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("an aanbieder's scope is its own AGB, in both gemeenten", async () => {
    const scope = recordScope({ role: 'aanbieder', agb: '33333333', sub: 'a' }, 'trajectories');
    const { ids } = await all({ sql: (p, a) => scope.sql(p, a), value: scope.value }, {}, 100);
    expect(ids).toEqual(reference(null, {}, '33333333').map((e) => e.id));
  });

  it('a case added before the cursor between two pages never makes a page repeat or skip one', async () => {
    const scope = { sql: (p: string, a?: string) => toegang.sql(p, a), value: toegang.value };
    const page1 = await repo.page(scope, {}, today, 40, null);
    const cursor = decodeWachtlijstCursor(page1.next!)!;
    await ds.query(VERZOEK_INSERT, [
      JSON.stringify([
        {
          ...(await ds.query(`SELECT state FROM verzoek WHERE gemeente = $1 AND status = 'ontvangen' LIMIT 1`, [G]))[0].state,
          id: `${G}|11111111|NEW`,
          ontvangen: addDays(today, -500),
        },
      ]),
    ]);
    const page2 = await repo.page(scope, {}, today, 40, cursor);
    const want = reference(G, {});
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual(want.slice(0, 80).map((e) => e.id));
    await ds.query(`DELETE FROM verzoek WHERE id = $1`, [`${G}|11111111|NEW`]);
  });
});
