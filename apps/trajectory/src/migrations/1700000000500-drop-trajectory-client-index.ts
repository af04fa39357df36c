import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 point 4: drops trajectory_client (client_pseudonym), which trajectory_client_wachttijden (1700000000040) makes
 * redundant: the same key, with columns included. Every lookup by child (the projection's states of a child, the
 * API's trajectories of a child, the indicators) uses the covering index as well, and every insert and non-HOT update
 * of a trajectory state, which the projection does for every changed state, maintained one index more than needed.
 */
export class DropTrajectoryClientIndex1700000000500 implements MigrationInterface {
  name = 'DropTrajectoryClientIndex1700000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS trajectory_client`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX trajectory_client ON trajectory (client_pseudonym)`);
  }
}
