"""The enrichment transforms: each works on a TEI tree after the writer, in priority order
(docutils-style), on any TEI tree, ours or someone else's (`editio tag` runs two of them).

    apparatus   100  witnesses -> one text with app/lem/rdg
    emendation  200  the editors' corrections -> choice/sic/corr, supplied, surplus
    tagger      300  persName/placeName/orgName/rs with @ref into the register
    dates       400  date with @when or @notBefore/@notAfter (and the date normaliser)
    annotation  500  the editors' dates and notes (notesStmt)

`editio.enrich` lists and runs them; a new transform is a class with `name`, `priority` and
`apply(tree, ctx)` in a module here, listed in `enrich.TRANSFORMS`.
"""
