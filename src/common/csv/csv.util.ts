/** A CSV cell value; null and undefined become empty cells. */
export type CsvValue = string | number | boolean | Date | null | undefined;

/**
 * Characters that make spreadsheet software treat a cell as a formula (CSV injection, OWASP):
 * such text cells get a leading apostrophe so they are shown, never evaluated.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 cell: quoted when needed, quotes doubled, formula-looking text neutralised. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated as RFC 4180 says. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
