import { writeFileSync } from 'node:fs';
import { setting, type Principal } from '@trajectwacht/platform';
import { hashPassword, loadUsers, type MonitorUser } from './users';

/**
 * npm run monitor:user -- --file .data/users.json --username anna --password '…' --role toegang --gemeente 0034
 * Adds or replaces a dashboard user (password stored as a scrypt hash).
 */
function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = flag('file') ?? setting('MONITOR_USERS_FILE');
const username = flag('username');
const password = flag('password');
const role = flag('role');
if (!file || !username || !password || !role) {
  process.stderr.write(
    'usage: monitor:user --file FILE --username NAME --password PW --role toegang|aanbieder|regio|beheer ' +
      '[--gemeente 0034 [--beheerder]] [--agb 12345678] [--regio NAME --gemeenten 0034,0995]\n',
  );
  process.exit(2);
}
/** The principal without the flags that were not given (as JSON would write it). */
const withoutAbsent = (p: Principal): Principal => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Principal;
// --beheerder: a toegang principal that is its gemeente's toegang beheerder (reads the access log, docs/security.md)
const beheerder = process.argv.includes('--beheerder');
if (beheerder && role !== 'toegang') {
  process.stderr.write('--beheerder is for a toegang user (the toegang beheerder of its gemeente)\n');
  process.exit(2);
}
const principal = {
  role,
  sub: username,
  gemeente: flag('gemeente'),
  beheerder: beheerder || undefined,
  agb: flag('agb'),
  regio: flag('regio'),
  gemeenten: flag('gemeenten')?.split(','),
} as Principal;
const users: MonitorUser[] = loadUsers(file); // [] when the file does not exist yet; refuses one that is no users file
const next = users.filter((u) => u.username !== username);
next.push({ username, passwordHash: hashPassword(password), principal: withoutAbsent(principal) });
writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
process.stdout.write(`user ${username} (${role}) written to ${file}\n`);
