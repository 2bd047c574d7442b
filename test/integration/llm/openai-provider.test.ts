import { LlmError, LlmErrorKind } from '../../../src/llm/llm-error';
import { LlmCompletionRequest } from '../../../src/llm/llm-provider';
import {
  LlmProviderEvent,
  OpenAiProvider,
  OpenAiProviderOptions,
} from '../../../src/llm/openai-provider';
import { FakeOpenAiServer } from '../../support/fakes/fake-openai-server';

const API_KEY = 'sk-test-fakeKeyThatMustNeverBeLogged-0123456789';

const request: LlmCompletionRequest = {
  messages: [
    { role: 'system', content: 'Sen bir borsa yatırımcısısın.' },
    { role: 'user', content: 'THYAO hakkında ne düşünüyorsun?' },
  ],
  temperature: 1.3,
  max_tokens: 120,
  top_p: 0.92,
  frequency_penalty: 0.3,
  botId: 7,
};

async function failureOf(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LlmError) {
      return error;
    }
    throw new Error(`expected an LlmError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

describe('OpenAiProvider against a fake OpenAI-compatible server', () => {
  let server: FakeOpenAiServer;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await FakeOpenAiServer.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  beforeEach(() => {
    server.reset();
  });

  function provider(overrides: Partial<OpenAiProviderOptions> = {}): OpenAiProvider {
    return new OpenAiProvider({
      baseUrl: server.baseUrl,
      apiKey: API_KEY,
      model: 'gpt-4o-mini',
      fallbackModel: null,
      timeoutMs: 5000,
      maxAttemptsPerModel: 3,
      backoff: { baseMs: 20, maxMs: 100 },
      logger: { warn: (line) => logged.push(line) },
      ...overrides,
    });
  }

  it('completes with the sampling parameters, the key and usage tokens', async () => {
    const result = await provider().complete(request);
    expect(result).toEqual({
      text: 'yanıt 1: piyasa bugün hareketli',
      model: 'gpt-4o-mini',
      promptTokens: 8,
      completionTokens: 5,
      latencyMs: expect.any(Number),
      finishReason: 'stop',
    });
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: request.messages,
      temperature: 1.3,
      max_tokens: 120,
      top_p: 0.92,
      frequency_penalty: 0.3,
    });
  });

  it('uses the per-bot model override', async () => {
    await expect(provider().complete({ ...request, model: 'gpt-4o' })).resolves.toMatchObject({
      model: 'gpt-4o',
    });
    expect(server.requests[0].model).toBe('gpt-4o');
  });

  it('retries 5xx with backoff and succeeds', async () => {
    server.script({ kind: 'error', status: 500 }, { times: 2 });
    const result = await provider().complete(request);
    expect(result.text).toBe('yanıt 3: piyasa bugün hareketli');
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after the bounded number of attempts', async () => {
    server.script({ kind: 'error', status: 503 }, { times: 10 });
    const error = await failureOf(provider().complete(request));
    expect(error.kind).toBe(LlmErrorKind.ServerError);
    expect(error.status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    server.script({ kind: 'error', status: 429, retryAfter: '1' });
    await provider().complete(request);
    expect(server.requests).toHaveLength(2);
    const gap = server.requests[1].at - server.requests[0].at;
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(gap).toBeLessThan(2500);
  });

  it('does not wait out a Retry-After beyond its cap: falls back instead', async () => {
    server.script({ kind: 'error', status: 429, retryAfter: '120' }, { model: 'gpt-4o-mini' });
    const started = Date.now();
    const result = await provider({
      fallbackModel: 'gpt-4.1-mini',
      maxRetryAfterMs: 5000,
    }).complete(request);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.model).toBe('gpt-4.1-mini');
  });

  it('never retries a 4xx other than 429', async () => {
    server.script({ kind: 'error', status: 400, message: 'max_tokens is too large' });
    expect((await failureOf(provider().complete(request))).kind).toBe(LlmErrorKind.BadRequest);
    expect(server.requests).toHaveLength(1);

    server.reset();
    server.script(
      { kind: 'error', status: 401, message: `Incorrect API key provided: ${API_KEY}` },
      { times: 5 },
    );
    const auth = await failureOf(provider({ fallbackModel: 'gpt-4o' }).complete(request));
    expect(auth.kind).toBe(LlmErrorKind.Auth);
    // A bad key is no better on the fallback model.
    expect(server.requests).toHaveLength(1);
    expect(auth.message).not.toContain(API_KEY);
  });

  it('falls back to the fallback model after the primary fails', async () => {
    server.script({ kind: 'error', status: 500 }, { model: 'gpt-4o-mini', times: 10 });
    const events: LlmProviderEvent[] = [];
    const result = await provider({
      fallbackModel: 'gpt-4.1-mini',
      onEvent: (event) => events.push(event),
    }).complete(request);
    expect(result.model).toBe('gpt-4.1-mini');
    expect(events.map((e) => e.type)).toEqual([
      'attempt',
      'retry',
      'attempt',
      'retry',
      'attempt',
      'fallback',
      'attempt',
    ]);
    expect(events[5]).toEqual({
      type: 'fallback',
      from: 'gpt-4o-mini',
      to: 'gpt-4.1-mini',
      kind: LlmErrorKind.ServerError,
    });
    expect(server.requests.map((r) => r.model)).toEqual([
      'gpt-4o-mini',
      'gpt-4o-mini',
      'gpt-4o-mini',
      'gpt-4.1-mini',
    ]);
  });

  it('falls back at once when the primary model does not exist', async () => {
    server.script({ kind: 'error', status: 404, code: 'model_not_found' }, { model: 'gpt-9' });
    const result = await provider({ fallbackModel: 'gpt-4o-mini' }).complete({
      ...request,
      model: 'gpt-9',
    });
    expect(result.model).toBe('gpt-4o-mini');
    expect(server.requests.map((r) => r.model)).toEqual(['gpt-9', 'gpt-4o-mini']);
  });

  it('times out a hung request and retries it', async () => {
    server.script({ kind: 'hang' });
    const started = Date.now();
    const result = await provider({ timeoutMs: 500 }).complete(request);
    expect(result.text).toBe('yanıt 2: piyasa bugün hareketli');
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports timeout when every attempt hangs', async () => {
    server.script({ kind: 'hang' }, { times: 5 });
    const error = await failureOf(
      provider({ timeoutMs: 200, maxAttemptsPerModel: 2 }).complete(request),
    );
    expect(error.kind).toBe(LlmErrorKind.Timeout);
    expect(server.requests).toHaveLength(2);
  });

  it('stops at once, without retrying, when the caller cancels', async () => {
    server.script({ kind: 'hang' }, { times: 5 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failureOf(
      provider({ timeoutMs: 5000, fallbackModel: 'gpt-4o' }).complete({
        ...request,
        signal: controller.signal,
      }),
    );
    expect(error.kind).toBe(LlmErrorKind.Timeout);
    expect(error.message).toContain('cancelled');
    expect(server.requests).toHaveLength(1);
  });

  it('treats empty content as empty_output, retried like a failure', async () => {
    server.script({ kind: 'empty' }, { times: 3 });
    const error = await failureOf(provider().complete(request));
    expect(error.kind).toBe(LlmErrorKind.EmptyOutput);
    expect(server.requests).toHaveLength(3);
    server.script({ kind: 'empty' });
    await expect(provider().complete(request)).resolves.toMatchObject({
      text: expect.stringContaining('yanıt'),
    });
  });

  it('treats a dropped connection as a server error and retries', async () => {
    server.script({ kind: 'reset' });
    await expect(provider().complete(request)).resolves.toMatchObject({ model: 'gpt-4o-mini' });
    expect(server.requests).toHaveLength(2);
  });

  it('trips the circuit breaker and recovers through a half-open probe', async () => {
    const events: LlmProviderEvent[] = [];
    const llm = provider({
      maxAttemptsPerModel: 1,
      breaker: { failureThreshold: 3, cooldownMs: 400 },
      onEvent: (event) => events.push(event),
    });
    server.script({ kind: 'error', status: 500 }, { times: 4 });
    for (let i = 0; i < 3; i += 1) {
      expect((await failureOf(llm.complete(request))).kind).toBe(LlmErrorKind.ServerError);
    }
    expect(llm.circuitState()).toBe('open');
    // Open: shed without touching the endpoint.
    expect((await failureOf(llm.complete(request))).kind).toBe(LlmErrorKind.CircuitOpen);
    expect(server.requests).toHaveLength(3);

    // After the cool-down one probe goes through; it fails, so the circuit opens again.
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await failureOf(llm.complete(request))).kind).toBe(LlmErrorKind.ServerError);
    expect(llm.circuitState()).toBe('open');
    expect((await failureOf(llm.complete(request))).kind).toBe(LlmErrorKind.CircuitOpen);

    // The endpoint is healthy again: the next probe closes the circuit and traffic flows.
    await new Promise((resolve) => setTimeout(resolve, 450));
    await expect(llm.complete(request)).resolves.toMatchObject({ model: 'gpt-4o-mini' });
    expect(llm.circuitState()).toBe('closed');
    await expect(llm.complete(request)).resolves.toMatchObject({ model: 'gpt-4o-mini' });
    expect(server.requests).toHaveLength(6);
    expect(events.flatMap((e) => (e.type === 'circuit' ? [e.state] : []))).toEqual([
      'open',
      'half_open',
      'open',
      'half_open',
      'closed',
    ]);
  });

  it('opens the circuit of the failing model only, and falls back past it', async () => {
    const llm = provider({
      maxAttemptsPerModel: 1,
      fallbackModel: 'gpt-4.1-mini',
      breaker: { failureThreshold: 2, cooldownMs: 60_000 },
    });
    server.script({ kind: 'error', status: 500 }, { model: 'broken-model', times: 100 });
    for (let i = 0; i < 2; i += 1) {
      await expect(llm.complete({ ...request, model: 'broken-model' })).resolves.toMatchObject({
        model: 'gpt-4.1-mini',
      });
    }
    expect(llm.circuitState('broken-model')).toBe('open');
    expect(llm.circuitState('gpt-4.1-mini')).toBe('closed');
    const before = server.requests.length;

    // The open circuit sheds the broken model without a request and the fallback answers.
    await expect(llm.complete({ ...request, model: 'broken-model' })).resolves.toMatchObject({
      model: 'gpt-4.1-mini',
    });
    expect(server.requests.slice(before).map((r) => r.model)).toEqual(['gpt-4.1-mini']);
    // Bots on another model are not shed at all.
    await expect(llm.complete(request)).resolves.toMatchObject({ model: 'gpt-4o-mini' });
    expect(llm.circuitState()).toBe('closed');
  });

  it('lets only one probe through while half-open', async () => {
    const llm = provider({
      maxAttemptsPerModel: 1,
      breaker: { failureThreshold: 1, cooldownMs: 200 },
    });
    server.script({ kind: 'error', status: 500 });
    await failureOf(llm.complete(request));
    await new Promise((resolve) => setTimeout(resolve, 250));
    server.defaultDelayMs = 200;
    const results = await Promise.allSettled([
      llm.complete(request),
      llm.complete(request),
      llm.complete(request),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as LlmError] : [],
    );
    expect(rejected.map((e) => e.kind)).toEqual([
      LlmErrorKind.CircuitOpen,
      LlmErrorKind.CircuitOpen,
    ]);
    expect(llm.circuitState()).toBe('closed');
  });

  it('caps concurrent requests per process', async () => {
    server.defaultDelayMs = 150;
    const llm = provider({ concurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => llm.complete(request)));
    expect(results).toHaveLength(6);
    expect(server.requests).toHaveLength(6);
    expect(server.maxInFlight).toBe(2);
  });

  it('never logs the API key', () => {
    expect(logged.length).toBeGreaterThan(5);
    for (const line of logged) {
      expect(line).not.toContain(API_KEY);
    }
  });
});
