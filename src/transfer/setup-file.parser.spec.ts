import { parseSetupFile } from './setup-file.parser';

const REAL_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';

describe('parseSetupFile', () => {
  it('reads an original setup file with its variants', () => {
    const { plan, errors } = parseSetupFile({
      settings: {
        simulation_active: 'true',
        message_length_profile: { distribution: { kısa: 2, orta: 1, uzun: 1 }, lengths: {} },
        some_old_key: 1,
      },
      chat: { chat_id: '-1001234567890', is_enabled: 'false', topics: ['BIST'] },
      bots: [
        {
          name: ' Mehmet ',
          token: 'BOT_TOKEN_1',
          username: '@mehmet',
          persona_profile: { style: 'Rahat' },
          emotion_profile: { signature_emoji: ['📊'] },
          stances: [{ topic: 'GARAN', stance_text: 'Tutuyorum', confidence: 'yüksek' }],
          holdings: [{ symbol: 'garan', avg_price: '28.5' }],
        },
        { name: 'Gerçek', token: REAL_TOKEN },
      ],
      extra_root: true,
    });
    expect(errors).toEqual([]);
    expect(plan.settings).toEqual([
      { key: 'simulation_active', value: true },
      { key: 'message_length_profile', value: { short: 0.5, medium: 0.25, long: 0.25 } },
    ]);
    expect(plan.unknown_settings).toEqual(['some_old_key']);
    expect(plan.chats[0]).toMatchObject({
      chat_id: -1001234567890,
      is_enabled: false,
      topics: ['BIST'],
    });
    expect(plan.bots[0]).toMatchObject({
      name: 'Mehmet',
      token: { kind: 'placeholder' },
      // Normalised while parsing, so a re-import compares like with like.
      fields: {
        username: 'mehmet',
        persona_profile: { style: { description: 'Rahat', length: 'orta', emojis: true } },
      },
      stances: [{ topic: 'GARAN', stance_text: 'Tutuyorum', confidence: 0.8 }],
      holdings: [{ symbol: 'GARAN', avg_price: 28.5 }],
    });
    expect(plan.bots[1].token).toEqual({ kind: 'real', value: REAL_TOKEN });
    expect(plan.notices).toEqual([
      '"extra_root" is not part of a setup file and was ignored',
      'bots[0] (Mehmet): the token is a placeholder; the bot is imported without a token, disabled, in sandbox mode',
    ]);
  });

  it('collects every problem with its path', () => {
    const { errors } = parseSetupFile({
      settings: { scale_factor: 50, typing_enabled: 'evet' },
      chats: [{ chat_id: -100 }, { chat_id: '-100' }],
      bots: [
        {
          name: 'A',
          token: REAL_TOKEN,
          stances: [
            { topic: 'X', stance_text: 'y', cooldown_until: {} },
            { topic: 'X', stance_text: 'z' },
          ],
        },
        {
          name: 'a',
          token: REAL_TOKEN,
          holdings: [{ symbol: 'bad symbol' }],
          memories: [{ memory_type: 'dream', content: 'x' }],
        },
        'not a bot',
      ],
    });
    expect(errors.map((e) => e.field).sort()).toEqual(
      [
        'settings.scale_factor',
        'settings.typing_enabled',
        'chats[1].chat_id',
        'bots[0].stances[0].cooldown_until',
        'bots[0].stances[1].topic',
        'bots[1].holdings[0].symbol',
        'bots[1].memories[0].memory_type',
        'bots[2]',
        'bots[1].name',
        'bots[1].token',
      ].sort(),
    );
  });

  it('refuses a body that is not an object', () => {
    expect(parseSetupFile([1]).errors).toEqual([
      { field: 'body', reason: 'must be a JSON object with settings, chat/chats and/or bots' },
    ]);
  });
});
