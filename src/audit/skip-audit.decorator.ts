import { SetMetadata } from '@nestjs/common';

export const SKIP_AUDIT = 'piyasa:skip-audit';

/**
 * For handlers that write their own, richer audit rows (login, logout) so the automatic
 * interceptor does not record them twice.
 */
export const SkipAudit = (): MethodDecorator => SetMetadata(SKIP_AUDIT, true);
