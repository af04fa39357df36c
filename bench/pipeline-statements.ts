/**
 * Where PostgreSQL's time goes per statement in the pipeline benchmark, without pg_stat_statements (not preloaded on
 * this server, and its configuration is not the benchmark's to change): the services of a run connect as a role of
 * the run's own (superuser, dropped at the end) whose settings load auto_explain into each of its sessions
 * (session_preload_libraries) and log a random sample of its statements (auto_explain.sample_rate, every duration:
 * log_min_duration 0, no ANALYZE, no parameters). Nothing changes for any other session on the server. After the run
 * the server log is read from where it stood at the start, that role's entries only, and the sample is scaled back up
 * (count / rate): estimated executions and time per statement text, with the plan's scan nodes.
 */
import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

export interface StatementStat {
  query: string;
  sampled: number;
  sampledMs: number;
  /** Scan nodes of the sampled plans ("Seq Scan on ijw_bericht", "Index Scan using … on …"), with their counts. */
  scans: Map<string, number>;
  services: Set<string>;
}

export interface ExplainSession {
  role: string;
  rate: number;
  logFile: string;
  offset: number;
}

/** The server log this server writes (stderr to the Debian cluster log, or the logging collector's current file). */
async function serverLog(db: DataSource): Promise<string | null> {
  if (process.env.BENCH_PIPELINE_PG_LOG) return process.env.BENCH_PIPELINE_PG_LOG;
  try {
    const rows: { f: string | null; d: string }[] = await db.query(
      `SELECT pg_current_logfile() AS f, current_setting('data_directory') AS d`,
    );
    const f = rows[0]?.f;
    if (f) return f.startsWith('/') ? f : join(rows[0]!.d, f);
  } catch {
    // not allowed or no collector
  }
  const dir = '/var/log/postgresql';
  if (!existsSync(dir)) return null;
  const version: { v: string }[] = await db.query(`SELECT current_setting('server_version_num') AS v`);
  const major = Math.floor(Number(version[0]!.v) / 10_000);
  const candidate = readdirSync(dir).find((f) => f === `postgresql-${major}-main.log`);
  return candidate ? join(dir, candidate) : null;
}

/** Creates the run's role and notes where the log stands; null (with the reason logged by the caller) when it cannot. */
export async function startExplain(db: DataSource, role: string, rate: number): Promise<ExplainSession | string> {
  const logFile = await serverLog(db);
  if (!logFile) return 'the server log was not found (BENCH_PIPELINE_PG_LOG names it)';
  try {
    statSync(logFile);
    closeSync(openSync(logFile, 'r'));
  } catch (error) {
    return `the server log ${logFile} cannot be read (${(error as Error).message})`;
  }
  const q = `"${role.replace(/"/g, '')}"`;
  const version: { v: string }[] = await db.query(`SELECT current_setting('server_version_num') AS v`);
  await db.query(`CREATE ROLE ${q} LOGIN SUPERUSER`);
  for (const [name, value] of [
    ['session_preload_libraries', 'auto_explain'],
    ['auto_explain.log_min_duration', '0'],
    ['auto_explain.sample_rate', String(rate)],
    ['auto_explain.log_analyze', 'off'],
    ['auto_explain.log_format', 'text'],
    // PostgreSQL 16 logs a statement's parameters unless told not to (15 never does)
    ...(Number(version[0]!.v) >= 160_000 ? [['auto_explain.log_parameter_max_length', '0']] : []),
  ])
    await db.query(`ALTER ROLE ${q} SET ${name} = '${value}'`);
  return { role, rate, logFile, offset: statSync(logFile).size };
}

export async function dropExplainRole(db: DataSource, role: string): Promise<void> {
  await db.query(`DROP ROLE IF EXISTS "${role.replace(/"/g, '')}"`);
}

/** A statement's text with literals and parameter numbers folded, whitespace collapsed. */
export function normaliseQuery(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/\$\d+/g, '$n')
    .replace(/\b\d+\b/g, 'N')
    .trim()
    .slice(0, 400);
}

/** Reads the run role's auto_explain entries written since `session.offset`; `serviceOf` names a backend pid's service. */
export function readExplain(session: ExplainSession, serviceOf: (pid: number) => string | undefined): StatementStat[] {
  const size = statSync(session.logFile).size;
  const fd = openSync(session.logFile, 'r');
  const stats = new Map<string, StatementStat>();
  try {
    const chunk = Buffer.allocUnsafe(16 * 1024 * 1024);
    let position = session.offset;
    let carry = '';
    const head = new RegExp(`\\[(\\d+)\\] ${session.role.replace(/[^\w-]/g, '')}@\\S+ LOG:  duration: ([\\d.]+) ms  plan:$`);
    let current: { pid: number; ms: number; query: string; inPlan: boolean; scans: string[] } | null = null;
    const finish = (): void => {
      if (!current) return;
      const key = normaliseQuery(current.query);
      let s = stats.get(key);
      if (!s) stats.set(key, (s = { query: key, sampled: 0, sampledMs: 0, scans: new Map(), services: new Set() }));
      s.sampled++;
      s.sampledMs += current.ms;
      for (const scan of current.scans) s.scans.set(scan, (s.scans.get(scan) ?? 0) + 1);
      const service = serviceOf(current.pid);
      if (service) s.services.add(service);
      current = null;
    };
    const SCAN = /((?:Parallel )?(?:Seq Scan|Index Only Scan|Bitmap Index Scan|Index Scan|Bitmap Heap Scan)(?: using \S+)? on \S+)/;
    const line = (l: string): void => {
      // the lines of a multi-line log entry after its first start with a tab: the query text, then the plan (its
      // nodes carry "(cost=")
      if (current && l.startsWith('\t')) {
        const t = l.slice(1);
        if (!current.inPlan && t.includes('(cost=')) current.inPlan = true;
        if (!current.inPlan) current.query += ` ${t.startsWith('Query Text:') ? t.slice('Query Text:'.length) : t}`;
        else {
          const scan = SCAN.exec(t);
          if (scan) current.scans.push(scan[1]!);
        }
        return;
      }
      finish();
      const m = head.exec(l);
      if (m) current = { pid: Number(m[1]), ms: Number(m[2]), query: '', inPlan: false, scans: [] };
    };
    while (position < size) {
      const read = readSync(fd, chunk, 0, Math.min(chunk.length, size - position), position);
      if (read <= 0) break;
      position += read;
      const text = carry + chunk.toString('utf8', 0, read);
      const lines = text.split('\n');
      carry = lines.pop()!;
      for (const l of lines) line(l);
    }
    if (carry) line(carry);
    finish();
  } finally {
    closeSync(fd);
  }
  return [...stats.values()];
}
