import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../auth/api-keys.service';
import { MfaService } from '../auth/mfa.service';
import { PasswordHasher } from '../auth/password-hasher.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApiUser, Role } from './entities/api-user.entity';

const BOOTSTRAP_LOCK = 'piyasa:admin-bootstrap';

/**
 * Creates the first admin from DEFAULT_ADMIN_* on first start only (no user exists yet). Two API
 * replicas starting together take the same transaction-scoped advisory lock, so exactly one
 * creates the admin. Nothing is written anywhere but the database (hash, encrypted TOTP secret,
 * hashed API key).
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly mfa: MfaService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.bootstrapAdmin;
    if (!admin) {
      return;
    }
    const passwordHash = await this.hasher.hash(admin.password);
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [BOOTSTRAP_LOCK]);
      if ((await manager.getRepository(ApiUser).count({ withDeleted: true })) > 0) {
        return false;
      }
      const user = await manager
        .getRepository(ApiUser)
        .save(
          manager
            .getRepository(ApiUser)
            .create({ username: admin.username, passwordHash, role: Role.Admin }),
        );
      if (admin.mfaSecret) {
        await this.mfa.storeSecret(user.id, admin.mfaSecret, true, manager);
      }
      if (admin.apiKey) {
        await this.apiKeys.importRaw(user.id, admin.apiKey, 'DEFAULT_ADMIN_API_KEY', manager);
      }
      return true;
    });
    if (created) {
      this.logger.log(
        `Created the first admin "${admin.username}" from DEFAULT_ADMIN_USERNAME` +
          `${admin.mfaSecret ? ' with TOTP' : ''}${admin.apiKey ? ' and an API key' : ''}`,
      );
    }
  }
}
