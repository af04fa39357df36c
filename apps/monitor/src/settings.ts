import { readFileSync } from 'node:fs';
import { INDICATOR_NAMES, type Norm, type Norms } from '@trajectwacht/indicators';
import { decodeWith, fail, literal, number, object, record, type Check } from '@trajectwacht/contracts';
import { setting } from '@trajectwacht/platform';
import { loginSettings, type LoginSettings } from './login-protection';
import { loadUsers, type MonitorUser } from './users';

export const MONITOR_SETTINGS = Symbol('MonitorSettings');

export interface MonitorSettings {
  users: MonitorUser[];
  sessionSeconds: number;
  /** Rate limit and lockout of the local login (MONITOR_LOGIN_*, login-protection.ts). */
  login: LoginSettings;
  /** Privacy threshold of the aggregates: counts 1…minCount−1 are suppressed. */
  minCount: number;
  norms: Norms;
  signalsUrl: string;
  trajectoryUrl: string;
  /** The ingest API: its operations in the monitor's API document carry it as their server. */
  ingestUrl: string;
  /** The overgang-18 indicator (issue 15): its stoplicht norm and the months after 16 by which the plan is due. */
  overgang18?: { norm: Norm; planBinnenMaanden: number };
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

export function loadMonitorSettings(env?: NodeJS.ProcessEnv): MonitorSettings {
  const minCount = setting('MONITOR_MIN_COUNT', env);
  const normsFile = setting('MONITOR_NORMS_FILE', env);
  return {
    users: loadUsers(setting('MONITOR_USERS_FILE', env)),
    sessionSeconds: setting('MONITOR_SESSION_SECONDS', env),
    login: loginSettings(env),
    minCount,
    norms: normsFile ? readNorms(normsFile) : DEFAULT_NORMS,
    signalsUrl: setting('SIGNALS_URL', env) ?? `http://127.0.0.1:${setting('SIGNALS_PORT', env)}`,
    trajectoryUrl: setting('TRAJECTORY_URL', env) ?? `http://127.0.0.1:${setting('TRAJECTORY_PORT', env)}`,
    ingestUrl: setting('INGEST_URL', env) ?? `http://127.0.0.1:${setting('INGEST_PORT', env)}`,
    overgang18: overgang18Settings(env),
  };
}

/** MONITOR_NORMS_FILE: `{ <indicator>: { groen, oranje, direction } }` for some of the indicators; refused with the field named. */
export function readNorms(file: string): Norms {
  const norm = object({ groen: number, oranje: number, direction: literal('higher-is-better', 'lower-is-better') });
  const check: Check<Norms> = (value, path) => {
    const norms = record(norm)(value, path);
    for (const name of Object.keys(norms))
      if (!(INDICATOR_NAMES as readonly string[]).includes(name)) fail(name, `one of ${INDICATOR_NAMES.join(', ')}`, name);
    return norms;
  };
  return decodeWith(`MONITOR_NORMS_FILE ${file}`, check, JSON.parse(readFileSync(file, 'utf8')));
}

/** OVERGANG18_NORM_GROEN_PCT / _ORANJE_PCT / OVERGANG18_PLAN_MAANDEN (libs/platform/src/config.ts). */
export function overgang18Settings(env?: NodeJS.ProcessEnv): { norm: Norm; planBinnenMaanden: number } {
  const groen = setting('OVERGANG18_NORM_GROEN_PCT', env);
  const oranje = setting('OVERGANG18_NORM_ORANJE_PCT', env);
  if (groen < oranje) throw new Error(`OVERGANG18_NORM_GROEN_PCT (${groen}) must be at least OVERGANG18_NORM_ORANJE_PCT (${oranje})`);
  return {
    norm: { groen: groen / 100, oranje: oranje / 100, direction: 'higher-is-better' },
    planBinnenMaanden: setting('OVERGANG18_PLAN_MAANDEN', env),
  };
}
