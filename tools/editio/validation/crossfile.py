"""Rules that one document cannot check alone: ids unique across the edition, root id = file name."""

from __future__ import annotations

import os
from pathlib import Path

from .issues import HINTS, FileResult, Issue


def check_edition(results: list[FileResult]) -> None:
    first_seen: dict[str, tuple[str, int]] = {}
    for result in results:
        local: set[str] = set()
        for xml_id, line, origin in result.ids:
            if xml_id in local:
                continue  # a duplicate inside one file is editio.sch's id-unique
            local.add(xml_id)
            if xml_id in first_seen:
                other, other_line = first_seen[xml_id]
                if other_line == line and os.path.realpath(other) == os.path.realpath(origin):
                    continue  # one declaration, seen again through an xi:include
                result.issues.append(Issue(origin, line, 1, "id-unique-edition",
                                           f"xml:id '{xml_id}' is also declared in {other}:{other_line}",
                                           HINTS["id-unique-edition"]))
            else:
                first_seen[xml_id] = (origin, line)
        if result.root_id is not None:
            expected = "d" + Path(result.file).stem
            if result.root_id != expected:
                result.issues.append(Issue(result.file, 2, 1, "id-root-matches-file",
                                           f"root xml:id '{result.root_id}' should be '{expected}'",
                                           HINTS["id-root-matches-file"]))
