import { ApiProperty } from '@nestjs/swagger';
import { ApiUser, Role } from '../entities/api-user.entity';

/** A user as the API shows it: never the password hash or the TOTP secret. */
export class UserDto {
  @ApiProperty() id!: number;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty() is_active!: boolean;
  @ApiProperty() mfa_enabled!: boolean;
  @ApiProperty() created_at!: string;
  @ApiProperty({ nullable: true, type: String }) last_login_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) password_changed_at!: string | null;

  static from(user: ApiUser): UserDto {
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      is_active: user.isActive,
      mfa_enabled: user.mfaEnabled,
      created_at: user.createdAt.toISOString(),
      last_login_at: user.lastLoginAt?.toISOString() ?? null,
      password_changed_at: user.passwordChangedAt?.toISOString() ?? null,
    };
  }
}
