import { randomBytes } from 'node:crypto';
import { ConfigValidationError, loadConfig } from './load-config';
import { QueueName } from '../queue/queue-name';

const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/db' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadConfig', () => {
  it('applies defaults and groups the values', () => {
    const config = loadConfig(valid);
    expect(config.http.port).toBe(8000);
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'piyasa' });
    expect(config.worker.queues).toEqual(Object.values(QueueName));
    expect(config.llm.provider).toBe('demo');
    expect(config.encryption.activeKeyId).toBeNull();
  });

  it('names a missing DATABASE_URL as required', () => {
    expect(problemsOf({})).toEqual(['DATABASE_URL is required but not set']);
  });

  it('reports every bad variable at once, naming each and how to fix it', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://nope',
      REDIS_URL: 'localhost:6379',
      PORT: 'eighty',
    });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('postgres://');
    expect(problems.find((p) => p.startsWith('REDIS_URL'))).toContain('redis://host:6379');
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/integer|number/);
  });

  it('never echoes a value (URLs carry passwords)', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://user:s3cr3t-pass@host/db' });
    expect(problems.join('\n')).not.toContain('s3cr3t-pass');
  });

  it('treats an empty assignment as "use the default"', () => {
    expect(loadConfig({ ...valid, PORT: '' }).http.port).toBe(8000);
  });

  it('picks the openai provider when a key is set and the provider is auto', () => {
    expect(loadConfig({ ...valid, LLM_API_KEY: 'sk-test' }).llm.provider).toBe('openai');
  });

  it('parses the worker queue selection and rejects unknown queues', () => {
    expect(loadConfig({ ...valid, WORKER_QUEUES: 'send,turn' }).worker.queues).toEqual([
      QueueName.Send,
      QueueName.Turn,
    ]);
    expect(problemsOf({ ...valid, WORKER_QUEUES: 'send,bogus' })[0]).toMatch(/^WORKER_QUEUES/);
  });

  it('requires encryption keys in production and checks the active key id', () => {
    expect(problemsOf({ ...valid, NODE_ENV: 'production' })[0]).toMatch(/^ENCRYPTION_KEYS/);
    const key = `k1:${randomBytes(32).toString('base64')}`;
    expect(loadConfig({ ...valid, ENCRYPTION_KEYS: key }).encryption.activeKeyId).toBe('k1');
    expect(
      problemsOf({ ...valid, ENCRYPTION_KEYS: key, ENCRYPTION_ACTIVE_KEY_ID: 'k9' })[0],
    ).toMatch(/^ENCRYPTION_ACTIVE_KEY_ID/);
  });

  it('parses TRUST_PROXY forms', () => {
    expect(loadConfig({ ...valid, TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ ...valid, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });
});
