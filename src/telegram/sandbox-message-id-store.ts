/**
 * Source of message ids for the sandbox transport. Telegram numbers messages per chat (all bots of
 * a group share the sequence), so the counter is per chat, shared by every sandbox bot.
 */
export interface SandboxMessageIdStore {
  next(chatId: string): Promise<number>;
}

/** One process only: unit tests and single-process demos. */
export class InMemorySandboxMessageIdStore implements SandboxMessageIdStore {
  private readonly counters = new Map<string, number>();

  async next(chatId: string): Promise<number> {
    const id = (this.counters.get(chatId) ?? 0) + 1;
    this.counters.set(chatId, id);
    return id;
  }
}
