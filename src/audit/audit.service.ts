import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { ClockService } from '../common/clock/clock.service';
import { redactDeep } from '../common/logging/redact';
import { AuditLog } from './entities/audit-log.entity';

export interface AuditEntry {
  actorUserId: number | null;
  actorApiKeyId?: number | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  resourceType?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Rows with an id below this one (the previous page's next_cursor). */
  cursor?: number;
}

/** Writes and reads the audit trail. Details pass through redactDeep: the trail holds no secret. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditLog) private readonly log: Repository<AuditLog>,
    private readonly clock: ClockService,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const row = this.log.create({
      actorUserId: entry.actorUserId,
      actorApiKeyId: entry.actorApiKeyId ?? null,
      actorLabel: entry.actorLabel.slice(0, 100),
      action: entry.action.slice(0, 64),
      resourceType: entry.resourceType.slice(0, 64),
      resourceId: entry.resourceId?.slice(0, 64) ?? null,
      details: redactDeep(entry.details ?? {}) as Record<string, unknown>,
      ip: entry.ip?.slice(0, 64) ?? null,
      userAgent: entry.userAgent?.slice(0, 512) ?? null,
      createdAt: this.clock.now(),
    });
    await this.log.save(row);
  }

  /** Newest first, keyset-paginated by id. `actor` matches a user id or a username. */
  async find(query: AuditQuery): Promise<{ items: AuditLog[]; nextCursor: number | null }> {
    const qb = this.log
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .take(query.limit + 1);
    if (query.actor !== undefined) {
      const actor = query.actor;
      qb.andWhere(
        new Brackets((w) => {
          w.where('lower(a.actor_label) = lower(:label)', { label: actor });
          if (/^\d{1,9}$/.test(actor)) {
            w.orWhere('a.actor_user_id = :actorId', { actorId: Number(actor) });
          }
        }),
      );
    }
    if (query.action !== undefined) {
      qb.andWhere('a.action = :action', { action: query.action });
    }
    if (query.resourceType !== undefined) {
      qb.andWhere('a.resource_type = :type', { type: query.resourceType });
    }
    if (query.from) {
      qb.andWhere('a.created_at >= :from', { from: query.from });
    }
    if (query.to) {
      qb.andWhere('a.created_at < :to', { to: query.to });
    }
    if (query.cursor !== undefined) {
      qb.andWhere('a.id < :cursor', { cursor: query.cursor });
    }
    const rows = await qb.getMany();
    const hasMore = rows.length > query.limit;
    const items = hasMore ? rows.slice(0, query.limit) : rows;
    return { items, nextCursor: hasMore ? items[items.length - 1].id : null };
  }
}
