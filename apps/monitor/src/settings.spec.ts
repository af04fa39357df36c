import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNorms, readNormsFile } from './settings';
import { loadUsers } from './users';

describe('monitor settings files are checked, not cast', () => {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-settings-'));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('reads a norms file and names the field that does not fit', () => {
    expect(readNorms(file('ok.json', { herinstroom6m: { groen: 0.1, oranje: 0.2, direction: 'lower-is-better' } }))).toEqual({
      herinstroom6m: { groen: 0.1, oranje: 0.2, direction: 'lower-is-better' },
    });
    const bad = file('direction.json', { herinstroom6m: { groen: 0.1, oranje: 0.2, direction: 'lower' } });
    expect(() => readNorms(bad)).toThrow(
      `MONITOR_NORMS_FILE ${bad}: field herinstroom6m.direction must be one of "higher-is-better", "lower-is-better" (got "lower")`,
    );
    expect(() => readNorms(file('groen.json', { herinstroom6m: { groen: '0.1', oranje: 0.2, direction: 'lower-is-better' } }))).toThrow(
      'field herinstroom6m.groen must be a number (got "0.1")',
    );
    expect(() => readNorms(file('name.json', { herinstroom: { groen: 0.1, oranje: 0.2, direction: 'lower-is-better' } }))).toThrow(
      'field herinstroom must be one of',
    );
    expect(() => readNorms(file('list.json', []))).toThrow('the record must be an object (got an array)');
  });

  it('reads the waiting-time norms from the same file, apart from the table norms', () => {
    const norm = { groen: 10, oranje: 20, direction: 'lower-is-better' };
    const path = file('wacht.json', { wachttijdMediaan: norm, verzoekToewijzingP90: norm });
    expect(readNormsFile(path)).toEqual({ norms: { wachttijdMediaan: norm }, wachttijdNorms: { verzoekToewijzingP90: norm } });
    expect(readNorms(path)).toEqual({ wachttijdMediaan: norm });
    expect(() => readNormsFile(file('wrong.json', { verzoekStartMediaan: { ...norm, groen: 30 } }))).toThrow(/groen boundary/);
  });

  it('reads a users file and refuses one that is not a list of users', () => {
    const user = { username: 'anna', passwordHash: 'scrypt$00$00', principal: { role: 'toegang', gemeente: '0034', sub: 'anna' } };
    expect(loadUsers(file('users.json', [user]))).toEqual([user]);
    expect(loadUsers(join(dir, 'missing.json'))).toEqual([]);
    for (const bad of [
      { users: [user] },
      [{ ...user, passwordHash: 1 }],
      [{ ...user, principal: { role: 'admin' } }],
      [{ ...user, principal: null }],
    ]) {
      expect(() => loadUsers(file('bad.json', bad))).toThrow('must be an array of { username, passwordHash, principal }');
    }
  });
});
