import { HttpException, HttpStatus, Injectable, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { setting } from '@trajectwacht/platform';

/**
 * Protection of the local (demo) login, POST /api/v1/login (docs/security.md, "Demo mode"):
 *  - a rate per client address (@nestjs/throttler): MONITOR_LOGIN_RATE_LIMIT attempts per MONITOR_LOGIN_RATE_WINDOW_SECONDS,
 *    then 429 until the window has passed;
 *  - a lockout per account: MONITOR_LOGIN_LOCKOUT_ATTEMPTS wrong passwords in a row lock the username for
 *    MONITOR_LOGIN_LOCKOUT_SECONDS; while locked every attempt is 429, a correct password too. An unknown username is
 *    counted like a known one (the answers never tell them apart).
 * Both are kept in the memory of the monitor instance (the demo runs one; a production deployment signs in at the
 * OpenID provider, which has its own protection).
 */
export interface LoginSettings {
  rateLimit: number;
  rateWindowSeconds: number;
  lockoutAttempts: number;
  lockoutSeconds: number;
}

export function loginSettings(env?: NodeJS.ProcessEnv): LoginSettings {
  return {
    rateLimit: setting('MONITOR_LOGIN_RATE_LIMIT', env),
    rateWindowSeconds: setting('MONITOR_LOGIN_RATE_WINDOW_SECONDS', env),
    lockoutAttempts: setting('MONITOR_LOGIN_LOCKOUT_ATTEMPTS', env),
    lockoutSeconds: setting('MONITOR_LOGIN_LOCKOUT_SECONDS', env),
  };
}

/** At most this many usernames are remembered (a spray of made-up names cannot grow the memory without bound). */
const MAX_TRACKED = 10_000;

/** The per-account lockout: pure bookkeeping on an injected clock. */
export class LoginLockout {
  private readonly accounts = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(
    private readonly settings: Pick<LoginSettings, 'lockoutAttempts' | 'lockoutSeconds'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws 429 while the account is locked (whatever the password); an expired lock starts the count again. */
  assertOpen(username: string): void {
    const entry = this.accounts.get(username);
    if (!entry || entry.lockedUntil === 0) return;
    const left = entry.lockedUntil - this.now();
    if (left > 0) {
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          error: 'Too Many Requests',
          message:
            `this account is locked after ${this.settings.lockoutAttempts} wrong passwords in a row; ` +
            `try again after ${new Date(entry.lockedUntil).toISOString()} (in ${Math.ceil(left / 1000)} seconds)`,
          lockedUntil: new Date(entry.lockedUntil).toISOString(),
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.accounts.delete(username);
  }

  /** A wrong password (or unknown username): counts; the N-th in a row locks the account. */
  failed(username: string): void {
    const entry = this.accounts.get(username) ?? { failures: 0, lockedUntil: 0 };
    entry.failures += 1;
    if (entry.failures >= this.settings.lockoutAttempts) entry.lockedUntil = this.now() + this.settings.lockoutSeconds * 1000;
    this.accounts.delete(username);
    this.accounts.set(username, entry); // most recent last
    if (this.accounts.size > MAX_TRACKED) this.accounts.delete(this.accounts.keys().next().value!);
  }

  succeeded(username: string): void {
    this.accounts.delete(username);
  }
}

/** The throttler of the login route (only that route uses the guard below). */
export function loginThrottler(settings: LoginSettings): DynamicModule {
  return ThrottlerModule.forRoot({
    // 'default': the answer carries the standard Retry-After header (another name would suffix it: Retry-After-<name>)
    throttlers: [{ name: 'default', limit: settings.rateLimit, ttl: settings.rateWindowSeconds * 1000 }],
    errorMessage: (_context: ExecutionContext, detail) =>
      `too many login attempts from this address: at most ${detail.limit} per ${detail.ttl / 1000} seconds; ` +
      `try again in ${Math.max(1, Math.ceil(detail.timeToBlockExpire))} seconds`,
  });
}

@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {}
