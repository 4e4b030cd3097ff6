import sys

if sys.argv[1:2] == ["peer"]:
    # `python -m bench peer [...]`: fingate against Hive Gateway (bench/peer_run.py)
    from .peer_run import main as peer_main

    sys.exit(peer_main(sys.argv[2:]))

from .run import main

sys.exit(main())
