"""spaCy factories for govkg's rule components (see :mod:`kg.nlp`)."""
from __future__ import annotations

import datetime as dt
import re

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import load_gazetteer
from ..model import Mention, TargetFields
from .rules import RuleSet
from .sentences import is_heading, paragraph_spans, sentence_spans

__all__ = ["make_pipeline", "find_mentions", "char_words", "CharTokenizer", "SentenceSetter", "EntityRules",
           "TargetRules", "SPAN_KEY"]

SPAN_KEY = "govkg"
MENTIONS = "govkg.mentions"
RULE_TARGET = "target.commitment_clause"


_WS_RUN = re.compile(r"(\s+)")


def char_words(text: str) -> tuple[list[str], list[bool]]:
    r"""The words and spaces of ``text`` as spaCy's character segmenter makes them.

    ``spacy.blank("zh")`` splits a text into characters and aligns them with
    ``spacy.util.get_words_and_spaces`` (which slices the rest of the text once per character):
    every non-space character is a word; a single ``" "`` right after a word is that word's
    trailing space; any other run of whitespace is a word of its own. This gives the same lists
    in one pass over the whitespace runs.

    >>> char_words("到 2021年\n\n明年  好 ")
    (['到', '2', '0', '2', '1', '年', '\n\n', '明', '年', ' ', '好'], [True, False, False, False, False, False, False, False, True, False, True])
    """
    parts = _WS_RUN.split(text)
    words: list[str] = list(parts[0])
    spaces: list[bool] = [False] * len(words)
    for i in range(1, len(parts), 2):
        run, chunk = parts[i], parts[i + 1]
        if words and run[0] == " ":  # the trailing space of the word before
            spaces[-1] = True
            run = run[1:]
        if run:
            words.append(run)
            spaces.append(False)
        words.extend(chunk)
        spaces.extend([False] * len(chunk))
    return words, spaces


class CharTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer with a linear-time character segmenter (same Docs, see
    :func:`char_words`); the jieba and pkuseg segmenters are spaCy's own."""

    def __call__(self, text: str) -> Doc:
        if self.segmenter != Segmenter.char:
            return super().__call__(text)
        words, spaces = char_words(text)
        return Doc(self.vocab, words=words, spaces=spaces)


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

    def find_mentions(self, text: str, date=None) -> list[Mention]:
        """No mentions: sentence starts live only on the Doc (see :func:`find_mentions`)."""
        return []

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = numpy.array([s for s, _ in sentence_spans(doc_text(doc))], dtype="int64")
        idx = doc.to_array(IDX).astype("int64")  # ascending, as are the starts
        flags = numpy.full(len(idx), -1, dtype="int64")
        if len(starts):
            at = numpy.searchsorted(idx, starts)  # the token a start would be, if one begins there
            inside = at < len(idx)
            at = at[inside]
            flags[at[idx[at] == starts[inside]]] = 1
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

    def find_mentions(self, text: str, date=None) -> list[Mention]:
        """The mentions this component adds to ``doc.user_data["govkg.mentions"]`` for ``text``."""
        return self.rules.find(text)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find_mentions(doc_text(doc)))
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

    def find_mentions(self, text: str, date=None) -> list[Mention]:
        """The ``Target`` mentions of ``text`` (``date``: the article's date, or its ISO string)."""
        from ..targets import find_targets_in_text  # loads jionlp's time parser on first use

        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        headings = [(s, e) for s, e in paragraph_spans(text) if is_heading(text[s:e])]
        return [_target_mention(text, s, e, fields) for s, e, fields in find_targets_in_text(text, date)
                if not any(hs <= s < he for hs, he in headings)]  # a headline restates its story

    def __call__(self, doc: Doc) -> Doc:
        EntityRules.set_annotations(doc, self.find_mentions(doc_text(doc), doc.user_data.get("date")))
        return doc


def _target_mention(text: str, start: int, end: int, fields: TargetFields) -> Mention:
    attrs = tuple((k, getattr(fields, k)) for k in TargetFields.__dataclass_fields__)
    return Mention("Target", text[start:end], start, end, RULE_TARGET, text[start:end], None, 0.7, attrs)


def find_mentions(nlp: Language, text: str, date=None) -> list[Mention] | None:
    """``doc.user_data["govkg.mentions"]`` of ``nlp(text)`` (with ``date`` set), without the Doc.

    Every govkg component finds its mentions on the text alone (:meth:`EntityRules.find_mentions`,
    :meth:`TargetRules.find_mentions`; the same methods its ``__call__`` uses) and only then
    writes them to the Doc as spans. The build path needs the mentions, not the spans, so it
    calls the finders in pipeline order and skips the per-character tokens, the sentence flags
    and the spans. None when a component of ``nlp`` has no ``find_mentions`` (one a user added):
    run the pipeline then.
    """
    finders = [getattr(proc, "find_mentions", None) for _, proc in nlp.pipeline]
    if not all(callable(f) for f in finders):
        return None
    out: list[Mention] = []
    for f in finders:
        out.extend(f(text, date))
    return out


def make_pipeline() -> Language:
    """``spacy.blank("zh")`` (character segmenter) with the govkg components."""
    nlp = spacy.blank("zh")
    if type(nlp.tokenizer) is ChineseTokenizer and nlp.tokenizer.segmenter == Segmenter.char:
        nlp.tokenizer = CharTokenizer(nlp.vocab)  # the same Docs, in linear time
    nlp.add_pipe("govkg_sentences")
    nlp.add_pipe("govkg_entities")
    nlp.add_pipe("govkg_targets")
    return nlp
