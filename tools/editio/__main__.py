"""`python -m editio …`: the same as the `editio` command."""

from .cli import main

main()
