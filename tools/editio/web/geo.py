"""The map: register coordinates projected onto SVG canvases (equirectangular, no tiles).

An overview of every place, cut at the widest empty stretch of longitude (so a Pacific-wide
edition is not split at the date line), and a detail map of the densest cluster when there is one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..register import Entry

WIDTH = 1000
MARGIN = 50
LABEL_HEIGHT = 20
CHAR_WIDTH = 8.6           # of the 15px sans-serif label font, a generous average
CLUSTER_GAP = 20.0         # degrees of longitude that separate clusters


@dataclass
class Point:
    entry: Entry
    x: float
    y: float
    lx: float = 0.0
    ly: float = 0.0
    anchor: str = "start"


def _unwrapped(entries: list[Entry]) -> dict[str, float]:
    """Longitudes shifted so that the widest empty gap between places lies at the map's edges."""
    lons = sorted({e.coords[1] for e in entries})
    gaps = [((lons[(i + 1) % len(lons)] - lons[i]) % 360 or 360, lons[(i + 1) % len(lons)]) for i in range(len(lons))]
    start = max(gaps)[1] if len(lons) > 1 else lons[0]
    return {e.id: start + (e.coords[1] - start) % 360 for e in entries}


def _clusters(entries: list[Entry], lon: dict[str, float]) -> list[list[Entry]]:
    ordered = sorted(entries, key=lambda e: lon[e.id])
    groups: list[list[Entry]] = [[ordered[0]]]
    for e in ordered[1:]:
        if lon[e.id] - lon[groups[-1][-1].id] > CLUSTER_GAP:
            groups.append([])
        groups[-1].append(e)
    return groups


def _step(span: float) -> int:
    for step in (1, 2, 5, 10, 15, 30):
        if span / step <= 8:
            return step
    return 45


def _canvas(title: str, entries: list[Entry], lon: dict[str, float]) -> dict:
    lats = [e.coords[0] for e in entries]
    lons = [lon[e.id] for e in entries]
    pad = max(1.0, (max(lons) - min(lons)) * 0.06)
    south, north = min(lats) - pad, max(lats) + pad
    west, east = min(lons) - pad, max(lons) + pad
    squash = math.cos(math.radians(max(min((north + south) / 2, 70), -70)))
    scale = (WIDTH - 2 * MARGIN) / max((east - west) * squash, 1e-6)
    scale = min(scale, 600 / max(north - south, 1e-6))        # keep tall maps within a screen
    x = lambda v: round(MARGIN + (v - west) * squash * scale, 1)  # noqa: E731
    y = lambda v: round(MARGIN + (north - v) * scale, 1)  # noqa: E731
    points = [Point(e, x(lon[e.id]), y(e.coords[0])) for e in entries]
    taken: list[tuple[float, float, float]] = []
    for p in sorted(points, key=lambda p: (p.y, p.x)):
        width = CHAR_WIDTH * len(p.entry.name)
        right = p.x + 10 + width < WIDTH - 4
        lx = p.x + 10 if right else p.x - 10 - width
        ly = p.y + 5
        while any(abs(ly - ty) < LABEL_HEIGHT and lx < tx + tw and tx < lx + width for tx, ty, tw in taken):
            ly += LABEL_HEIGHT
        p.lx, p.ly, p.anchor = (lx if right else p.x - 10), ly, ("start" if right else "end")
        taken.append((lx, ly, width))
    height = round(max(max(p.ly for p in points) + MARGIN / 2, (north - south) * scale + 2 * MARGIN, 160))
    step = _step(max(east - west, north - south))
    graticule = []
    for v in range(math.ceil(west / step) * step, math.floor(east) + 1, step):
        real = (v + 180) % 360 - 180
        graticule.append({"x1": x(v), "y1": 0, "x2": x(v), "y2": height, "lx": x(v) + 3, "ly": height - 6,
                          "label": f"{abs(real)}°{'E' if real >= 0 else 'W'}"})
    for v in range(math.ceil(south / step) * step, math.floor(north) + 1, step):
        graticule.append({"x1": 0, "y1": y(v), "x2": WIDTH, "y2": y(v), "lx": 4, "ly": y(v) - 4,
                          "label": f"{abs(v)}°{'N' if v >= 0 else 'S'}"})
    return {"title": title, "width": WIDTH, "height": height, "points": points, "graticule": graticule, "step": step}


def project(entries: list[Entry]) -> dict:
    """Canvases for the places that have coordinates: an overview, and a detail of the densest cluster."""
    placed = sorted((e for e in entries if e.coords), key=lambda e: e.id)
    if not placed:
        return {"canvases": [], "places": []}
    lon = _unwrapped(placed)
    canvases = [_canvas("All places", placed, lon)]
    biggest = max(_clusters(placed, lon), key=len)
    if 3 <= len(biggest) < len(placed):
        canvases.append(_canvas("Detail: the densest group of places", biggest, lon))
    return {"canvases": canvases, "places": placed}
