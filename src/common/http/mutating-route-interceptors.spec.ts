import {
  CallHandler,
  Controller,
  Delete,
  ExecutionContext,
  Get,
  forwardRef,
  Injectable,
  Module,
  NestInterceptor,
  Post,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Server } from 'node:http';
import { Observable, tap } from 'rxjs';
import request from 'supertest';
import { interceptMutatingRoutes } from './mutating-route-interceptors';

const seen: string[] = [];

/** Records, in order, the requests it saw enter and leave. */
function recorder(label: string): Type<NestInterceptor> {
  @Injectable()
  class Recorder implements NestInterceptor {
    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      const { method, url } = context.switchToHttp().getRequest<{ method: string; url: string }>();
      seen.push(`${label}> ${method} ${url}`);
      return next.handle().pipe(tap(() => seen.push(`${label}< ${method} ${url}`)));
    }
  }
  return Recorder;
}
const Outer = recorder('outer');
const Inner = recorder('inner');
const Own = recorder('own');

abstract class ItemsBase {
  @Post('items')
  create(): { created: true } {
    return { created: true };
  }
}

@Controller()
class ItemsController extends ItemsBase {
  @Get('items')
  list(): string[] {
    return [];
  }

  @Delete('items/:id')
  @UseInterceptors(Own)
  remove(): { removed: true } {
    return { removed: true };
  }
}

@Module({})
class RootModule {}

describe('interceptMutatingRoutes', () => {
  let app: NestFastifyApplication;
  const server = (): Server => app.getHttpServer();

  beforeAll(async () => {
    @Module({ controllers: [ItemsController] })
    class ItemsModule {}
    const root = { module: RootModule, imports: [forwardRef(() => ItemsModule)] };
    interceptMutatingRoutes(root, [Outer, Inner]);
    interceptMutatingRoutes(root, [Outer, Inner]); // a second application of the same tree
    const moduleRef = await Test.createTestingModule({ imports: [root] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => seen.splice(0));

  it('leaves reads without interceptors', async () => {
    await request(server()).get('/items').expect(200);
    expect(seen).toEqual([]);
  });

  it('runs them around writes, inherited handlers included, outside the handler’s own', async () => {
    await request(server()).post('/items').expect(201, { created: true });
    await request(server()).delete('/items/3').expect(200, { removed: true });
    expect(seen).toEqual([
      'outer> POST /items',
      'inner> POST /items',
      'inner< POST /items',
      'outer< POST /items',
      'outer> DELETE /items/3',
      'inner> DELETE /items/3',
      'own> DELETE /items/3',
      'own< DELETE /items/3',
      'inner< DELETE /items/3',
      'outer< DELETE /items/3',
    ]);
  });
});
