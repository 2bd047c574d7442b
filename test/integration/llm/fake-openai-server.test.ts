import OpenAI from 'openai';
import { FakeOpenAiServer } from '../../support/fakes/fake-openai-server';

describe('FakeOpenAiServer', () => {
  let server: FakeOpenAiServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await FakeOpenAiServer.start();
    client = new OpenAI({ baseURL: server.baseUrl, apiKey: 'sk-test', maxRetries: 0 });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('lists models for the real SDK', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o-mini', 'gpt-4o']);
  });

  it('scripts answers per model and reports usage', async () => {
    server.script(
      { kind: 'ok', text: 'bugün BIST yükselir', finishReason: 'length' },
      { model: 'gpt-4o' },
    );
    const messages = [{ role: 'user' as const, content: 'ne olur' }];
    const mini = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    const big = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(mini.choices[0].message.content).toBe('yanıt 1: piyasa bugün hareketli');
    expect(big.choices[0].message.content).toBe('bugün BIST yükselir');
    expect(big.choices[0].finish_reason).toBe('length');
    expect(big.usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(server.requests.map((r) => r.model)).toEqual(['gpt-4o-mini', 'gpt-4o']);
  });

  it('returns scripted errors with Retry-After', async () => {
    server.script({ kind: 'error', status: 429, retryAfter: '2' });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe(
      '2',
    );
  });
});
