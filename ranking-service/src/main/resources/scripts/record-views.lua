-- A batch of views, atomically and in arrival order: each counts only if its visitor has not viewed its article
-- within the repeat window (a repeat inside the same batch included). Counter moves are added up first and applied
-- once per key and member, so a batch of views of one popular article costs Redis a few commands, not a few per view.
-- An article whose total moved is added to the dirty set, which the totals snapshot drains (only what changed is
-- copied to MongoDB).
-- KEYS[1] totals hash, KEYS[2] site hour bucket, KEYS[3] tag hour bucket, KEYS[4] dirty set,
-- then per view i (from 1): KEYS[3 + 2i] its seen marker, KEYS[4 + 2i] its category hour bucket (may be KEYS[2])
-- ARGV[1] repeat window (s), ARGV[2] bucket TTL (s), then per view: article id, number of tags, the tags
-- Returns per view: counted (0|1), the article's all-time total just after the view
local counted = {}      -- article -> views counted so far in this batch
local views = {}        -- per view: {article, counted (0|1), counted views of its article up to and including it}
local moves = {}        -- bucket key -> member -> increment
local function move(key, member)
  local members = moves[key]
  if not members then
    members = {}
    moves[key] = members
  end
  members[member] = (members[member] or 0) + 1
end

local a = 3
local i = 0
while a <= #ARGV do
  i = i + 1
  local article = ARGV[a]
  local tagCount = tonumber(ARGV[a + 1])
  if redis.call('SET', KEYS[3 + 2 * i], '1', 'NX', 'EX', ARGV[1]) then
    counted[article] = (counted[article] or 0) + 1
    move(KEYS[2], article)
    if KEYS[4 + 2 * i] ~= KEYS[2] then
      move(KEYS[4 + 2 * i], article)
    end
    for t = 1, tagCount do
      move(KEYS[3], ARGV[a + 1 + t])
    end
    views[i] = {article, 1, counted[article]}
  else
    views[i] = {article, 0, counted[article] or 0}
  end
  a = a + 2 + tagCount
end

-- Each article's total before this batch: one HINCRBY for those with counted views, one HGET for the others.
local before = {}
local dirty = {}
for _, view in ipairs(views) do
  local article = view[1]
  if before[article] == nil then
    local n = counted[article]
    if n then
      before[article] = redis.call('HINCRBY', KEYS[1], article, n) - n
      dirty[#dirty + 1] = article
    else
      before[article] = tonumber(redis.call('HGET', KEYS[1], article) or '0')
    end
  end
end
if #dirty > 0 then
  redis.call('SADD', KEYS[4], unpack(dirty))
end
for key, members in pairs(moves) do
  for member, n in pairs(members) do
    redis.call('ZINCRBY', key, n, member)
  end
  redis.call('EXPIRE', key, ARGV[2])
end

local result = {}
for _, view in ipairs(views) do
  result[#result + 1] = view[2]
  result[#result + 1] = before[view[1]] + view[3]
end
return result
