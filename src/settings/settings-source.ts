import { SettingsValues } from './settings.registry';

/** Where the engine reads the current, typed settings from (cached, invalidated on change). */
export interface SettingsSource {
  current(): Promise<SettingsValues>;
}

export const SETTINGS_SOURCE = Symbol('SETTINGS_SOURCE');
