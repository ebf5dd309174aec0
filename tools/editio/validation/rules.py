"""How libxslt reads the documents a Schematron rule asks for (queryBinding xslt).

document() on a file that does not exist yields <editio-missing/> instead of aborting the run, so that
a dangling pointer is a failed assert (editio.sch's ptr-file, ptr-register), not a crash; the network
is never read (XSLTAccessControl in schematron_run.py).
"""

from __future__ import annotations

import os
from urllib.parse import unquote

from lxml import etree

MISSING = "editio-missing"


class _MissingFiles(etree.Resolver):
    def resolve(self, url, pubid, context):
        path = unquote(url[7:]) if url.startswith("file://") else url  # a file URI's path is %-escaped
        if "://" not in path and not os.path.exists(path):
            return self.resolve_string(f"<{MISSING}/>", context)
        return None


def _xslt_parser():
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_MissingFiles())
    return parser
