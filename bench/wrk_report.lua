-- wrk script of bench/run.py: counts every response that is not 2xx (wrk
-- itself only counts status >= 400, so a redirect to the login page would go
-- unnoticed) and prints one machine-readable line at the end:
--   BENCH_RESULT {"requests": ..., "p50_us": ..., "non_2xx": ..., ...}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non_2xx = 0
  first_bad_status = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
    if first_bad_status == 0 then
      first_bad_status = status
    end
  end
end

function done(summary, latency, requests)
  local bad = 0
  local bad_status = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non_2xx")
    local status = thread:get("first_bad_status")
    if bad_status == 0 and status ~= 0 then
      bad_status = status
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, '
      .. '"mean_us": %.1f, "stdev_us": %.1f, "max_us": %.0f, '
      .. '"p50_us": %.0f, "p90_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, '
      .. '"non_2xx": %.0f, "first_bad_status": %.0f, '
      .. '"errors": {"connect": %.0f, "read": %.0f, "write": %.0f, "status": %.0f, "timeout": %.0f}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    bad, bad_status,
    e.connect, e.read, e.write, e.status, e.timeout
  ))
end
