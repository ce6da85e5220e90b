"""python -m timeline: see timeline.cli."""

from .cli import main

raise SystemExit(main())
