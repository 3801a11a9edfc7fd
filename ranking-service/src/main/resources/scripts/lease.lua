-- A lease (the snapshot, the hot lists): taken when free (SET NX PX), renewed by its holder, refused to everyone else.
-- KEYS[1] lease key; ARGV[1] the replica's token, ARGV[2] the lease in milliseconds. Returns 1 when held.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
