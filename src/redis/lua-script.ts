import { createHash } from 'node:crypto';
import Redis from 'ioredis';

/**
 * A Lua script run by its SHA (EVALSHA), loading it on the first NOSCRIPT — the script text
 * crosses the network once per Redis server (and again after a Redis restart), not on every call.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return client.eval(this.source, keys.length, ...keys, ...args);
      }
      throw error;
    }
  }
}
