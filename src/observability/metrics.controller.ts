import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsRegistry } from './metrics.registry';

@ApiTags('observability')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  /** Prometheus exposition of the API's series (scrapers only: see MetricsAccessGuard). */
  @Get('metrics')
  @UseGuards(MetricsAccessGuard)
  @ApiOperation({
    summary: 'Prometheus metrics of this API process',
    description:
      'For scrapers: a bearer METRICS_TOKEN and/or an address in METRICS_ALLOW (loopback only when neither is set).',
  })
  @ApiProduces('text/plain')
  @ApiResponse({
    status: 200,
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async metricsText(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    await reply.header('Content-Type', contentType).header('Cache-Control', 'no-store').send(body);
  }
}
