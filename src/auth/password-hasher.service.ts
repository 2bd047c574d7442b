import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * argon2id hashing. `verifyOrDummy` spends the same work for an unknown user as for a wrong
 * password (it verifies against a hash of a random string), so timing reveals nothing.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A malformed stored hash (e.g. a placeholder) never matches.
      return false;
    }
  }

  /** Verifies against the user's hash, or burns the same time on a dummy hash and fails. */
  async verifyOrDummy(hash: string | null, password: string): Promise<boolean> {
    if (hash === null) {
      await this.verify(await this.dummy(), password);
      return false;
    }
    return this.verify(hash, password);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argon2.hash(`dummy-${Math.random()}-${Date.now()}`, ARGON2_OPTIONS);
    return this.dummyHash;
  }
}
