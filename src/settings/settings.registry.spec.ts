import {
  defaultSettings,
  isSettingKey,
  parseSetting,
  resolveSettings,
  SETTING_KEYS,
  SETTINGS_REGISTRY,
} from './settings.registry';
import { SettingValueError } from './setting-parsers';

describe('settings registry', () => {
  it('has a description for every key and defaults that pass their own parser', () => {
    for (const key of SETTING_KEYS) {
      expect(SETTINGS_REGISTRY[key].description.length).toBeGreaterThan(10);
      expect(parseSetting(key, defaultSettings()[key])).toEqual(defaultSettings()[key]);
    }
  });

  it('contains the keys of the original system (REST contract)', () => {
    for (const key of [
      'simulation_active',
      'scale_factor',
      'max_msgs_per_min',
      'bot_hourly_msg_limit',
      'typing_speed_wpm',
      'prime_hours',
      'message_length_profile',
      'dedup_window_hours',
      'news_feed_urls',
    ]) {
      expect(isSettingKey(key)).toBe(true);
    }
    expect(isSettingKey('constructor')).toBe(false);
  });

  it('rejects strings for booleans and out-of-range numbers, with a reason', () => {
    expect(() => parseSetting('simulation_active', 'false')).toThrow('must be true or false');
    expect(() => parseSetting('scale_factor', 0)).toThrow('between 0.1 and 10');
    expect(() => parseSetting('max_msgs_per_min', 2.5)).toThrow('whole number');
    expect(() => parseSetting('reply_probability', 1.2)).toThrow(SettingValueError);
  });

  it('normalises the message length profile to sum 1', () => {
    const profile = parseSetting('message_length_profile', { short: 2, medium: 1, long: 1 });
    expect(profile).toEqual({ short: 0.5, medium: 0.25, long: 0.25 });
    expect(() => parseSetting('message_length_profile', { short: 0, medium: 0, long: 0 })).toThrow(
      'must not all be zero',
    );
    expect(() =>
      parseSetting('message_length_profile', { short: 1, medium: 1, long: 1, huge: 1 }),
    ).toThrow('exactly the keys');
  });

  it('validates min/max pairs and time ranges', () => {
    expect(() => parseSetting('bot_hourly_msg_limit', { min: 10, max: 5 })).toThrow(
      'min must not exceed max',
    );
    expect(parseSetting('prime_hours', ['22:00-02:00'])).toEqual(['22:00-02:00']);
    expect(() => parseSetting('prime_hours', ['9:30-12:00'])).toThrow('HH:MM-HH:MM');
    expect(() => parseSetting('prime_hours', ['10:00-10:00'])).toThrow('empty');
  });

  it('accepts only known timezones and http(s) feed URLs without credentials', () => {
    expect(parseSetting('timezone', 'Europe/Istanbul')).toBe('Europe/Istanbul');
    expect(() => parseSetting('timezone', 'Mars/Olympus')).toThrow('not a known IANA timezone');
    expect(() => parseSetting('news_feed_urls', ['ftp://x.example/feed'])).toThrow('http or https');
    expect(() => parseSetting('news_feed_urls', ['https://u:p@x.example/feed'])).toThrow(
      'credentials',
    );
  });

  it('resolves stored rows over defaults and reports (not applies) invalid ones', () => {
    const { values, invalid } = resolveSettings([
      { key: 'scale_factor', value: 2 },
      { key: 'max_msgs_per_min', value: 'lots' },
      { key: 'no_such_key', value: 1 },
    ]);
    expect(values.scale_factor).toBe(2);
    expect(values.max_msgs_per_min).toBe(defaultSettings().max_msgs_per_min);
    expect(invalid).toEqual([{ key: 'max_msgs_per_min', reason: 'must be a number' }]);
  });

  it('hands out independent default objects', () => {
    const a = defaultSettings();
    a.prime_hours.push('00:00-01:00');
    expect(defaultSettings().prime_hours).toEqual(['09:30-12:00', '14:00-18:00']);
  });
});
