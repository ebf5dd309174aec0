"""The API settings of an edition: the `[oai]` and `[api]` tables of edition.toml, checked.

    [oai]
    repository_name = "..."          # default: the edition's title
    repository_identifier = "example.org"   # oai:{this}:{document id}; default: the base URL's host
    base_url = "https://example.org/oai"    # default: the site's base_url + "oai", else the request's
    admin_email = "editors@example.org"     # or a list; required by the protocol (a warning without)
    page_size = 100                  # records (identifiers) per response before a resumption token
    token_lifetime = 86400           # seconds a resumption token is valid
    deleted_record = "no"            # no | transient | persistent
    earliest_datestamp = "2024-01-01"   # default: the earliest datestamp of any record

    [api]
    page_size = 50                   # DTS collection members per page
    root_id = "edition"              # the DTS root collection's @id
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from ..edition import Edition
from ..errors import InputError

PLACEHOLDER_EMAIL = "webmaster@localhost.localdomain"
REPO_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
EMAIL = re.compile(r"\S+@(\S+\.)+\S+")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class ApiSettings:
    repository_name: str
    repository_identifier: str
    base_url: str                    # the OAI endpoint's URL, "" = from the request
    site_url: str                    # the site's base URL ("" = relative to the request)
    admin_emails: list[str] = field(default_factory=list)
    page_size: int = 100
    token_lifetime: int = 86400
    deleted_record: str = "no"
    earliest_datestamp: str = ""
    dts_page_size: int = 50
    root_id: str = "edition"
    missing_email: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def _int(table: dict, key: str, default: int, where: str, section: str, low: int = 1, high: int = 10**7) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f"[{section}] {key} must be a whole number from {low} to {high}", path=where)
    return value


def _str(table: dict, key: str, where: str, section: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"[{section}] {key} must be a string", path=where)
    return value.strip()


def load(edition: Edition) -> ApiSettings:
    where = str(edition.config or edition.root)
    oai = edition.data.get("oai", {})
    api = edition.data.get("api", {})
    for name, table in (("oai", oai), ("api", api)):
        if not isinstance(table, dict):
            raise InputError(f"[{name}] must be a table", path=where)
    site_url = edition.site.base_url
    base_url = _str(oai, "base_url", where, "oai") or (site_url + "oai" if site_url else "")
    if base_url and not base_url.startswith(("http://", "https://")):
        raise InputError("[oai] base_url must be an http(s) URL", path=where)
    ident = _str(oai, "repository_identifier", where, "oai")
    if not ident:
        host = urlsplit(base_url or site_url).hostname or ""
        ident = host if REPO_ID.fullmatch(host) else "editio.invalid"
    if not REPO_ID.fullmatch(ident):
        raise InputError(f"[oai] repository_identifier {ident!r} is not a domain name "
                         "(letters, digits and hyphens, with at least one dot)", path=where)
    emails = oai.get("admin_email", [])
    emails = [emails] if isinstance(emails, str) else emails
    if not isinstance(emails, list) or not all(isinstance(e, str) and EMAIL.fullmatch(e.strip()) for e in emails):
        raise InputError("[oai] admin_email must be an e-mail address or a list of them", path=where)
    emails = [e.strip() for e in emails]
    deleted = _str(oai, "deleted_record", where, "oai") or "no"
    if deleted not in ("no", "transient", "persistent"):
        raise InputError("[oai] deleted_record must be no, transient or persistent", path=where)
    earliest = _str(oai, "earliest_datestamp", where, "oai")
    if earliest and not DAY.fullmatch(earliest):
        raise InputError("[oai] earliest_datestamp must be YYYY-MM-DD", path=where)
    root_id = _str(api, "root_id", where, "api") or "edition"
    return ApiSettings(
        repository_name=_str(oai, "repository_name", where, "oai") or edition.title,
        repository_identifier=ident, base_url=base_url, site_url=site_url,
        admin_emails=emails or [PLACEHOLDER_EMAIL], missing_email=not emails,
        page_size=_int(oai, "page_size", 100, where, "oai", 1, 10000),
        token_lifetime=_int(oai, "token_lifetime", 86400, where, "oai", 1, 10**8),
        deleted_record=deleted, earliest_datestamp=earliest,
        dts_page_size=_int(api, "page_size", 50, where, "api", 1, 10000), root_id=root_id)
