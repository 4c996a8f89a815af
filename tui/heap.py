"""The garbage collector, tuned for a long-running interactive app.

Python's collector walks every tracked object in a full (oldest-generation) collection. Once the
library is on screen, the heap holds Textual, the app's screens and the library's rows: tens of
thousands of objects that live as long as the app. A full collection then stalled whatever it
interrupted, such as opening an article, for tens of milliseconds (about 100 ms measured in the
reader benchmark). ``gc.freeze()`` moves everything alive at that moment into a permanent
generation the collector skips; objects made afterwards (a reader screen, and its garbage when it
closes) are collected as before.
"""

from __future__ import annotations

import gc


def freeze_heap() -> None:
    """Exempt every object alive now from later collections (see the module docstring).

    No ``gc.collect()`` first: on this heap it is itself the stall being avoided. Cyclic garbage
    made before this call is never freed, which bounds the cost to what start-up left behind.
    """
    gc.freeze()
