/** A CSV cell: strings are quoted as needed, null is an empty cell. */
export type CsvCell = string | number | boolean | null;

/**
 * CSV per RFC 4180: CRLF line ends, fields with `"`, `,`, CR or LF quoted, `"` doubled. String
 * cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR;
 * OWASP "CSV injection") get a leading `'`, so an app name or a justification typed by a user
 * cannot execute anything when an admin opens the export. Numbers are written as they are.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(cell).join(',')];
  for (const r of rows) lines.push(r.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(v: CsvCell): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
