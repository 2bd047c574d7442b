import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ClockService } from '../common/clock/clock.service';
import { ApiUser, Role, ROLE_RANK } from '../users/entities/api-user.entity';
import { ApiKey } from './entities/api-key.entity';
import { apiKeyMatches, apiKeyPrefix, hashApiKey } from './api-key.util';
import { CredentialCache } from './credential-cache.service';
import { Principal } from './principal';

/** last_used_at is written at most this often per key, so reads do not turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves an `X-API-Key` header to a principal: lookup by prefix, never a scan; a verified key is
 * then served from the CredentialCache for a few seconds (revocation drops it at once).
 */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly clock: ClockService,
    private readonly cache: CredentialCache,
  ) {}

  async authenticate(raw: string): Promise<Principal | null> {
    const prefix = apiKeyPrefix(raw);
    if (!prefix) {
      return null;
    }
    const hash = hashApiKey(raw);
    const cached = this.cache.get(hash);
    if (cached) {
      return cached.principal;
    }
    const verified = await this.verify(raw, prefix);
    if (verified) {
      this.cache.set(hash, verified);
    }
    return verified?.principal ?? null;
  }

  private async verify(
    raw: string,
    prefix: string,
  ): Promise<{ principal: Principal; expiresAt: Date | null } | null> {
    const now = this.clock.now();
    const key = await this.keys.findOne({ where: { prefix }, relations: { user: true } });
    if (!key?.user || !apiKeyMatches(raw, key.keyHash)) {
      return null;
    }
    if (key.revokedAt || (key.expiresAt && key.expiresAt <= now) || !this.userCanAct(key.user)) {
      return null;
    }
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.update({ id: key.id }, { lastUsedAt: now });
    }
    return {
      principal: {
        userId: key.user.id,
        username: key.user.username,
        role: effectiveRole(key.user.role, key.roleCap),
        apiKeyId: key.id,
        sessionId: null,
      },
      expiresAt: key.expiresAt,
    };
  }

  private userCanAct(user: ApiUser): boolean {
    return user.isActive && !user.deletedAt;
  }
}

/** The lower of the user's role and the key's cap. */
export function effectiveRole(userRole: Role, cap: Role | null): Role {
  return cap && ROLE_RANK[cap] < ROLE_RANK[userRole] ? cap : userRole;
}
