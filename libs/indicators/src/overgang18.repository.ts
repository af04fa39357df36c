/**
 * The youths the overgang-18 indicator looks at, read from the `trajectory` table and the follow-ups from
 * `client_vervolg` (both of the trajectory service; read here like the other indicators read `trajectory`). Only the
 * children whose 18th birthday, or 16th birthday + planBinnenMaanden, can fall in the period are read (by their
 * geboortedatum), and of them only the trajectories in the caller's scope. The outcome is computed by
 * overgang18Indicator (pure), so it is what the OVERGANG_18 rule says.
 */
import { addMonthsRolledOver } from '@trajectwacht/dates';
import type { IsoDate } from '@trajectwacht/ijw';
import type { VervolgRegistratie } from '@trajectwacht/signals';
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { IndicatorScope, SqlSession } from './indicators.repository';
import { overgang18Indicator, type Overgang18IndicatorOptions, type Overgang18IndicatorResult, type Overgang18Youth } from './overgang18';

export class Overgang18Repository {
  constructor(private readonly session: SqlSession) {}

  async youths(scope: IndicatorScope, from: IsoDate, to: IsoDate, planBinnenMaanden = 6): Promise<Overgang18Youth[]> {
    // birth dates whose 18th birthday, or 16th birthday + planBinnenMaanden, lies in [from, to]
    const ranges = [
      [addMonthsRolledOver(from, -18 * 12 - 1), addMonthsRolledOver(to, -18 * 12)],
      [addMonthsRolledOver(from, -16 * 12 - planBinnenMaanden - 1), addMonthsRolledOver(to, -16 * 12 - planBinnenMaanden)],
    ];
    const where = 'alle' in scope ? 'true' : 'gemeenten' in scope ? 'gemeente = ANY($5::text[])' : 'aanbieder = $5';
    const param = 'alle' in scope ? null : 'gemeenten' in scope ? [...scope.gemeenten] : scope.aanbieder;
    return this.session(async (query) => {
      await query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const rows = (await query(
        `SELECT client_pseudonym, state FROM trajectory
          WHERE ${where} AND status <> 'ingetrokken'
            AND ((state->>'geboortedatum')::date BETWEEN $1::date AND $2::date
                 OR (state->>'geboortedatum')::date BETWEEN $3::date AND $4::date)
          ORDER BY client_pseudonym, id`,
        // every scope but 'alle' binds its value as $5 (PostgreSQL refuses a parameter the statement does not use)
        [ranges[0]![0], ranges[0]![1], ranges[1]![0], ranges[1]![1], ...(param === null ? [] : [param])],
      )) as { client_pseudonym: string; state: TrajectoryState }[];
      const byChild = new Map<string, TrajectoryState[]>();
      for (const r of rows) byChild.set(r.client_pseudonym, [...(byChild.get(r.client_pseudonym) ?? []), r.state]);
      if (byChild.size === 0) return [];
      const vervolg = (await query(
        `SELECT client_pseudonym, record FROM client_vervolg WHERE client_pseudonym = ANY($1::text[]) ORDER BY vastgelegd_op_tijd, id`,
        [[...byChild.keys()]],
      )) as {
        client_pseudonym: string;
        record: VervolgRegistratie & { totDatum?: IsoDate; perDatum?: IsoDate };
      }[];
      const perChild = new Map<string, VervolgRegistratie[]>();
      for (const v of vervolg) {
        const r = v.record;
        const reg: VervolgRegistratie = {
          soort: r.soort,
          vastgelegdOp: r.vastgelegdOp,
          ...(r.totDatum ? { totDatum: r.totDatum } : {}),
          ...(r.perDatum ? { perDatum: r.perDatum } : {}),
        };
        perChild.set(v.client_pseudonym, [...(perChild.get(v.client_pseudonym) ?? []), reg]);
      }
      return [...byChild].map(([pseudonym, trajectories]) => {
        const bron = trajectories.find((t) => !t.toewijzingOntbreekt) ?? trajectories[0]!;
        return {
          clientPseudonym: pseudonym,
          geboortedatum: bron.geboortedatum,
          ...(bron.geboortedatumGebruik !== undefined ? { geboortedatumGebruik: bron.geboortedatumGebruik } : {}),
          trajectories,
          vervolg: perChild.get(pseudonym) ?? [],
        };
      });
    });
  }

  async indicator(scope: IndicatorScope, options: Overgang18IndicatorOptions): Promise<Overgang18IndicatorResult> {
    return overgang18Indicator(await this.youths(scope, options.from, options.to, options.planBinnenMaanden ?? 6), options);
  }
}
