import { StatementNames } from './prepared-statements';

describe('StatementNames', () => {
  it('names a text from its second sighting on, always with the same name', () => {
    const names = new StatementNames();
    expect(names.nameFor('SELECT $1')).toBeUndefined();
    const name = names.nameFor('SELECT $1');
    expect(name).toMatch(/^piyasa_\d+$/);
    expect(names.nameFor('SELECT $1')).toBe(name);
  });

  it('gives different texts different names', () => {
    const names = new StatementNames();
    for (const text of ['SELECT $1', 'SELECT $1', 'SELECT $1::int', 'SELECT $1::int']) {
      names.nameFor(text);
    }
    expect(names.nameFor('SELECT $1')).not.toBe(names.nameFor('SELECT $1::int'));
    expect(names.size).toBe(2);
  });

  it('stops naming new texts at its limit but keeps the names it gave', () => {
    const names = new StatementNames(2);
    const texts = ['a $1', 'b $1', 'c $1'];
    for (const text of [...texts, ...texts]) {
      names.nameFor(text);
    }
    expect(names.size).toBe(2);
    expect(names.nameFor('a $1')).toBeDefined();
    expect(names.nameFor('b $1')).toBeDefined();
    expect(names.nameFor('c $1')).toBeUndefined();
    expect(names.nameFor('c $1')).toBeUndefined();
  });
});
