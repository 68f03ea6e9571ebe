"""Batch corpus analysis: many files in, tables and a report out (`chitieu batch`).

`runner.run_batch` is the entry point; the analysis itself is `nlp`'s, called
per file by `work.analyse_path` inside worker processes. Nothing is imported
here so that workers, which import `service.batch.work`, stay light.
"""
