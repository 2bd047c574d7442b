import fc from 'fast-check';
import {
  describeValue,
  levelFromWord,
  own,
  ownAny,
  readBooleanish,
  readBoundedNumber,
  readLevel,
  readNumber,
  readText,
  readTextList,
} from './persona-value.util';

function collect(): { warn: (m: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (m) => warnings.push(m), warnings };
}

describe('own', () => {
  it('reads only own properties of plain objects', () => {
    expect(own({ a: 1 }, 'a')).toBe(1);
    expect(own({}, 'toString')).toBeUndefined();
    expect(own(JSON.parse('{"__proto__": {"x": 1}}'), '__proto__')).toEqual({ x: 1 });
    expect(own([1], '0')).toBeUndefined();
    expect(own(null, 'a')).toBeUndefined();
    expect(ownAny({ b: 2 }, ['a', 'b'])).toBe(2);
  });
});

describe('describe', () => {
  it('summarises values briefly', () => {
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1])).toBe('a list');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(3)).toBe('3');
    expect(describeValue('x'.repeat(100))).toHaveLength(43);
  });
});

describe('readText', () => {
  it('trims, caps and warns', () => {
    const { warn, warnings } = collect();
    expect(readText('  hey ', 'f', warn)).toBe('hey');
    expect(readText('x'.repeat(20), 'f', warn, 5)).toBe('xxxxx');
    expect(readText(12, 'f', warn)).toBe('12');
    expect(readText({}, 'f', warn)).toBeNull();
    expect(readText(undefined, 'f', warn)).toBeNull();
    expect(warnings).toEqual(['f: shortened to 5 characters', 'f: an object is not text, ignored']);
  });
});

describe('readTextList', () => {
  const opts = { maxItems: 3, maxLength: 10, separators: /[,;]+/ };

  it('reads lists and separated strings, dropping junk and duplicates', () => {
    const { warn, warnings } = collect();
    expect(readTextList(['a', ' a ', '', 5, null, {}], 'f', warn, opts)).toEqual(['a', '5']);
    expect(readTextList('x, y;z', 'f', warn, opts)).toEqual(['x', 'y', 'z']);
    expect(warnings).toEqual(['f[]: an object is not text, ignored']);
  });

  it('caps items and reports it', () => {
    const { warn, warnings } = collect();
    expect(readTextList(['a', 'b', 'c', 'd'], 'f', warn, opts)).toEqual(['a', 'b', 'c']);
    expect(warnings).toEqual(['f: kept the first 3 of 4 items']);
  });

  it('ignores non-lists', () => {
    const { warn, warnings } = collect();
    expect(readTextList(7, 'f', warn, opts)).toEqual([]);
    expect(readTextList(null, 'f', warn, opts)).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

describe('readNumber', () => {
  it('reads numbers, numeric text, decimal commas and percentages', () => {
    expect(readNumber(1.5)).toBe(1.5);
    expect(readNumber(' 2,5 ')).toBe(2.5);
    expect(readNumber('80%')).toBe(0.8);
    expect(readNumber('%80')).toBe(0.8);
    expect(readNumber('-3')).toBe(-3);
    expect(readNumber('abc')).toBeNull();
    expect(readNumber(Number.NaN)).toBeNull();
    expect(readNumber(Infinity)).toBeNull();
    expect(readNumber('1'.repeat(50))).toBeNull();
    expect(readNumber(true)).toBeNull();
  });
});

describe('readBoundedNumber', () => {
  it('clamps with a warning and falls back when unreadable', () => {
    const { warn, warnings } = collect();
    const b = { min: 1, max: 10, fallback: 5 };
    expect(readBoundedNumber(undefined, 'f', warn, b)).toBe(5);
    expect(readBoundedNumber('3', 'f', warn, b)).toBe(3);
    expect(readBoundedNumber(50, 'f', warn, b)).toBe(10);
    expect(readBoundedNumber('x', 'f', warn, b)).toBe(5);
    expect(warnings).toEqual([
      'f: 50 is outside 1–10, using 10',
      'f: "x" is not a number, using 5',
    ]);
  });
});

describe('levels', () => {
  it('reads Turkish and English words', () => {
    expect(levelFromWord('yüksek')).toBe(0.8);
    expect(levelFromWord('YÜKSEK')).toBe(0.8);
    expect(levelFromWord('yuksek')).toBe(0.8);
    expect(levelFromWord('orta')).toBe(0.5);
    expect(levelFromWord('Düşük')).toBe(0.2);
    expect(levelFromWord('high')).toBe(0.8);
    expect(levelFromWord('medium')).toBe(0.5);
    expect(levelFromWord('low')).toBe(0.2);
    expect(levelFromWord('çok yüksek')).toBe(0.95);
    expect(levelFromWord('very_low')).toBe(0.05);
    expect(levelFromWord('mor')).toBeNull();
  });

  it('reads numbers as 0–1, out of 10 or percent', () => {
    const { warn, warnings } = collect();
    expect(readLevel(0.7, 'f', warn, 0.5)).toBe(0.7);
    expect(readLevel(7, 'f', warn, 0.5)).toBe(0.7);
    expect(readLevel(70, 'f', warn, 0.5)).toBe(0.7);
    expect(readLevel('70%', 'f', warn, 0.5)).toBe(0.7);
    expect(readLevel(-2, 'f', warn, 0.5)).toBe(0);
    expect(readLevel(1000, 'f', warn, 0.5)).toBe(1);
    expect(readLevel('purple', 'f', warn, 0.5)).toBe(0.5);
    expect(readLevel(null, 'f', warn, 0.5)).toBe(0.5);
    expect(warnings).toHaveLength(5);
  });

  it('always yields a level in [0, 1] for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const n = readLevel(v, 'f', () => undefined, 0.5);
        return n >= 0 && n <= 1;
      }),
    );
  });
});

describe('readBooleanish', () => {
  it('reads Turkish and English yes/no', () => {
    expect(readBooleanish(true)).toBe(true);
    expect(readBooleanish('evet')).toBe(true);
    expect(readBooleanish('Hayır')).toBe(false);
    expect(readBooleanish('false')).toBe(false);
    expect(readBooleanish('yok')).toBe(false);
    expect(readBooleanish(1)).toBe(true);
    expect(readBooleanish(0)).toBe(false);
    expect(readBooleanish(2)).toBeNull();
    expect(readBooleanish('maybe')).toBeNull();
  });
});
