import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import { SharedReads } from './shared-reads';
import { isSafeMethod } from '../http/safe-method';

/**
 * Any request that may change something invalidates the shared read results once its handler is
 * done and before its response is written, so the client's next read sees its change. Failed
 * requests count too: a handler may fail after part of its work committed.
 */
@Injectable()
export class InvalidateSharedReadsInterceptor implements NestInterceptor {
  constructor(private readonly sharedReads: SharedReads) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (
      context.getType() !== 'http' ||
      isSafeMethod(context.switchToHttp().getRequest<FastifyRequest>().method)
    ) {
      return next.handle();
    }
    const invalidate = (): void => this.sharedReads.invalidate();
    return next.handle().pipe(tap({ next: invalidate, error: invalidate }));
  }
}
