import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentVariableNames } from './environment';

function exampleVariables(): string[] {
  const text = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
  return text
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line.trim())?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('.env.example', () => {
  it('lists exactly the variables of the Environment class', () => {
    expect([...exampleVariables()].sort()).toEqual([...environmentVariableNames()].sort());
  });

  it('lists each variable once', () => {
    const names = exampleVariables();
    expect(new Set(names).size).toBe(names.length);
  });
});
