"""``python -m graph`` runs the newsgraph command."""
from .cli import main

main()
