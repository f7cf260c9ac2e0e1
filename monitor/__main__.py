"""`python -m monitor` is the same as `icswatch`."""

from .cli import main

main()
