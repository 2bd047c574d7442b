import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

const PERIOD_SECONDS = 30;

/** A fresh base32 TOTP secret (160 bits, the RFC 4226 recommendation). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** otpauth:// URI for authenticator apps (render it as a QR code). */
export function totpUri(secret: string, username: string, issuer = 'piyasa'): string {
  return generateURI({ issuer, label: username, secret });
}

/** The code of a secret at a time (tests and the bootstrap check use it). */
export function totpCodeAt(secret: string, atMs: number): string {
  return generateSync({ secret, epoch: Math.floor(atMs / 1000) });
}

/**
 * Verifies a 6-digit code with at most ±1 step of clock drift; returns the matched time step
 * (for single-use enforcement) or null.
 */
export function verifyTotp(secret: string, code: string, atMs: number): number | null {
  if (!/^\d{6}$/.test(code)) {
    return null;
  }
  const epoch = Math.floor(atMs / 1000);
  const result = verifySync({ secret, token: code, epoch, epochTolerance: PERIOD_SECONDS });
  // delta is the matched step's offset from the current one.
  return result.valid ? Math.floor(epoch / PERIOD_SECONDS) + result.delta : null;
}
