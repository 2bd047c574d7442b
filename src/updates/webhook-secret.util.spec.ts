import { hashWebhookSecret, newWebhookSecret, webhookSecretMatches } from './webhook-secret.util';

describe('webhook secrets', () => {
  it('accepts the secret whose hash is stored and nothing else', () => {
    const secret = newWebhookSecret();
    const stored = hashWebhookSecret(secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(webhookSecretMatches(secret, stored)).toBe(true);
    expect(webhookSecretMatches(`${secret}x`, stored)).toBe(false);
    expect(webhookSecretMatches('', stored)).toBe(false);
    expect(webhookSecretMatches(undefined, stored)).toBe(false);
  });
});
