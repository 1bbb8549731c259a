"""Quarter turns of a page: boxes between the scan as fed and the page set upright.

A sheet fed sideways or upside down is read turned upright by ``turns`` counter-clockwise quarter turns
(``np.rot90``'s k; ``Page.turned``); its boxes are kept on the scan as fed, so that a crop of the source image
finds them. What shows the page as it reads (the report's crops, the searchable PDF's text layer) turns them
upright again.
"""

from __future__ import annotations

Box = tuple[float, float, float, float]


def box_fed(box: Box, turns: int, width: float, height: float) -> Box:
    """A box on the page set upright (``width`` x ``height``) mapped onto the scan as fed."""
    x0, y0, x1, y1 = box
    w, h = width, height
    for _ in range(turns % 4):
        # one counter-clockwise quarter turn undone: a point (x, y) of the turned page was at (h - y, x) on
        # the page before the turn, which was h wide and w high
        x0, y0, x1, y1 = h - y1, x0, h - y0, x1
        w, h = h, w
    return (x0, y0, x1, y1)


def box_upright(box: Box, turns: int, width: float, height: float) -> Box:
    """A box on the scan as fed (``width`` x ``height``) mapped onto the page set upright."""
    x0, y0, x1, y1 = box
    w, h = width, height
    for _ in range(turns % 4):
        # one counter-clockwise quarter turn: a point (x, y) goes to (y, w - x) on a page h wide and w high
        x0, y0, x1, y1 = y0, w - x1, y1, w - x0
        w, h = h, w
    return (x0, y0, x1, y1)


def upright_size(turns: int, width: float, height: float) -> tuple[float, float]:
    """Width and height of the page set upright, from the scan's as fed."""
    return (height, width) if turns % 2 else (width, height)
