"""Persistence of uploaded documents and their analyses (SQLAlchemy 2, Alembic migrations).

`Store` is the one entry point the routers and the worker use; `BlobStore` keeps the
uploaded originals on disk by content hash.
"""

from service.storage.blobs import BlobStore
from service.storage.store import DocumentRow, Store

__all__ = ["BlobStore", "DocumentRow", "Store"]
