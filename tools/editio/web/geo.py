"""The map: register coordinates projected onto an SVG canvas (equirectangular, no tiles)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .register import Entry

WIDTH = 1000
MARGIN = 60
LABEL_HEIGHT = 22


@dataclass
class Point:
    entry: Entry
    x: float
    y: float
    lx: float = 0.0
    ly: float = 0.0


def _step(span: float) -> int:
    for step in (1, 2, 5, 10, 20, 30):
        if span / step <= 8:
            return step
    return 45


def project(entries: list[Entry]) -> dict:
    """Points, graticule lines and canvas size for the places that have coordinates."""
    placed = sorted((e for e in entries if e.coords), key=lambda e: (-e.coords[0], e.coords[1], e.id))
    if not placed:
        return {"width": WIDTH, "height": 200, "points": [], "graticule": [], "step": 10}
    lats = [e.coords[0] for e in placed]
    lons = [e.coords[1] for e in placed]
    pad = 2.0
    south, north = min(lats) - pad, max(lats) + pad
    west, east = min(lons) - pad, max(lons) + pad * 4       # room for labels to the east
    squash = math.cos(math.radians((north + south) / 2))
    span_x = max((east - west) * squash, 1e-6)
    scale = (WIDTH - 2 * MARGIN) / span_x
    height = round(max((north - south) * scale, 160) + 2 * MARGIN)
    x = lambda lon: round(MARGIN + (lon - west) * squash * scale, 1)  # noqa: E731
    y = lambda lat: round(MARGIN + (north - lat) * scale, 1)  # noqa: E731
    points = [Point(e, x(e.coords[1]), y(e.coords[0])) for e in placed]
    # Labels to the right of their point, pushed down until they clear the labels already set.
    taken: list[tuple[float, float, float]] = []
    for p in sorted(points, key=lambda p: (p.y, p.x)):
        lx, ly = p.x + 12, p.y + 5
        width = 9 * len(p.entry.name)
        while any(abs(ly - ty) < LABEL_HEIGHT and lx < tx + tw and tx < lx + width for tx, ty, tw in taken):
            ly += LABEL_HEIGHT
        p.lx, p.ly = lx, ly
        taken.append((lx, ly, width))
    height = max(height, round(max(p.ly for p in points) + MARGIN / 2))
    step = _step(max(east - west, north - south))
    graticule = []
    for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step):
        graticule.append({"x1": x(lon), "y1": 0, "x2": x(lon), "y2": height,
                          "lx": x(lon) + 3, "ly": height - 6, "label": f"{abs(lon)}°{'E' if lon >= 0 else 'W'}"})
    for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step):
        graticule.append({"x1": 0, "y1": y(lat), "x2": WIDTH, "y2": y(lat),
                          "lx": 4, "ly": y(lat) - 4, "label": f"{abs(lat)}°{'N' if lat >= 0 else 'S'}"})
    return {"width": WIDTH, "height": height, "points": points, "graticule": graticule, "step": step}
