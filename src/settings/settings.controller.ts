import { Body, Controller, Get, Param, Patch, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { BulkUpdateSettingsDto } from './dto/bulk-update-settings.dto';
import { SettingDto } from './dto/setting.dto';
import { UpdateSettingDto } from './dto/update-setting.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listSettings',
    summary: 'Every setting with its value, default, description and whether it applies live',
  })
  @ApiOkResponse({ type: [SettingDto] })
  @ApiErrors()
  list(): Promise<SettingDto[]> {
    return this.settings.list();
  }

  @Put('bulk')
  @ApiOperation({
    operationId: 'updateSettingsBulk',
    summary: 'Change several settings at once: all are applied or none is',
  })
  @ApiOkResponse({ type: [SettingDto], description: 'The changed settings' })
  @ApiErrors(400)
  updateMany(@Body() body: BulkUpdateSettingsDto): Promise<SettingDto[]> {
    return this.settings.updateMany(body.updates);
  }

  @Patch(':key')
  @ApiOperation({
    operationId: 'updateSetting',
    summary: 'Change one setting; workers apply it within a second',
  })
  @ApiParam({ name: 'key', example: 'scale_factor' })
  @ApiOkResponse({ type: SettingDto })
  @ApiErrors(400)
  update(@Param('key') key: string, @Body() body: UpdateSettingDto): Promise<SettingDto> {
    return this.settings.update(key, body.value);
  }
}
