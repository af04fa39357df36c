import { PLATFORM_MIGRATIONS, orderMigrations } from '@trajectwacht/platform';
import { INGEST_MIGRATIONS } from './ingest/src/migrations';
import { SIGNALS_MIGRATIONS } from './signals/src/migrations';
import { TRAJECTORY_MIGRATIONS } from './trajectory/src/migrations';

/**
 * The one ordered run of every migration, assembled here and nowhere else: each service keeps the migrations of the
 * tables it owns in apps/<service>/src/migrations, the shared ones live in libs/platform (docs/architecture.md,
 * "Migrations"). This file belongs to no service: every service's module passes MIGRATIONS to PlatformModule, which
 * runs them under the advisory lock at start, and so do the tests' freshDatabase, the rebuild and the benchmarks.
 * libs/platform never imports it (libs do not import apps). A new service lists its own migrations here.
 */
export const MIGRATIONS = orderMigrations(PLATFORM_MIGRATIONS, INGEST_MIGRATIONS, TRAJECTORY_MIGRATIONS, SIGNALS_MIGRATIONS);
