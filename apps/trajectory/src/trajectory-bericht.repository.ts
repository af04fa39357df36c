import type { EntityManager } from 'typeorm';
import type { AcceptedMessage } from '@trajectwacht/trajectory';

/** A message to store: its key, trajectory, child, berichtcode, arrival, and the message as JSON text. */
export interface StoredBerichtRow {
  key: string;
  trajectoryId: string;
  clientPseudonym: string;
  berichtcode: string;
  receivedAt: string;
  /** The message as JSON text, or as that text's UTF-8 bytes (a Kafka record's value). */
  json: string | Buffer;
}

const SEPARATOR = Buffer.from([0x1e]);

/** The rows' messages as UTF-8 bytes, separated by U+001E. */
function joined(rows: readonly StoredBerichtRow[]): Buffer {
  const parts: Buffer[] = [];
  for (const row of rows) {
    if (parts.length > 0) parts.push(SEPARATOR);
    parts.push(typeof row.json === 'string' ? Buffer.from(row.json, 'utf8') : row.json);
  }
  return Buffer.concat(parts);
}

/** trajectory_bericht (migrations 1700000000002, 1700000000004): every accepted message, per trajectory, stored once. */
export class TrajectoryBerichtRepository {
  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  /** The stored messages of these trajectories, with their keys. */
  async forTrajectories(ids: readonly string[]): Promise<{ bericht_key: string; trajectory_id: string; message: AcceptedMessage }[]> {
    return this.manager.query(`SELECT bericht_key, trajectory_id, message FROM trajectory_bericht WHERE trajectory_id = ANY($1)`, [ids]);
  }

  /**
   * Two parameters for any number of rows: the short columns as one jsonb array of positional rows, and the messages
   * as one text of JSON documents separated by U+001E (which valid JSON text never contains unescaped), stored as `json`.
   * Neither is escaped element by element, as a text[] parameter would be. The messages go as bytes (a Buffer parameter,
   * which node-postgres sends in binary format, read by PostgreSQL as text in the client encoding UTF-8): the records'
   * own bytes, concatenated, instead of decoding them to strings and encoding them to UTF-8 again.
   * A message stored before is left as it is.
   */
  async insert(rows: readonly StoredBerichtRow[]): Promise<void> {
    await this.manager.query(
      `INSERT INTO trajectory_bericht (bericht_key, trajectory_id, client_pseudonym, berichtcode, received_at, message)
       SELECT r->>0, r->>1, r->>2, r->>3, (r->>4)::timestamptz, m::json
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, i)
         JOIN unnest(string_to_array($2::text, E'\\x1e')) WITH ORDINALITY AS y(m, i) USING (i)
       ON CONFLICT (bericht_key) DO NOTHING`,
      [JSON.stringify(rows.map((m) => [m.key, m.trajectoryId, m.clientPseudonym, m.berichtcode, m.receivedAt])), joined(rows)],
    );
  }
}
