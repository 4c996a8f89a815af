"""newsread's Textual-free core: analysis, library store, notes and exports.

Nothing under this package may import Textual; tests/test_import_hygiene.py enforces it.
"""
