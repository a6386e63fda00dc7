"""Runs the per-article stage over many articles: in this process, in local worker processes, or on Dask.

The pipeline hands over a top-level, picklable function and an iterable of articles and gets the
results back in input order, whatever ran them. Three properties hold for every engine:

- bounded memory: items are drawn from the iterable only as the window of articles in flight
  (dispatched, or finished but waiting for an earlier one) has room, so an archive streams through
  and nothing holds every text at once;
- isolation: an exception raised on one article, or a worker process that dies on it (a segfault in a
  C extension, the out-of-memory killer), costs that article only; it is reported by name through
  `on_failure` and left out of the results, and the run goes on;
- incrementality: with a `timeline.cache.ResultCache`, articles whose result is cached are not
  dispatched at all, and fresh results are stored as they arrive.

Local workers each get their own pipes, so when one dies we know exactly which article it was
working on; the articles queued behind it go to its replacement. On Dask the same holds because the
cluster we start runs one task per worker at a time and gives up on a task the first time its worker
dies (an external scheduler applies its own `allowed-failures` instead).
"""

from __future__ import annotations

import functools
import itertools
import os
import queue
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from timeline.cache import decode_own_result, encoded_call, open_cache, report_on_stderr
from timeline.locking import OutputLocked, lock_output

if TYPE_CHECKING:
    import multiprocessing.context
    import multiprocessing.process
    from multiprocessing.connection import Connection

    from timeline.cache import ResultCache

Item = TypeVar("Item")
Result = TypeVar("Result")

ENGINES = ("local", "dask")

# Articles queued on each local worker beyond the one it is running, so it never waits for the
# parent (which, between two results, runs the caller's merging code).
_QUEUED_PER_WORKER = 2
# Articles in flight per worker: dispatched, or finished and waiting for an earlier one to finish.
_WINDOW_PER_WORKER = 8


class EngineError(Exception):
    """The requested engine cannot run (Dask not installed, scheduler unreachable, bad options)."""


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    """One article the per-article stage could not process: its name and why, in one line."""

    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def report_failure_on_stderr(failure: ArticleFailure) -> None:
    print(f"timeline: {failure}; skipped", file=sys.stderr)


