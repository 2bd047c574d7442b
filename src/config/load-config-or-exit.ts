import { AppConfig } from './app-config';
import { ConfigValidationError, loadConfig, loadDotEnv } from './load-config';

/** For entry points: load `.env`, validate, and on a bad configuration exit with the full list. */
export function loadConfigOrExit(): AppConfig {
  try {
    loadDotEnv();
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
