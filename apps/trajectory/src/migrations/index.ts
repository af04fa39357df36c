import { TrajectorySchema1700000000002 } from './1700000000002-trajectory-schema';
import { BerichtJson1700000000004 } from './1700000000004-bericht-json';
import { ClientVervolg1700000000007 } from './1700000000007-client-vervolg';
import { Verzoek1700000000031 } from './1700000000031-verzoek';
import { WachttijdIndexes1700000000040 } from './1700000000040-wachttijd-indexes';
import { WachtlijstIndexes1700000000050 } from './1700000000050-wachtlijst-indexes';
import { DropTrajectoryClientIndex1700000000500 } from './1700000000500-drop-trajectory-client-index';
import { HerinstroomNa1700000000200 } from './1700000000200-herinstroom-na';
import { HerinstroomNaByProjection1700000000600 } from './1700000000600-herinstroom-na-by-projection';

/**
 * The trajectory service's migrations (trajectory_bericht, trajectory, client, client_vervolg, verzoek_bericht, verzoek);
 * apps/migrations.ts orders all.
 */
export const TRAJECTORY_MIGRATIONS = [
  TrajectorySchema1700000000002,
  BerichtJson1700000000004,
  ClientVervolg1700000000007,
  Verzoek1700000000031,
  // issue 17 point 4: the waiting-time and referral-route indicators
  WachttijdIndexes1700000000040,
  // issue 17 point 5: the waiting list
  WachtlijstIndexes1700000000050,
  // issue 16 point 4: one index less per trajectory write (trajectory_client_wachttijden covers it)
  DropTrajectoryClientIndex1700000000500,
  // issue 16 point 2: herinstroom as a column, kept by triggers
  HerinstroomNa1700000000200,
  // issue 16 point 2: herinstroom_na computed by the projection, the triggers dropped (they tripled its PostgreSQL CPU)
  HerinstroomNaByProjection1700000000600,
];
