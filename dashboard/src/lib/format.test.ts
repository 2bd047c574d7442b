import { describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber, splitList } from './format';

describe('format', () => {
  it('formats numbers per locale and dashes the missing ones', () => {
    expect(formatNumber(1234.5, 'tr', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatNumber(null, 'tr')).toBe('–');
    expect(formatNumber(Number.NaN, 'tr')).toBe('–');
  });

  it('keeps unparseable dates as they came', () => {
    expect(formatDateTime('yesterday', 'tr')).toBe('yesterday');
    expect(formatDateTime(null, 'tr')).toBe('–');
  });

  it('splits list text on commas and lines', () => {
    expect(splitList('THYAO, ASELS\n\nTHYAO ,  BTC')).toEqual(['THYAO', 'ASELS', 'BTC']);
  });
});
