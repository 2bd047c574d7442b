import { Global, Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module';
import { InvalidateSharedReadsInterceptor } from './invalidate-shared-reads.interceptor';
import { SharedReads } from './shared-reads';
import { SharedReadsInvalidation } from './shared-reads-invalidation.service';

/**
 * The API process' shared read results (SharedReads) and their invalidation on every change:
 * made here (InvalidateSharedReadsInterceptor, attached to every state-changing route by
 * ApiModule) or announced by another process (SharedReadsInvalidation).
 */
@Global()
@Module({
  imports: [EventsModule],
  providers: [SharedReads, InvalidateSharedReadsInterceptor, SharedReadsInvalidation],
  exports: [SharedReads, InvalidateSharedReadsInterceptor],
})
export class SharedReadsModule {}
