import { ApiProperty } from '@nestjs/swagger';

/** Shown once at enrolment: scan otpauth_uri as a QR code, or type the secret. */
export class MfaEnrolmentDto {
  @ApiProperty({ description: 'Base32 TOTP secret' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/piyasa:alice?secret=…&issuer=piyasa' })
  otpauth_uri!: string;
}
