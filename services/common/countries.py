"""Canonical names for countries, so 'US', 'U.S.' and 'United States' are one side.

A small, documented alias table: it covers the countries and blocs that news
about diplomacy names most; unknown names pass through unchanged.
"""

from __future__ import annotations

import re

_ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("US", "U.S.", "USA", "U.S.A.", "America", "American", "United States of America",
                      "the United States", "the US", "the U.S.", "Washington"),
    "North Korea": ("DPRK", "N. Korea", "Democratic People's Republic of Korea", "Pyongyang", "North Korean"),
    "South Korea": ("ROK", "S. Korea", "Republic of Korea", "Seoul", "South Korean"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain", "the UK", "the U.K.", "British", "London"),
    "Russia": ("Russian Federation", "Moscow", "Kremlin", "the Kremlin", "Russian"),
    "China": ("PRC", "People's Republic of China", "Beijing", "Chinese"),
    "Taiwan": ("Taipei", "Taiwanese"),
    "Japan": ("Tokyo", "Japanese"),
    "Iran": ("Islamic Republic of Iran", "Tehran", "Iranian"),
    "Iraq": ("Baghdad", "Iraqi"),
    "Israel": ("Israeli", "Jerusalem"),
    "Palestine": ("Palestinian", "Palestinian Authority", "Ramallah"),
    "Saudi Arabia": ("Riyadh", "Saudi"),
    "Egypt": ("Cairo", "Egyptian"),
    "Syria": ("Damascus", "Syrian"),
    "Lebanon": ("Beirut", "Lebanese"),
    "Jordan": ("Amman", "Jordanian"),
    "Qatar": ("Doha", "Qatari"),
    "United Arab Emirates": ("UAE", "U.A.E.", "Emirati", "Abu Dhabi"),
    "Turkey": ("Ankara", "Turkish", "Türkiye"),
    "Ukraine": ("Kyiv", "Kiev", "Ukrainian"),
    "Belarus": ("Minsk", "Belarusian"),
    "Poland": ("Warsaw", "Polish"),
    "France": ("Paris", "French"),
    "Germany": ("Berlin", "German"),
    "Italy": ("Rome", "Italian"),
    "Spain": ("Madrid", "Spanish"),
    "Netherlands": ("the Netherlands", "Dutch", "The Hague", "Amsterdam"),
    "Belgium": ("Belgian",),
    "Sweden": ("Stockholm", "Swedish"),
    "Norway": ("Oslo", "Norwegian"),
    "Finland": ("Helsinki", "Finnish"),
    "Denmark": ("Copenhagen", "Danish"),
    "Greece": ("Athens", "Greek"),
    "Hungary": ("Budapest", "Hungarian"),
    "Serbia": ("Belgrade", "Serbian"),
    "Canada": ("Ottawa", "Canadian"),
    "Mexico": ("Mexico City", "Mexican"),
    "Brazil": ("Brasilia", "Brasília", "Brazilian"),
    "Argentina": ("Buenos Aires", "Argentine", "Argentinian"),
    "Venezuela": ("Caracas", "Venezuelan"),
    "Colombia": ("Bogota", "Bogotá", "Colombian"),
    "Cuba": ("Havana", "Cuban"),
    "Chile": ("Santiago", "Chilean"),
    "Peru": ("Lima", "Peruvian"),
    "India": ("New Delhi", "Indian"),
    "Pakistan": ("Islamabad", "Pakistani"),
    "Afghanistan": ("Kabul", "Afghan"),
    "Bangladesh": ("Dhaka", "Bangladeshi"),
    "Indonesia": ("Jakarta", "Indonesian"),
    "Philippines": ("the Philippines", "Manila", "Philippine", "Filipino"),
    "Vietnam": ("Hanoi", "Vietnamese"),
    "Thailand": ("Bangkok", "Thai"),
    "Myanmar": ("Burma", "Naypyidaw", "Burmese"),
    "Malaysia": ("Kuala Lumpur", "Malaysian"),
    "Singapore": ("Singaporean",),
    "Australia": ("Canberra", "Australian"),
    "New Zealand": ("Wellington", "New Zealander"),
    "South Africa": ("Pretoria", "South African"),
    "Nigeria": ("Abuja", "Nigerian"),
    "Kenya": ("Nairobi", "Kenyan"),
    "Ethiopia": ("Addis Ababa", "Ethiopian"),
    "Sudan": ("Khartoum", "Sudanese"),
    "South Sudan": ("Juba", "South Sudanese"),
    "Libya": ("Tripoli", "Libyan"),
    "Zambia": ("Lusaka", "Zambian"),
    "Zimbabwe": ("Harare", "Zimbabwean"),
    "Malawi": ("Lilongwe", "Malawian"),
    "Mozambique": ("Maputo", "Mozambican"),
    "Tanzania": ("Dodoma", "Dar es Salaam", "Tanzanian"),
    "Uganda": ("Kampala", "Ugandan"),
    "Rwanda": ("Kigali", "Rwandan"),
    "Ghana": ("Accra", "Ghanaian"),
    "Senegal": ("Dakar", "Senegalese"),
    "Angola": ("Luanda", "Angolan"),
    "Namibia": ("Windhoek", "Namibian"),
    "Botswana": ("Gaborone", "Botswanan"),
    "Somalia": ("Mogadishu", "Somali"),
    "Democratic Republic of the Congo": ("DRC", "DR Congo", "Kinshasa", "Congolese"),
    "Morocco": ("Rabat", "Moroccan"),
    "Algeria": ("Algiers", "Algerian"),
    "Tunisia": ("Tunis", "Tunisian"),
    "Uruguay": ("Montevideo", "Uruguayan"),
    "Paraguay": ("Asuncion", "Asunción", "Paraguayan"),
    "Bolivia": ("La Paz", "Bolivian"),
    "Ecuador": ("Quito", "Ecuadorian"),
    "Sri Lanka": ("Colombo", "Sri Lankan"),
    "Nepal": ("Kathmandu", "Nepali", "Nepalese"),
    "Cambodia": ("Phnom Penh", "Cambodian"),
    "Fiji": ("Suva", "Fijian"),
    "Papua New Guinea": ("Port Moresby",),
    "Yemen": ("Sanaa", "Yemeni"),
    "European Union": ("EU", "E.U.", "the EU", "the European Union", "Brussels"),
    "United Nations": ("UN", "U.N.", "the UN", "the U.N.", "the United Nations"),
    "NATO": ("Nato", "North Atlantic Treaty Organization"),
}

# Places whose names hold a country's alias but are not that country: "New Mexico" is a US
# state, "North American" a region. A scan of capitalised words takes these whole, so that the
# "Mexico" or "American" inside them names no country.
_NOT_COUNTRIES = (
    "New Mexico", "New Mexican", "North America", "North American", "South America", "South American",
    "Latin America", "Latin American", "Central America", "Central American", "Mexican American",
)



def _key(name: str) -> str:
    return re.sub(r"[\s.]+", " ", name.replace(".", "")).strip().casefold()


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, aliases in _ALIASES.items():
        for alias in (name, *aliases):
            table[_key(alias)] = name
    return table


_TABLE = _build()
_OTHER_PLACES = frozenset(_key(name) for name in _NOT_COUNTRIES)


def canonical_country(name: str) -> str | None:
    """The canonical country name for an alias, or None when it is not a known country."""
    return _TABLE.get(_key(name))


def other_place(name: str) -> bool:
    """True for a place whose name holds a country alias but which is no country ("New Mexico")."""
    return _key(name) in _OTHER_PLACES


def canonical_name(name: str) -> str:
    """The canonical name when `name` is a known country alias, else `name` tidied."""
    return canonical_country(name) or " ".join(name.split())
