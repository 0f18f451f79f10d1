"""Data of the twinned runners, written once.

``tests/cases/<name>.py`` holds the tables and fake-server payloads of
``tests/_async/test_<name>.py``; the runner and its generated sync twin
(``tests/_sync/test_<name>.py``) both import them, so only code that calls a client is twinned.
Nothing here names a client type: a case that makes a call takes the client as an argument.
"""
