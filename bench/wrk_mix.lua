-- wrk script: POST the GraphQL requests users send (lineage, timeline, search, events pages),
-- round-robin, one JSON body per line of the file named by $FINREG_BENCH_BODIES.
-- Prints one JSON line (prefixed "WRK_JSON ") with latency percentiles in microseconds.

local bodies = {}
local path = os.getenv("FINREG_BENCH_BODIES")
for line in io.lines(path) do
  if #line > 0 then bodies[#bodies + 1] = line end
end

local counter = 0
request = function()
  counter = counter + 1
  local body = bodies[(counter % #bodies) + 1]
  return wrk.format("POST", "/graphql", {["Content-Type"] = "application/json"}, body)
end

-- (GraphQL errors are checked before the run, request by request: wrk's threads keep
-- their own Lua state, so a count made in response() would not reach done().)

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "timeouts": %d, "status_errors": %d, "bodies": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.timeout,
    e.status, #bodies))
end
