import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { DecryptionError, EncryptionService } from './encryption.service';

function service(keys: { id: string; key: Buffer }[], activeKeyId: string): EncryptionService {
  return new EncryptionService({ encryption: { keys, activeKeyId } } as AppConfig);
}

/** Flips one bit of the base64 field at `index` of a v1 ciphertext. */
function flip(ciphertext: string, index: number): string {
  const parts = ciphertext.split(':');
  const bytes = Buffer.from(parts[index], 'base64');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join(':');
}

describe('EncryptionService tamper detection', () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };
  const enc = service([k1, k2], 'k1');
  const ciphertext = enc.encrypt('JBSWY3DPEHPK3PXP', 'api_users:7:mfa');

  it('round-trips and never contains the plaintext', () => {
    expect(ciphertext).not.toContain('JBSWY3DPEHPK3PXP');
    expect(enc.decrypt(ciphertext, 'api_users:7:mfa')).toBe('JBSWY3DPEHPK3PXP');
    expect(enc.keyIdOf(ciphertext)).toBe('k1');
  });

  it.each([
    ['iv', 2],
    ['auth tag', 3],
    ['data', 4],
  ])('rejects a flipped bit in the %s', (_name, index) => {
    expect(() => enc.decrypt(flip(ciphertext, index), 'api_users:7:mfa')).toThrow(DecryptionError);
  });

  it('rejects a ciphertext moved to another record, or relabelled with another key id', () => {
    expect(() => enc.decrypt(ciphertext, 'api_users:8:mfa')).toThrow(DecryptionError);
    expect(() => enc.decrypt(ciphertext.replace(':k1:', ':k2:'), 'api_users:7:mfa')).toThrow(
      DecryptionError,
    );
    expect(() => enc.decrypt('v1:k1:short', 'api_users:7:mfa')).toThrow(DecryptionError);
  });

  it('reads old ciphertexts after rotation, and fails clearly once the old key is gone', () => {
    const rotated = service([k2, k1], 'k2');
    expect(rotated.decrypt(ciphertext, 'api_users:7:mfa')).toBe('JBSWY3DPEHPK3PXP');
    expect(rotated.keyIdOf(rotated.encrypt('x', 'a'))).toBe('k2');
    const withoutOld = service([k2], 'k2');
    expect(() => withoutOld.decrypt(ciphertext, 'api_users:7:mfa')).toThrow(/k1/);
  });
});
