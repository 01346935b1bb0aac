"""The register's counting rules: which services and facilities are active on a day, which
facilities are one, and in which ORPs a service counts.

One place for these rules: the import stores their result (``social_service_orp``) and the
pages and the open data only sum it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FACILITY, FIELD = "facility", "field"
FIELD_FORM = "ter"  # terénní: provided where the clients live, with or without a facility there

# The beds the ORP pages compare: registered residential (pobytové) beds only. Beds of another
# form (a night shelter's outpatient beds) and clients, contacts or calls never count as beds.
RESIDENTIAL, BEDS = "pob", "luzka"
# The per-1 000-aged-65+ measure counts those beds only of services for seniors: services one of
# whose register target groups maps onto this canonical group (``rpss_cilove_skupiny.csv``).
SENIORS = "seniori"


def active_on(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether something provided from ``start`` to ``end`` (both may be open) runs on ``day``."""
    return (start is None or start <= day) and (end is None or end >= day)


@dataclass
class Facility:
    """A facility of a service, as the import keeps it (never its manager)."""

    name: str | None
    municipality_code: str | None
    orp_code: str | None
    address_point: int | None
    postcode: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    is_active: bool = False

    def identity(self) -> tuple:
        """What makes two entries one facility: the name (spaces and case aside) and the address
        (its RÚIAN point, or postcode and municipality where the point is missing)."""
        name = " ".join((self.name or "").split()).casefold()
        place = (self.address_point,) if self.address_point else (self.postcode,
                                                                  self.municipality_code)
        return (name, *place)


@dataclass
class Service:
    """A registered service with what the import keeps of it."""

    row: int  # position in the file's list ``polozky`` (1 = first)
    register_id: str
    identifier: str | None
    kind_code: str
    provider_ico: str | None
    provider_name: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    forms: set[str] = field(default_factory=set)
    capacities: dict[tuple[str, str], int] = field(default_factory=dict)  # (form, type) → sum
    target_groups: list[str] = field(default_factory=list)
    facilities: list[Facility] = field(default_factory=list)
    field_orps: list[str] = field(default_factory=list)  # where the register says it operates
    is_active: bool = False
    orps: dict[str, str] = field(default_factory=dict)  # ORP → FACILITY / FIELD


def add_facility(service: Service, facility: Facility) -> bool:
    """Add a facility unless the service already has it; True when added."""
    if any(f.identity() == facility.identity() for f in service.facilities):
        return False
    service.facilities.append(facility)
    return True


def count(service: Service, day: dt.date) -> Service:
    """Decide what is active on ``day`` and where the service counts.

    An ended service counts nowhere, whatever its facilities say; an active one counts once in
    each ORP with an active facility, and a field service also in the ORPs the register says it
    covers. Capacity belongs to the service (the register states it per form, not per
    facility), so it is counted once per ORP where the service counts, never per facility.
    """
    service.is_active = active_on(day, service.start_date, service.end_date)
    for facility in service.facilities:
        facility.is_active = service.is_active and active_on(day, facility.start_date,
                                                             facility.end_date)
    service.orps = {}
    if not service.is_active:
        return service
    for facility in service.facilities:
        if facility.is_active and facility.orp_code:
            service.orps.setdefault(facility.orp_code, FACILITY)
    if FIELD_FORM in service.forms:
        for orp in service.field_orps:
            service.orps.setdefault(orp, FIELD)
    return service


def residential_beds(service: Service) -> int:
    """The registered residential beds of a service (0 without any)."""
    return service.capacities.get((RESIDENTIAL, BEDS), 0)


def senior_beds(service: Service, canonical_groups: set[str | None]) -> int:
    """The beds a service adds to the per-1 000-aged-65+ measure: its registered residential
    beds when one of its target groups is seniors (``canonical_groups``: its register groups
    mapped onto canonical ones), else none. ``etl.rpss_aggregates`` sums the same in SQL."""
    return residential_beds(service) if SENIORS in canonical_groups else 0
