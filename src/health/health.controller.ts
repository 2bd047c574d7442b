import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { FastifyReply } from 'fastify';
import { MigrationsHealthIndicator } from './migrations.health';
import { RedisHealthIndicator } from './redis.health';

const CHECKS_SCHEMA = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    required: ['status'],
    additionalProperties: true,
  },
};

/** terminus' HealthCheckResult, as both answers (200 and 503) carry it. */
const HEALTH_RESULT_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: CHECKS_SCHEMA,
    error: CHECKS_SCHEMA,
    details: CHECKS_SCHEMA,
  },
  required: ['status', 'details'],
  example: {
    status: 'ok',
    info: { database: { status: 'up' }, redis: { status: 'up' } },
    error: {},
    details: { database: { status: 'up' }, redis: { status: 'up' } },
  },
};

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
  ) {}

  /**
   * Orchestrators and operators read the per-dependency details, so a failing check answers 503
   * with terminus' own body rather than the generic error shape.
   */
  @Get('healthz')
  @ApiOperation({
    summary: 'Health of the API and its dependencies: 200, or 503 with the failing check',
  })
  @ApiOkResponse({ schema: HEALTH_RESULT_SCHEMA })
  @ApiServiceUnavailableResponse({ schema: HEALTH_RESULT_SCHEMA })
  async healthz(@Res({ passthrough: true }) response: FastifyReply): Promise<HealthCheckResult> {
    return this.run(response, [
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.redis.check('redis'),
    ]);
  }

  /**
   * Readiness: whether this replica should receive traffic — dependencies up AND the schema
   * current (a new image must not serve before its migrations ran). Liveness stays /healthz, so
   * a pending migration takes the pod out of rotation without restarting it.
   */
  @Get('readyz')
  @ApiOperation({
    summary:
      'Readiness: database, Redis and migrations current; 200, or 503 with the failing check',
  })
  @ApiOkResponse({ schema: HEALTH_RESULT_SCHEMA })
  @ApiServiceUnavailableResponse({ schema: HEALTH_RESULT_SCHEMA })
  async readyz(@Res({ passthrough: true }) response: FastifyReply): Promise<HealthCheckResult> {
    return this.run(response, [
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.redis.check('redis'),
      () => this.migrations.check('migrations'),
    ]);
  }

  private async run(
    response: FastifyReply,
    checks: HealthIndicatorFunction[],
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        response.status(503);
        return error.getResponse() as HealthCheckResult;
      }
      throw error;
    }
  }
}
