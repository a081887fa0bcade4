"""The partners (関係団体) of an import: found by any spelling, new ones and their other spellings
written in bulk, and each row's partner links.

Part of projects.services.importing: every partner and spelling is read once per import, so a
row finds its bodies by look-ups, not queries.
"""

from partners.models import Partner, PartnerAlias
from projects import layout
from projects.reader.legal_forms import kind_for
from projects.reader.records import PartnerEntry, ReadError
from projects.reader.rows import ProjectRow
from projects.reader.text import key
from projects.services import bulk


class ImportPartners:
    """Every partner by the key (projects.reader.text.key) of its name and of its spellings."""

    def __init__(self):
        self.partners: dict[str, Partner] = {}
        self.alias_keys: set[str] = set()
        partners_by_pk = {}
        for partner in Partner.objects.all():
            partners_by_pk[partner.pk] = partner
            self.partners[key(partner.name)] = partner
        for alias in PartnerAlias.objects.all():
            self.partners.setdefault(key(alias.name), partners_by_pk[alias.partner_id])
            self.alias_keys.add(key(alias.name))

    def find(self, entry: PartnerEntry) -> Partner | None:
        return self.partners.get(key(entry.written_as)) or self.partners.get(key(entry.name))

    def create_missing(self, rows: list[ProjectRow], user, reason: str) -> None:
        """Write the rows' bodies the register lacks, and every other spelling seen, so the
        next import finds the same body.

        Written like the projects (bulk.insert_new): bulk_create_with_history built a model and
        a history instance per row, a large part of the writing time.
        """
        new_partners: dict[str, Partner] = {}
        for row in rows:
            for entry in row.partners:
                if self.find(entry) is None and key(entry.name) not in new_partners:
                    new_partners[key(entry.name)] = Partner(
                        name=entry.name,
                        legal_form=entry.legal_form,
                        kind=kind_for(entry.name, entry.legal_form),
                    )
        if new_partners:
            created = list(new_partners.values())
            bulk.insert_new(
                Partner, created, ("id", "name", "legal_form", "kind"), user=user, reason=reason
            )
            self.partners.update({key(p.name): p for p in created})

        aliases: dict[str, PartnerAlias] = {}
        for row in rows:
            for entry in row.partners:
                partner = self.find(entry)
                assert partner is not None  # every body is written above
                written = key(entry.written_as)
                if written != key(partner.name) and written not in self.alias_keys:
                    aliases.setdefault(
                        written, PartnerAlias(partner=partner, name=entry.written_as)
                    )
        if aliases:
            new_aliases = list(aliases.values())
            bulk.insert_new(
                PartnerAlias, new_aliases, ("id", "partner_id", "name"), user=user, reason=reason
            )
            self.alias_keys.update(aliases)
            for written, alias in aliases.items():
                self.partners.setdefault(written, alias.partner)

    def links_for(self, row: ProjectRow) -> tuple[list[dict], list[ReadError]]:
        """The row's partner links as rows to write (its bodies written already), and an error
        for a body written twice with the same role and spelling. Two spellings of one body are
        two links: a merge keeps them so, and the report printed both."""
        links, seen, errors = [], set(), []
        for order, entry in enumerate(row.partners):
            partner = self.find(entry)
            assert partner is not None  # the row's bodies are written already
            if (partner.pk, entry.role, entry.written_as) in seen:
                errors.append(
                    ReadError(
                        row.label,
                        layout.PARTNERS,
                        entry.written_as,
                        "同じ団体が同じ役割・同じ表記で二度書かれています。",
                        position=row.row_number,
                    )
                )
                continue
            seen.add((partner.pk, entry.role, entry.written_as))
            links.append(
                {
                    "partner_id": partner.pk,
                    "order": order,
                    "role": entry.role,
                    "count": entry.count,
                    "written_as": entry.written_as,
                }
            )
        return links, errors
