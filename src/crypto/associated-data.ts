/**
 * Associated data binding each encrypted column to its row: a ciphertext copied to another row or
 * column fails to decrypt. Every reader and writer of these columns (and the key rotation) uses
 * these functions, so the strings cannot drift apart.
 */
export const AssociatedData = {
  botToken: (botId: number): string => `bots:${botId}:token`,
  userMfaSecret: (userId: number): string => `api_users:${userId}:mfa`,
};
