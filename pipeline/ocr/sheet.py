"""A sheet photographed on a desk: found as a quadrilateral of paper on a darker ground and set square.

A phone's photo of a page (how offices pass documents on) shows the sheet in perspective on the desk: its edges
are not the frame's, its lines converge, and the ground around it is dark. Cutting the dark margin away by rows
and columns (``preprocess.remove_border``) leaves the ground's wedges, and the two-column header's gutter runs
aslant. The sheet's outline is found on a quarter-size copy (the largest light region once the print is closed
over, its convex hull reduced to four corners); when it lies inside the frame with ground around it and its
corners are off the frame's axes, the sheet is warped to a rectangle of its own size (a homography) and read so;
boxes are mapped back onto the photo as taken. A scan square to its frame, or one with a dark band on a side or
two, is left to the border removal.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_AREA = 0.35  # share of the frame: a smaller light region is no sheet
MAX_AREA = 0.97  # share of the frame: a larger one has no ground around it
OFF_AXIS = 0.01  # share of the frame's diagonal: corners nearer their box's corners than this are square already
CLOSE = 0.03  # share of the copy's shorter side: the closing that fills the print of the sheet


def outline(small: np.ndarray, scale: float = 1.0) -> np.ndarray | None:
    """The sheet's four corners (top-left, top-right, bottom-right, bottom-left; float32 pixels of the image
    ``small`` is a gray copy of at ``scale``: the reader hands a quarter-size one) when the image is a sheet in
    perspective or turned on a darker ground; None otherwise."""
    sh, sw = small.shape[:2]
    light = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
    k = max(3, int(CLOSE * min(sh, sw)))
    light = cv2.morphologyEx(light, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    contours, _ = cv2.findContours(light, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    area = cv2.contourArea(hull)
    if not MIN_AREA * sh * sw <= area <= MAX_AREA * sh * sw:
        return None
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2).astype(np.float32)
    if len(quad) != 4:
        return None
    s, d = quad.sum(axis=1), np.diff(quad, axis=1).ravel()
    corners = np.float32([quad[s.argmin()], quad[d.argmin()], quad[s.argmax()], quad[d.argmax()]])
    if len({tuple(c) for c in corners}) != 4:
        return None
    x0, y0 = corners.min(axis=0)
    x1, y1 = corners.max(axis=0)
    box = np.float32([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    if np.linalg.norm(corners - box, axis=1).max() < OFF_AXIS * np.hypot(sh, sw):
        return None  # square to the frame: the border removal's business
    return corners / scale


def flatten(image: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``image`` (gray or RGB) with the sheet inside ``corners`` warped to a rectangle as large as its longer
    edges; and the homography that maps the rectangle's pixels back onto ``image``."""
    tl, tr, br, bl = corners
    width = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    height = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    rect = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    forward = cv2.getPerspectiveTransform(corners.astype(np.float32), rect)
    flat = cv2.warpPerspective(image, forward, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return flat, np.linalg.inv(forward)


def box_back(box: tuple[float, float, float, float], back: np.ndarray, scale: float = 1.0):
    """A box on the flattened sheet (in pixels ``scale`` times its own) mapped onto the photo (same scale): the
    bounding box of its corners through the homography ``back``."""
    x0, y0, x1, y1 = (v / scale for v in box)
    pts = np.float32([[[x0, y0]], [[x1, y0]], [[x1, y1]], [[x0, y1]]])
    out = cv2.perspectiveTransform(pts, back).reshape(-1, 2) * scale
    return (float(out[:, 0].min()), float(out[:, 1].min()), float(out[:, 0].max()), float(out[:, 1].max()))
