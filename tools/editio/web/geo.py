"""The map: register coordinates projected onto SVG canvases (equirectangular, no tiles).

An overview of every place, cut at the widest empty stretch of longitude (so a Pacific-wide
edition is not split at the date line), and a detail map of the densest cluster when there is one.
Under the places, coastlines and land borders drawn offline from Natural Earth (the TopoJSON of the
npm package world-atlas, installed by tools/test-deps.sh and `make edition` into .cache/npm): a
reader sees where Vladivostok is without knowing its longitude.  Without the data the map is drawn
all the same, with a warning.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..register import Entry

ATLAS_FILE = "countries-50m.json"     # Natural Earth 1:50m, countries (coasts and land borders)
ATLAS_ENV = "EDITIO_WORLD_ATLAS"      # a world-atlas folder or TopoJSON file elsewhere

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
    label: bool = True          # False: the point is labelled on the detail map instead


def atlas_path() -> Path | None:
    """The world-atlas TopoJSON: $EDITIO_WORLD_ATLAS when set (a file, or a world-atlas folder), else
    the copy that tools/map-data.sh installs into editio's .cache/npm (a tool's data, like axe-core's)."""
    from .. import resources
    if ATLAS_ENV in os.environ:           # set: that copy or none (EDITIO_WORLD_ATLAS= turns the basemap off)
        given = Path(os.environ[ATLAS_ENV]) if os.environ[ATLAS_ENV] else None
        found = given / ATLAS_FILE if given is not None and given.is_dir() else given
        return found if found is not None and found.is_file() else None
    found = resources._CHECKOUT / ".cache" / "npm" / "node_modules" / "world-atlas" / ATLAS_FILE
    return found if found.is_file() else None


NO_ATLAS = (f"the map is drawn without coastlines and borders: no world-atlas data ({ATLAS_FILE})",
            "npm install --prefix DIR world-atlas@2, then set EDITIO_WORLD_ATLAS=DIR/node_modules/world-atlas "
            "(in editio's own repository tools/map-data.sh does it, and make edition runs that)")


def basemap_warning(entries: list[Entry]) -> tuple[str, str] | None:
    """The warning project() gives for these entries: places to draw but no world-atlas data."""
    return NO_ATLAS if any(e.coords for e in entries) and atlas_path() is None else None


def atlas_stamp() -> str:
    """Which world-atlas data the map would be drawn over (path, size, mtime): part of map.html's key."""
    path = atlas_path()
    if path is None:
        return ""
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


@lru_cache(maxsize=2)
def load_atlas(path: Path) -> dict:
    """Coastlines and land borders of a world-atlas topology, as lists of (lon, lat) lines.

    A TopoJSON arc used by one country is coast; an arc two countries share is a border."""
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        line = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            line.append((x * sx + tx, y * sy + ty))
        arcs.append(line)
    uses = [0] * len(arcs)

    def walk(node):
        if isinstance(node, int):
            uses[node if node >= 0 else ~node] += 1
        else:
            for child in node:
                walk(child)
    land = []

    def ring(indices):
        points = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points
    for geometry in topo["objects"]["countries"]["geometries"]:
        walk(geometry.get("arcs", []))
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry.get("type"), [])
        land += [ring(r) for polygon in polygons for r in polygon]
    return {"coast": [a for a, n in zip(arcs, uses) if n == 1],
            "borders": [a for a, n in zip(arcs, uses) if n > 1], "land": land}


def _paths(lines, west, east, south, north, x, y, closed: bool = False) -> str:
    """SVG path data for the parts of `lines` that cross the canvas, longitudes shifted into it."""
    centre = (west + east) / 2
    out = []
    for line in lines:
        lon0 = line[0][0] + 360 * round((centre - line[0][0]) / 360)
        points, previous = [], line[0][0]
        lon = lon0
        for raw_lon, lat in line:
            step = raw_lon - previous
            step -= 360 * round(step / 360)
            lon = lon + step if points else lon0
            previous = raw_lon
            points.append((lon, lat))
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        if max(lons) < west - 2 or min(lons) > east + 2 or max(lats) < south - 2 or min(lats) > north + 2:
            continue
        d, last = [], None
        for lon, lat in points:
            px, py = x(lon), y(lat)
            if last and abs(px - last[0]) < 0.6 and abs(py - last[1]) < 0.6:
                continue
            d.append(f"{'L' if d else 'M'}{px:.1f},{py:.1f}")
            last = (px, py)
        if len(d) > 1:
            out.append("".join(d) + ("Z" if closed else ""))
    return " ".join(out)


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


def _canvas(title: str, entries: list[Entry], lon: dict[str, float], atlas: dict | None = None,
            detail: list[Entry] | None = None) -> dict:
    """One map.  With `detail`, those places are drawn unlabelled inside a frame: the detail map below
    names them, and the overview stays legible instead of stacking their labels."""
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
    quiet = {e.id for e in detail or ()}
    points = [Point(e, x(lon[e.id]), y(e.coords[0]), label=e.id not in quiet) for e in entries]
    taken: list[tuple[float, float, float]] = []
    for p in sorted(points, key=lambda p: (p.y, p.x)):
        if not p.label:
            p.lx, p.ly = p.x, p.y
            continue
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
    frame = None
    if detail:
        fx = [x(lon[e.id]) for e in detail]
        fy = [y(e.coords[0]) for e in detail]
        frame = {"x": min(fx) - 12, "y": min(fy) - 12, "width": max(fx) - min(fx) + 24,
                 "height": max(fy) - min(fy) + 24}
        frame["lx"], frame["ly"] = frame["x"] + frame["width"] + 6, frame["y"] + 14
    # the area the canvas shows, in degrees, for the coastlines and borders under the places
    view_west, view_east = west - (MARGIN / (squash * scale)), west + (WIDTH - MARGIN) / (squash * scale)
    view_north, view_south = north + MARGIN / scale, north - (height - MARGIN) / scale
    coast = borders = land = ""
    if atlas:
        land = _paths(atlas["land"], view_west, view_east, view_south, view_north, x, y, closed=True)
        coast = _paths(atlas["coast"], view_west, view_east, view_south, view_north, x, y)
        borders = _paths(atlas["borders"], view_west, view_east, view_south, view_north, x, y)
    return {"title": title, "width": WIDTH, "height": height, "points": points, "graticule": graticule,
            "step": step, "coast": coast, "borders": borders, "land": land, "frame": frame}


def project(entries: list[Entry]) -> dict:
    """Canvases for the places that have coordinates: an overview, and a detail of the densest cluster."""
    placed = sorted((e for e in entries if e.coords), key=lambda e: e.id)
    if not placed:
        return {"canvases": [], "places": [], "basemap": False, "warning": None}
    path = atlas_path()
    atlas = load_atlas(path) if path else None
    lon = _unwrapped(placed)
    biggest = max(_clusters(placed, lon), key=len)
    detail = biggest if 3 <= len(biggest) < len(placed) else None
    canvases = [_canvas("All places", placed, lon, atlas, detail)]
    if detail:
        canvases.append(_canvas("Detail: the densest group of places", biggest, lon, atlas))
    return {"canvases": canvases, "places": placed, "basemap": atlas is not None,
            "warning": None if atlas is not None else NO_ATLAS}
