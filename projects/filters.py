"""The public register's filters: 協働の形態, 実施区分, 担当課 and a keyword."""

import django_filters
from django.db.models import Q

from projects.models import Category, Department, Form, Project


class PublicProjectFilter(django_filters.FilterSet):
    form = django_filters.ModelChoiceFilter(
        queryset=Form.objects.all(), label="協働の形態", empty_label="すべて"
    )
    category = django_filters.ChoiceFilter(
        choices=Category.choices, label="実施区分", empty_label="すべて"
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label="担当課", empty_label="すべて"
    )
    q = django_filters.CharFilter(method="filter_keyword", label="キーワード")

    class Meta:
        model = Project
        fields = ["form", "category", "department"]

    def filter_keyword(self, queryset, name, value):
        """Every word must appear in the name, purpose, effect or a partner's name.

        Partners are matched through a subquery, so the list's annotations (participants
        totals) are not multiplied by a join and no DISTINCT is needed.
        """
        for word in value.split()[:10]:
            partnered = Project.objects.filter(
                Q(partner_links__partner__name__icontains=word)
                | Q(partner_links__written_as__icontains=word)
            ).values("pk")
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(purpose__icontains=word)
                | Q(effect__icontains=word)
                | Q(pk__in=partnered)
            )
        return queryset
