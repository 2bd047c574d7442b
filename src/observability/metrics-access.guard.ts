import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { metricsAccessChecker, MetricsAccessDecision } from './metrics-access.util';

/**
 * Protects GET /metrics (a 'public' route in ROUTE_POLICY: scrapers have no user account) with
 * METRICS_TOKEN / METRICS_ALLOW, loopback only when neither is set. The client address is
 * the request's ip, so it honours TRUST_PROXY like every other address check.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly decide: ReturnType<typeof metricsAccessChecker>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.decide = metricsAccessChecker(config.metrics);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const decision: MetricsAccessDecision = this.decide({
      address: request.ip ?? request.socket.remoteAddress,
      authorization: request.headers.authorization,
    });
    if (decision === 'allowed') {
      return true;
    }
    // Counted as an auth failure by the HTTP metrics middleware (401/403), not here.
    if (decision === 'address_refused') {
      throw new DomainException(
        ErrorCode.Forbidden,
        'Metrics may only be scraped from loopback, an address in METRICS_ALLOW, or with METRICS_TOKEN',
      );
    }
    throw new DomainException(
      ErrorCode.Unauthorized,
      'Send Authorization: Bearer <METRICS_TOKEN> to scrape metrics',
    );
  }
}
