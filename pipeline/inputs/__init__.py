"""Reading inputs: what kind of file it is (by content), and text decoded once per document.

``sniff`` tells PDFs, images and text apart by their bytes; ``encodings`` decides a text file's encoding
(UTF-8/16, Windows-1258/1252, TCVN3, VNI, VIQR) from how Vietnamese each reading looks; ``text`` splits it into
pages and lines. PDFs and images are read (and rasterised) by the OCR stage.
"""
