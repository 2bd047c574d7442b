/** Number and date formatting in the UI language (Turkish uses "1.234,5"). */
export function formatNumber(value: number | null | undefined, locale: string, digits = 0): string {
  if (value == null || !Number.isFinite(value)) {
    return '–';
  }
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(value);
}

export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) {
    return '–';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

export function formatTime(value: number | string, locale: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? String(value)
    : new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** Splits "a, b\nc" into trimmed, non-empty, unique entries (list fields typed as text). */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A text field of a free-form JSON object (message metadata, persona), '' when absent. */
export function textField(object: Record<string, unknown>, key: string): string {
  const value = object[key];
  return typeof value === 'string' ? value : '';
}
