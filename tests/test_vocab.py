"""kg.vocab.GK mirrors ontologies/govkg.ttl term for term, and every term is documented."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

sys.path.insert(0, str(Path(__file__).parent))
from kg import rdf  # noqa: E402
from kg.vocab import GK, NS

ONTOLOGY = rdf.ONTOLOGY_DIR / "govkg.ttl"


def _ontology_terms() -> set[str]:
    g = Graph().parse(ONTOLOGY, format="turtle")
    return {str(s)[len(NS):] for s in g.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(NS) and str(s) != NS}


def _vocab_terms() -> set[str]:
    return {k for k in GK.__annotations__ if not k.startswith("_")}


def test_vocab_names_every_ontology_term():
    assert _ontology_terms() - _vocab_terms() == set()


def test_ontology_defines_every_vocab_term():
    assert _vocab_terms() - _ontology_terms() == set()


def test_closed_namespace_rejects_misspellings():
    assert GK.partOf == URIRef(NS + "partOf")
    with pytest.raises(AttributeError):
        GK.partof  # noqa: B018


@pytest.mark.parametrize("term", sorted(_ontology_terms()))
def test_every_term_is_labelled_and_commented_in_zh_and_en(term):
    g = Graph().parse(ONTOLOGY, format="turtle")
    iri = URIRef(NS + term)
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in g.objects(iri, prop)}
        assert {"zh", "en"} <= langs, (term, prop)
    kinds = set(g.objects(iri, RDF.type))
    if OWL.DatatypeProperty in kinds or OWL.ObjectProperty in kinds:
        assert g.value(iri, RDFS.range) is not None or g.value(iri, RDFS.domain) is not None, term


def test_terms_used_by_the_rdf_layer_are_in_the_ontology():
    used = {str(p)[len(NS):] for s, p, o in rdf.to_graph(__import__("test_rdf").sample_graph())
            if str(p).startswith(NS)}
    assert used <= _ontology_terms()
