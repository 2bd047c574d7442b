import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Response } from 'express';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsRegistry } from './metrics.registry';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  /** Prometheus exposition of the API's series (scrapers only: see MetricsAccessGuard). */
  @Get('metrics')
  @UseGuards(MetricsAccessGuard)
  @ApiExcludeEndpoint()
  async metricsText(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    response.setHeader('Content-Type', contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(body);
  }
}
