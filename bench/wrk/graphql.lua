-- wrk script: POST one GraphQL operation, count GraphQL errors, stop after a request budget,
-- and print the latency histogram as one JSON line for bench/ to analyse.
--
-- Environment:
--   FINGATE_BENCH_BODY          path of the JSON request body
--   FINGATE_BENCH_MAX_REQUESTS  total request budget shared by the threads (0: none)
--   FINGATE_BENCH_THREADS       the -t given to wrk, to split the budget
--   FINGATE_BENCH_RUN_ID        unique per run, so that no idempotency key is ever reused
-- A body containing __KEY__ gets a fresh value per request (idempotency keys of writes).

local body_path = os.getenv("FINGATE_BENCH_BODY")
local budget = tonumber(os.getenv("FINGATE_BENCH_MAX_REQUESTS") or "0")
local run_id = os.getenv("FINGATE_BENCH_RUN_ID") or "0"
local threads = {}
local counter = 1

local function read_body()
  local f = assert(io.open(body_path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  body = read_body()
  templated = body:find("__KEY__", 1, true) ~= nil
  local nthreads = tonumber(os.getenv("FINGATE_BENCH_THREADS") or "1")
  per_thread = 0
  if budget > 0 then
    per_thread = math.ceil(budget / nthreads)
  end
  responses = 0
  errors = 0
  seq = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = body
end

function request()
  if templated then
    seq = seq + 1
    local key = string.format("bench-%s-%d-%d", run_id, id, seq)
    return wrk.format(nil, nil, nil, (body:gsub("__KEY__", key)))
  end
  return wrk.request()
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 or body:find('"errors"', 1, true) then
    errors = errors + 1
  end
  if per_thread > 0 and responses >= per_thread then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total_errors = 0
  local total_responses = 0
  for _, thread in ipairs(threads) do
    total_errors = total_errors + thread:get("errors")
    total_responses = total_responses + thread:get("responses")
  end
  local pairs_out = {}
  for i = 1, #latency do
    local value, count = latency(i)
    if count and count > 0 then
      table.insert(pairs_out, string.format("[%d,%d]", value, count))
    end
  end
  io.write(string.format(
    '\nBENCH_JSON {"requests":%d,"duration_us":%d,"graphql_errors":%d,'
      .. '"socket_errors":%d,"non2xx":%d,"min_us":%d,"max_us":%d,"mean_us":%f,'
      .. '"p50_us":%f,"p95_us":%f,"p99_us":%f,"histogram":[%s]}\n',
    summary.requests, summary.duration, total_errors,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency.min, latency.max, latency.mean,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    table.concat(pairs_out, ",")))
end
