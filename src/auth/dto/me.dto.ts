import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../users/entities/api-user.entity';

/** Who is calling: GET /auth/me, and the body of a successful login. */
export class MeDto {
  @ApiProperty() user_id!: number;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: Role, description: 'Effective role (an API key may cap it)' }) role!: Role;
  @ApiProperty({ description: 'How the request was authenticated', enum: ['session', 'api_key'] })
  auth_method!: 'session' | 'api_key';
  @ApiProperty() mfa_enabled!: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Session expiry (ISO 8601), sessions only',
  })
  session_expires_at!: string | null;
}
