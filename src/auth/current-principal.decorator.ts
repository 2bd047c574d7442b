import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedRequest, Principal } from './principal';

/** The authenticated caller (set by AccessGuard); only on routes that are not public. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) {
      throw new DomainException(ErrorCode.Unauthorized, 'Authentication required');
    }
    return principal;
  },
);
