import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../users/entities/api-user.entity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'deploy script', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ enum: Role, description: 'Highest role the key may act with' })
  @IsOptional()
  @IsEnum(Role)
  role_cap?: Role;

  @ApiPropertyOptional({ description: 'Expiry (ISO 8601, in the future)' })
  @IsOptional()
  @IsDateString()
  expires_at?: string;
}
