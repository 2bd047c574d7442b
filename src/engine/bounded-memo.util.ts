/**
 * Remembers the last `maxEntries` results of a pure function of a string. Turns re-read the same
 * chat history again and again (40 messages, one new per turn), so text analyses are worth
 * keeping; the bound keeps memory flat, and the oldest entry goes first.
 */
export function boundedMemo<T>(fn: (key: string) => T, maxEntries: number): (key: string) => T {
  const entries = new Map<string, T>();
  return (key) => {
    if (entries.has(key)) {
      return entries.get(key) as T;
    }
    const value = fn(key);
    entries.set(key, value);
    if (entries.size > maxEntries) {
      entries.delete(entries.keys().next().value as string);
    }
    return value;
  };
}
