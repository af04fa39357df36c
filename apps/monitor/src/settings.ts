import { readFileSync } from 'node:fs';
import {
  DEFAULT_WACHTTIJD_NORMS,
  INDICATOR_NAMES,
  WACHTTIJD_NORM_NAMES,
  validateWachttijdOptions,
  type Norm,
  type Norms,
  type WachttijdNorms,
} from '@trajectwacht/indicators';
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
  /**
   * The waiting-time indicators (issue 17 point 4): their norms (DEFAULT_WACHTTIJD_NORMS of libs/indicators, with the
   * entries of MONITOR_NORMS_FILE named verzoekToewijzingMediaan … verzoekStartP90 over them).
   */
  wachttijdNorms?: WachttijdNorms;
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
  const fromFile = normsFile ? readNormsFile(normsFile) : null;
  return {
    users: loadUsers(setting('MONITOR_USERS_FILE', env)),
    sessionSeconds: setting('MONITOR_SESSION_SECONDS', env),
    login: loginSettings(env),
    minCount,
    norms: fromFile ? fromFile.norms : DEFAULT_NORMS,
    signalsUrl: setting('SIGNALS_URL', env) ?? `http://127.0.0.1:${setting('SIGNALS_PORT', env)}`,
    trajectoryUrl: setting('TRAJECTORY_URL', env) ?? `http://127.0.0.1:${setting('TRAJECTORY_PORT', env)}`,
    ingestUrl: setting('INGEST_URL', env) ?? `http://127.0.0.1:${setting('INGEST_PORT', env)}`,
    overgang18: overgang18Settings(env),
    wachttijdNorms: { ...DEFAULT_WACHTTIJD_NORMS, ...fromFile?.wachttijdNorms },
  };
}

/**
 * MONITOR_NORMS_FILE: `{ <indicator>: { groen, oranje, direction } }` for some of the indicators of the table and of the
 * waiting times (verzoekToewijzingMediaan, …, verzoekStartP90); refused with the field named.
 */
export function readNormsFile(file: string): { norms: Norms; wachttijdNorms: WachttijdNorms } {
  const names: readonly string[] = [...INDICATOR_NAMES, ...WACHTTIJD_NORM_NAMES];
  const norm = object({ groen: number, oranje: number, direction: literal('higher-is-better', 'lower-is-better') });
  const check: Check<Record<string, Norm>> = (value, path) => {
    const norms = record(norm)(value, path);
    for (const name of Object.keys(norms)) if (!names.includes(name)) fail(name, `one of ${names.join(', ')}`, name);
    return norms;
  };
  const all = decodeWith(`MONITOR_NORMS_FILE ${file}`, check, JSON.parse(readFileSync(file, 'utf8')));
  const pick = (list: readonly string[]) => Object.fromEntries(Object.entries(all).filter(([name]) => list.includes(name)));
  const wachttijdNorms = pick(WACHTTIJD_NORM_NAMES) as WachttijdNorms;
  // groen at least as good as oranje, as the indicators check every request
  validateWachttijdOptions({ from: '2024-01-01', to: '2024-01-01', groupBy: 'totaal', norms: wachttijdNorms });
  return { norms: pick(INDICATOR_NAMES) as Norms, wachttijdNorms };
}

/** The indicator table's norms of MONITOR_NORMS_FILE (readNormsFile). */
export function readNorms(file: string): Norms {
  return readNormsFile(file).norms;
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
