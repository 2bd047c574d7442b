import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsPositive, Max } from 'class-validator';

/** Body of POST /control/scale. The registry's scale_factor range (0.1–10) applies on top. */
export class ScaleDto {
  @ApiProperty({ minimum: 0.1, maximum: 10, example: 2, description: 'Delays are divided by it' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(10)
  factor!: number;
}
