import { QueueName } from './queue-name';

/**
 * Every job of the system: its name, the queue it runs on and its payload type. Payloads carry
 * ids and small scalars only — never whole entities, message text or secrets — so that a job in
 * Redis reveals nothing and always works on the latest state from PostgreSQL.
 */
export interface JobPayloads {
  /** Repeating scan for chats whose next turn is due (one job scheduler, idempotent). */
  'tick.scan': Record<string, never>;
  /** Plan and generate one turn in one chat. */
  'turn.run': {
    chatDbId: number;
    reason: 'scheduled' | 'human_reply';
    triggerMessageId?: number;
    /** The bot chosen to answer a human message (reason human_reply). */
    botId?: number;
  };
  /** Deliver one recorded message (typing, then send or react). */
  'send.deliver': { messageId: number };
  /**
   * Handle one Telegram update received by the given bot (webhook or poller). The update body
   * waits briefly in Redis under (botId, updateId): see src/updates/update-body-store.ts.
   */
  'updates.process': { botId: number; updateId: number };
  /** Daily memory decay and per-bot cap (SPEC 7.11). */
  'maintenance.memory_decay': Record<string, never>;
  /** Fetch the news feeds and refresh the cached briefs (SPEC 7.10). */
  'maintenance.news_refresh': Record<string, never>;
  /** Round trip through a worker: proves the queues are consumed (system checks, tests). */
  'maintenance.probe': { requestedAt: string };
  /** Delete messages older than the message_retention_days setting (hourly job scheduler). */
  'maintenance.retention': Record<string, never>;
  /** Give a final state to messages a crash left in flight (every JOB_LOCK_MS). */
  'maintenance.reap_messages': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** The queue each job runs on. A job name belongs to exactly one queue. */
export const JOB_QUEUE = {
  'tick.scan': QueueName.Tick,
  'turn.run': QueueName.Turn,
  'send.deliver': QueueName.Send,
  'updates.process': QueueName.Updates,
  'maintenance.probe': QueueName.Maintenance,
  'maintenance.retention': QueueName.Maintenance,
  'maintenance.reap_messages': QueueName.Maintenance,
  'maintenance.memory_decay': QueueName.Maintenance,
  'maintenance.news_refresh': QueueName.Maintenance,
} as const satisfies { [N in JobName]: QueueName };

/** The job names that run on queue Q. */
export type JobNameOf<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never;
}[JobName];

export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => JOB_QUEUE[name] === queue);
}

/** What a handler reports; expected no-ops return `skipped` with a reason instead of throwing. */
export type JobResult =
  { status: 'done'; [detail: string]: unknown } | { status: 'skipped'; reason: string };

/**
 * Deterministic job ids: the same logical job always gets the same id, so enqueuing it twice is a
 * no-op (two replicas, a retried turn). BullMQ forbids ":" in custom ids, hence the dashes.
 */
export const jobIds = {
  turn: (chatDbId: number, dueAt: number): string => `turn-${chatDbId}-${dueAt}`,
  send: (messageId: number): string => `send-${messageId}`,
  update: (botId: number, updateId: number): string => `update-${botId}-${updateId}`,
  humanReply: (messageId: number): string => `human-${messageId}`,
};
