import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { InvalidateSharedReadsInterceptor } from './invalidate-shared-reads.interceptor';
import { SharedReads } from './shared-reads';

/** The API process' shared read results (SharedReads) and their invalidation on every change. */
@Global()
@Module({
  providers: [
    SharedReads,
    { provide: APP_INTERCEPTOR, useClass: InvalidateSharedReadsInterceptor },
  ],
  exports: [SharedReads],
})
export class SharedReadsModule {}
