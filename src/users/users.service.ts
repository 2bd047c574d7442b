import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, QueryFailedError, Repository } from 'typeorm';
import { MfaService } from '../auth/mfa.service';
import { PasswordHasher } from '../auth/password-hasher.service';
import { SessionService } from '../auth/session.service';
import { ClockService } from '../common/clock/clock.service';
import { DomainException } from '../common/errors/domain.exception';
import { ApiUser, Role } from './entities/api-user.entity';

/** Serialises every change that could remove an active admin (see assertNotLastAdmin). */
const ADMIN_SET_LOCK = 'piyasa:active-admins';

export interface UserChanges {
  role?: Role;
  isActive?: boolean;
  password?: string;
}

/** User administration. Never leaves the system without an active admin. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(ApiUser) private readonly users: Repository<ApiUser>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly clock: ClockService,
  ) {}

  list(limit: number, offset: number): Promise<ApiUser[]> {
    return this.users.find({
      where: { deletedAt: IsNull() },
      order: { id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  async get(id: number): Promise<ApiUser> {
    const user = await this.users.findOneBy({ id, deletedAt: IsNull() });
    if (!user) {
      throw DomainException.notFound('User', id);
    }
    return user;
  }

  async create(username: string, password: string, role: Role): Promise<ApiUser> {
    const passwordHash = await this.hasher.hash(password);
    try {
      return await this.users.save(this.users.create({ username, passwordHash, role }));
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23505'
      ) {
        throw DomainException.conflict('A user with this username already exists', [
          { field: 'username', reason: 'already taken' },
        ]);
      }
      throw error;
    }
  }

  async update(id: number, changes: UserChanges): Promise<ApiUser> {
    const passwordHash = changes.password ? await this.hasher.hash(changes.password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const user = await this.lockedTarget(manager, id);
      const losesAdmin =
        (changes.role !== undefined && changes.role !== Role.Admin) || changes.isActive === false;
      if (losesAdmin) {
        await this.assertNotLastAdmin(manager, user);
      }
      const patch: Partial<ApiUser> = {};
      if (changes.role !== undefined) {
        patch.role = changes.role;
      }
      if (changes.isActive !== undefined) {
        patch.isActive = changes.isActive;
      }
      if (passwordHash) {
        patch.passwordHash = passwordHash;
        patch.passwordChangedAt = this.clock.now();
      }
      if (Object.keys(patch).length > 0) {
        await manager.getRepository(ApiUser).update({ id }, patch);
      }
      if (passwordHash) {
        await this.sessions.revokeAllForUser(id, 'password_changed', manager);
      } else if (changes.isActive === false && user.isActive) {
        await this.sessions.revokeAllForUser(id, 'user_disabled', manager);
      } else if (changes.role !== undefined && changes.role !== user.role) {
        // Sessions read the role on every request; open sockets are told to re-check.
        await this.sessions.revokeAllForUser(id, 'role_changed', manager);
      }
    });
    return this.get(id);
  }

  /** Soft delete: the row stays for the audit trail; sessions end, keys stop working. */
  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.lockedTarget(manager, id);
      await this.assertNotLastAdmin(manager, user);
      await manager
        .getRepository(ApiUser)
        .update({ id }, { deletedAt: this.clock.now(), isActive: false });
      await this.sessions.revokeAllForUser(id, 'user_deleted', manager);
    });
  }

  async resetMfa(id: number): Promise<ApiUser> {
    await this.get(id);
    await this.mfa.clear(id);
    return this.get(id);
  }

  private async lockedTarget(manager: EntityManager, id: number): Promise<ApiUser> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ADMIN_SET_LOCK]);
    const user = await manager
      .getRepository(ApiUser)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.id = :id AND u.deleted_at IS NULL', { id })
      .getOne();
    if (!user) {
      throw DomainException.notFound('User', id);
    }
    return user;
  }

  /**
   * Refuses to remove the last active admin. Every caller holds the same transaction-scoped
   * advisory lock, so two concurrent demotions of the last two admins are serialised and the
   * second one sees a single admin left.
   */
  private async assertNotLastAdmin(manager: EntityManager, user: ApiUser): Promise<void> {
    if (user.role !== Role.Admin || !user.isActive) {
      return;
    }
    const admins = await manager.getRepository(ApiUser).count({
      where: { role: Role.Admin, isActive: true, deletedAt: IsNull() },
    });
    if (admins <= 1) {
      throw DomainException.conflict(
        'This is the last active admin: promote another user to admin first',
      );
    }
  }
}
