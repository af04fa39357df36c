import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Principal } from '@trajectwacht/platform';

/**
 * Dashboard users: a JSON file (MONITOR_USERS_FILE) of `{ username, passwordHash, principal }`, passwords hashed with
 * scrypt (`scrypt$<salt hex>$<hash hex>`). Create entries with `npm run monitor:user -- --username … --role …`.
 * A login answers with the same access token the APIs accept, so the dashboard has exactly the API's authorisation.
 */
export interface MonitorUser {
  username: string;
  passwordHash: string;
  principal: Principal;
}

export function hashPassword(password: string, salt = randomBytes(16)): string {
  return `scrypt$${salt.toString('hex')}$${scryptSync(password, salt, 32).toString('hex')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'hex');
  const actual = scryptSync(password, Buffer.from(salt, 'hex'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function loadUsers(file: string | undefined): MonitorUser[] {
  if (!file || !existsSync(file)) return [];
  const users: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(users) || !users.every(isMonitorUser)) {
    throw new Error(`MONITOR_USERS_FILE ${file} must be an array of { username, passwordHash, principal }`);
  }
  return users;
}

const ROLES: readonly string[] = ['toegang', 'aanbieder', 'regio', 'beheer'] satisfies readonly Principal['role'][];

function isMonitorUser(value: unknown): value is MonitorUser {
  if (typeof value !== 'object' || value === null) return false;
  const u: { username?: unknown; passwordHash?: unknown; principal?: { role?: unknown; sub?: unknown } | null } = value;
  return (
    typeof u.username === 'string' &&
    typeof u.passwordHash === 'string' &&
    typeof u.principal === 'object' &&
    u.principal !== null &&
    ROLES.includes(String(u.principal.role))
  );
}
