import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { generateApiKey } from '../../../src/auth/api-key.util';
import { ApiKey } from '../../../src/auth/entities/api-key.entity';
import { ApiUser, Role } from '../../../src/users/entities/api-user.entity';

/**
 * Test users and API keys written straight to the database (the auth flows themselves are tested
 * through the API). The password hash is a placeholder: these users authenticate by API key.
 */
export const UserFactory = {
  async create(ds: DataSource, overrides: Partial<ApiUser> = {}): Promise<ApiUser> {
    return ds.getRepository(ApiUser).save(
      ds.getRepository(ApiUser).create({
        username: `user_${randomBytes(4).toString('hex')}`,
        passwordHash: '$argon2id$placeholder',
        role: Role.Viewer,
        ...overrides,
      }),
    );
  },

  /** A user of the given role with an API key; returns the raw key for X-API-Key. */
  async withApiKey(
    ds: DataSource,
    role: Role,
    keyOverrides: Partial<ApiKey> = {},
  ): Promise<{ user: ApiUser; key: ApiKey; rawKey: string }> {
    const user = await UserFactory.create(ds, { role });
    const generated = generateApiKey();
    const key = await ds.getRepository(ApiKey).save(
      ds.getRepository(ApiKey).create({
        userId: user.id,
        name: 'test key',
        prefix: generated.prefix,
        keyHash: generated.hash,
        ...keyOverrides,
      }),
    );
    return { user, key, rawKey: generated.raw };
  },
};
