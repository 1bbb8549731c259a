"""spaCy pipeline component ``vn_restore``: ``nlp.add_pipe("vn_restore")`` after importing this module.

The restored text of ``doc.text`` goes to ``doc._.restored`` (the tokens stay those of the input).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.restore import restore_text

if not Doc.has_extension("restored"):
    Doc.set_extension("restored", default=None)


@Language.component("vn_restore")
def vn_restore(doc: Doc) -> Doc:
    doc._.restored = restore_text(doc.text)
    return doc
