"""Exchange with other archives: import a volume that holds many documents, export it back.

    profile.py        what a profile says (TOML: profiles/frus.toml, profiles/generic.toml, a user's own)
    split.py          volume -> units, the id index, pointer and element rewrites, the outline shell
    header.py         the teiHeader of an imported document, made from its volume
    register_file.py  the volume's register lists -> a register file (listPerson, listOrg)
    importer.py       plan and write an import (convert's fingerprints and atomic writes)
    assemble.py       export: outline + documents -> the volume, every rewrite undone
    outline.py        the volumes' outlines as the web edition groups documents by them
"""
