import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One chat completion request as the fake received it (tests inspect prompts here). */
export interface RecordedLlmRequest {
  at: number;
  model: string;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    temperature?: number;
    max_tokens?: number;
    top_p?: number;
    frequency_penalty?: number;
  };
  authorization: string | undefined;
}

export type FakeLlmBehaviour =
  /** A normal answer (text defaults to the reply function's). */
  | { kind: 'ok'; text?: string; delayMs?: number; finishReason?: string }
  /** An HTTP error with an OpenAI-style body; optional Retry-After header (seconds or date). */
  | { kind: 'error'; status: number; retryAfter?: string; code?: string; message?: string }
  /** Accepts the request and never answers (until the client gives up or stop()). */
  | { kind: 'hang' }
  /** Answers with empty content. */
  | { kind: 'empty' }
  /** Drops the connection. */
  | { kind: 'reset' };

interface Scripted {
  model?: string;
  behaviour: FakeLlmBehaviour;
  left: number;
}

/** Crude token count so usage grows with the prompt: words, at least 1. */
function countTokens(text: string): number {
  return Math.max(1, text.split(/\s+/).filter(Boolean).length);
}

/**
 * An OpenAI-compatible server on 127.0.0.1 for tests: POST /v1/chat/completions and GET /v1/models,
 * every request recorded, behaviours scriptable for the next N requests (per model), usage tokens
 * in every answer, and the highest number of requests it saw in flight at once.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedLlmRequest[] = [];
  /** Requests currently being answered, and the most ever at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** Delay of default answers (ms). */
  defaultDelayMs = 0;
  /** Text of default answers. */
  reply: (request: RecordedLlmRequest, index: number) => string = (_request, index) =>
    `yanıt ${index + 1}: piyasa bugün hareketli`;
  private readonly scripts: Scripted[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  static async start(): Promise<FakeOpenAiServer> {
    const fake = new FakeOpenAiServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** For LLM_BASE_URL. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** The next `times` requests (for `model`, or any) behave as given. */
  script(behaviour: FakeLlmBehaviour, options: { times?: number; model?: string } = {}): void {
    this.scripts.push({ behaviour, model: options.model, left: options.times ?? 1 });
  }

  /** Forgets scripts and recorded requests (between tests). */
  reset(): void {
    this.scripts.length = 0;
    this.requests.length = 0;
    this.maxInFlight = this.inFlight;
    this.defaultDelayMs = 0;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (req.method === 'GET' && path === '/v1/models') {
        this.json(res, 200, {
          object: 'list',
          data: ['gpt-4o-mini', 'gpt-4o'].map((id) => ({
            id,
            object: 'model',
            created: 0,
            owned_by: 'fake',
          })),
        });
        return;
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        this.json(res, 404, {
          error: { message: `Unknown route ${req.method} ${path}`, type: 'invalid_request_error' },
        });
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedLlmRequest['body'];
      const auth = req.headers.authorization;
      const recorded: RecordedLlmRequest = {
        at: Date.now(),
        model: body.model,
        body,
        authorization: auth,
      };
      const index = this.requests.push(recorded) - 1;
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      let done = false;
      const finish = (): void => {
        if (!done) {
          done = true;
          this.inFlight -= 1;
        }
      };
      res.on('close', finish);
      this.respond(recorded, index, this.take(body.model), req, res);
    });
  }

  private respond(
    request: RecordedLlmRequest,
    index: number,
    behaviour: FakeLlmBehaviour,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    switch (behaviour.kind) {
      case 'hang':
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'error': {
        const headers: Record<string, string> = behaviour.retryAfter
          ? { 'retry-after': behaviour.retryAfter }
          : {};
        this.json(
          res,
          behaviour.status,
          {
            error: {
              message: behaviour.message ?? `fake error ${behaviour.status}`,
              type: behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error',
              code: behaviour.code ?? null,
            },
          },
          headers,
        );
        return;
      }
      case 'empty':
        this.later(0, () => this.json(res, 200, this.completion(request, '', 'stop')));
        return;
      case 'ok': {
        const text = behaviour.text ?? this.reply(request, index);
        this.later(behaviour.delayMs ?? this.defaultDelayMs, () =>
          this.json(res, 200, this.completion(request, text, behaviour.finishReason ?? 'stop')),
        );
        return;
      }
    }
  }

  private completion(request: RecordedLlmRequest, text: string, finishReason: string): object {
    const promptTokens = request.body.messages.reduce((sum, m) => sum + countTokens(m.content), 0);
    const completionTokens = text ? countTokens(text) : 0;
    return {
      id: `chatcmpl-fake-${this.requests.indexOf(request) + 1}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [
        { index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
  }

  private take(model: string): FakeLlmBehaviour {
    const index = this.scripts.findIndex((s) => s.model === undefined || s.model === model);
    if (index < 0) {
      return { kind: 'ok' };
    }
    const scripted = this.scripts[index];
    scripted.left -= 1;
    if (scripted.left <= 0) {
      this.scripts.splice(index, 1);
    }
    return scripted.behaviour;
  }

  private later(ms: number, fn: () => void): void {
    if (ms <= 0) {
      fn();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (res.writableEnded || res.destroyed) {
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}
