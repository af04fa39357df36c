import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createHerinstroomNaTriggers, dropHerinstroomNaTriggers } from './herinstroom-na-triggers';

/**
 * Issue 16 point 2: herinstroom_na (1700000000200) is computed by its writers instead of by triggers. The triggers
 * recomputed the column per statement for every child a statement touched, with a correlated subquery per trajectory and
 * a row trigger per written row: measured on the projection, about three times its PostgreSQL CPU (10⁵ berichten: 9 s →
 * 28.5 s), and the bulk load of 10⁶ rows in the indicator benchmark took 1 230 s instead of 149 s. The projection
 * already loads all trajectories of every child it changes, so it computes the value in Node (herinstroomNa of
 * @trajectwacht/trajectory) and writes it with the state, and for a sibling only when it moved
 * (apps/trajectory/src/trajectory.projection.ts); the test and benchmark support does the same (insertStates of
 * @trajectwacht/indicators/testing). Stored values stay as the triggers left them: they were right.
 */
export class HerinstroomNaByProjection1700000000600 implements MigrationInterface {
  name = 'HerinstroomNaByProjection1700000000600';

  async up(q: QueryRunner): Promise<void> {
    await dropHerinstroomNaTriggers(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await createHerinstroomNaTriggers(q);
  }
}
