import { AppConfig } from './app-config';
import { ConfigValidationError, loadConfig, loadDotEnv } from './load-config';

/** EX_CONFIG (sysexits.h): the exit code of a process that refused its configuration. */
export const EXIT_CONFIG = 78;

/** For entry points: load `.env`, validate, and on a bad configuration exit with the full list. */
export function loadConfigOrExit(): AppConfig {
  try {
    loadDotEnv();
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}
