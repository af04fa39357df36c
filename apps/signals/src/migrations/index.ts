import { SignalSchema1700000000003 } from './1700000000003-signal-schema';
import { SignalVervolg1700000000008 } from './1700000000008-signal-vervolg';
import { SignalVerzoek1700000000032 } from './1700000000032-signal-verzoek';
import { SignalStreamClock1700000000900 } from './1700000000900-signal-stream-clock';

/**
 * The signal service's migrations (signal_trajectory, signal_timer, alert, webhook_*, signal_vervolg, signal_verzoek,
 * signal_stream_clock); apps/migrations.ts orders all.
 */
export const SIGNALS_MIGRATIONS = [
  SignalSchema1700000000003,
  SignalVervolg1700000000008,
  SignalVerzoek1700000000032,
  SignalStreamClock1700000000900,
];
