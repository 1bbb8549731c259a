"""PDF/A-2b for the searchable PDFs: what a page may hold, the metadata and output intent a file needs, and
the checker used to validate the result.

* ``page_blockers(page)``: why a copied page could not be declared PDF/A (device CMYK colour, LZW or
  encrypted streams, annotations, actions, fonts or forms the writer did not make, transfer functions,
  inline images); ``fix_images`` drops what PDF/A forbids in an image dictionary without touching its
  pixels (``/Interpolate true``, ``/Alternates``, ``/OPI``).
* ``finish(pdf, doc, pdfa=...)``: XMP metadata from ``doc.identity`` (title, symbol, issuer, date, language
  ``vi``) kept in step with the document information dictionary, ``/Lang vi``, and when ``pdfa`` the sRGB
  output intent (``icc.srgb_profile``) and the PDF/A-2b identification.
* ``preflight(path)``: Apache PDFBox Preflight (Debian ``libpdfbox2-java``; veraPDF is not packaged). It
  checks PDF/A-1b: file structure (header, trailer, cross-reference, streams), embedded fonts and their
  widths, colour spaces against the output intent, the ICC profile, transparency, actions, annotations,
  and XMP metadata with its synchronisation to the information dictionary. PDF/A-1b is stricter than
  PDF/A-2b in every rule the writer's own objects touch (classic cross-reference table, no object
  streams, ICC version 2, no transparency), so a file it passes meets those rules of PDF/A-2b too; a
  scanner's JPEG 2000 or soft-masked image is the one thing PDF/A-2b allows and it reports.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.emit.icc import srgb_profile
from pipeline.model import Document

PRODUCER_TOOL = "vnreports"
ALLOWED_FILTERS = {"/FlateDecode", "/DCTDecode", "/CCITTFaxDecode", "/JBIG2Decode", "/JPXDecode",
                   "/RunLengthDecode", "/ASCIIHexDecode", "/ASCII85Decode"}
ALLOWED_SPACES = {"/DeviceGray", "/DeviceRGB", "/CalGray", "/CalRGB", "/ICCBased", "/Lab", "/Indexed"}
FORBIDDEN_OPERATORS = {"k": "DeviceCMYK colour", "K": "DeviceCMYK colour", "BI": "an inline image"}
JAVA_DIRS = (Path("/usr/share/java"),)
PREFLIGHT_JARS = ("preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar",
                  "javax.activation.jar", "jaxb-api.jar")


def _names(obj) -> list[str]:
    """A /Filter value (a name or an array of names) as a list of names."""
    import pikepdf

    if obj is None:
        return []
    if isinstance(obj, pikepdf.Name):
        return [str(obj)]
    if isinstance(obj, pikepdf.Array):
        return [str(x) for x in obj if isinstance(x, pikepdf.Name)]
    return []


def _colour_space_ok(cs) -> bool:
    import pikepdf

    if cs is None:
        return True
    if isinstance(cs, pikepdf.Name):
        return str(cs) in ("/DeviceGray", "/DeviceRGB")
    if isinstance(cs, pikepdf.Array) and len(cs) > 0:
        family = str(cs[0])
        if family == "/Indexed":
            return len(cs) > 1 and _colour_space_ok(cs[1])
        return family in ALLOWED_SPACES
    return False


def image_blockers(image) -> list[str]:
    """Why an image XObject cannot stay in a PDF/A file as it is."""
    out = []
    filters = _names(image.get("/Filter"))
    bad = [f for f in filters if f not in ALLOWED_FILTERS]
    if bad:
        out.append(f"image filter {', '.join(bad)}")
    if image.get("/ImageMask") is not True and not _colour_space_ok(image.get("/ColorSpace")):
        out.append("image colour space " + str(image.get("/ColorSpace"))[:40])
    return out


def fix_images(page) -> None:
    """Drop what PDF/A forbids in an image dictionary and that does not change its pixels."""
    for image in _xobjects(page).values():
        for key in ("/Interpolate", "/Alternates", "/OPI"):
            if key in image:
                del image[key]


def _xobjects(page) -> dict:
    res = page.obj.get("/Resources")
    xobjects = res.get("/XObject") if res is not None else None
    return dict(xobjects.items()) if xobjects is not None else {}


def page_blockers(page) -> list[str]:
    """Why this (copied) page cannot be declared PDF/A-2b; [] when it can."""
    import pikepdf

    out = []
    for key, what in (("/Annots", "annotations"), ("/AA", "actions")):
        if key in page.obj:
            out.append(what)
    res = page.obj.get("/Resources") or pikepdf.Dictionary()
    if "/Font" in res:
        out.append("fonts of the source")
    for name, xobj in _xobjects(page).items():
        if xobj.get("/Subtype") != pikepdf.Name.Image:
            out.append(f"XObject {name} is not an image")
            continue
        out += image_blockers(xobj)
        smask = xobj.get("/SMask")
        if smask is not None:
            out += image_blockers(smask)
    states = res.get("/ExtGState")
    for gs in states.values() if states is not None else []:
        for key in ("/TR", "/TR2", "/HTP", "/HTO"):
            if key in gs and not (key == "/TR2" and gs[key] == pikepdf.Name.Default):
                out.append(f"graphics state {key}")
    try:
        ops = {str(op) for _, op in pikepdf.parse_content_stream(page)}
    except pikepdf.PdfError:
        return out + ["unreadable content"]
    out += sorted({what for op, what in FORBIDDEN_OPERATORS.items() if op in ops})
    for res_kind in ("/Shading", "/Pattern", "/Properties"):
        if res_kind in res:
            out.append(f"{res_kind[1:].lower()} resources")
    return out


# ---------------------------------------------------------------------------------------------
# Metadata and output intent
# ---------------------------------------------------------------------------------------------
def _clean_date(value: str | None) -> str | None:
    """An ISO date as XMP wants it: a partial date (``2023-11-??``) keeps its known part."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    return "-".join(p for p in m.groups() if p)


