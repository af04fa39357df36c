import type { DataSource } from 'typeorm';
import type { RecordScope } from '@trajectwacht/platform';
import {
  encodeWachtlijstCursor,
  wachtdagen,
  type WachtlijstCursor,
  type WachtlijstItem,
  type WachtlijstSoort,
} from '@trajectwacht/trajectory';

/**
 * The toegang worker's waiting list (issue 17 point 5; libs/trajectory/src/wachtlijst.ts): verzoeken without an answer
 * that ends them (table verzoek, status ontvangen / in_onderzoek) and toewijzingen without a start (table trajectory,
 * status toegewezen, not a start without toewijzing, Einddatum not passed), in one order — oldest `sinds` first, then
 * soort, then id — paged by keyset over exactly that key, with the counts per soort and per aanbieder (every filter but
 * the soort filter, for all pages) in the same snapshot. Scoped by the access policy's recordScope('trajectories'): a
 * toegang worker its own gemeente, an aanbieder its own AGB. Partial indexes (migration 1700000000050) find the page.
 */
export interface WachtlijstFilters {
  soorten?: readonly WachtlijstSoort[];
  aanbieder?: string;
}

export interface WachtlijstAanbieder {
  aanbieder: string;
  verzoeken: number;
  toewijzingen: number;
  /** The longest wait at this aanbieder, in days. */
  langsteWachtdagen: number;
}

export interface WachtlijstPage {
  items: WachtlijstItem[];
  next: string | null;
  /** Matching every filter except the soort filter. */
  perSoort: Record<WachtlijstSoort, number>;
  /** Matching every filter, per aanbieder, the longest wait first. */
  perAanbieder: WachtlijstAanbieder[];
  /** Matching every filter. */
  total: number;
  /** The date the waiting days were counted to (Europe/Amsterdam). */
  vandaag: string;
}

interface Row {
  soort: WachtlijstSoort;
  id: string;
  gemeente: string;
  aanbieder: string;
  client_pseudonym: string;
  sinds: string;
  nummers: string[];
  referentie: string | null;
  status: string;
  productcategorie: string | null;
  productcode: string | null;
  verwijzer_type: string | null;
  ingangsdatum: string | null;
  verzoek_ontvangen: string | null;
}

const d = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

/**
 * The two kinds as one relation with the same columns. `$1` is the scope value, `$2` today; the scope condition is on
 * each table's own gemeente/aanbieder column.
 */
function itemsSql(scope: Pick<RecordScope, 'sql'>): string {
  return `
    SELECT (CASE v.soort WHEN 'JW315' THEN 'verzoek_om_toewijzing' ELSE 'verzoek_om_wijziging' END) AS soort,
           v.id, v.gemeente, v.aanbieder, v.client_pseudonym, v.ontvangen AS sinds,
           (CASE WHEN v.soort = 'JW317'
                 THEN ARRAY(SELECT p->>'toewijzingNummer' FROM jsonb_array_elements(v.state->'producten') p
                             WHERE p->>'toewijzingNummer' IS NOT NULL)
                 ELSE '{}'::text[] END) AS nummers,
           v.referentie_aanbieder AS referentie, v.status, v.productcategorie, v.productcode, v.verwijzer_type,
           (v.state->'producten'->0->>'ingangsdatum')::date AS ingangsdatum, NULL::date AS verzoek_ontvangen
      FROM verzoek v
     WHERE ${scope.sql('$1', 'v')} AND v.status IN ('ontvangen', 'in_onderzoek')
    UNION ALL
    SELECT 'toewijzing_zonder_start', t.id, t.gemeente, t.aanbieder, t.client_pseudonym, t.ingangsdatum,
           ARRAY[t.state->>'toewijzingNummer'], NULL, t.status, t.productcategorie, t.productcode, NULL, t.ingangsdatum,
           (SELECT min(vo.ontvangen) FROM verzoek vo
             WHERE vo.gemeente = t.gemeente AND vo.aanbieder = t.aanbieder AND vo.soort = 'JW315'
               AND vo.toewijzing_nummers @> ARRAY[t.state->>'toewijzingNummer'])
      FROM trajectory t
     WHERE ${scope.sql('$1', 't')} AND t.status = 'toegewezen' AND NOT t.toewijzing_ontbreekt AND t.ingangsdatum IS NOT NULL
       AND (t.einddatum IS NULL OR t.einddatum >= $2::date)`;
}

