import { existsSync } from 'node:fs';
import { parseAllowList } from './net/address-policy';
import { DEFAULT_CLAIM_MAPPING, parseRegioGemeenten, parseRoleValues } from './oidc/claims';
import type { AuthSettings, OidcSettings } from './oidc/types';
import { parseKeyRing, type KeyRing } from './bsn/envelope';
/**
 * Runtime configuration of every service, read from the environment and validated once at start-up.
 * Secrets (pseudonym key, token key, webhook keys) come only from the environment: never from the repository.
 */
export interface PlatformConfig {
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers: string[];
  /** Key of the keyed hash (HMAC-SHA256) that turns a BSN into the client pseudonym. */
  pseudonymSecret: string;
  /** Key that signs and verifies the organisation access tokens (HS256). */
  authSecret: string;
  /** Seconds a JW305/JW307 for a not (yet) known toewijzing is held before it is rejected. */
  unknownToewijzingGraceSeconds: number;
  /** Largest accepted message, in bytes, on HTTP and Kafka alike. */
  maxMessageBytes: number;
  /** Attempts for a record that makes a consumer fail before it goes to the dead-letter topic. */
  consumerRetryBudget: number;
  /**
   * Directory with the official iJw 3.2 XSDs (IJW_XSD_DIR). When set, every XML bericht that passes the platform's
   * own structural check is also validated against them (libxml2 via xmllint-wasm); unset by default.
   */
  ijwXsdDir?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** HTTP hardening and operations (docs/security.md, docs/operations.md); optional so a config built in a test may omit it. */
  http?: HttpSettings;
  /** Who may sign in: the demo mode (local users, HS256) and/or an OpenID provider (docs/security.md); omitted: the demo mode. */
  auth?: AuthSettings;
}

/** Hardening and operations settings shared by every service. */
export interface HttpSettings {
  /** CORS_ORIGINS: origins allowed to call the APIs from a browser (comma-separated, exact); empty: CORS closed. */
  corsOrigins: string[];
  /** HSTS_MAX_AGE_SECONDS (default 0: no Strict-Transport-Security header): set it when the service is reached over TLS only. */
  hstsMaxAgeSeconds: number;
  /** METRICS_TOKEN: bearer token that GET /metrics requires on the service port (at least 32 characters). */
  metricsToken?: string;
  /** METRICS_PORT: a separate port that serves only /metrics (no token; bind it to an internal network), on METRICS_HOST. */
  metricsPort?: number;
  metricsHost: string;
  /**
   * WEBHOOK_ALLOWED_HOSTS: host names, addresses or CIDR ranges a webhook may point to although they are loopback,
   * private, link-local, unique-local, CGNAT or metadata addresses (comma-separated); empty: none.
   */
  webhookAllowedHosts: string[];
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  corsOrigins: [],
  hstsMaxAgeSeconds: 0,
  metricsHost: '127.0.0.1',
  webhookAllowedHosts: [],
};

function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function webhookAllowedHosts(env: NodeJS.ProcessEnv, problems: string[]): string[] {
  const entries = list(env, 'WEBHOOK_ALLOWED_HOSTS');
  problems.push(...parseAllowList(entries).problems);
  return entries;
}

function httpSettings(env: NodeJS.ProcessEnv, problems: string[]): HttpSettings {
  const corsOrigins = list(env, 'CORS_ORIGINS');
  for (const origin of corsOrigins) {
    let ok = false;
    try {
      const u = new URL(origin);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok)
      problems.push(
        `CORS_ORIGINS must list origins such as https://dashboard.example.nl (scheme, host, optional port; no path), got "${origin}"`,
      );
  }
  const rawHsts = env.HSTS_MAX_AGE_SECONDS;
  const hstsMaxAgeSeconds = rawHsts === undefined || rawHsts === '' ? 0 : Number(rawHsts);
  if (!Number.isInteger(hstsMaxAgeSeconds) || hstsMaxAgeSeconds < 0)
    problems.push(`HSTS_MAX_AGE_SECONDS must be a whole number of seconds (0 = off), got "${rawHsts}"`);
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 32) problems.push('METRICS_TOKEN must be at least 32 characters long');
  const rawPort = env.METRICS_PORT;
  const metricsPort = rawPort === undefined || rawPort === '' ? undefined : Number(rawPort);
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535))
    problems.push(`METRICS_PORT must be a port number, got "${rawPort}"`);
  return {
    corsOrigins,
    hstsMaxAgeSeconds: Number.isInteger(hstsMaxAgeSeconds) && hstsMaxAgeSeconds > 0 ? hstsMaxAgeSeconds : 0,
    ...(metricsToken ? { metricsToken } : {}),
    ...(metricsPort !== undefined && Number.isInteger(metricsPort) ? { metricsPort } : {}),
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    webhookAllowedHosts: webhookAllowedHosts(env, problems),
  };
}

