import { isSecretKey, REDACTED, redactDeep, redactSecrets } from './redact';

// Real-looking, not real: the shape of a @BotFather token and of our keys.
const BOT_TOKEN = '7312204901:AAF3kq9Zr_xYw-2mV8uT5sQpL0oNnJbHcDe';
const API_KEY = 'pk_Ab12Cd34_0123456789abcdefghijABCDEFGHij';
const OPENAI_KEY = 'sk-proj-9aB8cD7eF6gH5iJ4kL3mN2oP1qR0sT';

describe('redactSecrets', () => {
  it('removes a bot token inside a Telegram Bot API URL', () => {
    const url = `https://api.telegram.org/bot${BOT_TOKEN}/sendMessage?chat_id=-100123`;
    const out = redactSecrets(url);
    expect(out).toBe('https://api.telegram.org/bot[REDACTED]/sendMessage?chat_id=-100123');
    expect(out).not.toContain('AAF3kq9Z');
  });

  it('removes a bare bot token and a token in a file URL', () => {
    expect(redactSecrets(`token is ${BOT_TOKEN}.`)).toBe('token is [REDACTED].');
    expect(redactSecrets(`https://api.telegram.org/file/bot${BOT_TOKEN}/photos/1.jpg`)).toBe(
      'https://api.telegram.org/file/bot[REDACTED]/photos/1.jpg',
    );
  });

  it('removes our API keys, OpenAI-style keys and bearer credentials', () => {
    expect(redactSecrets(`X-API-Key ${API_KEY}`)).toBe('X-API-Key [REDACTED]');
    expect(redactSecrets(`key=${OPENAI_KEY} failed`)).not.toContain('9aB8cD7e');
    expect(redactSecrets('Authorization: Bearer abc.def-ghi_jkl~123')).toBe(
      'Authorization: Bearer [REDACTED]',
    );
  });

  it('removes passwords from connection URLs and secret query parameters', () => {
    expect(redactSecrets('connect postgres://piyasa:s3cr3t!pw@db:5432/piyasa failed')).toBe(
      'connect postgres://piyasa:[REDACTED]@db:5432/piyasa failed',
    );
    expect(redactSecrets('redis://:hunter2@cache:6379/0')).toBe('redis://:[REDACTED]@cache:6379/0');
    expect(redactSecrets('GET /x?api_key=abc123&page=2&token=zz9')).toBe(
      'GET /x?api_key=[REDACTED]&page=2&token=[REDACTED]',
    );
  });

  it('leaves ordinary text, ids, times and URLs without credentials alone', () => {
    const text =
      'chat -1001234567890 message 42 at 12:30:05, https://example.com/a:b/c, ratio 3:2, BIST 100';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('isSecretKey', () => {
  it('matches secret names in any case and separator style', () => {
    for (const key of ['password', 'botToken', 'bot_token', 'X-API-Key', 'llm_api_key', 'Cookie']) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['prompt_tokens', 'has_token', 'token_masked', 'username', 'chat_id']) {
      expect(isSecretKey(key)).toBe(false);
    }
  });
});

describe('redactDeep', () => {
  it('masks passwords and tokens in nested objects and arrays, keeping the rest', () => {
    const input = {
      user: { username: 'admin', password: 'correct horse battery staple' },
      bots: [{ id: 1, botToken: BOT_TOKEN, has_token: true }],
      usage: { prompt_tokens: 120 },
      headers: { authorization: 'Basic YWRtaW46cGFzcw==', 'x-api-key': API_KEY },
    };
    const out = redactDeep(input);
    expect(out).toEqual({
      user: { username: 'admin', password: REDACTED },
      bots: [{ id: 1, botToken: REDACTED, has_token: true }],
      usage: { prompt_tokens: 120 },
      headers: { authorization: REDACTED, 'x-api-key': REDACTED },
    });
    expect(input.user.password).toBe('correct horse battery staple');
  });

  it('redacts tokens found in free-text values under innocent keys', () => {
    expect(redactDeep({ msg: `calling /bot${BOT_TOKEN}/getMe` })).toEqual({
      msg: 'calling /bot[REDACTED]/getMe',
    });
  });

  it('redacts an error whose message, stack, cause and fields carry a token', () => {
    const cause = new Error(`connect ECONNRESET https://api.telegram.org/bot${BOT_TOKEN}/getMe`);
    const error = new Error(`409: Conflict for /bot${BOT_TOKEN}/getUpdates`, { cause });
    error.name = 'TelegramError';
    Object.assign(error, {
      on: { method: 'sendMessage', payload: { chat_id: 5, text: 'hi' } },
      config: { url: `https://api.telegram.org/bot${BOT_TOKEN}/sendMessage`, token: 'x' },
    });

    const out = redactDeep(error) as Error & Record<string, unknown>;

    expect(out).toBeInstanceOf(Error);
    expect(out.name).toBe('TelegramError');
    expect(out.message).toBe('409: Conflict for /bot[REDACTED]/getUpdates');
    expect(out.stack).toContain('/bot[REDACTED]/getUpdates');
    expect((out.cause as Error).message).toContain('/bot[REDACTED]/getMe');
    expect(out.on).toEqual({ method: 'sendMessage', payload: { chat_id: 5, text: 'hi' } });
    expect(out.config).toEqual({
      url: 'https://api.telegram.org/bot[REDACTED]/sendMessage',
      token: REDACTED,
    });
    expect(JSON.stringify({ ...out, stack: out.stack, message: out.message })).not.toContain(
      'AAF3kq9Z',
    );
  });

  it('survives circular structures', () => {
    const a: Record<string, unknown> = { name: 'a', secret: 'xyz' };
    a.self = a;
    expect(redactDeep(a)).toEqual({ name: 'a', secret: REDACTED, self: '[…]' });
  });
});
