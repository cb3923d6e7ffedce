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

Where :class:`Avbruten` is raised, every process the build started (multiprocessing's: the
sites' engines with what they started, the gate's readers, the render workers) is killed
first, not left to whoever owns it. A signal can land between a process's start and
the moment its owner holds it (a pool that forks its second reader, a site engine not yet
in the list that the build's ``finally`` stops): such a child waited for work that never
came, and Python, which joins its children at exit, waited for it (a build that printed
»avbrutet« and never exited, seen in CI). And a pool that is left by an exception waits for
all the work it was given first, which a stopped build does not want. Whoever receives
from a killed process must not wait for the rest of a message it was sending: the gate's
readers each have a pipe only they write to (``karna/grind_lasning``). Should anything
still get stuck on the way out, the ``styrdok`` command ends anyway (:data:`UT_EFTER`).

Held-off and dropped signals are raised again by a timer (SIGALRM), since a fork hook may
not raise; nothing else in styrdok uses SIGALRM.
"""

from __future__ import annotations

import contextlib
import functools
import logging  # noqa: F401 - first: its at-fork hooks are registered before ours (see below)
import multiprocessing
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
_pid = [os.getpid()]
"""This process's id, as :func:`_i_barnet` last saw it (a child's is the parent's until then)."""
_barnets: list[int] = []
"""Signals that came to a forked child before :func:`_i_barnet` ran in it (held off as if it
forked still), as opposed to those held off in the parent as it forked, which the child
inherits in :data:`_väntande` but which are not the child's."""
_ursprungliga: dict[int, object] = {}
"""Each signal's handler before ours were set: what a forked child goes back to."""


def _namn(signum: int) -> str:
    return f"avbruten ({signal.Signals(signum).name})"


def _hantera(signum: int, frame) -> None:  # noqa: ARG001 - a signal handler's signature
    if _skydd:
        _väntande.append(signum)
        if os.getpid() != _pid[0]:  # a child not through its fork yet: its own signal
            _barnets.append(signum)
        return
    _väntande.clear()
    _avbryt(signum)


def _igen(signum: int, frame) -> None:  # noqa: ARG001 - SIGALRM: what was held off or dropped
    _släpp()


def _släpp() -> None:
    """Raise the first signal held off or dropped, unless signals are held off still."""
    if _väntande and not _skydd:
        först = _väntande[0]
        _väntande.clear()
        _avbryt(först)


def _avbryt(signum: int) -> None:
    """Stop every process this one started, then raise :class:`Avbruten`. With SIGKILL: a
    SIGTERM that reaches a child while it forks is lost (CPython clears the signals pending
    in a new child), and no child of ours does anything on SIGTERM but stop."""
    for barn in multiprocessing.active_children():
        with contextlib.suppress(OSError):  # its group, if it leads one: a site's Pagefind
            os.killpg(barn.pid, signal.SIGKILL)
        barn.kill()
    if UT_EFTER is not None and not _vakt:
        _vakt.append(threading.Timer(UT_EFTER, _ut_ändå))
        _vakt[0].daemon = True
        _vakt[0].start()
    raise Avbruten(_namn(signum))


UT_EFTER: float | None = None
"""Seconds after a signal within which a stopped build's process ends even if something on
its way out got stuck (a library's thread waiting for a process that was killed): what was
published is never touched by a build on its way out, and what it leaves in build/ the next
build removes. Set by the ``styrdok`` command (``cli.kommando``); None in any other process
(a test's, where it would hide what got stuck)."""
_vakt: list[threading.Timer] = []


def _ut_ändå() -> None:
    while _skydd:  # a section that must run whole (the renames that publish) first
        threading.Event().wait(0.01)
    with contextlib.suppress(OSError, ValueError):
        print(
            f"styrdok: avbrutet; det som återstod att städa blev inte klart på {UT_EFTER:.0f} s, "
            "så styrdok avslutades ändå. site/ är orörd; nästa bygge tar bort det som blev kvar "
            "i build/",
            file=sys.stderr,
            flush=True,
        )
    os._exit(130)


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
    """In a forked child: it is not the build, so a signal does to it what it did before the
    build set its handlers (SIGTERM ends it), and one that came while it forked is delivered
    so. The child inherited our handlers; a SIGTERM (a site's process stopped by the build's
    ``finally``) that came before its own code set SIG_DFL was held off as if the child
    forked still, or raised in it and dropped, and lost either way: the child lived on, and
    whoever joined it waited."""
    väntande = _barnets[:1]
    _barnets.clear()
    _pid[0] = os.getpid()
    _skydd.clear()
    _väntande.clear()
    _aktiv.clear()
    while isinstance(sys.unraisablehook, functools.partial) and sys.unraisablehook.func is _tappad:
        sys.unraisablehook = sys.unraisablehook.keywords["tidigare"]
    with contextlib.suppress(ValueError):  # not the main thread: no handler can be set
        for s in (*SIGNALER, signal.SIGALRM):
            if signal.getsignal(s) in (_hantera, _igen):
                signal.signal(s, _ursprungliga.get(s, signal.SIG_DFL))
    for signum in väntande:
        os.kill(os.getpid(), signum)


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
    _ursprungliga.update({s: h for s, h in tidigare.items() if h not in (_hantera, _igen)})
    for s in tidigare:
        signal.signal(s, _igen if s == signal.SIGALRM else _hantera)
    return tidigare


def _återställ(tidigare: dict) -> None:
    for s, hanterare in tidigare.items():
        signal.signal(s, hanterare if hanterare is not None else signal.SIG_DFL)
