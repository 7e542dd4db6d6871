"""``python -m inkwell`` runs the command line."""

from inkwell.cli import main

main()
