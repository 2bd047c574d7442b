import { textField } from './format';
import type { Bot, BotStatus } from '@/api/types';

export interface BotFilter {
  search: string;
  status: BotStatus | null;
  enabled: boolean | null;
}

/** Case- and Turkish-dotless-i-insensitive search over name, username and persona. */
export function filterBots(bots: readonly Bot[], filter: BotFilter): Bot[] {
  const needle = filter.search.trim().toLocaleLowerCase('tr');
  return bots.filter((bot) => {
    if (filter.status && bot.status !== filter.status) {
      return false;
    }
    if (filter.enabled !== null && bot.is_enabled !== filter.enabled) {
      return false;
    }
    if (!needle) {
      return true;
    }
    const haystack = [
      bot.name,
      bot.username ?? '',
      bot.persona_hint,
      textField(bot.persona_profile, 'tone'),
    ]
      .join(' ')
      .toLocaleLowerCase('tr');
    return haystack.includes(needle);
  });
}
