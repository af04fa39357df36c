/**
 * The rows the scans of a plan touched, for tests that bound what a statement reads: the sum over the plan's nodes that
 * `counts` selects of (rows returned + rows removed by a filter) × loops. `plan` is the "QUERY PLAN" value of
 * `EXPLAIN (ANALYZE, FORMAT JSON)`.
 */
export function rowsTouched(plan: unknown, counts: (node: Record<string, unknown>) => boolean): number {
  let rows = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (counts(n)) rows += (Number(n['Actual Rows'] ?? 0) + Number(n['Rows Removed by Filter'] ?? 0)) * Number(n['Actual Loops'] ?? 1);
    Object.values(n).forEach(walk);
  };
  walk(plan);
  return rows;
}
