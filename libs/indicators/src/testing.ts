/**
 * `@trajectwacht/indicators/testing`, test and benchmark support (not part of the production entry point index.ts nor
 * of the build, tsconfig.build.json): the hand-computed data set (test-data.ts), and insertStates, which stores
 * TrajectoryStates as rows of the `trajectory` table, column for column as the projection writes them (apps/trajectory/src/trajectory.projection.ts,
 * STATE_COLUMNS: every column is the state field of the same name, parsed by PostgreSQL from the state's JSON).
 */
import type { TrajectoryState } from '@trajectwacht/trajectory';
import type { SqlQuery } from './indicators.repository';

export * from './test-data';

const COLUMNS: readonly (readonly [column: string, field: keyof TrajectoryState, type: string])[] = [
  ['id', 'id', 'text'],
  ['client_pseudonym', 'clientPseudonym', 'text'],
  ['gemeente', 'gemeente', 'text'],
  ['aanbieder', 'aanbieder', 'text'],
  ['status', 'status', 'text'],
  ['productcategorie', 'productcategorie', 'text'],
  ['productcode', 'productcode', 'text'],
  ['intensiteit', 'intensiteit', 'text'],
  ['crisis', 'crisis', 'boolean'],
  ['verblijf', 'verblijf', 'boolean'],
  ['gedwongen_kader', 'gedwongenKader', 'boolean'],
  ['ingangsdatum', 'ingangsdatum', 'date'],
  ['einddatum', 'einddatum', 'date'],
  ['begindatum', 'begindatum', 'date'],
  ['stopdatum', 'stopdatum', 'date'],
  ['reden_beeindiging', 'redenBeeindiging', 'text'],
  ['volgens_plan', 'volgensPlan', 'boolean'],
  ['aantal_wijzigingen', 'aantalWijzigingen', 'integer'],
  ['aantal_verlengingen', 'aantalVerlengingen', 'integer'],
  ['wachttijd_dagen', 'wachttijdDagen', 'integer'],
  ['toewijzing_ontbreekt', 'toewijzingOntbreekt', 'boolean'],
];

/** INSERT … SELECT from one jsonb array parameter ($1): the rows of the given states, state included. */
export const INSERT_STATES_SQL = `INSERT INTO trajectory (${COLUMNS.map(([c]) => c).join(', ')}, state)
  SELECT ${COLUMNS.map(([, f, type]) => (type === 'text' ? `j->>'${f}'` : `(j->>'${f}')::${type}`)).join(', ')}, j
    FROM jsonb_array_elements($1::jsonb) AS x(j)`;

/** Stores the states in chunks (one statement per chunk). */
export async function insertStates(query: SqlQuery, states: readonly TrajectoryState[], chunk = 5000): Promise<void> {
  for (let i = 0; i < states.length; i += chunk) await query(INSERT_STATES_SQL, [JSON.stringify(states.slice(i, i + chunk))]);
}
