"""The first-day guide on the admin's home page, as a self-contained inclusion tag."""

from django import template

from projects.guide import first_day_guide as guide_for

register = template.Library()


@register.inclusion_tag("admin/projects/first_day_guide.html", takes_context=True)
def first_day_guide(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    guide = guide_for(user) if user is not None and user.is_staff else None
    # A staff account with no department and no coordinator's role can do nothing yet: it is
    # told whom to ask (the guide is None for exactly those).
    return {"guide": guide, "no_department": user is not None and user.is_staff and guide is None}