def name_of_item(item: Any, index: int) -> str:
    """How failures name an item: an article's id, else its path, else its position."""
    for attribute in ("id", "path", "name"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            return value
    return f"item {index}"


def _describe_exception(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# Outcome of one item, as every backend reports it: (position, succeeded, result or failure message).
Outcome = tuple[int, bool, Any]

# A local worker's first message: it started. One that dies before saying so failed to start (a
# script without `if __name__ == "__main__":`, a broken install), which is no article's fault.
_READY = "ready"
# Workers in a row that may fail to start before the pool gives up.
_START_FAILURES_ALLOWED = 3


class _InProcess:
    """jobs=1: run each item right here, which is also the reference every other engine must match."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function
        self.done: list[Outcome] = []
        self.capacity = 1

    def submit(self, index: int, item: Any) -> None:
        try:
            self.done.append((index, True, self.function(item)))
        except Exception as error:  # one bad article must not stop the others
            self.done.append((index, False, _describe_exception(error)))

    def collect(self) -> list[Outcome]:
        done, self.done = self.done, []
        return done

    def close(self) -> None:
        self.done = []


def _worker_main(function: Callable[[Any], Any], tasks: Connection, results: Connection) -> None:
    """A local worker: run FUNCTION on each (index, item) received; send back one outcome per item."""
    # Ctrl-C reaches the whole process group; the parent decides what happens, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    received: queue.SimpleQueue = queue.SimpleQueue()

    def receive() -> None:
        # A separate thread drains the task pipe so the parent never blocks on a send while this
        # worker is blocked sending a large result back (the two pipes would deadlock).
        while True:
            try:
                message = tasks.recv()
            except (EOFError, OSError):
                message = None
            received.put(message)
            if message is None:
                return

    threading.Thread(target=receive, daemon=True).start()
    results.send(_READY)
    while (message := received.get()) is not None:
        index, item = message
        try:
            outcome: Outcome = (index, True, function(item))
        except Exception as error:  # reported by name in the parent; the worker carries on
            outcome = (index, False, _describe_exception(error))
        try:
            results.send(outcome)
        except Exception as error:  # an unpicklable result fails that article only
            results.send((index, False, f"result could not be sent back: {_describe_exception(error)}"))


def _process_context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean, single-threaded process, not from a copy of a parent
    # that may hold threads (progress bars, a Dask client) and their locks; spawn where there is none.
    import multiprocessing  # here: a build served from the cache starts no worker

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports PRELOAD once, before it forks any worker: what those modules load (models,
    # compiled grammars) every worker then has without loading it again. It applies when the server
    # starts, that is at the first pool of the process.
    context.set_forkserver_preload(["__main__", *preload])
    return context


class _LocalWorker:
    def __init__(self, context: multiprocessing.context.BaseContext, function: Callable[[Any], Any]) -> None:
        task_reader, self.tasks = context.Pipe(duplex=False)
        self.results, result_writer = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_worker_main, args=(function, task_reader, result_writer), daemon=True,
            name="timeline-worker",
        )
        self.process.start()
        # Keep only our ends: when the worker dies, its result pipe then reads as closed.
        task_reader.close()
        result_writer.close()
        self.assigned: deque[tuple[int, Any]] = deque()
        self.ready = False

    def stop(self, wait_seconds: float) -> None:
        try:
            self.tasks.send(None)
        except OSError:
            pass
        self.process.join(wait_seconds)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(1)
        self.tasks.close()
        self.results.close()


def _death_message(process: multiprocessing.process.BaseProcess) -> str:
    process.join(5)
    code = process.exitcode
    if code is None:
        return "its worker process stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"its worker process died ({name})"
    return f"its worker process died (exit code {code})"


class _LocalPool:
    """Worker processes with a pipe pair each, so that a dead worker is matched to its article."""

    def __init__(self, function: Callable[[Any], Any], jobs: int, preload: Sequence[str] = ()) -> None:
        self.function = function
        self.context = _process_context(preload)
        self.workers = [_LocalWorker(self.context, function) for _ in range(jobs)]
        self.backlog: deque[tuple[int, Any]] = deque()
        self.unsendable: list[Outcome] = []
        self.start_failures = 0
        self.capacity = jobs

    def submit(self, index: int, item: Any) -> None:
        self.backlog.append((index, item))
        self._dispatch()

    def _dispatch(self) -> None:
        while self.backlog:
            worker = min(self.workers, key=lambda candidate: len(candidate.assigned))
            if len(worker.assigned) > _QUEUED_PER_WORKER:
                return
            index, item = self.backlog.popleft()
            worker.assigned.append((index, item))
            try:
                worker.tasks.send((index, item))
            except OSError:
                return  # the worker is dead: collect() notices and re-queues what it held
            except Exception as error:  # the item itself cannot be pickled
                worker.assigned.pop()
                message = f"could not be sent to a worker: {_describe_exception(error)}"
                self.unsendable.append((index, False, message))

    def collect(self) -> list[Outcome]:
        if self.unsendable:
            outcomes, self.unsendable = self.unsendable, []
            return outcomes
        outcomes: list[Outcome] = []
        busy = {worker.results: worker for worker in self.workers if worker.assigned}
        if not busy:
            return outcomes
        from multiprocessing.connection import wait

        for connection in wait(list(busy)):
            worker = busy[connection]
            try:
                while True:
                    outcome = connection.recv()
                    if outcome == _READY:
                        worker.ready = True
                        self.start_failures = 0
                    else:
                        worker.assigned.popleft()
                        outcomes.append(outcome)
                    if not connection.poll():
                        break
            except (EOFError, OSError):
                outcomes.extend(self._replace(worker))
        self._dispatch()
        return outcomes

    def _replace(self, worker: _LocalWorker) -> list[Outcome]:
        """The worker died: fail the article it was running, hand the ones queued behind it back."""
        message = _death_message(worker.process)
        failed: list[Outcome] = []
        if worker.ready:
            index, _ = worker.assigned.popleft()
            failed.append((index, False, message))
        else:
            self.start_failures += 1
            if self.start_failures > _START_FAILURES_ALLOWED:
                raise EngineError(f"worker processes fail to start: {message.removeprefix('its ')}")
        self.backlog.extendleft(reversed(worker.assigned))
        worker.assigned.clear()
        worker.tasks.close()
        worker.results.close()
        self.workers[self.workers.index(worker)] = _LocalWorker(self.context, self.function)
        return failed

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(wait_seconds=5 if not worker.assigned else 0)
        self.workers = []


class DaskConnection:
    """A Dask client: on an existing scheduler, or on a LocalCluster we start (and stop on close)."""

    def __init__(self, jobs: int | None, scheduler: str | None) -> None:
        import logging

        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(
                "the dask engine needs the optional extra: pip install 'timeline[dask]'"
            ) from None
        self.cluster = None
        if scheduler:
            try:
                # How long to try is Dask's own setting, distributed.comm.timeouts.connect.
                self.client = Client(scheduler, set_as_default=False)
            except (OSError, TimeoutError) as error:
                raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        else:
            # One task per worker at a time (saturation 1.0, one thread) and no retry when a worker
            # dies: then a dead worker always means exactly the task it was running.
            with dask.config.set({
                "distributed.scheduler.allowed-failures": 0,
                "distributed.scheduler.worker-saturation": 1.0,
            }):
                self.cluster = LocalCluster(
                    n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.CRITICAL,
                )
                self.client = Client(self.cluster, set_as_default=False)
        self.threads = sum(self.client.nthreads().values()) or (jobs or default_jobs())

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class _DaskPool:
    """Tasks on a Dask cluster, through a connection of our own or one the caller keeps open."""

    def __init__(self, function: Callable[[Any], Any], connection: DaskConnection, owned: bool) -> None:
        import uuid

        from distributed import as_completed

        self.function = function
        self.connection = connection
        self.owned = owned
        self.client = connection.client
        self.capacity = connection.threads
        self.run_id = uuid.uuid4().hex[:12]
        self.completed = as_completed(loop=self.client.loop)
        self.positions: dict[str, int] = {}

    def submit(self, index: int, item: Any) -> None:
        key = f"timeline-{self.run_id}-{index}"
        self.positions[key] = index
        self.completed.add(self.client.submit(self.function, item, key=key, pure=False, retries=0))

    def collect(self) -> list[Outcome]:
        if self.completed.is_empty():
            return []
        outcomes: list[Outcome] = []
        for future in self.completed.next_batch(block=True):
            index = self.positions.pop(future.key)
            try:
                # Waits if the result was lost with a worker after it finished: Dask recomputes it.
                outcomes.append((index, True, future.result()))
            except Exception as error:  # raised by the function, or the worker died under it
                if type(error).__name__ == "KilledWorker":
                    message = "its Dask worker died while running it"
                else:
                    message = _describe_exception(error)
                outcomes.append((index, False, message))
            future.release()
        return outcomes

    def close(self) -> None:
        if self.owned:
            self.connection.close()


def _open_backend(function: Callable[[Any], Any], jobs: int | None, engine: str, scheduler: str | None,
                  dask_connection: DaskConnection | None = None, preload: Sequence[str] = ()):
    if scheduler and engine == "local":
        engine = "dask"
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "dask":
        if dask_connection is not None:
            return _DaskPool(function, dask_connection, owned=False)
        return _DaskPool(function, DaskConnection(jobs, scheduler), owned=True)
    jobs = jobs or default_jobs()
    if jobs == 1:
        return _InProcess(function)
    return _LocalPool(function, jobs, preload)


def map_articles(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int | None = None,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    cache: ResultCache | None = None,
    on_failure: Callable[[ArticleFailure], None] | None = None,
    name_of: Callable[[Item, int], str] = name_of_item,
    window: int | None = None,
    dask_connection: DaskConnection | None = None,
    preload: Sequence[str] = (),
) -> Iterator[Result]:
    """Apply FUNCTION to every item, yielding the results in input order.

    - `jobs`: worker processes (local) or LocalCluster workers (dask); default all cores; 1 runs
      in this process.
    - `engine`: "local" or "dask"; `scheduler` (an address such as tcp://host:8786) implies dask.
    - `cache`: a ResultCache; cached items are not recomputed and new results are stored.
    - `on_failure`: called with an ArticleFailure for each item that raised or killed its worker;
      that item yields nothing. Default: one line on stderr.
    - `window`: how many items may be in flight at once (default 8 per worker).
    - `dask_connection`: a DaskConnection to run on (kept open), instead of one for this call.
    - `preload`: modules local workers need loaded; a forkserver imports them once for all workers.
    """
    report = on_failure or report_failure_on_stderr
    if cache is not None:
        # Workers send results back encoded for the cache (see encoded_call); the key stays the
        # caller's function's.
        task = functools.partial(encoded_call, function)
    else:
        task = function
    if engine == "local" and not scheduler:
        # Local workers start at the first article the cache does not hold: a re-run served
        # entirely from the cache starts none.
        backend = None
        capacity = jobs or default_jobs()
    else:
        backend = _open_backend(task, jobs, engine, scheduler, dask_connection)
        capacity = backend.capacity
    limit = max(window or capacity * _WINDOW_PER_WORKER, capacity + 1)
    names: dict[int, tuple[str, str | None]] = {}  # dispatched: position -> (name, cache key)
    finished: dict[int, Outcome] = {}  # arrived, waiting for an earlier position
    source = iter(items)
    drawn = 0  # positions drawn from the source so far
    next_position = 0  # the next position to yield
    exhausted = False
    try:
        while True:
            while not exhausted and drawn - next_position < limit:
                room = limit - (drawn - next_position)
                batch = list(itertools.islice(source, room))
                exhausted = len(batch) < room
                # The cache is asked about the whole batch in one query.
                keys = [cache.key_for(function, item) for item in batch] if cache is not None else []
                stored = cache.get_many(keys) if keys else {}
                for offset, item in enumerate(batch):
                    position, drawn = drawn, drawn + 1
                    key = keys[offset] if keys else None
                    if key in stored:
                        finished[position] = (position, True, stored[key])
                        continue
                    names[position] = (name_of(item, position), key)
                    if backend is None:
                        backend = _open_backend(task, jobs, engine, scheduler, preload=preload)
                    backend.submit(position, item)
            while next_position in finished:
                _, succeeded, value = finished.pop(next_position)
                next_position += 1
                if succeeded:
                    yield value
                else:
                    report(ArticleFailure(*value))
            if exhausted and next_position == drawn:
                return
            for position, succeeded, value in backend.collect() if backend is not None else ():
                name, key = names.pop(position)
                if succeeded:
                    if cache is not None:
                        if key is not None:
                            cache.put_payload(key, value)
                        value = decode_own_result(value)
                    finished[position] = (position, True, value)
                else:
                    finished[position] = (position, False, (name, value))
    finally:
        if backend is not None:
            backend.close()
        if cache is not None:
            cache.commit()


@dataclass(frozen=True)
class Runner:
    """`map_articles` with the build's engine, jobs, cache and failure report (any of which a call
    may override), and the build's cache for the stages that keep more than per-item results."""

    cache: ResultCache | None
    options: dict[str, Any]

    def __call__(self, function: Callable[[Item], Result], items: Iterable[Item], **overrides: Any,
                 ) -> Iterator[Result]:
        return map_articles(function, items, **{**self.options, **overrides})


@contextmanager
def article_runner(
    out: str | os.PathLike[str],
    jobs: int | None = None,
    *,
    engine: str | None = "local",
    scheduler: str | None = None,
    cache: str | os.PathLike[str] | None = None,
    no_cache: bool = False,
    on_failure: Callable[[ArticleFailure], None] | None = None,
    report: Callable[[str], None] = report_on_stderr,
    **other_build_options: Any,
) -> Iterator[Runner]:
    """Everything build() needs around the per-article stage, in one block.

    Takes the lock of OUT (a second build into the same folder is refused), opens the result
    cache (--cache DIR, default beside OUT; none with --no-cache) and yields a Runner,
    `run(function, articles)`, that is `map_articles` with the build's engine, jobs, cache and
    failure report. Build options that are not about execution are ignored here. A refused lock or
    an engine that cannot start becomes a BuildError (exit code 1).
    """
    from timeline.pipeline import BuildError

    engine = "dask" if scheduler else engine or "local"
    try:
        with lock_output(out), open_cache(out, cache, enabled=not no_cache, report=report) as result_cache:
            # Connect to Dask before reading anything: an unreachable scheduler fails the build at once.
            connection = DaskConnection(jobs, scheduler) if engine == "dask" else None
            try:
                yield Runner(result_cache, {
                    "jobs": jobs, "engine": engine, "scheduler": scheduler, "cache": result_cache,
                    "on_failure": on_failure, "dask_connection": connection,
                })
            finally:
                if connection is not None:
                    connection.close()
    except (OutputLocked, EngineError) as error:
        raise BuildError(str(error)) from None
