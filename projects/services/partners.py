"""Services on partners: merging duplicates into one body, with their project links.

Here, not in the partners app: a merge moves projects' links, and projects builds on partners."""

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.db import transaction

from partners.models import Partner, PartnerAlias
from projects.models import ProjectPartner

MERGE_REASON = "関係団体の統合"


def _stamp(instance, user):
    """Who and why, for django-simple-history's record of this save or delete."""
    instance._history_user = user
    instance._change_reason = MERGE_REASON
    return instance


def _describe(link) -> str:
    project = link.project
    role = f"（役割：{link.role}）" if link.role else ""
    return f"{project.fiscal_year_label} No.{project.number} {project.name}{role}"


@transaction.atomic
def partner_merge(*, target: Partner, others: list[Partner], user) -> Partner:
    """Merge `others` into `target`, in one transaction, losing nothing.

    - every project link moves to the target; when the target already has a link to the same
      project with the same role (unique project, partner, role), the two are combined: blank
      values are filled from the merged link, and conflicting values are kept in the target's
      note, the merged spelling as an alias;
    - every alias of the others moves to the target, and each other's name becomes an alias,
      so the next import of that spelling finds the target;
    - blank legal form and note of the target are filled from the others (notes appended);
    - the others are deleted; history records (user, reason) and admin log entries are written.
    """
    target = Partner.objects.select_for_update().get(pk=target.pk)
    others = list(
        Partner.objects.select_for_update()
        .filter(pk__in=[o.pk for o in others])
        .exclude(pk=target.pk)
        .order_by("pk")
    )
    if not others:
        return target

    taken_aliases = set(PartnerAlias.objects.values_list("name", flat=True))
    notes: list[str] = []
    merged_names: list[str] = []

    def keep_alias(name: str) -> None:
        name = (name or "").strip()
        if name and name != target.name and name not in taken_aliases:
            _stamp(PartnerAlias(partner=target, name=name), user).save()
            taken_aliases.add(name)

    for other in others:
        merged_names.append(other.name)
        links = other.project_links.select_related("project").order_by("pk")
        for link in links:
            existing = (
                ProjectPartner.objects.select_for_update()
                .filter(project_id=link.project_id, partner=target, role=link.role)
                .first()
            )
            if existing is None:
                link.partner = target
                _stamp(link, user).save()
                continue
            # Same project, same role: one link remains; nothing of the other one is lost.
            changed = False
            if existing.count is None and link.count is not None:
                existing.count = link.count
                changed = True
            elif link.count is not None and link.count != existing.count:
                notes.append(
                    f"統合時の注記：{_describe(link)}で「{other.name}」の数は{link.count}"
                    f"（統合先は{existing.count}）。"
                )
            if not existing.written_as and link.written_as:
                existing.written_as = link.written_as
                changed = True
            elif link.written_as and link.written_as != existing.written_as:
                keep_alias(link.written_as)
            if changed:
                _stamp(existing, user).save()
            _stamp(link, user).delete()
        for alias in other.aliases.all():
            if alias.name == target.name:
                _stamp(alias, user).delete()
                taken_aliases.discard(alias.name)
                continue
            alias.partner = target
            _stamp(alias, user).save()
        if not target.legal_form and other.legal_form:
            target.legal_form = other.legal_form
        if other.note:
            notes.append(f"「{other.name}」の備考：{other.note}")

    # The other's own name becomes an alias once the other is gone (names are unique).
    LogEntry.objects.log_actions(
        user.pk,
        others,
        DELETION,
        change_message=f"「{target.name}」に統合して削除しました。",
    )
    for other in others:
        _stamp(other, user).delete()
    for name in merged_names:
        keep_alias(name)

    if notes:
        target.note = "\n".join([n for n in [target.note.strip(), *notes] if n])
    _stamp(target, user).save()
    LogEntry.objects.log_actions(
        user.pk,
        [target],
        CHANGE,
        change_message="関係団体を統合しました："
        + "、".join(f"「{name}」" for name in merged_names),
        single_object=True,
    )
    return target
