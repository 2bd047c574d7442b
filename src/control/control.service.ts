import { Injectable, Logger } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { DomainEvent } from '../events/domain-events';
import { DomainEventBus } from '../events/domain-event-bus.service';
import { SettingValueError } from '../settings/setting-parsers';
import { parseSetting } from '../settings/settings.registry';
import { SettingsService } from '../settings/settings.service';
import { ScaleResultDto, SimulationStateDto } from './dto/control-result.dto';

/**
 * Start, stop and speed of the simulation. These are settings (simulation_active, scale_factor)
 * persisted like any other, plus a `control` event for the live feed.
 */
@Injectable()
export class ControlService {
  private readonly logger = new Logger(ControlService.name);

  constructor(
    private readonly settings: SettingsService,
    private readonly events: DomainEventBus,
  ) {}

  async setActive(active: boolean): Promise<SimulationStateDto> {
    await this.settings.update('simulation_active', active);
    await this.publish({
      type: 'control',
      action: active ? 'start' : 'stop',
      simulation_active: active,
    });
    return { ok: true, simulation_active: active };
  }

  async scale(factor: number): Promise<ScaleResultDto> {
    let value: number;
    try {
      value = parseSetting('scale_factor', factor);
    } catch (error) {
      if (error instanceof SettingValueError) {
        throw DomainException.validation([{ field: 'factor', reason: `factor ${error.message}` }]);
      }
      throw error;
    }
    await this.settings.update('scale_factor', value);
    await this.publish({ type: 'control', action: 'scale', factor: value });
    return { ok: true, factor: value };
  }

  private async publish(event: DomainEvent): Promise<void> {
    try {
      await this.events.publish(event);
    } catch (error) {
      this.logger.warn(`control event not published: ${(error as Error).message}`);
    }
  }
}
