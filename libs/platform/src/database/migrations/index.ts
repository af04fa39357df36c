import { InitialSchema1700000000001 } from './1700000000001-initial-schema';
import { TrajectorySchema1700000000002 } from './1700000000002-trajectory-schema';
import { SignalSchema1700000000003 } from './1700000000003-signal-schema';
import { BerichtJson1700000000004 } from './1700000000004-bericht-json';
import { IjwHeenbericht1700000000005 } from './1700000000005-ijw-heenbericht';
import { IndicatorInboxIndexes1700000000006 } from './1700000000006-indicator-inbox-indexes';

/** All migrations, in order. Add new ones at the end. */
export const MIGRATIONS = [InitialSchema1700000000001, TrajectorySchema1700000000002, SignalSchema1700000000003, BerichtJson1700000000004, IjwHeenbericht1700000000005, IndicatorInboxIndexes1700000000006];
