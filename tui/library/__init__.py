"""The library: every article, narrowed by search and filters, opened with enter.

``model`` holds what the library shows and the rules of its sort, search, filters and status line,
without Textual; ``screen`` composes the widgets, reads the store and turns keys into calls on the
model. Nothing is imported here, so ``model`` loads without Textual.
"""
