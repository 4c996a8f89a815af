"""The reader: one article with its highlights, and a side pane of quotes, figures, people and notes.

``model`` holds what the reader shows and the rules of its filters, search and navigation, without
Textual; ``screen`` composes the widgets and turns keys into calls on the model and the view;
``notes_pane`` is the Notes tab. Nothing is imported here, so ``model`` loads without Textual.
"""