function demoMode(env: NodeJS.ProcessEnv, problems: string[]): boolean {
  try {
    return setting('AUTH_DEMO', env);
  } catch (error) {
    problems.push(...(error as ConfigError).problems);
    return true;
  }
}

/** The OpenID provider (OIDC_*) and the demo mode (AUTH_DEMO), docs/security.md. */
function authSettings(env: NodeJS.ProcessEnv, problems: string[]): AuthSettings {
  const demo = demoMode(env, problems);
  let oidc: OidcSettings | undefined;
  try {
    const issuer = setting('OIDC_ISSUER', env);
    if (issuer) {
      const audience = setting('OIDC_AUDIENCE', env);
      if (!audience) problems.push('OIDC_AUDIENCE must be set with OIDC_ISSUER (the audience of the access tokens for these APIs)');
      const algorithms = list(env, 'OIDC_ALGORITHMS');
      const allowed = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
      for (const alg of algorithms)
        if (!allowed.includes(alg))
          problems.push(`OIDC_ALGORITHMS may list only asymmetric algorithms (${allowed.join(', ')}), got "${alg}"`);
      const clientId = setting('OIDC_CLIENT_ID', env);
      const beheerderClaim = setting('OIDC_CLAIM_BEHEERDER', env);
      const beheerderValue = setting('OIDC_BEHEERDER_VALUE', env);
      if (beheerderValue && !beheerderClaim) problems.push('OIDC_BEHEERDER_VALUE needs OIDC_CLAIM_BEHEERDER (the claim that holds it)');
      oidc = {
        issuer,
        audience: audience ?? '',
        algorithms: algorithms.length > 0 ? algorithms : ['RS256', 'PS256', 'ES256'],
        claims: {
          ...DEFAULT_CLAIM_MAPPING,
          role: setting('OIDC_CLAIM_ROLE', env),
          gemeente: setting('OIDC_CLAIM_GEMEENTE', env),
          agb: setting('OIDC_CLAIM_AGB', env),
          regio: setting('OIDC_CLAIM_REGIO', env),
          gemeenten: setting('OIDC_CLAIM_GEMEENTEN', env),
          roleValues: parseRoleValues(setting('OIDC_ROLE_VALUES', env), problems),
          regioGemeenten: parseRegioGemeenten(setting('OIDC_REGIO_GEMEENTEN', env), problems),
          ...(beheerderClaim ? { beheerder: beheerderClaim } : {}),
          ...(beheerderValue ? { beheerderValue } : {}),
        },
        jwksCooldownMs: setting('OIDC_JWKS_COOLDOWN_MS', env),
        jwksCacheMaxAgeMs: setting('OIDC_JWKS_CACHE_SECONDS', env) * 1000,
        clockToleranceSeconds: setting('OIDC_CLOCK_TOLERANCE_SECONDS', env),
        ...(clientId ? { clientId } : {}),
        scope: setting('OIDC_SCOPE', env),
      };
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (!demo && !oidc) problems.push('AUTH_DEMO is off and OIDC_ISSUER is not set: nobody could sign in');
  const connectSrc = list(env, 'CSP_CONNECT_SRC');
  for (const origin of connectSrc) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) problems.push(`CSP_CONNECT_SRC must list origins, got "${origin}"`);
  }
  return {
    demo,
    ...(oidc ? { oidc } : {}),
    connectSrc: connectSrc.length > 0 || !oidc?.clientId ? connectSrc : [new URL(oidc.issuer).origin],
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n - ${problems.join('\n - ')}`);
  }
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    problems.push(`${name} must be a positive integer, got "${raw}"`);
    return fallback;
  }
  return value;
}

function secret(env: NodeJS.ProcessEnv, name: string, problems: string[]): string {
  const value = env[name];
  if (!value) {
    problems.push(`${name} is not set (generate one with: openssl rand -hex 32)`);
    return '';
  }
  if (value.length < 32) problems.push(`${name} must be at least 32 characters long`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const problems: string[] = [];
  const logLevel = (env.LOG_LEVEL ?? 'info') as PlatformConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push(`LOG_LEVEL must be debug|info|warn|error, got "${logLevel}"`);
  const config: PlatformConfig = {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    kafkaBrokers: kafkaBrokers(env),
    pseudonymSecret: secret(env, 'PSEUDONYM_SECRET', problems),
    // AUTH_SECRET signs the demo mode's tokens: required while AUTH_DEMO is on (the default)
    authSecret: demoMode(env, problems) || env.AUTH_SECRET ? secret(env, 'AUTH_SECRET', problems) : '',
    unknownToewijzingGraceSeconds: positiveInt(env, 'UNKNOWN_TOEWIJZING_GRACE_SECONDS', 72 * 3600, problems),
    maxMessageBytes: positiveInt(env, 'MAX_MESSAGE_BYTES', 256 * 1024, problems),
    consumerRetryBudget: positiveInt(env, 'CONSUMER_RETRY_BUDGET', 5, problems),
    ...(env.IJW_XSD_DIR ? { ijwXsdDir: env.IJW_XSD_DIR } : {}),
    logLevel,
    http: httpSettings(env, problems),
    auth: authSettings(env, problems),
  };
  if (config.ijwXsdDir && !existsSync(`${config.ijwXsdDir}/basisschema.xsd`))
    problems.push(`IJW_XSD_DIR must hold the iJw 3.2 XSDs (basisschema.xsd not found in ${config.ijwXsdDir})`);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/*
 * ---------------------------------------------------------------------------------------------------------------
 * Every other setting, in one table: name, type, default, meaning. `setting(name)` reads and validates one (a wrong
 * value throws ConfigError naming it); nothing outside this file reads process.env (eslint: no-restricted-properties).
 * README.md ("Configuration") lists every name here and in loadConfig (config.spec.ts checks it).
 * ---------------------------------------------------------------------------------------------------------------
 */
type Parse<T> = (raw: string | undefined, name: string) => T;
interface Setting<T> {
  parse: Parse<T>;
  /** The default as the documentation gives it. */
  fallback: string;
  doc: string;
}

const invalid = (name: string, expected: string, raw: string): never => {
  throw new ConfigError([`${name} must be ${expected}, got "${raw}"`]);
};
const unset = (raw: string | undefined): raw is undefined => raw === undefined || raw === '';

function text(fallback: string, doc: string): Setting<string> {
  return { parse: (raw) => (unset(raw) ? fallback : raw), fallback: fallback === '' ? '(empty)' : fallback, doc };
}
function optionalText(doc: string): Setting<string | undefined> {
  return { parse: (raw) => (unset(raw) ? undefined : raw), fallback: '(unset)', doc };
}
function integer(fallback: number, min: number, max: number, doc: string): Setting<number> {
  return {
    parse: (raw, name) => {
      if (unset(raw)) return fallback;
      const value = Number(raw);
      return Number.isInteger(value) && value >= min && value <= max ? value : invalid(name, `a whole number from ${min} to ${max}`, raw);
    },
    fallback: String(fallback),
    doc,
  };
}
function flag(fallback: boolean, doc: string): Setting<boolean> {
  return {
    parse: (raw, name) => {
      if (unset(raw)) return fallback;
      if (raw === 'true' || raw === 'on') return true;
      if (raw === 'false' || raw === 'off') return false;
      return invalid(name, 'true/on or false/off', raw);
    },
    fallback: String(fallback),
    doc,
  };
}
function url(fallback: string | undefined, doc: string): Setting<string | undefined> {
  return {
    parse: (raw, name) => {
      if (unset(raw)) return fallback;
      try {
        const u = new URL(raw);
        if (u.protocol === 'http:' || u.protocol === 'https:') return raw.replace(/\/+$/, '');
      } catch {
        // reported below
      }
      return invalid(name, 'an absolute http(s) URL', raw);
    },
    fallback: fallback ?? '(unset)',
    doc,
  };
}

const MS_DAY = 86_400_000;
const port = (fallback: number, service: string) => integer(fallback, 0, 65535, `HTTP port of the ${service} service`);

export const SETTINGS = {
  TRAJECTWACHT_TOPIC_PREFIX: text(
    '',
    'prefix of every Kafka topic name (read once, when libs/platform/src/topics.ts loads; benchmarks and tests use their own)',
  ),
  HTTP_HOST: text('127.0.0.1', 'address the HTTP servers listen on (0.0.0.0 in a container)'),
  INGEST_PORT: port(3001, 'ingest'),
  TRAJECTORY_PORT: port(3002, 'trajectory'),
  SIGNALS_PORT: port(3003, 'signals'),
  MONITOR_PORT: port(3000, 'monitor'),
  DATABASE_SCHEMA: optionalText('PostgreSQL schema of a whole deployment (or a test); unset: the default search path'),
  OUTBOX_RELAY_INTERVAL_MS: integer(1000, 1, MS_DAY, 'how often the outbox relay publishes rows written while Kafka was unreachable'),
  HEALTH_TIMEOUT_MS: integer(2000, 1, 60_000, 'deadline of each dependency check of GET /health'),
  BULLMQ_PREFIX: text('trajectwacht', 'Redis key prefix of the BullMQ queues'),
  INGEST_CONSUMER: flag(true, 'off: the ingest service does not consume ijw.berichten.v1 (HTTP only)'),
  HELD_SWEEP_INTERVAL_MS: integer(15_000, 1, MS_DAY, 'how often held berichten (toewijzing not yet known) are decided again'),
  TIMER_SWEEP_INTERVAL_MS: integer(30_000, 1, MS_DAY, 'how often due signal timers are evaluated'),
  TIMER_STREAM_TOLERANCE_MS: integer(
    300_000,
    0,
    MS_DAY,
    'while the pipeline lags: how far behind the wall clock the signal input may be for timers to fire by its clock (else they wait)',
  ),
  ESCALATION_SWEEP_INTERVAL_MS: integer(300_000, 1, MS_DAY, 'how often unacknowledged alerts are checked for escalation'),
  WEBHOOK_ATTEMPTS: integer(6, 1, 100, 'attempts of a webhook delivery before it becomes a dead letter'),
  WEBHOOK_BACKOFF_MS: integer(2000, 1, MS_DAY, 'first retry delay of a webhook delivery (doubles per attempt)'),
  MONITOR_URL: url('http://127.0.0.1:3000', 'the dashboard as webhook receivers reach it (links in notifications)'),
  SIGNAL_CONFIG_FILE: optionalText('JSON file with regional overrides of the signal thresholds (libs/signals/src/README.md)'),
  MONITOR_USERS_FILE: optionalText('JSON users file of the dashboard login (npm run monitor:user)'),
  MONITOR_SESSION_SECONDS: integer(8 * 3600, 60, 30 * 86_400, 'lifetime of a dashboard login token'),
  MONITOR_MIN_COUNT: integer(5, 1, 1_000_000, 'privacy threshold of the aggregates: counts 1…n−1 are suppressed'),
  MONITOR_NORMS_FILE: optionalText("JSON file with the region's stoplicht norms (default: the platform norms)"),
  OVERGANG18_NORM_GROEN_PCT: integer(
    90,
    0,
    100,
    'overgang-18 indicator: share (in %) of youths with the follow-up recorded in time from which the stoplicht is groen',
  ),
  OVERGANG18_NORM_ORANJE_PCT: integer(75, 0, 100, 'overgang-18 indicator: share (in %) from which the stoplicht is oranje (below: rood)'),
  OVERGANG18_PLAN_MAANDEN: integer(
    6,
    0,
    24,
    'overgang-18 indicator: months after the 16th birthday by which the plan of a youth in verblijf is due',
  ),
  SIGNALS_URL: url(undefined, 'the signals API as the monitor proxies it (default http://127.0.0.1:<SIGNALS_PORT>)'),
  TRAJECTORY_URL: url(undefined, 'the trajectory API as the monitor proxies it (default http://127.0.0.1:<TRAJECTORY_PORT>)'),
  INGEST_URL: url(undefined, 'the ingest API as the API docs of the monitor name it (default http://127.0.0.1:<INGEST_PORT>)'),
  AANBIEDERS_FILE: optionalText(
    'JSON file with the names of the aanbieders by AGB code (docs/examples/aanbieders.json); unset: codes only',
  ),
  BSN_KEYS: optionalText(
    'key encryption keys of the BSN store: id:base64 (32 bytes) pairs, comma-separated (docs/security.md); unset: no BSN is stored',
  ),
  BSN_ACTIVE_KEY: optionalText('the id in BSN_KEYS that wraps new data keys; older ids still unwrap theirs (default: the last one listed)'),
  AUTH_DEMO: flag(
    true,
    'demo mode: the local users file (MONITOR_USERS_FILE) and HS256 tokens under AUTH_SECRET are accepted; demo only, off in production',
  ),
  OIDC_ISSUER: url(undefined, 'the OpenID provider whose access tokens the APIs accept (discovery, JWKS); unset: none (docs/security.md)'),
  OIDC_AUDIENCE: optionalText(
    'the audience (`aud`) the access tokens must carry: the resource indicator of these APIs (required with OIDC_ISSUER)',
  ),
  OIDC_ALGORITHMS: text('RS256,PS256,ES256', 'signing algorithms of the access tokens that are accepted (asymmetric only)'),
  OIDC_CLAIM_ROLE: text('role', 'claim (or dotted path) with the role: toegang, aanbieder, regio or beheer (a text or a list)'),
  OIDC_CLAIM_GEMEENTE: text('gemeente', 'claim with the gemeentecode (4 digits) of a toegang token'),
  OIDC_CLAIM_AGB: text('agb', 'claim with the AGB code (8 digits) of an aanbieder token'),
  OIDC_CLAIM_REGIO: text('regio', 'claim with the regio of a regio token'),
  OIDC_CLAIM_GEMEENTEN: text('gemeenten', "claim with the regio's gemeentecodes (a list; else OIDC_REGIO_GEMEENTEN)"),
  OIDC_CLAIM_BEHEERDER: optionalText(
    'claim (or dotted path) that makes a toegang token the toegang beheerder (access log); unset: no OpenID token is one',
  ),
  OIDC_BEHEERDER_VALUE: optionalText(
    'the value OIDC_CLAIM_BEHEERDER must hold (a text or in a list, e.g. a group); unset: the claim must be true or "true"',
  ),
  OIDC_ROLE_VALUES: optionalText('provider values of the role claim mapped to roles: `value=role,…` (e.g. `jeugd-toegang=toegang`)'),
  OIDC_REGIO_GEMEENTEN: optionalText('gemeenten of each regio when the token names only the regio: `regio=0034 0050;regio=…`'),
  OIDC_JWKS_COOLDOWN_MS: integer(30_000, 0, MS_DAY, 'least time between two JWKS fetches (a token with an unknown key id fetches again)'),
  OIDC_JWKS_CACHE_SECONDS: integer(600, 1, 86_400, "how long the provider's JWKS is kept before it is fetched again"),
  OIDC_CLOCK_TOLERANCE_SECONDS: integer(30, 0, 300, 'clock skew allowed when checking exp/nbf of an access token'),
  OIDC_CLIENT_ID: optionalText("the dashboard's client at the provider (public, authorization code + PKCE); unset: local login only"),
  OIDC_SCOPE: text('openid profile', 'scopes the dashboard asks for at sign-in'),
  CSP_CONNECT_SRC: optionalText(
    "origins the dashboard may connect to besides its own (CSP connect-src); default: the issuer's, with OIDC_CLIENT_ID",
  ),
  MONITOR_LOGIN_RATE_LIMIT: integer(
    20,
    1,
    100_000,
    'local login: attempts per client address within MONITOR_LOGIN_RATE_WINDOW_SECONDS (then 429)',
  ),
  MONITOR_LOGIN_RATE_WINDOW_SECONDS: integer(60, 1, 86_400, 'local login: the window of MONITOR_LOGIN_RATE_LIMIT'),
  MONITOR_LOGIN_LOCKOUT_ATTEMPTS: integer(5, 1, 1000, 'local login: wrong passwords in a row after which the account is locked'),
  MONITOR_LOGIN_LOCKOUT_SECONDS: integer(
    900,
    1,
    86_400,
    'local login: how long a locked account stays locked (a correct password is refused too)',
  ),
} satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<K extends SettingName> = ReturnType<(typeof SETTINGS)[K]['parse']>;

/** One setting from the environment (or `env`, for a test), validated; ConfigError when its value is wrong. */
export function setting<K extends SettingName>(name: K, env: NodeJS.ProcessEnv = process.env): SettingValue<K> {
  return SETTINGS[name].parse(env[name], name) as SettingValue<K>;
}

/**
 * The key ring of the BSN store (BSN_KEYS, BSN_ACTIVE_KEY; libs/platform/src/bsn/envelope.ts), undefined when
 * BSN_KEYS is unset; ConfigError naming the problem (never the key material) when it is wrong.
 */
export function bsnKeyRing(env: NodeJS.ProcessEnv = process.env): KeyRing | undefined {
  const keys = setting('BSN_KEYS', env);
  if (keys === undefined) return undefined;
  const { ring, problems } = parseKeyRing(keys, setting('BSN_ACTIVE_KEY', env));
  if (!ring) throw new ConfigError(problems);
  return ring;
}

/**
 * Per-consumer overrides, `<PREFIX>_GROUP_ID`, `<PREFIX>_SOURCE_TOPIC`, `<PREFIX>_FROM_BEGINNING` (default true) and
 * `<PREFIX>_CHUNK_SIZE`, for the prefixes TRAJECTORY, SIGNAL, INGEST and NOTIFY (a replay or a test reads another
 * group or topic).
 */
export interface ConsumerOverrides {
  groupId?: string;
  topic?: string;
  fromBeginning: boolean;
  chunkSize?: number;
}
export const CONSUMER_PREFIXES = ['TRAJECTORY', 'SIGNAL', 'INGEST', 'NOTIFY', 'VERVOLG'] as const;

export function consumerOverrides(prefix: (typeof CONSUMER_PREFIXES)[number], env: NodeJS.ProcessEnv = process.env): ConsumerOverrides {
  const groupId = optionalText('').parse(env[`${prefix}_GROUP_ID`], `${prefix}_GROUP_ID`);
  const topic = optionalText('').parse(env[`${prefix}_SOURCE_TOPIC`], `${prefix}_SOURCE_TOPIC`);
  const chunk = env[`${prefix}_CHUNK_SIZE`];
  return {
    ...(groupId ? { groupId } : {}),
    ...(topic ? { topic } : {}),
    // as before: only the literal "false" turns it off
    fromBeginning: env[`${prefix}_FROM_BEGINNING`] !== 'false',
    ...(unset(chunk) ? {} : { chunkSize: integer(1, 1, 1_000_000, '').parse(chunk, `${prefix}_CHUNK_SIZE`) }),
  };
}

/** Kafka brokers alone (KAFKA_BROKERS, default 127.0.0.1:9092), for tools that need no database (the simulator). */
export function kafkaBrokers(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.KAFKA_BROKERS || '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** The token key alone (AUTH_SECRET, at least 32 characters), for tools that sign tokens; undefined when unset. */
export function authSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.AUTH_SECRET;
  if (!value) return undefined;
  if (value.length < 32) throw new ConfigError(['AUTH_SECRET must be at least 32 characters long']);
  return value;
}
