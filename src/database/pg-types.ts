import { types } from 'pg';

/**
 * node-postgres returns int8 (bigint) as a string to avoid precision loss above 2^53. Every int8
 * we store (message ids, Telegram chat and message ids, counters, COUNT(*) results) stays below
 * 2^53 — Telegram documents its ids as fitting in 52 bits — so we parse them as numbers once,
 * here, instead of converting at every read.
 */
types.setTypeParser(types.builtins.INT8, (value: string) => Number(value));
