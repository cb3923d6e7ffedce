"""How a signal stops a build (SIGTERM, or Ctrl+C's SIGINT): the one home of that rule.

Inside :func:`avbrytbar` a signal raises :class:`Avbruten` (a KeyboardInterrupt) in the main
thread, so that every ``finally`` on the way out cleans up: the stage is removed, the sites'
processes are stopped and ``site/`` is left as it was. Python runs a signal's handler
between any two bytecodes of the main thread, and there are places where an exception must
not come, or is lost:

- a section that must run whole (the renames that publish): :func:`skyddad` holds signals
  off until it ends. A thread's signal mask does not: the kernel gives the signal to any
  thread that does not block it, and Python runs the handler in the main thread anyway;
- a fork: Python runs at-fork hooks there (logging's takes its lock before and gives it
  back after) and drops an exception raised in them, so the signal was lost and logging's
  lock left taken (a build that went on for a minute after SIGTERM, seen in CI). Signals are
  held off while the process forks;
- anywhere else Python drops an exception (a ``__del__``, a weakref callback, a hook): a
  dropped :class:`Avbruten` is raised again a moment later, where it can be.

Held-off and dropped signals are raised again by a timer (SIGALRM), since a fork hook may
not raise; nothing else in styrdok uses SIGALRM.
"""

from __future__ import annotations

import functools
import logging  # noqa: F401 - first: its at-fork hooks are registered before ours (see below)
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALER = (signal.SIGTERM, signal.SIGINT)
OM_EN_STUND = 0.01
"""Seconds after which a held-off or dropped signal is raised again."""


class Avbruten(KeyboardInterrupt):
    """The build was stopped by a signal."""


_skydd: list[str] = []
"""Non-empty while signals are held off. A list, so that a fork can mark itself with
``list.append`` and ``list.pop``: C functions, with no bytecode for a handler to run at."""
_väntande: list[int] = []
"""Signals held off, or whose exception was dropped, to be raised when they may be."""
_aktiv: list[bool] = []
"""Non-empty inside :func:`avbrytbar`."""


def _namn(signum: int) -> str:
    return f"avbruten ({signal.Signals(signum).name})"


def _hantera(signum: int, frame) -> None:  # noqa: ARG001 - a signal handler's signature
    if _skydd:
        _väntande.append(signum)
        return
    _väntande.clear()
    raise Avbruten(_namn(signum))


def _igen(signum: int, frame) -> None:  # noqa: ARG001 - SIGALRM: what was held off or dropped
    _släpp()


def _släpp() -> None:
    """Raise the first signal held off or dropped, unless signals are held off still."""
    if _väntande and not _skydd:
        först = _väntande[0]
        _väntande.clear()
        raise Avbruten(_namn(först))


def _om_en_stund() -> None:
    if _aktiv and _väntande:
        signal.setitimer(signal.ITIMER_REAL, OM_EN_STUND)


def _tappad(tappad, tidigare=sys.__unraisablehook__) -> None:
    """``sys.unraisablehook`` inside :func:`avbrytbar`: an :class:`Avbruten` that Python
    dropped is raised again in a moment; anything else is reported as before."""
    if tappad.exc_type is not None and issubclass(tappad.exc_type, Avbruten):
        _väntande.append(signal.SIGTERM)
        _om_en_stund()
        return
    tidigare(tappad)


def _efter_fork() -> None:
    _skydd.pop()  # after logging's hook: hooks after a fork run in the order registered
    if not _skydd:
        _om_en_stund()


def _i_barnet() -> None:
    _skydd.clear()
    _väntande.clear()
    _aktiv.clear()


# Before a fork, hooks run in the reverse order of registration: ours first, so that logging's
# lock is taken, and given back, with signals held off.
os.register_at_fork(
    before=functools.partial(_skydd.append, "fork"),
    after_in_parent=_efter_fork,
    after_in_child=_i_barnet,
)


class skyddad:
    """``with skyddad():`` a section that SIGTERM and SIGINT do not stop midway: a signal
    that comes is raised as :class:`Avbruten` when the section ends (outside
    :func:`avbrytbar` too: the handlers are then set for the section)."""

    def __enter__(self) -> None:
        self._tidigare = {} if _aktiv else _sätt(SIGNALER)
        _skydd.append("skyddad")

    def __exit__(self, *_) -> None:
        _skydd.pop()
        _återställ(self._tidigare)
        _släpp()


@contextmanager
def avbrytbar() -> Iterator[None]:
    """SIGTERM and SIGINT raise :class:`Avbruten` in the main thread (as above), unless the
    process ignores them. Outside the main thread, where handlers cannot be set, nothing
    changes."""
    tidigare = _sätt((*SIGNALER, signal.SIGALRM))
    if not tidigare:
        yield
        return
    tidigare_krok = sys.unraisablehook
    sys.unraisablehook = functools.partial(_tappad, tidigare=tidigare_krok)
    _aktiv.append(True)
    try:
        yield
    finally:
        with skyddad():  # the way out is not cut short by a second signal
            _aktiv.pop()
            signal.setitimer(signal.ITIMER_REAL, 0)
            _återställ(tidigare)
            sys.unraisablehook = tidigare_krok


def _sätt(signaler) -> dict:
    """Our handlers for ``signaler`` (those the process does not ignore), in the main thread
    only (elsewhere none can be set); what they had before."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    tidigare = {s: signal.getsignal(s) for s in signaler}
    tidigare = {s: h for s, h in tidigare.items() if h is not signal.SIG_IGN}
    for s in tidigare:
        signal.signal(s, _igen if s == signal.SIGALRM else _hantera)
    return tidigare


def _återställ(tidigare: dict) -> None:
    for s, hanterare in tidigare.items():
        signal.signal(s, hanterare if hanterare is not None else signal.SIG_DFL)
