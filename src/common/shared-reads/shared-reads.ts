import { Injectable } from '@nestjs/common';

interface Entry {
  generation: number;
  /** When the value stops being fresh (Infinity while it is still being computed). */
  freshUntil: number;
  /** Until when a stale value is still handed out while one refresh runs in the background. */
  staleUntil: number;
  /** A background refresh of this settled value is running. */
  refreshing: boolean;
  value: Promise<unknown>;
}

/** More keys than this (e.g. a crawler walking every cursor) and the settled ones are dropped. */
const MAX_ENTRIES = 1000;

/**
 * Read results shared by every request asking the same question at the same time: fifty
 * dashboards loading the bot list while one query runs cost that one query, not fifty. A result
 * is shared while it is being computed and, for reads that may lag by design (`ttlMs`), for a
 * little while after. Such a result that has just gone stale (less than another `ttlMs` past) is
 * still handed out while one refresh runs in the background: otherwise, once a `ttlMs`, every
 * caller of a busy read (the dashboards' metrics) would queue behind a new computation.
 *
 * Every change made through this API process calls `invalidate()` (InvalidateSharedReads
 * interceptor) before its response is written, so a client that reads after its own write never
 * gets a result computed before that write. A change made elsewhere (another API replica, a
 * worker) shows once its domain event arrives (SharedReadsInvalidation); one that announces none
 * (SQL run by hand) as soon as the read in flight at that moment ends, or after `ttlMs`.
 */
@Injectable()
export class SharedReads {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();

  share<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const existing = this.entries.get(key);
    if (existing && existing.generation === this.generation) {
      if (now < existing.freshUntil) {
        return existing.value as Promise<T>;
      }
      if (now < existing.staleUntil) {
        if (!existing.refreshing) {
          this.refresh(key, existing, ttlMs, compute);
        }
        return existing.value as Promise<T>;
      }
    }
    if (this.entries.size >= MAX_ENTRIES) {
      this.dropSettled();
    }
    const value = compute();
    const entry = this.pending(value);
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

  private pending(value: Promise<unknown>): Entry {
    const generation = this.generation;
    return { generation, freshUntil: Infinity, staleUntil: Infinity, refreshing: false, value };
  }

  private settle(key: string, entry: Entry, ttlMs: number): void {
    if (this.entries.get(key) !== entry) {
      return;
    }
    if (ttlMs <= 0) {
      this.entries.delete(key);
    } else {
      entry.freshUntil = Date.now() + ttlMs;
      entry.staleUntil = entry.freshUntil + ttlMs;
    }
  }

  /**
   * Computes a stale entry's value again while callers keep getting the old one; the new value
   * replaces it unless an invalidation (or a newer computation) came first. A failed refresh
   * leaves the stale value in place, and the next caller starts another.
   */
  private refresh<T>(key: string, stale: Entry, ttlMs: number, compute: () => Promise<T>): void {
    stale.refreshing = true;
    const value = compute();
    value.then(
      () => {
        if (this.entries.get(key) === stale && stale.generation === this.generation) {
          const fresh = this.pending(value);
          this.entries.set(key, fresh);
          this.settle(key, fresh, ttlMs);
        }
      },
      () => {
        stale.refreshing = false;
      },
    );
  }

  private dropSettled(): void {
    for (const [key, entry] of this.entries) {
      if (entry.freshUntil !== Infinity) {
        this.entries.delete(key);
      }
    }
  }
}
