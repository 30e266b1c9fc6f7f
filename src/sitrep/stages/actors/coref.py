"""Group mentions into actors: names, nominal speakers and pronouns, in one pass in text order.

Method (documented in issue 4; every rule is tested in tests/stages/test_actors.py):

* **Names.** Two person names are one actor when equal, or when one is the other's last word(s)
  ("Zelensky" -> "Volodymyr Zelensky"); a first name alone ("Volodymyr") is not merged with a
  full name that merely starts with it. With several candidates, the most recently mentioned wins.
  Organisations merge on equal names or an acronym of the initials ("EU" -> "European Union").
  States merge on their ISO code (Russia, Moscow as a metonym, the Kremlin).
* **Nominal speakers.** "the governor said" refers back to the most recent actor whose role holds
  that noun; "the ministry said" to the most recent organisation whose name holds it. Otherwise an
  unnamed actor is created ("a lieutenant", "Human rights groups"). A definite role phrase that
  found nothing before it and is followed within two sentences by a quote from a named person with
  no stated role is that person (the wire pattern "The head of X said ... 'Quote,' Name wrote").
* **Armed groups and classes** (issue 15). A known group's aliases merge on its canonical name
  ("al-Shabaab", "Shabaab"); class mentions merge on their label ("Russian artillery", "Moscow's
  troops", "its forces" after Russia: "Military Forces of Russia"); an unnamed non-state class with no
  country word of its own ("the militants", "gunmen") is the armed group named most recently before.
* **Pronouns** (he, she) go to the most salient compatible person before them, looking back over
  the current and three previous sentences: nearer sentences first, subjects before other
  mentions, then the most recent (a recency-and-grammatical-role ranking after Lappin & Leass
  1994). Compatible means the actor's gender, from a first-name dictionary, a gendered role noun
  or an earlier pronoun, is unknown or agrees. No compatible candidate: the pronoun stays
  unresolved (not attached to any actor).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sitrep import vocab
from sitrep.stages.actors.mentions import ActorMention

WINDOW = 3  # sentences looked back for a pronoun antecedent
NON_STATE = {"rebel group", "political militia", "identity militia"}


@dataclass
class Actor:
    mentions: list[ActorMention] = field(default_factory=list)  # in text order; change them through add/absorb
    nominal: bool = False
    _kind: str | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, *ms: ActorMention) -> None:
        """Attach mentions, keeping text order; the kind is worked out again when next asked for."""
        self.mentions = sorted([*self.mentions, *ms], key=lambda x: x.start)
        self._kind = None

    def absorb(self, other: Actor) -> None:
        """Take over every mention of ``other``, which is left empty."""
        self.add(*other.mentions)
        other.mentions, other._kind = [], None

    @property
    def kind(self) -> str:
        if self._kind is None:
            self._kind = self._compute_kind()
        return self._kind

    def _compute_kind(self) -> str:
        kinds = [m.kind for m in self.mentions if m.via in ("name", "state", "nominal")]
        if "person" in kinds or any(m.role for m in self.mentions if m.via == "name"):
            return "person" if "state" not in kinds else "state"
        return max(set(kinds), key=kinds.count) if kinds else "unknown"

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.mentions if m.name]

    @property
    def name(self) -> str:
        if self.names:
            return max(self.names, key=lambda n: (len(n.split()), len(n)))
        return next((m.extra.get("name") for m in self.mentions if m.extra.get("name")), self.mentions[0].text)

    @property
    def label(self) -> str | None:
        """The ACLED-style name of a class or known group ("Police Forces of Kenya"), if a mention has one."""
        return next((m.extra["label"] for m in self.mentions if m.extra.get("label")), None)

    @property
    def gender(self) -> str | None:
        for m in self.mentions:
            if m.gender:
                return m.gender
        return None

    def first(self, attr: str):
        ms = sorted((m for m in self.mentions if m.via != "pronoun"), key=lambda m: -len((m.name or "").split()))
        return next((getattr(m, attr) for m in ms if getattr(m, attr)), None)

    @property
    def last_start(self) -> int:
        return max(m.start for m in self.mentions)


def group(mentions: list[ActorMention], sent_of) -> list[Actor]:
    """Actors in order of first mention. ``sent_of(token_index)`` gives a token's sentence number."""
    actors: list[Actor] = []
    placed: list[tuple[ActorMention, Actor]] = []  # mentions attached so far, in text order
    for m in mentions:
        a = None
        if m.via == "state":
            a = next((x for x in actors if x.kind == "state" and x.first("country") == m.country), None)
        elif m.via == "name":
            a = _match_name(m, actors)
        elif m.via == "nominal":
            a = _match_nominal(m, actors)
        elif m.via == "pronoun":
            a = _antecedent(m, placed, sent_of)
            if a is None:
                continue
        if a is None:
            a = Actor(nominal=m.via == "nominal")
            actors.append(a)
        a.add(m)
        placed.append((m, a))
    _cataphora(actors, placed, sent_of)
    return [a for a in actors if a.mentions]


