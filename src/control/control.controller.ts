import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { ControlService } from './control.service';
import { ScaleResultDto, SimulationStateDto } from './dto/control-result.dto';
import { ScaleDto } from './dto/scale.dto';

@ApiTags('control')
@Controller('control')
export class ControlController {
  constructor(private readonly control: ControlService) {}

  @Post('start')
  @HttpCode(200)
  @ApiOperation({ operationId: 'startSimulation', summary: 'Start the simulation' })
  @ApiOkResponse({ type: SimulationStateDto })
  @ApiErrors()
  start(): Promise<SimulationStateDto> {
    return this.control.setActive(true);
  }

  @Post('stop')
  @HttpCode(200)
  @ApiOperation({ operationId: 'stopSimulation', summary: 'Stop the simulation' })
  @ApiOkResponse({ type: SimulationStateDto })
  @ApiErrors()
  stop(): Promise<SimulationStateDto> {
    return this.control.setActive(false);
  }

  @Post('scale')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'scaleSimulation',
    summary: 'Set the speed factor (0.1–10): every delay between turns is divided by it',
  })
  @ApiOkResponse({ type: ScaleResultDto })
  @ApiErrors(400)
  scale(@Body() body: ScaleDto): Promise<ScaleResultDto> {
    return this.control.scale(body.factor);
  }
}