def describe(doc: Document) -> dict[str, str | list[str]]:
    """The document's metadata, from the identity extraction found (empty parts left out)."""
    ident = doc.identity
    title = ident.title or " ".join(p for p in (ident.type, ident.symbol) if p) or Path(doc.path).name
    number = f"{ident.type or 'Văn bản'} số {ident.symbol}" if ident.symbol else ident.type
    date = _clean_date(ident.date)
    subject = ", ".join(p for p in (number, ident.place, f"ngày {date}" if date else None,
                                   ident.issuer_parent, ident.issuer) if p)
    keywords = "; ".join(p for p in (ident.symbol, ident.issuer_parent, ident.issuer,
                                     str(ident.report_year) if ident.report_year else None) if p)
    meta: dict[str, str | list[str]] = {"dc:title": title, "dc:language": ["vi"],
                                       "dc:source": f"{doc.path} (sha256 {doc.sha256})"}
    if ident.issuer or ident.issuer_parent:
        meta["dc:creator"] = [ident.issuer or ident.issuer_parent]
    if subject:
        meta["dc:description"] = subject
    if ident.symbol:
        meta["dc:identifier"] = ident.symbol
    if date:
        meta["dc:date"] = [date]
    if keywords:
        meta["pdf:Keywords"] = keywords
    return meta


def add_output_intent(pdf) -> None:
    from pikepdf import Array, Dictionary, Name, Stream

    profile = Stream(pdf, srgb_profile())
    profile.N = 3
    pdf.Root.OutputIntents = Array([pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier="sRGB IEC61966-2.1",
        Info="sRGB IEC61966-2.1", DestOutputProfile=profile,
    ))])


XMP_NAMESPACES = {"dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
                  "xmp": "http://ns.adobe.com/xap/1.0/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}


def _empty_xmp() -> bytes:
    """An XMP packet whose one description declares every namespace used: properties added later then
    carry no namespace declaration of their own, which XMP readers of PDF/A checkers (PDFBox's XmpBox)
    do not accept."""
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in XMP_NAMESPACES.items())
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            f'<rdf:Description rdf:about="" {ns}/>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>').encode()


def finish(pdf, doc: Document, *, pdfa: bool, version: str) -> None:
    """Metadata (XMP + information dictionary, in step), ``/Lang vi`` and, with ``pdfa``, the output
    intent and the PDF/A-2b identification."""
    from pikepdf import Name, Stream, String

    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    pdf.Root.Lang = String("vi")
    xmp_stream = Stream(pdf, _empty_xmp())
    xmp_stream.Type, xmp_stream.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = pdf.make_indirect(xmp_stream)
    if pdfa:
        add_output_intent(pdf)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        for key, value in describe(doc).items():
            xmp[key] = value
        xmp["xmp:CreatorTool"] = f"{PRODUCER_TOOL} {version}"
        xmp["pdf:Producer"] = f"{PRODUCER_TOOL} {version}"
        xmp["xmp:CreateDate"] = now
        xmp["xmp:ModifyDate"] = now
        xmp["xmp:MetadataDate"] = now
        if pdfa:
            xmp["pdfaid:part"] = "2"
            xmp["pdfaid:conformance"] = "B"


# ---------------------------------------------------------------------------------------------
# The checker
# ---------------------------------------------------------------------------------------------
@dataclass
class CheckResult:
    checker: str
    valid: bool
    errors: list[str] = field(default_factory=list)


def preflight_classpath() -> str | None:
    """The Preflight class path when Java and the Debian jars are installed, else None."""
    if shutil.which("java") is None:
        return None
    dirs = [Path(p) for p in os.environ.get("VNREPORTS_JAVA_DIRS", "").split(os.pathsep) if p] + list(JAVA_DIRS)
    jars = []
    for name in PREFLIGHT_JARS:
        found = next((d / name for d in dirs if (d / name).is_file()), None)
        if found is None:
            return None
        jars.append(str(found))
    return os.pathsep.join(jars)


def preflight(path: str | Path, timeout: float = 120) -> CheckResult | None:
    """Validate ``path`` with Apache PDFBox Preflight; None when it is not installed.

    Preflight implements PDF/A-1b and insists on the identification ``pdfaid:part`` 1, so a PDF/A-2b file
    is checked as a copy that differs in that one byte of its (uncompressed) XMP packet: every other rule
    runs on the file as written.
    """
    import tempfile

    cp = preflight_classpath()
    if cp is None:
        return None
    data = Path(path).read_bytes()
    declared = re.search(rb"<pdfaid:part>([0-9])</pdfaid:part>", data)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(path)
        if declared and declared.group(1) != b"1":
            target = Path(tmp) / "as-part-1.pdf"
            target.write_bytes(data[:declared.start(1)] + b"1" + data[declared.end(1):])
        proc = subprocess.run(["java", "-cp", cp, "org.apache.pdfbox.preflight.Validator_A1b", str(target)],
                              capture_output=True, text=True, timeout=timeout)
    text = proc.stdout + proc.stderr
    valid = proc.returncode == 0 and " is a valid PDF/A-1b file" in text
    errors = [ln.strip() for ln in text.splitlines() if re.match(r"^\s*\d+(\.\d+)*\s*:", ln)]
    if not valid and not errors:
        errors = text.strip().splitlines()[-3:]
    return CheckResult("Apache PDFBox Preflight 2.0 (PDF/A-1b rules)", valid, errors)
