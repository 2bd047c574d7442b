/**
 * Atomic admission over sliding windows (ADR 0002). Each window is a sorted set of admission
 * members scored by their time; the script trims, checks every window and, only if all pass,
 * records the admission in all of them — in one step, so concurrent workers cannot both pass.
 * Time comes from Redis (TIME), so worker clocks do not matter.
 *
 * The configured windows (global, bot hour) count messages: a message admitted again (its retry
 * after a 429 or a 5xx) keeps one entry, moved to now. Telegram's windows (bot+chat, chat, token)
 * count requests, the way Telegram does: every admission is an entry of its own.
 *
 * KEYS: 1 global, 2 bot hour, 3 bot+chat minute, 4 chat second, 5 token second,
 *       6 bot pause, 7 chat pause
 * ARGV: 1 member, 2 global max, 3 bot hour max, 4 bot+chat max, 5 chat max, 6 token max,
 *       7 mode ("message" checks everything; "request" only the token window and the pauses),
 *       8 bot+chat window ms, 9 chat window ms, 10 token window ms
 * Returns {1} when admitted, or {0, retry_at_ms, blocking_limit_index}.
 */
export const ADMIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local member = ARGV[1]
-- One entry per try, unique even for two tries within one millisecond (Redis' microseconds; the
-- token window holds every recent try, so a clash can be seen and avoided).
local attempt = member .. '@' .. t[1] .. '.' .. t[2]
while redis.call('ZSCORE', KEYS[5], attempt) do attempt = attempt .. '+' end
-- {key, window ms, max, limit index, member}
local windows = {
  {KEYS[1], 60000, tonumber(ARGV[2]), 1, member},
  {KEYS[2], 3600000, tonumber(ARGV[3]), 2, member},
  {KEYS[3], tonumber(ARGV[8]), tonumber(ARGV[4]), 3, attempt},
  {KEYS[4], tonumber(ARGV[9]), tonumber(ARGV[5]), 4, attempt},
  {KEYS[5], tonumber(ARGV[10]), tonumber(ARGV[6]), 5, attempt},
}
local first = 1
if ARGV[7] == 'request' then first = 5 end

local retry_at = 0
local blocked = 0
for p = 6, 7 do
  local ttl = redis.call('PTTL', KEYS[p])
  if ttl > 0 and now + ttl > retry_at then
    retry_at = now + ttl
    blocked = p
  end
end

for i = first, 5 do
  local w = windows[i]
  redis.call('ZREMRANGEBYSCORE', w[1], '-inf', now - w[2])
  local count = redis.call('ZCARD', w[1])
  if count >= w[3] then
    -- The window frees up when its (count - max + 1)-th oldest entry leaves it.
    local oldest = redis.call('ZRANGE', w[1], count - w[3], count - w[3], 'WITHSCORES')
    local free_at = now + w[2]
    if oldest[2] then free_at = tonumber(oldest[2]) + w[2] + 1 end
    if free_at > retry_at then
      retry_at = free_at
      blocked = w[4]
    end
  end
end

if blocked > 0 then
  return {0, retry_at, blocked}
end

for i = first, 5 do
  local w = windows[i]
  redis.call('ZADD', w[1], now, w[5])
  redis.call('PEXPIRE', w[1], w[2] + 1000)
end
return {1}
`;
