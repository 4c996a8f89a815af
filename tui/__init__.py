"""The Textual reader. It reads the store and never imports spaCy: analysis runs in `newsread add`."""
