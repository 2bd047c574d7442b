import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ClockService } from '../common/clock/clock.service';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { Role, ROLE_RANK } from '../users/entities/api-user.entity';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key.util';
import { CredentialCache } from './credential-cache.service';
import { ApiKey } from './entities/api-key.entity';
import { Principal } from './principal';

export interface NewApiKey {
  name: string;
  roleCap?: Role | null;
  expiresAt?: Date | null;
}

/** Named API keys: several per user, shown once, revocable at once. */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly clock: ClockService,
    private readonly cache: CredentialCache,
  ) {}

  async create(owner: Principal, input: NewApiKey): Promise<{ key: ApiKey; raw: string }> {
    if (input.expiresAt && input.expiresAt <= this.clock.now()) {
      throw DomainException.validation([{ field: 'expires_at', reason: 'must be in the future' }]);
    }
    // A key can never hold more than its creator's current role (a capped key cannot mint an
    // uncapped one).
    const ceiling = owner.role;
    const cap = input.roleCap ?? null;
    if (cap && ROLE_RANK[cap] > ROLE_RANK[ceiling]) {
      throw DomainException.validation([
        { field: 'role_cap', reason: `cannot exceed your own role (${ceiling})` },
      ]);
    }
    const effectiveCap = cap ?? (owner.apiKeyId !== null ? ceiling : null);
    const generated = generateApiKey();
    const key = await this.keys.save(
      this.keys.create({
        userId: owner.userId,
        name: input.name,
        prefix: generated.prefix,
        keyHash: generated.hash,
        roleCap: effectiveCap,
        expiresAt: input.expiresAt ?? null,
      }),
    );
    return { key, raw: generated.raw };
  }

  /** Stores a key given in full (DEFAULT_ADMIN_API_KEY); idempotent by prefix. */
  async importRaw(
    userId: number,
    raw: string,
    name: string,
    manager: EntityManager,
  ): Promise<void> {
    const prefix = apiKeyPrefix(raw);
    if (!prefix) {
      throw new DomainException(ErrorCode.BadRequest, 'API key has the wrong format');
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(ApiKey)
      .values({ userId, name, prefix, keyHash: hashApiKey(raw), roleCap: null })
      .orIgnore()
      .execute();
  }

  /** Own keys; an admin may name another user. Revoked keys are listed too (with revoked_at). */
  async list(caller: Principal, userId?: number): Promise<ApiKey[]> {
    const target = userId ?? caller.userId;
    if (target !== caller.userId && caller.role !== Role.Admin) {
      throw new DomainException(ErrorCode.Forbidden, "Only admins may list other users' keys");
    }
    return this.keys.find({ where: { userId: target }, order: { id: 'ASC' } });
  }

  /** Revokes at once: the next request with the key is refused. Own keys, or any key for admins. */
  async revoke(caller: Principal, id: number): Promise<void> {
    const key = await this.keys.findOneBy({ id });
    // Someone else's key is "not found" for a non-admin: key ids are not confirmed to exist.
    if (!key || (key.userId !== caller.userId && caller.role !== Role.Admin)) {
      throw DomainException.notFound('API key', id);
    }
    await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    await this.cache.revoked({ type: 'api_key_revoked', user_id: key.userId, api_key_id: id });
  }
}
