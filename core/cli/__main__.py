"""`python -m newsread.core.cli`: how the reader starts `newsread add` as a child process."""

from . import main

main()
