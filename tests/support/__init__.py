"""Helpers the tests share: hand-made analyses and libraries, the app opened on an article, local
HTTP servers, the real CLI in a child process. Tests import them as ``support.<module>`` (pytest puts
``tests/`` on ``sys.path``); no module here is named ``test_*``, so pytest collects none of them.
"""
