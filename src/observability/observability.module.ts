import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { appVersion } from './app-version';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry, ProcessRole } from './metrics.registry';
import { QueueMetricsCollector } from './queue-metrics.collector';
import { WorkerHttpServer } from './worker-http.server';

/**
 * Prometheus metrics for one process: the registry every module injects (MetricsRegistry), the
 * queue gauges, and the way out — GET /metrics on the API, the private HTTP server on workers.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(role: ProcessRole): DynamicModule {
    const registry: Provider = {
      provide: MetricsRegistry,
      useFactory: () => {
        const metrics = new MetricsRegistry();
        metrics.init(role, appVersion());
        return metrics;
      },
    };
    return {
      module: ObservabilityModule,
      controllers: role === 'api' ? [MetricsController] : [],
      providers: [
        registry,
        QueueMetricsCollector,
        ...(role === 'api' ? [MetricsAccessGuard] : [WorkerHttpServer]),
      ],
      exports: [MetricsRegistry],
    };
  }
}
