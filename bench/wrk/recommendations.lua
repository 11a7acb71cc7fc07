-- Cycles GET /recommendations/user-N over the seeded users with the admin token from $RECO_TOKEN.
-- RECO_DELAY_MS=N paces each connection: N ms between a response and the connection's next request (wrk's
-- delay hook), so c connections offer at most c * 1000 / N requests/s, below saturation.
-- RECO_LABEL=NAME also prints one JSON line ("result {...}") with the rate and latency percentiles in µs.
local users = tonumber(os.getenv("RECO_USERS") or "1000")
local token = os.getenv("RECO_TOKEN")
local delay_ms = tonumber(os.getenv("RECO_DELAY_MS") or "0")
local label = os.getenv("RECO_LABEL")
local counter = 0

request = function()
  counter = counter + 1
  local path = "/recommendations/user-" .. (counter % users) .. "?limit=10"
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

if delay_ms > 0 then
  delay = function()
    return delay_ms
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("non-2xx or socket errors: %d of %d\n", errors, summary.requests))
  if label then
    io.write(string.format(
      'result {"label":"%s","delay_ms":%d,"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"errors":%d}\n',
      label, delay_ms, summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max, errors))
  end
end
