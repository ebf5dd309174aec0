"""Print a validation Report as text, JSON, JUnit XML or GitHub Actions annotations."""

from __future__ import annotations

from lxml import etree

from .engine import Report

FORMATS = ("text", "json", "junit", "github", "svrl")


def summary(report: Report) -> dict:
    invalid = [r for r in report.results if not r.valid]
    return {"files": len(report.results), "invalid": len(invalid),
            "errors": sum(1 for i in report.issues() if i.severity == "error"),
            "warnings": sum(1 for i in report.issues() if i.severity == "warning"),
            "exit_code": report.exit_code}


def as_text(report: Report) -> str:
    lines = [i.text() for i in report.issues()]
    s = summary(report)
    lines.append(f"{s['files']} file(s) checked: {s['files'] - s['invalid']} valid, {s['invalid']} invalid, "
                 f"{s['errors']} error(s)")
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    import json  # only --format json needs it
    doc = {"summary": summary(report),
           "files": [{"file": r.file, "valid": r.valid, "could_not_run": r.could_not_run,
                      "issues": [i.as_dict() for i in r.issues]} for r in report.results]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def as_junit(report: Report) -> str:
    s = summary(report)
    suite = etree.Element("testsuite", name="editio validate", tests=str(s["files"]),
                          failures=str(sum(1 for r in report.results if not r.valid and not r.could_not_run)),
                          errors=str(sum(1 for r in report.results if r.could_not_run)))
    for r in report.results:
        case = etree.SubElement(suite, "testcase", classname="editio.validate", name=r.file)
        for issue in r.issues:
            if issue.severity != "error":
                continue
            tag = "error" if r.could_not_run else "failure"
            node = etree.SubElement(case, tag, type=issue.rule, message=issue.message)
            node.text = issue.text()
    suites = etree.Element("testsuites")
    suites.append(suite)
    return etree.tostring(suites, encoding="unicode", pretty_print=True)


def _esc_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _esc_prop(text: str) -> str:
    return _esc_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(report: Report) -> str:
    lines = []
    for i in report.issues():
        level = {"error": "error", "info": "notice"}.get(i.severity, "warning")
        body = i.message + (f"\nhint: {i.hint}" if i.hint else "")
        lines.append(f"::{level} file={_esc_prop(i.file)},line={max(i.line, 1)},col={max(i.column, 1)},"
                     f"title={_esc_prop('[' + i.rule + ']')}::{_esc_data(body)}")
    s = summary(report)
    lines.append(f"{s['files']} file(s) checked: {s['invalid']} invalid, {s['errors']} error(s)")
    return "\n".join(lines) + "\n"


def as_svrl(report: Report) -> str:
    """SVRL as ISO Schematron defines it: one svrl:schematron-output per document and schema; several
    are wrapped in editio:reports, each with the file it is about."""
    from .schematron import EDITIO
    docs = []
    for r in report.results:
        for data in r.svrl:
            root = etree.fromstring(data)
            for el in root.iter():
                for key in [k for k in el.attrib if k.startswith(f"{{{EDITIO}}}")]:
                    del el.attrib[key]
            etree.cleanup_namespaces(root)
            docs.append((r.file, root))
    if len(docs) == 1:
        return etree.tostring(docs[0][1], encoding="unicode", pretty_print=True)
    wrap = etree.Element(f"{{{EDITIO}}}reports", nsmap={"editio": EDITIO})
    for file, root in docs:
        holder = etree.SubElement(wrap, f"{{{EDITIO}}}document", file=file)
        holder.append(root)
    return etree.tostring(wrap, encoding="unicode", pretty_print=True)


RENDER = {"text": as_text, "json": as_json, "junit": as_junit, "github": as_github, "svrl": as_svrl}
