import { Global, Module } from '@nestjs/common';
import { InvalidateSharedReadsInterceptor } from './invalidate-shared-reads.interceptor';
import { SharedReads } from './shared-reads';

/**
 * The API process' shared read results (SharedReads) and their invalidation on every change
 * (InvalidateSharedReadsInterceptor, attached to every state-changing route by ApiModule).
 */
@Global()
@Module({
  providers: [SharedReads, InvalidateSharedReadsInterceptor],
  exports: [SharedReads, InvalidateSharedReadsInterceptor],
})
export class SharedReadsModule {}
