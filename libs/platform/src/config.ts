import { existsSync } from 'node:fs';
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
    kafkaBrokers: (env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    pseudonymSecret: secret(env, 'PSEUDONYM_SECRET', problems),
    authSecret: secret(env, 'AUTH_SECRET', problems),
    unknownToewijzingGraceSeconds: positiveInt(env, 'UNKNOWN_TOEWIJZING_GRACE_SECONDS', 72 * 3600, problems),
    maxMessageBytes: positiveInt(env, 'MAX_MESSAGE_BYTES', 256 * 1024, problems),
    consumerRetryBudget: positiveInt(env, 'CONSUMER_RETRY_BUDGET', 5, problems),
    ...(env.IJW_XSD_DIR ? { ijwXsdDir: env.IJW_XSD_DIR } : {}),
    logLevel,
  };
  if (config.ijwXsdDir && !existsSync(`${config.ijwXsdDir}/basisschema.xsd`)) problems.push(`IJW_XSD_DIR must hold the iJw 3.2 XSDs (basisschema.xsd not found in ${config.ijwXsdDir})`);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
