import type { TrajectoryState } from './trajectory';

/**
 * The columns of the `trajectory` table besides the full state (jsonb `state`): each is the state field named beside
 * it, parsed by PostgreSQL from the state's JSON. Written once, here, where both the projection's repository
 * (apps/trajectory/src/trajectory.repository.ts) and the indicators' test support (@trajectwacht/indicators/testing)
 * may import it; plain data, no SQL client.
 */
export const TRAJECTORY_STATE_COLUMNS: readonly (readonly [column: string, field: keyof TrajectoryState, type: string])[] = [
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

/** The column names, comma-separated, in the order of TRAJECTORY_STATE_COLUMNS. */
export const TRAJECTORY_STATE_COLUMN_LIST = TRAJECTORY_STATE_COLUMNS.map(([column]) => column).join(', ');

/** The values of those columns read from the state's jsonb `j`, in the same order. */
export const trajectoryStateColumnValues = (j: string): string =>
  TRAJECTORY_STATE_COLUMNS.map(([, field, type]) => (type === 'text' ? `${j}->>'${field}'` : `(${j}->>'${field}')::${type}`)).join(', ');
