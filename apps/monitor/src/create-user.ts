import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Principal } from '@trajectwacht/platform';
import { hashPassword, type MonitorUser } from './users';

/**
 * npm run monitor:user -- --file .data/users.json --username anna --password '…' --role toegang --gemeente 0034
 * Adds or replaces a dashboard user (password stored as a scrypt hash).
 */
function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = flag('file') ?? process.env.MONITOR_USERS_FILE;
const username = flag('username');
const password = flag('password');
const role = flag('role');
if (!file || !username || !password || !role) {
  process.stderr.write('usage: monitor:user --file FILE --username NAME --password PW --role toegang|aanbieder|regio|beheer [--gemeente 0034] [--agb 12345678] [--regio NAME --gemeenten 0034,0995]\n');
  process.exit(2);
}
const principal = { role, sub: username, gemeente: flag('gemeente'), agb: flag('agb'), regio: flag('regio'), gemeenten: flag('gemeenten')?.split(',') } as Principal;
const users: MonitorUser[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as MonitorUser[]) : [];
const next = users.filter((u) => u.username !== username);
next.push({ username, passwordHash: hashPassword(password), principal: JSON.parse(JSON.stringify(principal)) as Principal });
writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
process.stdout.write(`user ${username} (${role}) written to ${file}\n`);
