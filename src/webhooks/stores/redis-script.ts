/**
 * The Redis store's one Lua script: every operation runs inside Redis, so each is atomic with
 * respect to every other client, and every time comes from the server's `TIME`, so processes
 * with skewed clocks agree on leases.
 *
 * Layout: one hash per key (`s` state p|d|x for pending|done|dead, `t` token, `l` lease end,
 * `a` attempts, `v` available at, `e` event, `r` last error, `x` dead since); a sorted set of
 * inbox records by the time they can next be leased (available at, or lease end while leased);
 * a sorted set of dead records by the time they died.
 * KEYS: record, queue, dead. ARGV[1]: the operation.
 */
export const REDIS_SCRIPT = `
local op, rec, q, dq = ARGV[1], KEYS[1], KEYS[2], KEYS[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function ms(n) return string.format('%.0f', n) end
if op == 'claim' then
  local r = redis.call('HMGET', rec, 's', 't', 'l', 'a', 'e')
  if r[1] == 'd' then return {'done'} end
  if r[2] and tonumber(r[3]) > now then return {'in_progress', r[3]} end
  local a = (tonumber(r[4]) or 0) + 1
  local l = ms(now + tonumber(ARGV[3]))
  redis.call('HSET', rec, 's', 'p', 't', ARGV[2], 'l', l, 'a', a)
  if r[1] == 'x' then
    redis.call('HDEL', rec, 'x')
    redis.call('ZREM', dq, rec)
  end
  if r[5] then redis.call('ZADD', q, l, rec) end
  return {'acquired', a}
elseif op == 'enqueue' then
  if redis.call('EXISTS', rec) == 1 then return 0 end
  redis.call('HSET', rec, 's', 'p', 'a', 0, 'v', ms(now), 'e', ARGV[2])
  redis.call('ZADD', q, ms(now), rec)
  return 1
elseif op == 'lease' then
  local keys = redis.call('ZRANGEBYSCORE', q, '-inf', ms(now), 'LIMIT', 0, tonumber(ARGV[2]))
  local l = ms(now + tonumber(ARGV[3]))
  local out = {}
  for i, k in ipairs(keys) do
    local r = redis.call('HMGET', k, 's', 'e', 'a', 'v', 'r', 't', 'l')
    if r[1] == 'p' and r[2] and tonumber(r[4]) <= now and (not r[6] or tonumber(r[7]) <= now) then
      local a = (tonumber(r[3]) or 0) + 1
      local tok = ARGV[4] .. '.' .. i
      redis.call('HSET', k, 't', tok, 'l', l, 'a', a)
      redis.call('ZADD', q, l, k)
      out[#out + 1] = {k, r[2], a, r[4], r[5] or false, tok}
    elseif r[1] ~= 'p' or not r[2] then
      redis.call('ZREM', q, k)
    end
  end
  return out
elseif op == 'dead' then
  local keys = redis.call('ZRANGE', dq, 0, tonumber(ARGV[2]) - 1)
  local out = {}
  for _, k in ipairs(keys) do
    local r = redis.call('HMGET', k, 's', 'e', 'a', 'v', 'r')
    if r[1] == 'x' then out[#out + 1] = {k, r[2] or '', tonumber(r[3]) or 0, r[4] or '0', r[5] or false} end
  end
  return out
end
local token = redis.call('HGET', rec, 't')
if op == 'replay' then
  if redis.call('HGET', rec, 's') ~= 'x' then return 0 end
  redis.call('HSET', rec, 's', 'p', 'a', 0, 'v', ms(now))
  redis.call('HDEL', rec, 't', 'l', 'x')
  redis.call('ZREM', dq, rec)
  if redis.call('HEXISTS', rec, 'e') == 1 then redis.call('ZADD', q, ms(now), rec) end
  return 1
end
if not token or token ~= ARGV[2] then return 0 end
redis.call('HDEL', rec, 't', 'l')
if op == 'complete' then
  redis.call('HSET', rec, 's', 'd')
  redis.call('HDEL', rec, 'e', 'r', 'v', 'x')
  redis.call('ZREM', q, rec)
  if ARGV[3] == '' then redis.call('PERSIST', rec) else redis.call('PEXPIRE', rec, ARGV[3]) end
elseif op == 'release' then
  redis.call('HSET', rec, 'v', ms(now))
  if redis.call('HEXISTS', rec, 'e') == 1 then redis.call('ZADD', q, ms(now), rec) end
elseif op == 'fail' then
  local v = ms(now + tonumber(ARGV[4]))
  redis.call('HSET', rec, 'r', ARGV[3], 'v', v)
  if ARGV[5] == '1' then
    redis.call('HSET', rec, 's', 'x', 'x', ms(now))
    redis.call('ZREM', q, rec)
    redis.call('ZADD', dq, ms(now), rec)
  elseif redis.call('HEXISTS', rec, 'e') == 1 then
    redis.call('ZADD', q, v, rec)
  end
end
return 1
`;
