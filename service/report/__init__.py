"""Template and stylesheet of the batch report (`report.html`), inlined by `service.batch.report`."""
