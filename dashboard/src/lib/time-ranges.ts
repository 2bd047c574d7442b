const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** True for "HH:MM-HH:MM" with distinct ends (a range may wrap past midnight). */
export function isTimeRange(value: string): boolean {
  const match = RANGE.exec(value.trim());
  return match !== null && `${match[1]}:${match[2]}` !== `${match[3]}:${match[4]}`;
}

/** The entries of a list that are not valid ranges (empty when all are fine). */
export function invalidTimeRanges(values: readonly string[]): string[] {
  return values.filter((v) => !isTimeRange(v));
}
