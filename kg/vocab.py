"""The govkg vocabulary as a closed rdflib namespace: a misspelt term raises ``AttributeError``.

Mirrors ``ontologies/govkg.ttl`` term for term (``tests/test_vocab.py`` checks both ways).
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["GK", "NS", "ID", "GRAPH"]

#: the ontology namespace
NS = "https://w3id.org/govkg/ns#"
#: where node IRIs are minted
ID = "https://w3id.org/govkg/id/"
#: where the named graphs of articles are minted
GRAPH = "https://w3id.org/govkg/graph/"


class GK(DefinedNamespace):
    """govkg ontology terms (https://w3id.org/govkg/ns#)."""

    _fail = True
    _NS = Namespace(NS)

    # classes
    Agency: URIRef
    Organization: URIRef
    Place: URIRef
    District: URIRef
    WaterBody: URIRef
    Project: URIRef
    Campaign: URIRef
    Target: URIRef
    Document: URIRef
    Evidence: URIRef
    Mention: URIRef
    Assertion: URIRef
    Sentence: URIRef
    # properties
    partOf: URIRef
    locatedIn: URIRef
    responsibleFor: URIRef
    setBy: URIRef
    concerns: URIRef
    mentionedIn: URIRef
    provenance: URIRef
    inDocument: URIRef
    inSentence: URIRef
    deadline: URIRef
    value: URIRef
    unit: URIRef
    key: URIRef
    divisionCode: URIRef
    attributes: URIRef
    text: URIRef
    timePhrase: URIRef
    approximate: URIRef
    comparator: URIRef
    metric: URIRef
    sentence: URIRef  # deprecated: graphs before gk:Sentence (read, never written)
    quote: URIRef
    start: URIRef
    end: URIRef
    sentenceStart: URIRef  # deprecated, as gk:sentence
    rule: URIRef
    confidence: URIRef
    sourceFile: URIRef
    metadata: URIRef