def _words(s: str) -> list[str]:
    return s.casefold().replace("’", "'").split()


def _match_name(m: ActorMention, actors: list[Actor]) -> Actor | None:
    w = _words(m.name)
    best = None
    for a in actors:
        if a.kind == "state" or a.nominal:
            continue
        for n in a.names:
            aw = _words(n)
            if aw == w:
                return a
            if m.kind == "person" or a.kind == "person":
                longer, shorter = (aw, w) if len(aw) > len(w) else (w, aw)
                if longer[-len(shorter):] == shorter and len(shorter) >= 1 and (m.kind == "person" or len(w) == 1):
                    if best is None or a.last_start > best.last_start:
                        best = a
            elif _acronym(w, aw) or _acronym(aw, w):
                best = a
    return best


def _acronym(short: list[str], long: list[str]) -> bool:
    if len(short) != 1 or len(long) < 2:
        return False
    skip = vocab.words("actors/acronym_skip.txt")
    initials = "".join(x[0] for x in long if x not in skip)
    return short[0].replace(".", "") == initials


def _match_nominal(m: ActorMention, actors: list[Actor]) -> Actor | None:
    word = m.extra.get("word", "")
    if m.extra.get("type") in NON_STATE and not m.extra.get("explicit"):
        named = [a for a in actors if any(x.extra.get("group_name") and x.extra.get("type") in NON_STATE
                                          for x in a.mentions)]
        if named:  # "the militants", "the attackers": the armed group named before
            return max(named, key=lambda a: a.last_start)
    if m.extra.get("label"):  # a class: "Russian artillery", "Moscow's troops", "its forces" are one
        same = [a for a in actors if a.label == m.extra["label"]]
        if m.extra.get("type") == "identity militia" and not m.extra.get("community"):
            # no community named ("herders", "raiders"): the same people only under the same noun
            same = [a for a in same if any(x.extra.get("class") == m.extra.get("class") for x in a.mentions)]
        return same[0] if same else None
    if m.extra.get("group"):
        return next((a for a in actors if a.nominal and _words(a.name) == _words(m.extra["name"])), None)
    if not m.definite:
        return None
    best = None
    for a in actors:
        if a.kind == "state":
            continue
        if m.kind == "person" and a.kind == "person":
            role = a.first("role") or ""
            ok = word in _words(role)
        elif m.kind == "organisation" and a.kind == "organisation":
            ok = word in _words(a.name)
        else:
            ok = False
        if ok and (best is None or a.last_start > best.last_start):
            best = a
    return best


def _antecedent(p: ActorMention, placed: list[tuple[ActorMention, Actor]], sent_of) -> Actor | None:
    s = sent_of(p.head)
    ranked = []
    for m, a in placed:
        if m.start >= p.start or a.kind != "person":
            continue
        d = s - sent_of(m.head)
        if d > WINDOW or d < 0:
            continue
        g = a.gender
        if g and g != p.gender:
            continue
        ranked.append(((d, 0 if m.subject else 1, -m.start), a))
    if not ranked:
        return None
    ranked.sort(key=lambda x: x[0])
    return ranked[0][1]


def _cataphora(actors: list[Actor], placed: list[tuple[ActorMention, Actor]], sent_of) -> None:
    for a in actors:
        if not (a.nominal and len(a.mentions) == 1):
            continue
        m = a.mentions[0]
        if not (m.definite and m.speaker and m.kind == "person"):
            continue
        s = sent_of(m.head)
        for m2, b in placed:
            if m2.start <= m.start or b is a:
                continue
            if sent_of(m2.head) - s > 2:
                break
            if m2.via == "name" and m2.speaker and b.kind == "person" and not b.first("role"):
                m.role = m.extra.get("name")
                b.absorb(a)
                break
