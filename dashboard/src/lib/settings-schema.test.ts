import { describe, expect, it } from 'vitest';
import {
  kindOf,
  normaliseLengthProfile,
  SETTINGS_SCHEMA,
  validateSetting,
} from './settings-schema';

function kind(key: string) {
  const k = SETTINGS_SCHEMA[key];
  if (!k) {
    throw new Error(`no schema for ${key}`);
  }
  return k;
}

describe('validateSetting', () => {
  it('applies the registry bounds', () => {
    expect(validateSetting(kind('scale_factor'), 10)).toBeNull();
    expect(validateSetting(kind('scale_factor'), 10.5)).toEqual({
      code: 'range',
      params: { min: 0.1, max: 10 },
    });
    expect(validateSetting(kind('max_msgs_per_min'), 2.5)).toEqual({ code: 'integer' });
    expect(validateSetting(kind('reply_probability'), '0.5')).toEqual({ code: 'number' });
  });

  it('checks min ≤ max ranges', () => {
    expect(validateSetting(kind('bot_hourly_msg_limit'), { min: 6, max: 12 })).toBeNull();
    expect(validateSetting(kind('bot_hourly_msg_limit'), { min: 13, max: 12 })).toEqual({
      code: 'minMax',
    });
  });

  it('accepts only HH:MM-HH:MM ranges, timezones and http(s) URLs', () => {
    expect(validateSetting(kind('prime_hours'), ['09:30-12:00', '22:00-02:00'])).toBeNull();
    expect(validateSetting(kind('prime_hours'), ['9:30-12:00'])).toEqual({ code: 'timeRanges' });
    expect(validateSetting(kind('timezone'), 'Europe/Istanbul')).toBeNull();
    expect(validateSetting(kind('timezone'), 'Mars/Olympus')).toEqual({ code: 'timezone' });
    expect(validateSetting(kind('news_feed_urls'), ['https://example.com/rss'])).toBeNull();
    expect(validateSetting(kind('news_feed_urls'), ['ftp://example.com'])).toEqual({
      code: 'urls',
    });
    expect(validateSetting(kind('news_feed_urls'), ['https://u:p@example.com'])).toEqual({
      code: 'urls',
    });
  });

  it('rejects an all-zero length profile', () => {
    expect(
      validateSetting(kind('message_length_profile'), { short: 0, medium: 0, long: 0 }),
    ).toEqual({
      code: 'lengthProfile',
    });
    expect(normaliseLengthProfile({ short: 2, medium: 1, long: 1 })).toEqual({
      short: 0.5,
      medium: 0.25,
      long: 0.25,
    });
  });

  it('infers a control for keys it does not know', () => {
    expect(kindOf('future_flag', true)).toEqual({ type: 'bool' });
    expect(kindOf('future_text', 'x')).toBeNull();
  });
});
