"""The spaCy pipeline: ``spacy.blank("zh")`` with govkg's rule components.

Components (registered factories):

``govkg_sentences``
    sets sentence starts from Chinese end marks and line breaks.
``govkg_entities``
    runs the rule families of :mod:`kg.nlp.rules` over the text and writes every mention to
    ``doc.spans["govkg"]`` (overlapping and nested spans kept, labels Agency, Place, Project,
    Organization) and the full records to ``doc.user_data["govkg.mentions"]``.
``govkg_targets``
    finds target clauses in each sentence (:mod:`kg.targets`), resolving deadlines against
    ``doc.user_data["date"]``, and adds ``Target`` spans.

The tokenizer is spaCy's character segmenter: every rule works on character offsets, so any
span the rules find is a valid token span, whatever the segmentation. ``make_pipeline`` installs
:class:`~kg.nlp.components.CharTokenizer`, which makes the same Docs as ``spacy.blank("zh")``
in linear time.

Two ways through the same components:

* ``nlp(text)`` (the spaCy API): a Doc with sentence starts, ``doc.spans["govkg"]`` and the
  records in ``doc.user_data``;
* the build (:func:`kg.extractor.extract_document`) needs only the records, so it calls each
  component's ``find_mentions(text, date)`` (:func:`~kg.nlp.components.find_mentions`), the very
  method the component's ``__call__`` uses before it writes spans, and skips the per-character
  tokens. A pipeline with a component that has no ``find_mentions`` is run as a Doc pipeline.
"""
from __future__ import annotations

import functools

from .components import make_pipeline

__all__ = ["make_pipeline", "get_pipeline"]


@functools.lru_cache(maxsize=1)
def get_pipeline():
    """The process-wide pipeline (built once: the gazetteer takes a few seconds)."""
    return make_pipeline()
