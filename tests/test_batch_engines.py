"""The dask engine (a LocalCluster here, as in CI) writes the same bytes as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_service import needs_pipeline
from test_batch_inputs import output_bytes, write_many, write_small_corpus

from service.batch.runner import BatchOptions, run_batch

pytestmark = needs_pipeline


def test_dask_local_cluster_and_local_processes_write_identical_outputs(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    corpus = write_small_corpus(tmp_path / "in")
    write_many(corpus / "them", 8)
    local = run_batch(BatchOptions(inputs=[str(corpus)], out=tmp_path / "local", workers=2, progress=False))
    dask = run_batch(
        BatchOptions(inputs=[str(corpus)], out=tmp_path / "dask", workers=2, engine="dask", progress=False)
    )
    assert local.analysed == dask.analysed == 12
    assert len(dask.worker_peak_rss_mb) == 2  # both dask workers took documents
    assert output_bytes(tmp_path / "dask") == output_bytes(tmp_path / "local")
