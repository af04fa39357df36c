import { readFileSync } from 'node:fs';
import type { Norms } from '@trajectwacht/indicators';
import { loadUsers, type MonitorUser } from './users';

export const MONITOR_SETTINGS = Symbol('MonitorSettings');

export interface MonitorSettings {
  users: MonitorUser[];
  sessionSeconds: number;
  /** Privacy threshold of the aggregates: counts 1…minCount−1 are suppressed. */
  minCount: number;
  norms: Norms;
  signalsUrl: string;
  trajectoryUrl: string;
}

/**
 * Default stoplicht norms (platform defaults, to be set by each region in MONITOR_NORMS_FILE): waiting time to start
 * against the 28-day norm of the signals (domain README), share with verblijf against the national 8.7% (2020,
 * domain README), share ended volgens plan and the outflow/inflow ratio as "at least in balance".
 */
export const DEFAULT_NORMS: Norms = {
  wachttijdMediaan: { groen: 28, oranje: 42, direction: 'lower-is-better' },
  wachttijdP90: { groen: 56, oranje: 84, direction: 'lower-is-better' },
  aandeelVerblijf: { groen: 0.087, oranje: 0.11, direction: 'lower-is-better' },
  aandeelVolgensPlan: { groen: 0.7, oranje: 0.5, direction: 'higher-is-better' },
  ratioUitstroomInstroom: { groen: 1, oranje: 0.9, direction: 'higher-is-better' },
  herinstroom6m: { groen: 0.1, oranje: 0.2, direction: 'lower-is-better' },
};

export function loadMonitorSettings(env: NodeJS.ProcessEnv = process.env): MonitorSettings {
  const minCount = Number(env.MONITOR_MIN_COUNT ?? 5);
  if (!Number.isInteger(minCount) || minCount < 1) throw new Error('MONITOR_MIN_COUNT must be a positive integer');
  return {
    users: loadUsers(env.MONITOR_USERS_FILE),
    sessionSeconds: Number(env.MONITOR_SESSION_SECONDS ?? 8 * 3600),
    minCount,
    norms: env.MONITOR_NORMS_FILE ? (JSON.parse(readFileSync(env.MONITOR_NORMS_FILE, 'utf8')) as Norms) : DEFAULT_NORMS,
    signalsUrl: env.SIGNALS_URL ?? `http://127.0.0.1:${env.SIGNALS_PORT ?? 3003}`,
    trajectoryUrl: env.TRAJECTORY_URL ?? `http://127.0.0.1:${env.TRAJECTORY_PORT ?? 3002}`,
  };
}
