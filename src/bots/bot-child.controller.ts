import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Type,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { createValidationPipe } from '../common/errors/validation.pipe';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { BotChildRow, BotChildService } from './bot-child.service';

/** What differs between the routes of the rows a bot owns. */
interface BotChildRoutes<TRow extends BotChildRow, TResponse, TCreate, TUpdate> {
  /** GET and POST /bots/{id}/<path>; PATCH and DELETE /bots/<path>/{id}. */
  path: string;
  service: Type<BotChildService<TRow, TResponse, TCreate, TUpdate>>;
  response: Type<TResponse>;
  createDto: Type<TCreate>;
  updateDto: Type<TUpdate>;
  /**
   * The POST handler's name, "upsert" when a POST can replace a row: the OpenAPI operationId is
   * `<Controller>_<handler>` and the dashboard's generated types are keyed by it.
   */
  createHandler: 'create' | 'upsert';
  /**
   * Why a PATCH answers 409 (it ran into the rows' unique index, the service's `uniqueKey`), or
   * null when the rows have no unique index and a PATCH cannot conflict.
   */
  updateConflict: string | null;
  summaries: Record<'list' | 'create' | 'update' | 'remove', string>;
}

/** Documents the 409 of a PATCH only on the routes that can answer it. */
function ApiUpdateConflict(description: string | null): MethodDecorator {
  return description ? ApiConflictResponse({ type: ErrorBody, description }) : applyDecorators();
}

/**
 * The controller of the rows a bot owns (stances, holdings, memories), one contract for all:
 * `export class StancesController extends BotChildController({...}) {}`. The body DTOs are named
 * to swagger and to the validation pipe explicitly: TypeScript reflects a generic parameter as
 * Object, which neither can use.
 */
export function BotChildController<TRow extends BotChildRow, TResponse, TCreate, TUpdate>(
  routes: BotChildRoutes<TRow, TResponse, TCreate, TUpdate>,
): Type<object> {
  @ApiTags('bots')
  @ApiSecurity('api-key')
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @Controller('bots')
  class BotChildControllerHost {
    constructor(
      @Inject(routes.service)
      private readonly service: BotChildService<TRow, TResponse, TCreate, TUpdate>,
    ) {}

    @Get(`:id/${routes.path}`)
    @ApiOperation({ summary: routes.summaries.list })
    @ApiOkResponse({ type: [routes.response] })
    list(@Param('id', ParseIdPipe) botId: number): Promise<TResponse[]> {
      return this.service.list(botId);
    }

    @Post(`:id/${routes.path}`)
    @ApiOperation({ summary: routes.summaries.create })
    @ApiCreatedResponse({ type: routes.response })
    @ApiBody({ type: routes.createDto })
    // Named by the spec ("create" or "upsert"), as each controller's handler was before.
    [routes.createHandler](
      @Param('id', ParseIdPipe) botId: number,
      @Body(createValidationPipe(routes.createDto)) dto: TCreate,
    ): Promise<TResponse> {
      return this.service.create(botId, dto);
    }

    @Patch(`${routes.path}/:id`)
    @ApiOperation({ summary: routes.summaries.update })
    @ApiOkResponse({ type: routes.response })
    @ApiUpdateConflict(routes.updateConflict)
    @ApiBody({ type: routes.updateDto })
    update(
      @Param('id', ParseIdPipe) id: number,
      @Body(createValidationPipe(routes.updateDto)) dto: TUpdate,
    ): Promise<TResponse> {
      return this.service.update(id, dto);
    }

    @Delete(`${routes.path}/:id`)
    @ApiOperation({ summary: routes.summaries.remove })
    @HttpCode(204)
    @ApiNoContentResponse()
    remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
      return this.service.remove(id);
    }
  }
  return BotChildControllerHost;
}
