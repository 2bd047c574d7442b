import { csvCell, csvRow } from './csv.util';

describe('csvCell', () => {
  it('leaves plain text, numbers and booleans as they are', () => {
    expect(csvCell('THYAO yükseliyor')).toBe('THYAO yükseliyor');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(true)).toBe('true');
  });

  it('writes null and undefined as empty cells and dates as ISO', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(new Date('2026-11-25T07:00:00Z'))).toBe('2026-11-25T07:00:00.000Z');
  });

  it('quotes cells with commas, quotes, newlines or outer spaces and doubles inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('o "dedi"')).toBe('"o ""dedi"""');
    expect(csvCell('satır\nsatır')).toBe('"satır\nsatır"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' boşluk')).toBe('" boşluk"');
  });

  it.each(['=1+1', '+90 555', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'prefixes formula-looking text %j with an apostrophe',
    (text) => {
      expect(csvCell(text).replace(/^"/, '').startsWith(`'`)).toBe(true);
    },
  );

  it('neutralises and quotes a formula with a comma', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow([1, 'a,b', null])).toBe('1,"a,b",\r\n');
  });
});
