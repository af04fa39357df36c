import type { MigrationClass } from '@trajectwacht/platform';
import { IjwVerzoekBericht1700000000030 } from './1700000000030-ijw-verzoek-bericht';
import { IjwBerichtClientToewijzing1700000000100 } from './1700000000100-ijw-bericht-client-toewijzing';
import { IngestStorage1700000000300 } from './1700000000300-ingest-storage';
import { HeenberichtWachtendDirect1700000000800 } from './1700000000800-heenbericht-wachtend-direct';

/**
 * The ingest service's migrations (ijw_heenbericht, ijw_bericht, toewijzing_register); apps/migrations.ts orders all.
 * None yet: the migrations that created and changed these tables (1700000000001, 1700000000005) also touch other
 * services' tables and stay shared in libs/platform (docs/architecture.md, "Migrations"). A new one goes here.
 */
export const INGEST_MIGRATIONS: MigrationClass[] = [
  IjwVerzoekBericht1700000000030,
  IjwBerichtClientToewijzing1700000000100,
  IngestStorage1700000000300,
  HeenberichtWachtendDirect1700000000800,
];
