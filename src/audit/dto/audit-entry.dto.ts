import { ApiProperty } from '@nestjs/swagger';
import { AuditLog } from '../entities/audit-log.entity';

export class AuditEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ nullable: true, type: Number }) actor_user_id!: number | null;
  @ApiProperty({ nullable: true, type: Number }) actor_api_key_id!: number | null;
  @ApiProperty() actor_label!: string;
  @ApiProperty({ example: 'PATCH /users/:id' }) action!: string;
  @ApiProperty({ example: 'users' }) resource_type!: string;
  @ApiProperty({ nullable: true, type: String }) resource_id!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) user_agent!: string | null;
  @ApiProperty() created_at!: string;

  static from(row: AuditLog): AuditEntryDto {
    return {
      id: row.id,
      actor_user_id: row.actorUserId,
      actor_api_key_id: row.actorApiKeyId,
      actor_label: row.actorLabel,
      action: row.action,
      resource_type: row.resourceType,
      resource_id: row.resourceId,
      details: row.details,
      ip: row.ip,
      user_agent: row.userAgent,
      created_at: row.createdAt.toISOString(),
    };
  }
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as cursor for the next page' })
  next_cursor!: number | null;
}
