"""fingate's benchmarks: `python -m bench` (see README, "Benchmarks").

Modules: `analysis` (pure maths: percentiles, floors, overhead, targets), `operations`
(the canonical operations, their upstream-call floors and critical paths), `server`
(a `fingate serve` child process), `sandbox` (the sandbox controls), `load` (wrk),
`profile` (pyinstrument), `report` and `chart` (what lands in bench/results/), `run`.
"""
