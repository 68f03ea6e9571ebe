"""Training of the models shipped in `models/` (reproduced by `make train`)."""
