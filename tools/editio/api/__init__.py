"""The edition's machine interfaces: DTS 1.0 (Distributed Text Services) and OAI-PMH 2.0.

    builders/api.py   the `api` builder: build/api/ (TEI with citation trees, catalog.json,
                      the static DTS responses, the OAI-PMH Static Repository file)
    catalog.py        what the builder wrote, loaded once by the server
    citations.py      refsDecl/citeStructure: declared, evaluated into citable units, passages cut
    dts.py            the DTS Entry, Collection, Navigation and Document endpoints
    oai.py            the six OAI-PMH verbs, oai_dc and tei, sets, resumption tokens
    app.py            one ASGI application: the site, /dts and /oai (`create_app(path)`)
    http.py           requests and responses, parameter limits, safe static files
"""
