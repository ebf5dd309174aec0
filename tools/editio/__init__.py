"""editio: a toolkit for TEI-XML digital scholarly editions.

The pipeline (one module per stage):

    readers/  source text -> model.Document
    writer    model.Document -> TEI tree
    enrich    TEI tree -> TEI tree (tagger, dates, emendation, apparatus)
    validate  TEI -> diagnostics (RelaxNG + Schematron)
    web/latex TEI -> static site / PDF (through xslt/)
"""

__version__ = "0.1.0"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
