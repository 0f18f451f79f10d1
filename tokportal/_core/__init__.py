"""Sans-I/O policy: pure functions and attrs values, no sockets, no sleeping, time passed in.

The async transport (``tokportal._async.transport``) and its generated sync twin drive these
functions; every decision about a request (how it is built, whether it is retried, how long
to wait, what its response means) is made here, once, for both.
"""
