/**
 * `@trajectwacht/indicators/testing`, test and benchmark support (not part of the production entry point index.ts nor
 * of the build, tsconfig.build.json): the hand-computed data set (test-data.ts), and insertStates, which stores
 * TrajectoryStates as rows of the `trajectory` table, column for column as the projection writes them: the one column
 * list, TRAJECTORY_STATE_COLUMNS of @trajectwacht/trajectory, also used by apps/trajectory/src/trajectory.repository.ts
 * (every column is the state field of the same name, parsed by PostgreSQL from the state's JSON).
 */
import {
  TRAJECTORY_STATE_COLUMN_LIST,
  herinstroomNaByTrajectory,
  trajectoryStateColumnValues,
  type TrajectoryState,
} from '@trajectwacht/trajectory';
import type { SqlQuery } from './indicators.repository';
import type { WachttijdVerzoek } from './wachttijden';

export * from './test-data';

/**
 * INSERT … SELECT from one jsonb array parameter ($1): the rows of the given states, state included, with their
 * herinstroom_na ($2, one per state, in the same order).
 */
export const INSERT_STATES_SQL = `INSERT INTO trajectory (${TRAJECTORY_STATE_COLUMN_LIST}, herinstroom_na, state)
  SELECT ${trajectoryStateColumnValues('j')}, ($2::date[])[i], j
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(j, i)`;

/**
 * Stores the states in chunks (one statement per chunk), with herinstroom_na as the projection computes it
 * (herinstroomNaByTrajectory of @trajectwacht/trajectory), over all states of this call: give every trajectory of a
 * child in one call.
 */
export async function insertStates(query: SqlQuery, states: readonly TrajectoryState[], chunk = 5000): Promise<void> {
  const na = herinstroomNaByTrajectory(states);
  for (let i = 0; i < states.length; i += chunk) {
    const part = states.slice(i, i + chunk);
    await query(INSERT_STATES_SQL, [JSON.stringify(part), part.map((t) => na.get(t.id) ?? null)]);
  }
}

/**
 * Stores verzoeken as rows of the `verzoek` table (apps/trajectory/src/migrations/1700000000031-verzoek.ts) with the
 * columns the waiting-time indicators read; toewijzing_nummers are the trajectory ids without their `gemeente-` prefix
 * (trajectoryId of @trajectwacht/trajectory), the other required columns get plain values.
 */
export async function insertVerzoeken(query: SqlQuery, verzoeken: readonly WachttijdVerzoek[]): Promise<void> {
  if (verzoeken.length === 0) return;
  const rows = verzoeken.map((v) => ({
    ...v,
    verwijzerType: v.verwijzer?.type ?? null,
    nummers: v.trajectoryIds.map((id) => id.slice(v.gemeente.length + 1)),
  }));
  await query(
    `INSERT INTO verzoek (id, client_pseudonym, gemeente, aanbieder, soort, referentie_aanbieder, berichtid, dagtekening, ontvangen,
                          ontvangen_op, productcategorie, verwijzer_type, status, toegewezen_op, toewijzing_nummers, state)
     SELECT j->>'id', j->>'clientPseudonym', j->>'gemeente', j->>'aanbieder', j->>'soort', j->>'id', j->>'id', (j->>'ontvangen')::date,
            (j->>'ontvangen')::date, (j->>'ontvangen')::timestamptz, j->>'productcategorie', j->>'verwijzerType',
            CASE WHEN j->>'toegewezenOp' IS NULL THEN 'ontvangen' ELSE 'toegewezen' END, (j->>'toegewezenOp')::date,
            ARRAY(SELECT jsonb_array_elements_text(j->'nummers')), j
       FROM jsonb_array_elements($1::jsonb) AS x(j)`,
    [JSON.stringify(rows)],
  );
}
