/**
 * One CSV field (RFC 4180 quoting); numbers as they are, objects as JSON. A string starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe: a spreadsheet would run it as a
 * formula, and exported ids, user agents and sentences come from outside, so they must stay text.
 * Numbers are left alone so that a negative one still reads as a number.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string' ? value.replace(/^[=+\-@\t\r]/, "'$&") : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV: a header line of the column names, then one line per row, CRLF-terminated. */
export function toCsv<Column extends string>(
  columns: readonly Column[],
  rows: Iterable<Readonly<Record<Column, unknown>>>,
): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
