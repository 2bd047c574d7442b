import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `fields` names each bad field and the reason',
  401: 'No or invalid credentials',
  403: 'The caller lacks the required role',
  404: 'Unknown id',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  503: 'A dependency (PostgreSQL or Redis) is unavailable',
};

/**
 * Documents the error answers of a route with the one error shape. 401 and 403 are added for every
 * protected route, since the access guard can answer them anywhere.
 */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  const all = [...new Set([...statuses, 401, 403])].sort();
  return applyDecorators(
    ...all.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorBody }),
    ),
  );
}
