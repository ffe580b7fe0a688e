"""Canonical names for countries, so 'US', 'U.S.' and 'United States' are one side.

A small, documented alias table: it covers the countries and blocs that news
about diplomacy names most; unknown names pass through unchanged.
"""

from __future__ import annotations

import re

_ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America",
                      "the United States", "the US", "the U.S.", "Washington"),
    "North Korea": ("DPRK", "N. Korea", "Democratic People's Republic of Korea", "Pyongyang",
                    "North Korean"),
    "South Korea": ("ROK", "S. Korea", "Republic of Korea", "Seoul", "South Korean"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain", "the UK", "the U.K.", "British"),
    "Russia": ("Russian Federation", "Moscow", "Kremlin", "the Kremlin", "Russian"),
    "China": ("PRC", "People's Republic of China", "Beijing", "Chinese"),
    "Japan": ("Tokyo", "Japanese"),
    "Iran": ("Islamic Republic of Iran", "Tehran", "Iranian"),
    "Israel": ("Israeli",),
    "Ukraine": ("Kyiv", "Kiev", "Ukrainian"),
    "France": ("Paris", "French"),
    "Germany": ("Berlin", "German"),
    "European Union": ("EU", "E.U.", "the EU", "Brussels"),
    "United Nations": ("UN", "U.N.", "the UN", "the U.N."),
    "Syria": ("Damascus", "Syrian"),
    "Turkey": ("Ankara", "Turkish", "Türkiye"),
    "India": ("New Delhi", "Indian"),
    "Pakistan": ("Islamabad", "Pakistani"),
}



def _key(name: str) -> str:
    return re.sub(r"[\s.]+", " ", name.replace(".", "")).strip().casefold()


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, aliases in _ALIASES.items():
        for alias in (name, *aliases):
            table[_key(alias)] = name
    return table


_TABLE = _build()


def canonical_country(name: str) -> str | None:
    """The canonical country name for an alias, or None when it is not a known country."""
    return _TABLE.get(_key(name))


def canonical_name(name: str) -> str:
    """The canonical name when `name` is a known country alias, else `name` tidied."""
    return canonical_country(name) or " ".join(name.split())
