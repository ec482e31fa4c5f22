"""spaCy factories for govkg's rule components (see :mod:`kg.nlp`)."""
from __future__ import annotations

import datetime as dt

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import load_gazetteer
from ..model import Mention, TargetFields
from .rules import RuleSet
from .sentences import is_heading, paragraph_spans, sentence_spans

__all__ = ["make_pipeline", "SentenceSetter", "EntityRules", "TargetRules", "SPAN_KEY"]

SPAN_KEY = "govkg"
MENTIONS = "govkg.mentions"
RULE_TARGET = "target.commitment_clause"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy joins every token on each access)."""
    text = doc.user_data.get("govkg.text")
    if text is None:
        text = doc.user_data["govkg.text"] = doc.text
    return text


@Language.factory("govkg_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSetter":
    return SentenceSetter()


class SentenceSetter:
    """Sentence starts from :func:`sentence_spans`, set in one array write."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = numpy.array([s for s, _ in sentence_spans(doc_text(doc))], dtype="int64")
        idx = doc.to_array(IDX).astype("int64")
        flags = numpy.where(numpy.isin(idx, starts), 1, -1)
        flags[0] = 1
        # spaCy stores attributes as uint64; -1 wraps to the value it expects for "not a start"
        doc.from_array([SENT_START], flags.astype("int64").astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("govkg_entities")
def make_entities(nlp: Language, name: str) -> "EntityRules":
    return EntityRules(RuleSet(load_gazetteer()))


class EntityRules:
    """Find matches (:meth:`RuleSet.find`), then set annotations on the Doc."""

    def __init__(self, rules: RuleSet):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.rules.find(doc_text(doc))
        self.set_annotations(doc, mentions)
        return doc

    @staticmethod
    def set_annotations(doc: Doc, mentions: list[Mention]) -> None:
        doc.user_data.setdefault(MENTIONS, []).extend(mentions)
        group = doc.spans.setdefault(SPAN_KEY, [])
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is not None:
                group.append(span)


@Language.factory("govkg_targets")
def make_targets(nlp: Language, name: str) -> "TargetRules":
    return TargetRules()


class TargetRules:
    """Target clauses of every sentence, as ``Target`` spans with their fields."""

    def __call__(self, doc: Doc) -> Doc:
        from ..targets import find_targets_in_text  # loads jionlp's time parser on first use

        date = doc.user_data.get("date")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        text = doc_text(doc)
        headings = [(s, e) for s, e in paragraph_spans(text) if is_heading(text[s:e])]
        found = [_target_mention(text, s, e, fields) for s, e, fields in find_targets_in_text(text, date)
                 if not any(hs <= s < he for hs, he in headings)]  # a headline restates its story
        EntityRules.set_annotations(doc, found)
        return doc


def _target_mention(text: str, start: int, end: int, fields: TargetFields) -> Mention:
    attrs = tuple((k, getattr(fields, k)) for k in TargetFields.__dataclass_fields__)
    return Mention("Target", text[start:end], start, end, RULE_TARGET, text[start:end], None, 0.7, attrs)


def make_pipeline() -> Language:
    """``spacy.blank("zh")`` (character segmenter) with the govkg components."""
    nlp = spacy.blank("zh")
    nlp.add_pipe("govkg_sentences")
    nlp.add_pipe("govkg_entities")
    nlp.add_pipe("govkg_targets")
    return nlp
