import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin', maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  /** Length is not checked here beyond a sanity bound: a wrong password must look like any other. */
  @ApiProperty({ format: 'password', maxLength: 256 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({
    description: '6-digit code from the authenticator app',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totp must be 6 digits' })
  totp?: string;
}
