-- wrk script for bench/load_test/run.py: POST the GraphQL bodies in $FINREG_LOAD_BODIES (one
-- JSON body per line) round-robin, count answers that carry GraphQL "errors", and print one
-- line "LOAD_JSON {...}" with latency percentiles (microseconds) and error counts.

local bodies = {}
for line in io.lines(os.getenv("FINREG_LOAD_BODIES")) do
  if #line > 0 then bodies[#bodies + 1] = line end
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  counter = tonumber(wrk.thread:get("id")) or 0
  graphql_errors = 0
  non_2xx = 0
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/graphql", {["Content-Type"] = "application/json"},
                    bodies[(counter % #bodies) + 1])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  elseif string.find(body, '"errors"', 1, true) then
    graphql_errors = graphql_errors + 1
  end
end

function done(summary, latency, requests)
  local gql, bad = 0, 0
  for _, thread in ipairs(threads) do
    gql = gql + (thread:get("graphql_errors") or 0)
    bad = bad + (thread:get("non_2xx") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'LOAD_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "graphql_errors": %d, "non_2xx": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, gql, bad, e.connect, e.read, e.write, e.timeout))
end
