import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password-hasher.service';
import { Role } from '../entities/api-user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'ayse', minLength: 3, maxLength: 64 })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{3,64}$/, {
    message: 'username must be 3-64 letters, digits or . _ @ -',
  })
  username!: string;

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({ enum: Role, default: Role.Viewer })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;
}
