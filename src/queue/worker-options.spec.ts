import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Reflector } from '@nestjs/core';
import { BullMetadataAccessor } from '@nestjs/bullmq/dist/bull-metadata.accessor';
import { applyWorkerOptions, sharedWorkerOptions } from './worker-options';

@Processor('sample', { concurrency: 7 })
class SampleProcessor extends WorkerHost {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

class NotAProcessor {}

describe('applyWorkerOptions', () => {
  it('adds the worker id and lock settings to the options @nestjs/bullmq builds the worker from', () => {
    applyWorkerOptions(
      [SampleProcessor],
      sharedWorkerOptions('host:42', { lockMs: 5000, maxStalls: 2 }),
    );
    const accessor = new BullMetadataAccessor(new Reflector());
    expect(accessor.getProcessorMetadata(SampleProcessor)).toMatchObject({ name: 'sample' });
    expect(accessor.getWorkerOptionsMetadata(SampleProcessor)).toEqual({
      concurrency: 7,
      name: 'host:42',
      lockDuration: 5000,
      stalledInterval: 5000,
      maxStalledCount: 2,
    });
  });

  it('refuses a class that is not a processor', () => {
    expect(() =>
      applyWorkerOptions(
        [NotAProcessor],
        sharedWorkerOptions('host:42', { lockMs: 5000, maxStalls: 1 }),
      ),
    ).toThrow(/NotAProcessor is not a @Processor/);
  });
});
