"""A signal stops a build, wherever it lands (grund/avbrott): never lost, never midway
through what must run whole, never leaving a lock taken. Each case runs in a process of
its own, since handlers, at-fork hooks and timers are the process's."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

VÄNTA = """
def vänta():  # until the signal is raised here, or five seconds have passed
    import time
    slut = time.monotonic() + 5
    while time.monotonic() < slut:
        time.sleep(0.001)
    print("inte avbruten", flush=True)
"""


def kör(kod: str) -> str:
    resultat = subprocess.run(
        [sys.executable, "-c", VÄNTA + textwrap.dedent(kod)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "Traceback" not in resultat.stderr, resultat.stderr
    return resultat.stdout


@pytest.mark.parametrize("signal_namn", ["SIGTERM", "SIGINT"])
def test_en_signal_mitt_i_en_fork_tappas_inte_och_lämnar_loggningens_lås_fritt(signal_namn):
    # The signal comes while the process forks, after logging's at-fork hook took its lock
    # (a hook registered before logging's runs after it): Python runs the handler at the
    # first bytecode after the fork, in logging's hook that gives the lock back.
    ut = kör(f"""
        import functools, os, signal, threading
        os.register_at_fork(before=functools.partial(signal.raise_signal, signal.{signal_namn}))
        import logging
        from styrdok.grund import avbrott
        with avbrott.avbrytbar():
            try:
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                os.waitpid(pid, 0)
                vänta()
            except avbrott.Avbruten as fel:
                print("avbruten:", fel, flush=True)
        tråd = threading.Thread(target=logging.getLogger, args=("en annan tråd",), daemon=True)
        tråd.start()
        tråd.join(5)
        print("loggningens lås", "taget" if tråd.is_alive() else "fritt", flush=True)
    """)
    assert ut.splitlines() == [f"avbruten: avbruten ({signal_namn})", "loggningens lås fritt"]


def test_en_signal_vars_undantag_python_släpper_tas_upp_igen():
    # Python drops an exception raised in a __del__ (or a weakref callback, a hook): the
    # signal landed there, and is raised again a moment later where it can be.
    ut = kör("""
        import signal
        from styrdok.grund import avbrott
        class Städas:
            def __del__(self):
                signal.raise_signal(signal.SIGTERM)
                for _ in range(1000):  # bytecode for the handler to run at
                    pass
        with avbrott.avbrytbar():
            try:
                Städas()
                vänta()
            except avbrott.Avbruten as fel:
                print("avbruten:", fel, flush=True)
    """)
    assert ut.splitlines() == ["avbruten: avbruten (SIGTERM)"]


@pytest.mark.parametrize("inuti", [True, False], ids=["i ett bygge", "utanför"])
def test_ett_skyddat_avsnitt_körs_helt_också_när_andra_trådar_finns(inuti):
    # the kernel may give the signal to another thread: a signal mask in this one does not
    # hold it off, since Python runs the handler in the main thread anyway
    ut = kör(f"""
        import contextlib, os, signal, threading, time
        from styrdok.grund import avbrott
        stopp = threading.Event()
        for _ in range(4):
            threading.Thread(target=stopp.wait, daemon=True).start()
        with avbrott.avbrytbar() if {inuti} else contextlib.nullcontext():
            try:
                with avbrott.skyddad():
                    os.kill(os.getpid(), signal.SIGTERM)
                    time.sleep(0.2)
                    print("avsnittet kört helt", flush=True)
                vänta()
            except avbrott.Avbruten as fel:
                print("avbruten:", fel, flush=True)
        stopp.set()
    """)
    assert ut.splitlines() == ["avsnittet kört helt", "avbruten: avbruten (SIGTERM)"]


def test_utanför_bygget_är_allt_som_förut():
    ut = kör("""
        import signal, sys, time
        from styrdok.grund import avbrott
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # as for a job started in the background
        före = [signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM)]
        krok = sys.unraisablehook
        with avbrott.avbrytbar():
            signal.raise_signal(signal.SIGINT)  # ignored, as the process said
            time.sleep(0.05)
        efter = [signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM)]
        print(före == efter, sys.unraisablehook is krok, signal.getitimer(signal.ITIMER_REAL))
    """)
    assert ut.splitlines() == ["True True (0.0, 0.0)"]
