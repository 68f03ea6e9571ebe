"""The analysis worker: documents queued by id, analysed in background threads.

The queue holds only ids; the state lives in the database (`pending` until stored), so a
restart loses nothing: `requeue_pending()` at start-up picks up what was left.
"""

from __future__ import annotations

import logging
import queue
import threading

from nlp.ingest import IngestError
from service.storage import BlobStore, Store

log = logging.getLogger("chitieu.worker")

_STOP = -1


def analyse_bytes(data: bytes, filename: str | None):  # noqa: ANN201 - nlp.schema.Analysis
    """The one way the service analyses a file: ingest, then the pipeline."""
    from nlp.ingest import read_bytes
    from nlp.pipeline import analyze_text

    ingested = read_bytes(data, filename)
    return analyze_text(ingested.text, ingested.source, ingested.warnings)


class Worker:
    def __init__(self, store: Store, blobs: BlobStore, threads: int = 1) -> None:
        self.store = store
        self.blobs = blobs
        self.threads = threads
        self._queue: queue.Queue[int] = queue.Queue()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for i in range(self.threads):
            t = threading.Thread(target=self._run, name=f"chitieu-analysis-{i}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 30) -> None:
        """Let the document in hand finish; queued ones stay `pending` in the database."""
        while True:
            try:
                self._queue.get_nowait()
                self._queue.task_done()
            except queue.Empty:
                break
        for _ in self._threads:
            self._queue.put(_STOP)
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()

    def submit(self, doc_id: int) -> None:
        self._queue.put(doc_id)

    def requeue_pending(self) -> int:
        ids = self.store.pending_ids()
        for doc_id in ids:
            self.submit(doc_id)
        if ids:
            log.info("re-queued %d pending documents", len(ids))
        return len(ids)

    def join(self) -> None:
        """Block until every queued document has been processed (tests, benchmarks)."""
        self._queue.join()

    def _run(self) -> None:
        while True:
            doc_id = self._queue.get()
            try:
                if doc_id == _STOP:
                    return
                self.process(doc_id)
            except Exception:  # noqa: BLE001 - the thread must survive any one document
                log.exception("worker error on document %s", doc_id)
            finally:
                self._queue.task_done()

    def process(self, doc_id: int) -> None:
        doc = self.store.get(doc_id)
        if doc is None or doc.status != "pending":  # deleted, or a duplicate queue entry
            return
        try:
            data = self.blobs.get(doc.sha256)
        except OSError:
            self.store.mark_failed(doc_id, "the uploaded file is missing from the data folder")
            return
        try:
            analysis = analyse_bytes(data, doc.filename)
        except IngestError as exc:
            self.store.mark_failed(doc_id, exc.reason)
            return
        except Exception as exc:  # noqa: BLE001 - recorded on the document, logged with traceback
            log.exception("analysis of document %s failed", doc_id)
            self.store.mark_failed(doc_id, f"analysis failed ({type(exc).__name__})")
            return
        self.store.save_analysis(doc_id, analysis)
