import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './error-code';

class FieldErrorBody {
  @ApiProperty({ example: 'name' })
  field!: string;

  @ApiProperty({ example: 'name must be shorter than or equal to 100 characters' })
  reason!: string;
}

/** The one JSON shape of every error answer. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ enum: ErrorCode, example: ErrorCode.ValidationFailed })
  error!: ErrorCode;

  @ApiProperty({ example: 'Request validation failed' })
  message!: string;

  @ApiPropertyOptional({ type: [FieldErrorBody] })
  fields?: FieldErrorBody[];

  @ApiPropertyOptional({ example: 'b1946ac9-2f0e-4d4f-a4b1-5e1f1c3c0b7a' })
  request_id?: string;
}
