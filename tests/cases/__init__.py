"""Data of the twinned runners, written once.

``tests/cases/<name>.py`` holds the tables and fake-server payloads of
``tests/_async/test_<name>.py``; ``wire/`` (every operation's wire case), ``e2e_world.py``
and ``e2e_faults.py`` serve several runners. The runners and their generated sync twins in
``tests/_sync`` import them, so only code that calls a client is twinned. Nothing here names
a client type: a case that makes a call takes the client as an argument.
"""
