"""Linking reports into incidents: blocking, pairwise verdicts, greedy merging under vetoes.

1. **Blocking.** A report is indexed under (event class, day, where) for each day of its date
   interval, ``where`` being grid cells, place names and provinces (:class:`_Index`); it is compared only
   with reports of the same class whose days lie within ``max_days`` and that share a ``where``.
   Fusion never compares all pairs (``bench/fusion.py`` times 10,000 incidents).
2. **Verdicts.** Each candidate pair from different documents gets a :class:`~sitrep.fusion.rules.Verdict`.
3. **Merging.** Linked pairs are taken strongest first; two incidents merge when no report of one is
   kept apart from any report of the other by a veto (complete linkage on vetoes, so two look-alikes
   joined by a vague third report stay apart) and no document would give the incident twice.
   Incidents that already have an id (an earlier run) are never merged with each other, so ids
   survive: linking only adds what is unlinked (:func:`link_reports` with ``frozen`` reports).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sitrep.fusion.rules import Report, Verdict, compare, norm, skeleton

_MAX_PROBE = 16  # members of a large incident a report is checked against for vetoes


class _Index:
    """Reports by (event class, day, where). ``where`` is a grid cell about ``district_km`` wide for a
    located town, a place name's skeleton (the report's events' places and the places it names), a
    province name, and the country. A report with a town, district or province probes the cells
    around its towns, its places' names and its provinces, and the vague reports of its country; a
    vague report (no located town, district or province) probes the whole country and the names of its
    places (those it names elsewhere when its event has none; the country of a report that places its event only in a village the gazetteer
    lacks is a guess from its other places). A report that names no place at all is compared with
    every report of its class and days (it probes ``any``; every report probes ``unplaced``)."""

    def __init__(self, settings: dict):
        self.pad = timedelta(days=settings["max_days"])
        self.max_span = settings["max_date_span_days"]
        self.cell = max(0.05, settings["district_km"] / 100.0)  # degrees; >= district_km below ~25 deg latitude
        self.buckets: dict[tuple, list[int]] = defaultdict(list)

    def _days(self, lo, hi) -> list:
        return [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]

    def usable(self, r: Report) -> bool:
        return bool(r.tclass) and r.lo is not None and r.hi is not None and (r.hi - r.lo).days < self.max_span

    def _cells(self, p) -> tuple[int, int]:
        return int(p.lat // self.cell), int(p.lon // self.cell)

    @staticmethod
    def _vague(r: Report) -> bool:
        """No town, district or province with coordinates or a province name: compared country-wide."""
        return not any(p.level <= 3 and (p.located or p.admin1) for p in r.places)

    def _keys(self, r: Report, *, probe: bool) -> set:
        if not r.places and not r.context:  # placed nowhere: its country is a guess, so any report may match
            return {("any",)} if probe else {("any",), ("unplaced",)}
        vague = self._vague(r)
        keys: set = {("unplaced",)} if probe else set()
        if probe and vague:  # its country, and the names of its places (or, with none, those it names)
            named = r.places or r.context
            keys |= {("name", skeleton(n)) for p in named if p.level <= 3 for n in p.names}
            return keys | {("cc", r.country)} | {("name", k) for k in r.keys}
        keys |= {("vague", r.country)} if probe else {("cc", r.country)}
        if not probe and vague:
            keys.add(("vague", r.country))
        for p in r.places + ([] if probe else r.context):
            if p.level > 3:
                continue
            for n in p.names:
                keys.add(("name", skeleton(n)))
            if p.admin1:
                keys.add(("a1", norm(p.admin1)))
            if p.level == 3:
                keys.add(("a1", norm(p.name)))
            if p.located and p.level <= 2:
                cy, cx = self._cells(p)
                if probe:
                    keys.update(("cell", cy + i, cx + j) for i in (-1, 0, 1) for j in (-1, 0, 1))
                else:
                    keys.add(("cell", cy, cx))
        if probe:  # a place of another report's event that this one's text names (rules._named_in_text)
            keys.update(("name", k) for k in r.keys)
        else:
            keys.add(("any",))
        return keys

    def add(self, i: int, r: Report) -> None:
        keys = self._keys(r, probe=False)
        for d in self._days(r.lo, r.hi):
            for k in keys:
                self.buckets[(r.tclass, d, k)].append(i)

    def candidates(self, r: Report) -> set[int]:
        out: set[int] = set()
        keys = self._keys(r, probe=True)
        for d in self._days(r.lo - self.pad, r.hi + self.pad):
            for k in keys:
                out.update(self.buckets.get((r.tclass, d, k), ()))
        return out


def link_reports(reports: list[Report], settings: dict) -> tuple[list[int], dict]:
    """Cluster reports; returns each report's cluster number and the explanation of every cluster.

    Reports with an ``incident_id`` start in that incident (frozen: two such incidents never merge).
    The explanation maps a cluster number to ``{"joins": [(report index, via index, verdict text)],
    "near": [(report index, other index, verdict text)]}``.
    """
    n = len(reports)
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    frozen: dict[int, str | None] = {i: reports[i].incident_id for i in range(n)}
    by_incident: dict[str, int] = {}
    for i, r in enumerate(reports):
        if r.incident_id:
            if r.incident_id in by_incident:
                _union(parent, members, frozen, by_incident[r.incident_id], i)
            else:
                by_incident[r.incident_id] = i

    index = _Index(settings)
    edges: list[tuple[float, int, int, Verdict]] = []
    near: list[tuple[int, int, Verdict]] = []
    cache: dict[tuple[int, int], Verdict] = {}
    usable = [i for i, r in enumerate(reports) if index.usable(r)]
    for i in usable:
        index.add(i, reports[i])
    for i in usable:  # a pair is found from either side (a report's text may name the other's place)
        r = reports[i]
        for j in sorted(index.candidates(r)):
            a, b = min(i, j), max(i, j)
            if a == b or (a, b) in cache or reports[j].document_id == r.document_id:
                continue
            if r.incident_id and reports[j].incident_id:
                continue  # both linked by an earlier run: nothing new to decide
            v = cache[(a, b)] = compare(reports[a], reports[b], settings)
            if v.linked:
                edges.append((v.score, a, b, v))
            elif v.score >= 1 or (v.veto and v.score >= 1):
                near.append((a, b, v))

    joins: dict[int, list] = defaultdict(list)
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    for score, i, j, v in edges:
        ci, cj = _find(parent, i), _find(parent, j)
        if ci == cj or (frozen[ci] and frozen[cj]):
            continue
        if not _mergeable(members[ci], members[cj], reports, settings, cache):
            continue
        root = _union(parent, members, frozen, ci, cj)
        joins[root].extend(joins.pop(ci if root != ci else cj, []))
        joins[root].append((j, i, v.text()))
    out = [_find(parent, i) for i in range(n)]
    explain: dict[int, dict] = defaultdict(lambda: {"joins": [], "near": []})
    for root, js in joins.items():
        explain[_find(parent, root)]["joins"].extend(js)
    for i, j, v in near:
        if out[i] != out[j]:
            explain[out[i]]["near"].append((i, j, v.text()))
            explain[out[j]]["near"].append((j, i, v.text()))
    return out, dict(explain)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent, members, frozen, a: int, b: int) -> int:
    a, b = _find(parent, a), _find(parent, b)
    if a == b:
        return a
    if len(members[a]) < len(members[b]):
        a, b = b, a
    parent[b] = a
    members[a].extend(members.pop(b))
    frozen[a] = frozen[a] or frozen[b]
    return a


def _mergeable(ma: list[int], mb: list[int], reports: list[Report], settings: dict, cache: dict) -> bool:
    docs_a = {reports[i].document_id for i in ma}
    if any(reports[j].document_id in docs_a for j in mb):
        return False  # one document gives one incident once
    pa = ma if len(ma) <= _MAX_PROBE else [ma[0], *ma[-(_MAX_PROBE - 1):]]
    pb = mb if len(mb) <= _MAX_PROBE else [mb[0], *mb[-(_MAX_PROBE - 1):]]
    for i in pa:
        for j in pb:
            v = cache.get((i, j)) or cache.get((j, i))
            if v is None:
                v = cache[(i, j)] = compare(reports[i], reports[j], settings)
            if v.veto:
                return False
    return True
