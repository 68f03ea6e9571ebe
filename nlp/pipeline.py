"""The analysis pipeline: the one place where components are declared.

Each component is a function `run(doc: Doc) -> None` that reads what earlier
components stored on the document and adds its own layer. Adding a component
means writing its module and adding one line to `COMPONENTS`.
"""

from __future__ import annotations

from collections.abc import Callable

from nlp import (
    dates,
    entities,
    guidance,
    indicators,
    normalise,
    quantities,
    references,
    sentences,
    structure,
    tables,
    targets,
    words,
)
from nlp.doc import Doc
from nlp.export import to_analysis
from nlp.schema import Analysis, Source

Component = Callable[[Doc], None]

COMPONENTS: list[tuple[str, Component]] = [
    ("normalise", normalise.run),  # NFC, tone marks, spaces
    ("structure", structure.run),  # header block, document identity, sections and items
    ("sentences", sentences.run),  # sentence spans (headline and items on their own)
    ("words", words.run),  # underthesea segmentation once per sentence, spaCy Doc
    ("dates", dates.run),  # dates and periods
    ("references", references.run),  # citations of other documents
    ("quantities", quantities.run),  # numbers, ranges, percentages, money
    ("entities", entities.run),  # PER/ORG/LOC + the numeric and date labels
    ("targets", targets.run),  # chỉ tiêu: numeric commitments
    ("tables", tables.run),  # chỉ tiêu from table rows (indicator, unit, value, year columns)
    ("guidance", guidance.run),  # the tasks the document assigns
    ("indicators", indicators.run),  # catalog indicator per target, suggestions per guidance item
]


def load_models() -> None:
    """Load every shipped model and data file now, so a missing or corrupt one fails at start-up."""
    from nlp import guidance_model, target_model

    target_model.load_model()
    guidance_model.load()
    process("Ủy ban nhân dân tỉnh giao Sở Tài chính kiểm tra, báo cáo kết quả thực hiện trước ngày 30/11/2025.")


def process(text: str, source: Source | None = None, warnings: list[str] | None = None) -> Doc:
    doc = Doc(text=text, source=source or Source())
    doc.warnings.extend(warnings or [])
    for _name, component in COMPONENTS:
        component(doc)
    return doc


def analyze_text(text: str, source: Source | None = None, warnings: list[str] | None = None) -> Analysis:
    """Text in, Analysis out."""
    return to_analysis(process(text, source, warnings))
