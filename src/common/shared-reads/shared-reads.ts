import { Injectable } from '@nestjs/common';

interface Entry {
  generation: number;
  /** When the value may no longer be handed out (Infinity while it is still being computed). */
  freshUntil: number;
  value: Promise<unknown>;
}

/** More keys than this (e.g. a crawler walking every cursor) and the settled ones are dropped. */
const MAX_ENTRIES = 1000;

/**
 * Read results shared by every request asking the same question at the same time: fifty
 * dashboards loading the bot list while one query runs cost that one query, not fifty. A result
 * is shared while it is being computed and, for reads that may lag by design (`ttlMs`), for a
 * little while after.
 *
 * Every change made through this API process calls `invalidate()` (InvalidateSharedReads
 * interceptor) before its response is written, so a client that reads after its own write never
 * gets a result computed before that write. A change made elsewhere (another API replica, a
 * worker) shows as soon as the read in flight at that moment ends, or after `ttlMs`.
 */
@Injectable()
export class SharedReads {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();

  share<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const existing = this.entries.get(key);
    if (existing && existing.generation === this.generation && now < existing.freshUntil) {
      return existing.value as Promise<T>;
    }
    if (this.entries.size >= MAX_ENTRIES) {
      this.dropSettled();
    }
    const value = compute();
    const entry: Entry = { generation: this.generation, freshUntil: Infinity, value };
    this.entries.set(key, entry);
    value.then(
      () => this.settle(key, entry, ttlMs),
      // A failure is not shared after the fact: the next caller tries again.
      () => this.settle(key, entry, 0),
    );
    return value;
  }

  /** Results computed before now are not handed out any more. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  private settle(key: string, entry: Entry, ttlMs: number): void {
    if (this.entries.get(key) !== entry) {
      return;
    }
    if (ttlMs <= 0) {
      this.entries.delete(key);
    } else {
      entry.freshUntil = Date.now() + ttlMs;
    }
  }

  private dropSettled(): void {
    for (const [key, entry] of this.entries) {
      if (entry.freshUntil !== Infinity) {
        this.entries.delete(key);
      }
    }
  }
}
