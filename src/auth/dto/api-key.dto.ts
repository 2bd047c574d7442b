import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../users/entities/api-user.entity';
import { ApiKey } from '../entities/api-key.entity';

/** An API key as listed: never the key itself, only its visible prefix. */
export class ApiKeyDto {
  @ApiProperty() id!: number;
  @ApiProperty() user_id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Visible part of the key (pk_<prefix>_…)' }) prefix!: string;
  @ApiProperty({ enum: Role, nullable: true }) role_cap!: Role | null;
  @ApiProperty() created_at!: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) expires_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) revoked_at!: string | null;

  static from(key: ApiKey): ApiKeyDto {
    return {
      id: key.id,
      user_id: key.userId,
      name: key.name,
      prefix: key.prefix,
      role_cap: key.roleCap,
      created_at: key.createdAt.toISOString(),
      last_used_at: key.lastUsedAt?.toISOString() ?? null,
      expires_at: key.expiresAt?.toISOString() ?? null,
      revoked_at: key.revokedAt?.toISOString() ?? null,
    };
  }
}

/** The answer to key creation: the only time the raw key is shown. */
export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key; shown once, store it now', example: 'pk_Ab3dE6gH_…' })
  key!: string;
}
