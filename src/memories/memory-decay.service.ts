import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobResult } from '../queue/job-definitions';

export interface MemoryDecayPolicy {
  /** Memories not used for this many days lose relevance. */
  unusedDays: number;
  /** Relevance × factor per run (the job runs once a day). */
  factor: number;
  /** Relevance never decays below this. */
  floor: number;
  /** Memories kept per bot; the least relevant beyond this are deleted. */
  capPerBot: number;
}

export const DEFAULT_MEMORY_DECAY: MemoryDecayPolicy = {
  unusedDays: 7,
  factor: 0.9,
  floor: 0.05,
  capPerBot: 50,
};

/**
 * SPEC 7.11: memories a bot has not used for a while fade (so prompts prefer what it talks about),
 * and each bot keeps at most `capPerBot`. `now` is a parameter so tests run it on a fake clock.
 */
@Injectable()
export class MemoryDecayService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async run(now: Date, policy: MemoryDecayPolicy = DEFAULT_MEMORY_DECAY): Promise<JobResult> {
    const cutoff = new Date(now.getTime() - policy.unusedDays * 24 * 3600 * 1000);
    const [, decayed] = await this.ds.query<[unknown, number]>(
      `UPDATE bot_memories
          SET relevance_score = GREATEST($1::real, relevance_score * $2::real)
        WHERE COALESCE(last_used_at, created_at) < $3 AND relevance_score > $1::real`,
      [policy.floor, policy.factor, cutoff],
    );
    const [, deleted] = await this.ds.query<[unknown, number]>(
      `DELETE FROM bot_memories WHERE id IN (
         SELECT id FROM (
           SELECT id, row_number() OVER (
             PARTITION BY bot_id ORDER BY relevance_score DESC, last_used_at DESC NULLS LAST, id DESC
           ) AS rank
           FROM bot_memories
         ) ranked WHERE rank > $1)`,
      [policy.capPerBot],
    );
    return { status: 'done', decayed, deleted };
  }
}
