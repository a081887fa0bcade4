from django.db import migrations

# The forms of collaboration seen in Japanese municipal reports (README, 用語集), in the order reports number them. The list stays
# editable in the admin: cities use their own subsets and wordings.
FORMS = [
    "共催",
    "実行委員会・協議会",
    "委託",
    "補助・助成",
    "事業協力",
    "後援",
    "情報交換・情報提供",
    "指定管理",
    "企画立案への参画",
    "その他",
]


def add_forms(apps, schema_editor):
    Form = apps.get_model("projects", "Form")
    for order, name in enumerate(FORMS, start=1):
        Form.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(add_forms, migrations.RunPython.noop)]