const KEY = `sinds, soort, (id COLLATE "C")`;

export class WachtlijstRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(
    scope: Pick<RecordScope, 'sql' | 'value'>,
    filters: WachtlijstFilters,
    vandaag: string,
    limit: number,
    after: WachtlijstCursor | null,
  ): Promise<WachtlijstPage> {
    const params: unknown[] = [scope.value, vandaag];
    const add = (value: unknown) => `$${params.push(value)}`;
    const common: string[] = ['TRUE'];
    if (filters.aanbieder !== undefined) common.push(`aanbieder = ${add(filters.aanbieder)}`);
    const commonParams = params.length;
    const paged = [...common];
    if (filters.soorten !== undefined) paged.push(`soort = ANY(${add([...filters.soorten])}::text[])`);
    if (after) paged.push(`(${KEY}) > (${add(after.sinds)}::date, ${add(after.soort)}::text, ${add(after.id)}::text COLLATE "C")`);
    const take = add(limit + 1);
    const items = itemsSql(scope);

    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      await manager.query('SET LOCAL max_parallel_workers_per_gather = 0');
      const rows: Row[] = await manager.query(
        `SELECT soort, id, gemeente, aanbieder, client_pseudonym, ${d('sinds')} AS sinds, nummers, referentie, status,
                productcategorie, productcode, verwijzer_type, ${d('ingangsdatum')} AS ingangsdatum,
                ${d('verzoek_ontvangen')} AS verzoek_ontvangen
           FROM (${items}) w
          WHERE ${paged.join(' AND ')}
          ORDER BY ${KEY}
          LIMIT ${take}`,
        params,
      );
      const counts: { soort: WachtlijstSoort; aanbieder: string; n: string; oudste: string }[] = await manager.query(
        `SELECT soort, aanbieder, count(*) AS n, ${d('min(sinds)')} AS oudste
           FROM (${items}) w WHERE ${common.join(' AND ')} GROUP BY soort, aanbieder`,
        params.slice(0, commonParams),
      );
      const perSoort: Record<WachtlijstSoort, number> = { verzoek_om_toewijzing: 0, verzoek_om_wijziging: 0, toewijzing_zonder_start: 0 };
      const per = new Map<string, WachtlijstAanbieder>();
      let total = 0;
      for (const c of counts) {
        const n = Number(c.n);
        perSoort[c.soort] += n;
        if (filters.soorten !== undefined && !filters.soorten.includes(c.soort)) continue;
        total += n;
        const a = per.get(c.aanbieder) ?? { aanbieder: c.aanbieder, verzoeken: 0, toewijzingen: 0, langsteWachtdagen: 0 };
        if (c.soort === 'toewijzing_zonder_start') a.toewijzingen += n;
        else a.verzoeken += n;
        a.langsteWachtdagen = Math.max(a.langsteWachtdagen, wachtdagen(c.oudste, vandaag));
        per.set(c.aanbieder, a);
      }
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => toItem(r, vandaag)),
        next: rows.length > limit && last ? encodeWachtlijstCursor({ sinds: last.sinds, soort: last.soort, id: last.id }) : null,
        perSoort,
        perAanbieder: [...per.values()].sort(
          (a, b) => b.langsteWachtdagen - a.langsteWachtdagen || (a.aanbieder < b.aanbieder ? -1 : a.aanbieder > b.aanbieder ? 1 : 0),
        ),
        total,
        vandaag,
      };
    });
  }
}

function toItem(r: Row, vandaag: string): WachtlijstItem {
  return {
    soort: r.soort,
    id: r.id,
    gemeente: r.gemeente,
    aanbieder: r.aanbieder,
    clientPseudonym: r.client_pseudonym,
    sinds: r.sinds,
    wachtdagen: wachtdagen(r.sinds, vandaag),
    toewijzingNummers: r.nummers.filter((n) => n !== null),
    referentieAanbieder: r.referentie,
    status: r.status,
    productcategorie: r.productcategorie,
    productcode: r.productcode,
    verwijzerType: r.verwijzer_type,
    ingangsdatum: r.ingangsdatum,
    verzoekOntvangen: r.verzoek_ontvangen,
    wachtdagenSindsVerzoek: r.verzoek_ontvangen === null ? null : wachtdagen(r.verzoek_ontvangen, vandaag),
  };
}
