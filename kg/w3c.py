"""The W3C and DCMI terms finreg's code uses, as pyoxigraph NamedNodes (finreg's own terms are
generated into ``kg.vocab.FRN``)."""

from __future__ import annotations

from pyoxigraph import NamedNode

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"

RDF_TYPE = NamedNode(RDF + "type")
RDF_FIRST = NamedNode(RDF + "first")
RDF_REST = NamedNode(RDF + "rest")
RDFS_SUBCLASS_OF = NamedNode(RDFS + "subClassOf")
XSD_DATE_TIME = NamedNode(XSD + "dateTime")
SKOS_PREF_LABEL = NamedNode(SKOS + "prefLabel")
SKOS_ALT_LABEL = NamedNode(SKOS + "altLabel")
DCTERMS_MODIFIED = NamedNode(DCTERMS + "modified")
DCTERMS_IDENTIFIER = NamedNode(DCTERMS + "identifier")
DCTERMS_HAS_VERSION = NamedNode(DCTERMS + "hasVersion")
VOID_DATASET = NamedNode(VOID + "Dataset")
