"""Records passed between the pipeline's stages.

Every stage takes and returns these small frozen dataclasses, so each stage can be
tested on its own: ingest -> :class:`Document`; nlp/extract -> :class:`Mention`,
:class:`TargetFields`; resolve -> :class:`Entity`, :class:`Relation`; graph consumes them.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "KINDS",
    "SUBTYPES",
    "PREDICATES",
    "Document",
    "Provenance",
    "Mention",
    "TargetFields",
    "Entity",
    "Relation",
    "Extraction",
]

#: Node kinds written to the graph (the ontology's classes).
KINDS = ("Agency", "Place", "Project", "Target", "Organization", "Document")
#: Subclasses: District, WaterBody under Place; Campaign under Project.
SUBTYPES = {"District": "Place", "WaterBody": "Place", "Campaign": "Project"}
#: Edge predicates (edge keys in the networkx graph, properties in RDF).
PREDICATES = ("partOf", "locatedIn", "responsibleFor", "setBy", "concerns", "mentionedIn")


@dataclass(frozen=True)
class Document:
    """One article: its text exactly as read, and its metadata."""

    id: str
    text: str
    title: str | None = None
    date: _dt.date | None = None
    url: str | None = None
    source: str | None = None  # file path (and line for JSONL)
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: document, sentence and character offsets in the original text."""

    doc: str
    start: int
    end: int
    sentence: str
    sent_start: int
    rule: str
    confidence: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "sent_start": self.sent_start,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Mention:
    """A span of text recognised as an entity or target.

    ``start``/``end`` are character offsets into the text given to :func:`kg.extract`.
    ``name`` is the normalised name the span stands for (``市发改委`` in a Wuhan article:
    ``武汉市发展和改革委员会``); ``text`` is the surface form.
    """

    label: str
    text: str
    start: int
    end: int
    rule: str
    name: str = ""
    subtype: str | None = None
    confidence: float = 1.0
    attrs: tuple[tuple[str, Any], ...] = ()

    @property
    def attributes(self) -> dict[str, Any]:
        return dict(self.attrs)


@dataclass(frozen=True)
class TargetFields:
    """The normalised content of a target sentence (see :mod:`kg.targets`)."""

    text: str
    deadline: _dt.date | None = None
    time_phrase: str | None = None
    value: float | None = None
    unit: str | None = None
    approximate: bool = False
    comparator: str | None = None  # ">=", "<=", "="
    metric: str | None = None
    value_text: str | None = None


@dataclass(frozen=True)
class Entity:
    """A node: one real thing, its canonical name, aliases and where it was seen."""

    id: str  # stable local key, e.g. "agency/武汉市发展和改革委员会"
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    subtype: str | None = None
    attrs: tuple[tuple[str, Any], ...] = ()
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class Relation:
    """An edge between two entity ids, produced by a named rule."""

    subject: str
    predicate: str
    object: str
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
