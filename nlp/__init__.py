"""chitieu's analysis library: Vietnamese text in, `Analysis` out (no web code)."""

from nlp.schema import Analysis, Source

__all__ = ["Analysis", "Source", "analyze_text"]


def analyze_text(text: str, source: Source | None = None, warnings: list[str] | None = None) -> Analysis:
    from nlp.pipeline import analyze_text as _analyze

    return _analyze(text, source, warnings)
