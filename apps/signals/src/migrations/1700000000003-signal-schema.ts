import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signal service tables.
 * - signal_trajectory: the signal service's own view of each trajectory (from trajectory.events.v1).
 * - signal_timer: one durable timer per child: the next business date a rule's answer can change without a message.
 * - alert: one row per situation (unique dedup key), with its lifecycle.
 * - webhook_subscription / webhook_dead_letter: notification delivery per gemeente.
 */
export class SignalSchema1700000000003 implements MigrationInterface {
  name = 'SignalSchema1700000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signal_trajectory (
        id                text PRIMARY KEY,
        client_pseudonym  text        NOT NULL,
        state             jsonb       NOT NULL,
        first_seen        date        NOT NULL,
        event_time        text        NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX signal_trajectory_client ON signal_trajectory (client_pseudonym)`);
    await q.query(`
      CREATE TABLE signal_timer (
        client_pseudonym  text PRIMARY KEY,
        due_date          date        NOT NULL,
        due_at            timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX signal_timer_due ON signal_timer (due_at)`);
    await q.query(`
      CREATE TABLE alert (
        id                text PRIMARY KEY,
        dedup_key         text        NOT NULL UNIQUE,
        rule_id           text        NOT NULL,
        severity          text        NOT NULL,
        status            text        NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved', 'dismissed')),
        gemeente          text        NOT NULL,
        aanbieder         text,
        client_pseudonym  text        NOT NULL,
        trajectory_ids    text[]      NOT NULL,
        recipients        text[]      NOT NULL,
        title             text        NOT NULL,
        facts             jsonb       NOT NULL,
        effective_at      date        NOT NULL,
        detected_at       timestamptz NOT NULL,
        lifecycle         jsonb       NOT NULL,
        notified_at       timestamptz,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX alert_gemeente_status ON alert (gemeente, status, detected_at)`);
    await q.query(`CREATE INDEX alert_client ON alert (client_pseudonym)`);
    await q.query(`CREATE INDEX alert_aanbieder ON alert (aanbieder, status)`);
    await q.query(`
      CREATE TABLE webhook_subscription (
        gemeente     text PRIMARY KEY,
        url          text        NOT NULL,
        secret       text        NOT NULL,
        mode         text        NOT NULL CHECK (mode IN ('direct', 'digest')),
        digest_hour  integer     NOT NULL DEFAULT 7 CHECK (digest_hour BETWEEN 0 AND 23),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_dead_letter (
        id          bigserial PRIMARY KEY,
        gemeente    text        NOT NULL,
        payload     jsonb       NOT NULL,
        error       text        NOT NULL,
        attempts    integer     NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['webhook_dead_letter', 'webhook_subscription', 'alert', 'signal_timer', 'signal_trajectory'])
      await q.query(`DROP TABLE ${t}`);
  }
}
