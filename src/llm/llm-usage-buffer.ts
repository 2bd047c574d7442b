import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { redactSecrets } from '../common/logging/redact';
import {
  addUsage,
  LlmUsageEntry,
  LlmUsageRecorder,
  LlmUsageSink,
  LlmUsageTotal,
  usageTotal,
  utcDay,
} from './llm-usage-recorder';

/** How long usage waits in memory before it is written (one statement for all of it). */
export const LLM_USAGE_FLUSH_EVERY_MS = 1000;

/**
 * The worker's usage sink: adds requests up in memory and writes them every
 * LLM_USAGE_FLUSH_EVERY_MS in one upsert, instead of one database transaction per LLM request
 * (at full speed one per message sent). The daily budget still sees this process' unwritten
 * usage (spentToday adds it). Flushed on shutdown, after the queue workers have drained; a crash
 * loses at most the last interval's accounting (an estimate, SPEC: llm_daily_budget_usd).
 */
@Injectable()
export class LlmUsageBuffer implements LlmUsageSink, OnModuleDestroy {
  private readonly logger = new Logger(LlmUsageBuffer.name);
  private readonly recorder: LlmUsageRecorder;
  private pending = new Map<string, LlmUsageTotal>();
  /** Being written right now: still counted by spentToday until the write is done. */
  private writing: LlmUsageTotal[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.recorder = new LlmUsageRecorder(dataSource);
  }

  record(entry: LlmUsageEntry): Promise<void> {
    addUsage(this.pending, usageTotal(utcDay(new Date()), entry));
    this.flushLater();
    return Promise.resolve();
  }

  async spentToday(): Promise<number> {
    const today = utcDay(new Date());
    const unwritten = [...this.writing, ...this.pending.values()]
      .filter((t) => t.day === today)
      .reduce((sum, t) => sum + t.costUsd, 0);
    return (await this.recorder.spentToday()) + unwritten;
  }

  /** Writes what has accumulated (one write at a time); a failed write is kept for the next. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.flushing;
    if (this.pending.size === 0) {
      return;
    }
    this.writing = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.recorder
      .recordTotals(this.writing)
      .catch((error: unknown) => {
        this.logger.warn(`LLM usage not recorded yet: ${redactSecrets(String(error))}`);
        for (const total of this.writing) {
          addUsage(this.pending, total);
        }
        this.flushLater();
      })
      .finally(() => {
        this.writing = [];
        this.flushing = null;
      });
    await this.flushing;
  }

  private flushLater(): void {
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), LLM_USAGE_FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}
