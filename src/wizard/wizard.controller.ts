import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { WizardSetupDto, WizardSetupResponse } from './dto/wizard-setup.dto';
import { WIZARD_EXAMPLE } from './wizard-example';
import { WizardService } from './wizard.service';

@ApiTags('wizard')
@ApiSecurity('api-key')
@Controller('wizard')
export class WizardController {
  constructor(private readonly wizard: WizardService) {}

  @Get('example')
  @ApiOperation({ summary: 'A complete example body for POST /wizard/setup' })
  @ApiOkResponse({ type: WizardSetupDto, description: 'A body to send to POST /wizard/setup' })
  example(): typeof WIZARD_EXAMPLE {
    return WIZARD_EXAMPLE;
  }

  @Post('setup')
  @ApiOperation({
    summary: 'Bot + chat + persona + emotion + stances + holdings (+ start) in one transaction',
  })
  @ApiCreatedResponse({ type: WizardSetupResponse })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Bot name or token already used' })
  setup(@Body() dto: WizardSetupDto): Promise<WizardSetupResponse> {
    return this.wizard.setup(dto);
  }
}
