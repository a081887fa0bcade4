"""Services on partners: merging duplicates into one body, with their project links.

Here, not in the partners app: a merge moves projects' links, and projects builds on partners.

A merge changes who a link stands for, never what a report printed: every link keeps its order,
role, count and spelling (written_as), so every published cell stays as it was."""

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.db import transaction
from django.db.models import Count

from partners.models import Partner, PartnerAlias
from projects.models import Project, ProjectPartner

MERGE_REASON = "関係団体の統合"


class PartnerMergeRefused(Exception):
    """A merge that would change a project's partners; the message names the projects."""

    def __init__(self, message: str, projects: list[str]):
        super().__init__(message)
        self.projects = projects


def _stamp(instance, user):
    """Who and why, for django-simple-history's record of this save or delete."""
    instance._history_user = user
    instance._change_reason = MERGE_REASON
    return instance


def project_label(project) -> str:
    """「令和5年度 共催 No.3 苫小牧民報杯…」: the project as its year's report named it."""
    return f"{project.fiscal_year_label} {project.form_name} No.{project.number} {project.name}"


def _labels(project_ids) -> list[str]:
    projects = Project.objects.filter(pk__in=project_ids).with_names().in_report_order()
    return [project_label(p) for p in projects]


def shared_projects(partners: list[Partner]) -> list[str]:
    """The projects on which two or more of these partners appear, in report order.

    Merged, such a project would list one body twice: only the coordinator can tell whether the
    report meant one body (under two spellings) or two. Two queries."""
    shared = (
        ProjectPartner.objects.filter(partner__in=[p.pk for p in partners])
        .values("project_id")
        .annotate(bodies=Count("partner_id", distinct=True))
        .filter(bodies__gte=2)
        .values("project_id")
    )
    return _labels(shared)


def _same_spelling(links) -> list[int]:
    """Projects where two of the links would become one: same role and same spelling."""
    seen, clashes = set(), []
    for link in links:
        key = (link.project_id, link.role, link.written_as)
        if key in seen:
            clashes.append(link.project_id)
        seen.add(key)
    return clashes


@transaction.atomic
def partner_merge(
    *, target: Partner, others: list[Partner], user, confirmed_same_body: bool = False
) -> Partner:
    """Merge `others` into `target`, in one transaction, losing nothing.

    - every project link moves to the target as it is (order, role, count, spelling), so no
      published cell changes. When two of the partners appear on one project, the merge is
      refused (PartnerMergeRefused, naming the projects) unless `confirmed_same_body`: the
      coordinator confirmed they are one body; then both links stay on that project, each with
      its own spelling. Two links printed alike (same role, same spelling) cannot both stay and
      are always refused: one of them would vanish from the cell;
    - every alias of the others moves to the target, and each other's name becomes an alias,
      so the next import of that spelling finds the target;
    - blank legal form of the target is filled from the others, their notes appended;
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

    links = list(
        ProjectPartner.objects.select_for_update()
        .filter(partner__in=[target, *others])
        .order_by("project_id", "order", "pk")
    )
    clashes = _same_spelling(links)
    if clashes:
        labels = _labels(clashes)
        raise PartnerMergeRefused(
            "同じ役割・同じ表記で載っている協働事業があるため統合できません（統合すると報告書の欄から"
            "一つ消えます）：" + "、".join(f"「{label}」" for label in labels),
            labels,
        )
    if not confirmed_same_body:
        shared = shared_projects([target, *others])
        if shared:
            raise PartnerMergeRefused(
                "統合する団体が同じ協働事業に載っています："
                + "、".join(f"「{label}」" for label in shared)
                + "。同じ団体であることを確認したうえで統合してください"
                "（どちらの表記もそのまま残ります）。",
                shared,
            )

    taken_aliases = set(PartnerAlias.objects.values_list("name", flat=True))
    notes: list[str] = []
    merged_names: list[str] = []

    def keep_alias(name: str) -> None:
        name = (name or "").strip()
        if name and name != target.name and name not in taken_aliases:
            _stamp(PartnerAlias(partner=target, name=name), user).save()
            taken_aliases.add(name)

    other_ids = {other.pk for other in others}
    for link in links:
        if link.partner_id in other_ids:
            link.partner = target
            _stamp(link, user).save()
    for other in others:
        merged_names.append(other.name)
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
