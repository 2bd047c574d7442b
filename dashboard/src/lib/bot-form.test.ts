import { describe, expect, it } from 'vitest';
import { BotFactory } from '@/test/factories';
import { toBotForm, toBotWrite } from './bot-form';

describe('bot form', () => {
  it('round-trips a bot without losing unknown persona keys', () => {
    const bot = BotFactory.create({
      persona_profile: {
        tone: 'samimi',
        risk_profile: 'orta',
        watchlist: ['THYAO'],
        never_do: ['yatırım tavsiyesi'],
        style: { emojis: true, length: 'short' },
        legacy_key: 1,
      },
      emotion_profile: { empathy: 0.7, signature_emoji: '🚀' },
      speed_profile: { delay: { base_delay_seconds: 30 } },
    });
    const body = toBotWrite(toBotForm(bot), bot);
    expect(body.persona_profile).toEqual({
      tone: 'samimi',
      risk_profile: 'orta',
      watchlist: ['THYAO'],
      never_do: ['yatırım tavsiyesi'],
      style: { emojis: true, length: 'short' },
      legacy_key: 1,
    });
    expect(body.emotion_profile).toMatchObject({ empathy: 0.7, signature_emoji: ['🚀'] });
    expect(body.speed_profile).toEqual({ delay: { base_delay_seconds: 30 }, typing: {} });
  });

  it('keeps a plain-string style and sends the token only when typed', () => {
    const bot = BotFactory.create({ persona_profile: { style: 'kısa ve esprili' } });
    const form = toBotForm(bot);
    expect(form.style_text).toBe('kısa ve esprili');
    expect(toBotWrite(form, bot)).not.toHaveProperty('token');
    form.token = ' 123:ABC ';
    expect(toBotWrite(form, bot)).toMatchObject({
      token: '123:ABC',
      persona_profile: { style: 'kısa ve esprili' },
    });
  });
});
