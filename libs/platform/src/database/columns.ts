/**
 * A table's columns written once, as the rows of a repository know them: each statement that reads or writes the
 * table derives its column list from the same constant (a JSON object per row, a select list, the column list of an
 * INSERT and the jsonb_to_recordset it reads from), so a column added or renamed is changed in one place.
 */
export interface Column<Row> {
  /** The row's property (also the key in JSON and in the recordset). */
  field: keyof Row & string;
  /** The table's column. */
  column: string;
  /** Its type in jsonb_to_recordset (what the JSON value is read as). */
  type: string;
  /** SQL that reads the column as the property's value (default: the column itself), e.g. to_char(day, 'YYYY-MM-DD'). */
  read?: string;
  /** SQL that turns the recordset value (`value`, e.g. x."ids") into the column's value (default: as it is). */
  write?: (value: string) => string;
}

/** `jsonb_build_object('field', read, …)`: one row as one JSON object of the row's shape. */
export function jsonObjectOf<Row>(columns: readonly Column<Row>[]): string {
  return `jsonb_build_object(${columns.map((c) => `'${c.field}', ${c.read ?? c.column}`).join(', ')})`;
}

/** `read AS "field", …`: the columns of a SELECT, under the row's property names. */
export function selectListOf<Row>(columns: readonly Column<Row>[]): string {
  return columns.map((c) => `${c.read ?? c.column} AS "${c.field}"`).join(', ');
}

/** `column, …`: the column list of an INSERT. */
export function columnListOf<Row>(columns: readonly Column<Row>[]): string {
  return columns.map((c) => c.column).join(', ');
}

/**
 * The values of an INSERT … SELECT from a JSON array of rows bound to `param`: `select` is the value list (in the
 * order of columnListOf), `from` the recordset, so a batch of any size is one statement.
 */
export function recordsetOf<Row>(columns: readonly Column<Row>[], param: string, alias = 'x'): { select: string; from: string } {
  return {
    select: columns.map((c) => (c.write ? c.write(`${alias}."${c.field}"`) : `${alias}."${c.field}"`)).join(', '),
    from: `jsonb_to_recordset(${param}::jsonb) AS ${alias}(${columns.map((c) => `"${c.field}" ${c.type}`).join(', ')})`,
  };
}
