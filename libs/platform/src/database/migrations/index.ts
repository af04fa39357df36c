import { InitialSchema1700000000001 } from './1700000000001-initial-schema';
import { IjwHeenbericht1700000000005 } from './1700000000005-ijw-heenbericht';
import { IndicatorInboxIndexes1700000000006 } from './1700000000006-indicator-inbox-indexes';
import { AccessLog1700000000020 } from './1700000000020-access-log';
import { BsnStore1700000000021 } from './1700000000021-bsn-store';
import { OutboxRelayPosition1700000000700 } from './1700000000700-outbox-relay-position';

export {
  InitialSchema1700000000001,
  IjwHeenbericht1700000000005,
  IndicatorInboxIndexes1700000000006,
  AccessLog1700000000020,
  BsnStore1700000000021,
  OutboxRelayPosition1700000000700,
};

/**
 * The shared migrations: the platform's own table (outbox) and the earlier ones that touch the tables of several
 * services at once (kept whole under their recorded names; docs/architecture.md, "Migrations"). They are not
 * runnable alone (1700000000005 alters trajectory, 1700000000006 indexes trajectory and alert): apps/migrations.ts
 * merges them with the services' lists into the one ordered run.
 */
export const PLATFORM_MIGRATIONS = [
  InitialSchema1700000000001,
  IjwHeenbericht1700000000005,
  IndicatorInboxIndexes1700000000006,
  // issue 18: the access log (NEN 7513) and the BSN store, platform tables written and read by several services
  AccessLog1700000000020,
  BsnStore1700000000021,
  // issue 16: outbox ids that let the relay keep its position (libs/platform/src/outbox-position.ts)
  OutboxRelayPosition1700000000700,
];
