"""The API's project: the structured record of `export_report --format json`, plus id and url.

The record itself comes from projects.report.export.project_record, so the API and the JSON
download never differ; the fields below only describe it for the OpenAPI schema (a test keeps
the two in step).
"""

from django.urls import reverse
from rest_framework import serializers

from projects.report.export import project_record


class PartnerIdentitySerializer(serializers.Serializer):
    id = serializers.IntegerField(
        help_text="関係団体のID（/partners/<id>/、一覧の partner）。"
        "統合されると統合先のIDになります"
    )
    name = serializers.CharField(help_text="関係団体の現在の正式名称")


class PartnerSerializer(serializers.Serializer):
    name = serializers.CharField(
        help_text="報告書に載った表記（例：(公財) 苫小牧市スポーツ協会）。"
        "団体の名称変更や統合があっても変わりません"
    )
    role = serializers.CharField(help_text="役割（「内装：…」の「内装」）。なければ空文字")
    count = serializers.IntegerField(
        allow_null=True, help_text="団体の数（「82町内会」の 82）。なければ null"
    )
    partner = PartnerIdentitySerializer(
        help_text="この表記が指す関係団体（ID と現在の正式名称）。統合・名称変更はここに表れます"
    )


class SessionSerializer(serializers.Serializer):
    # A declared field, which DRF takes out of the class: Field.label is not replaced.
    label = serializers.CharField(help_text="内容の見出し。なければ空文字")  # type: ignore[assignment]
    start = serializers.DateField(help_text="開始日（YYYY-MM-DD）")
    end = serializers.DateField(allow_null=True, help_text="終了日。1日だけなら null")
    participants = serializers.IntegerField(allow_null=True, help_text="参加人数。不明なら null")
    approximate = serializers.BooleanField(help_text="参加人数が概数（約…人）か")
    note = serializers.CharField(help_text="人数の後の注記。なければ空文字")


class ProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="協働事業のID（/api/projects/<id>/）")
    url = serializers.URLField(help_text="市民向けページのURL")
    fiscal_year = serializers.IntegerField(help_text="年度（西暦。令和5年度 = 2023）")
    no = serializers.IntegerField(help_text="報告書のNo.（年度・協働の形態ごと）")
    form = serializers.CharField(help_text="協働の形態（共催、後援…）")
    name = serializers.CharField(help_text="協働事業の名称")
    department = serializers.CharField(help_text="担当課")
    category = serializers.CharField(help_text="実施区分（例年実施、単年度(新規)実施…）")
    since_year = serializers.IntegerField(
        allow_null=True, help_text="継続実施の開始年（西暦）。不明なら null"
    )
    partners = PartnerSerializer(many=True, help_text="取組に関係した団体等（報告書の順）")
    sessions = SessionSerializer(many=True, help_text="実施年月日、参加人数（報告書の順）")
    participants_total = serializers.IntegerField(
        allow_null=True,
        help_text="参加人数の合計（人数のある回の和）。どの回にも人数がなければ null（0ではない）",
    )
    participants_approximate = serializers.BooleanField(help_text="合計に概数（約…人）の回を含むか")

    def to_representation(self, instance):
        request = self.context["request"]
        url = request.build_absolute_uri(reverse("public:project", args=[instance.pk]))
        return {"id": instance.pk, "url": url, **project_record(instance)}
