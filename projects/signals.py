"""Every ORM write that changes a fiscal year's figures (年次集計) marks that year changed.

Signals, so that no save path can forget it: the admin and its inlines, next-year copies, the
partner merge, history reverts, fixtures. The bulk paths that send no signals (the import, the
series links) call projects.services.figures themselves. Connected in ProjectsConfig.ready.
"""

from django.db.models.signals import post_delete, post_save, pre_delete

from partners.models import Partner
from projects.models import Department, Form, Project, ProjectPartner, Session
from projects.services.figures import figures_mark_all_changed, figures_mark_changed


def _project_saved(sender, instance: Project, created: bool, **kwargs) -> None:
    years: set[int | None] = {instance.fiscal_year}
    if not created:
        if not hasattr(instance, "_loaded_fiscal_year"):
            # Saved over an existing row without loading it: its old year is unknown.
            figures_mark_all_changed()
            return
        years.add(instance._loaded_fiscal_year)
    instance._loaded_fiscal_year = instance.fiscal_year
    figures_mark_changed(years=years)


def _project_deleting(sender, instance: Project, **kwargs) -> None:
    figures_mark_changed(years=[instance.fiscal_year])


def _year_of(child) -> list[int]:
    """The fiscal year of a session's or a partner link's project (none once it is gone)."""
    if project := child._meta.get_field("project").get_cached_value(child, None):
        return [project.fiscal_year]
    return list(Project.objects.filter(pk=child.project_id).values_list("fiscal_year", flat=True))


def _child_changed(sender, instance, **kwargs) -> None:
    figures_mark_changed(years=_year_of(instance))


def _partner_changed(sender, instance: Partner, **kwargs) -> None:
    # Its 種別 counts in the years of the projects it takes part in.
    years = Project.objects.filter(partner_links__partner=instance).values_list(
        "fiscal_year", flat=True
    )
    figures_mark_changed(years=years.distinct().order_by())


def _named_list_changed(sender, instance, **kwargs) -> None:
    # A 担当課 or 協働の形態 renamed shows under its new name in every year it has projects.
    years = instance.projects.values_list("fiscal_year", flat=True).distinct().order_by()
    figures_mark_changed(years=years)


def connect() -> None:
    post_save.connect(_project_saved, sender=Project, dispatch_uid="figures.project_saved")
    pre_delete.connect(_project_deleting, sender=Project, dispatch_uid="figures.project_deleting")
    for model in (Session, ProjectPartner):
        for signal in (post_save, post_delete):
            signal.connect(_child_changed, sender=model, dispatch_uid=f"figures.{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(_partner_changed, sender=Partner, dispatch_uid="figures.partner")
        for named in (Form, Department):
            signal.connect(
                _named_list_changed, sender=named, dispatch_uid=f"figures.{named.__name__}"
            )
