"""What wakes ``styrdok serve`` when a source is saved: the operating system's file events
(watchdog, which the site engine already brings), so an edit is seen at once instead of at
the next look. Without them (watchdog missing, a file system without events) the preview
looks every :data:`forhandsvisning.INTERVALL` seconds as before; the events only wake it,
and what changed is always decided by comparing the files (``Förhandsvisning.avtryck``).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


class Händelser:
    def __init__(self, mappar: list[Path]):
        self.händelse = threading.Event()
        self.observatör = None
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer

            händelse = self.händelse

            class Väckare(FileSystemEventHandler):
                def on_any_event(self, event) -> None:  # noqa: ARG002 - any change wakes
                    händelse.set()

            observatör = Observer()
            for mapp in mappar:
                if mapp.is_dir():
                    observatör.schedule(Väckare(), str(mapp), recursive=True)
            observatör.daemon = True
            observatör.start()
            self.observatör = observatör
        except Exception:  # no events here: looking at the files now and then still works
            self.observatör = None

    def vänta(self, sekunder: float) -> None:
        """Until a file event, or ``sekunder`` at most."""
        self.händelse.wait(sekunder)
        self.händelse.clear()

    def stoppa(self) -> None:
        if self.observatör is not None:
            try:
                self.observatör.stop()
            except Exception:  # stopping is best effort: the process is ending
                pass


def stat_under(mapp: Path) -> tuple:
    """:func:`stat` of every file under ``mapp``, in a stable order."""
    poster = []
    for katalog, underkataloger, namn in os.walk(mapp):
        underkataloger.sort()
        poster.extend(stat(os.path.join(katalog, n)) for n in sorted(namn))
    return tuple(poster)


def stat(fil: Path | str) -> tuple[str, int, int]:
    """A file's path, size and modification time: what a save changes."""
    try:
        s = os.stat(fil)
    except OSError:
        return (str(fil), -1, -1)
    return (str(fil), s.st_size, s.st_mtime_ns)
