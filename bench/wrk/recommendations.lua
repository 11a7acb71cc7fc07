-- Cycles GET /recommendations/user-N over the seeded users with the admin token from $RECO_TOKEN.
local users = tonumber(os.getenv("RECO_USERS") or "1000")
local token = os.getenv("RECO_TOKEN")
local counter = 0

request = function()
  counter = counter + 1
  local path = "/recommendations/user-" .. (counter % users) .. "?limit=10"
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d of %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
