"""Gold annotations of real documents and the scores of the pipeline against them."""
