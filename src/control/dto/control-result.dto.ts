import { ApiProperty } from '@nestjs/swagger';

export class SimulationStateDto {
  @ApiProperty({ example: true })
  ok!: true;

  @ApiProperty({ example: true })
  simulation_active!: boolean;
}

export class ScaleResultDto {
  @ApiProperty({ example: true })
  ok!: true;

  @ApiProperty({ example: 2 })
  factor!: number;
}
