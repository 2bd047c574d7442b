import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets at rest. Ciphertext format: `v1:<key id>:<iv>:<tag>:<data>` (base64).
 * The key id lets old ciphertexts be read after a rotation; the associated data binds a ciphertext
 * to its record (e.g. "bots:12:token"), so a ciphertext copied into another row fails to decrypt.
 */
@Injectable()
export class EncryptionService {
  private readonly keys: Map<string, Buffer>;
  private readonly activeKeyId: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keys = new Map(config.encryption.keys.map((k) => [k.id, k.key]));
    this.activeKeyId = config.encryption.activeKeyId;
  }

  get isConfigured(): boolean {
    return this.activeKeyId !== null;
  }

  encrypt(plaintext: string, associatedData: string): string {
    if (!this.activeKeyId) {
      throw new DomainException(
        ErrorCode.ServiceUnavailable,
        'Secrets cannot be stored: set ENCRYPTION_KEYS in the environment (see .env.example)',
      );
    }
    const key = this.keys.get(this.activeKeyId) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      this.activeKeyId,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  /** Throws a DecryptionError when the ciphertext was tampered with, moved, or its key is gone. */
  decrypt(ciphertext: string, associatedData: string): string {
    const parts = ciphertext.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) {
      throw new DecryptionError('unknown ciphertext format');
    }
    const [, keyId, iv, tag, data] = parts;
    const key = this.keys.get(keyId);
    if (!key) {
      throw new DecryptionError(`key "${keyId}" is not in ENCRYPTION_KEYS`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new DecryptionError(
        'authentication failed (tampered, moved to another record, or wrong key)',
      );
    }
  }

  /** Key id a ciphertext was made with (for rotation: re-encrypt those not on the active key). */
  keyIdOf(ciphertext: string): string | null {
    const parts = ciphertext.split(':');
    return parts.length === 5 ? parts[1] : null;
  }

  get currentKeyId(): string | null {
    return this.activeKeyId;
  }
}

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt secret: ${reason}`);
    this.name = 'DecryptionError';
  }
}
