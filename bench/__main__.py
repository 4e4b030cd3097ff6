import sys

if sys.argv[1:2] == ["peer"]:
    # `python -m bench peer [...]`: fingate against Hive Gateway (bench/peer_run.py)
    from .peer_run import main as peer_main

    sys.exit(peer_main(sys.argv[2:]))

if sys.argv[1:2] == ["layout"]:
    # `python -m bench layout`: files, lines, local imports and import cycles per layer
    from .layout import main as layout_main

    sys.exit(layout_main(sys.argv[2:]))

if sys.argv[1:2] == ["cpu-ab"]:
    # `python -m bench cpu-ab --a REV [--b REV]`: CPU per request of two trees, A/B/A/B
    from .cpu_ab import main as cpu_ab_main

    sys.exit(cpu_ab_main(sys.argv[2:]))

if sys.argv[1:2] == ["calls"]:
    # `python -m bench calls --a REV [--b REV]`: Python calls per request under cProfile
    from .calls import main as calls_main

    sys.exit(calls_main(sys.argv[2:]))

if sys.argv[1:2] == ["floor"]:
    # `python -m bench floor`: CPU per request next to strawberry + FastAPI's own floor
    from .floor import main as floor_main

    sys.exit(floor_main(sys.argv[2:]))

if sys.argv[1:2] == ["gc"]:
    # `python -m bench gc --a REV [--b REV]`: the garbage collector's cost, two trees
    from .gc import main as gc_main

    sys.exit(gc_main(sys.argv[2:]))

if sys.argv[1:2] == ["workers"]:
    # `python -m bench workers`: 1 against N worker processes, and a c=10..200 sweep
    from .workers import main as workers_main

    sys.exit(workers_main(sys.argv[2:]))

from .run import main

sys.exit(main())
