import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { from, mergeMap, Observable } from 'rxjs';
import { AuthenticatedRequest } from '../auth/principal';
import { actionOf, changedFieldNames, resourceIdOf, resourceTypeOf } from './audit-route.util';
import { AuditService } from './audit.service';
import { SKIP_AUDIT } from './skip-audit.decorator';
import { isSafeMethod } from '../common/http/safe-method';

/**
 * Records every successful state-changing request made by an authenticated user or key, for
 * every controller of the app (present and future) without per-route code: action from method
 * and route, resource from the route and its first parameter or the created row's id, and the
 * names (never values) of the fields sent. Failed requests change nothing and are not recorded.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (skip || isSafeMethod(request.method)) {
      return next.handle();
    }
    return next
      .handle()
      .pipe(mergeMap((body: unknown) => from(this.record(request, body).then(() => body))));
  }

  private async record(
    request: FastifyRequest & AuthenticatedRequest,
    body: unknown,
  ): Promise<void> {
    const principal = request.principal;
    if (!principal) {
      // Public intake (e.g. Telegram webhooks) is not a user's change.
      return;
    }
    const route = request.routeOptions.url ?? request.url;
    try {
      await this.audit.record({
        actorUserId: principal.userId,
        actorApiKeyId: principal.apiKeyId,
        actorLabel: principal.username,
        action: actionOf(request.method, route),
        resourceType: resourceTypeOf(route),
        resourceId: resourceIdOf(request.params as Record<string, string>, body),
        details: { fields: changedFieldNames(request.body) },
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
      });
    } catch (error) {
      // The change is already committed; losing its audit row must not turn success into an error.
      this.logger.error(
        `Could not write the audit row for ${request.method} ${route}: ${(error as Error).message}`,
      );
    }
  }
}
