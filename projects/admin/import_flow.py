"""The project import's steps around django-import-export's own (import_action, process_import).

- Every page showing a result gets the prepared errors and preview (import_preview.py).
- A form of collaboration the list lacks: the coordinator answers on the error page (add it, or
  read it as a listed one); the stored file is read again with the answer (a dry run), and the
  confirm form carries the answer to the real import. A clerk sees the refusal only.
- The real import rolls back on any error and shows it, instead of the library's success
  message and redirect; the success message is in Japanese.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from projects.admin.import_preview import error_view, outcome_text, preview_view
from projects.admin.unknown_forms import (
    RECHECK,
    FormChoiceForm,
    ReportConfirmImportForm,
    encode,
)
from projects.permissions import is_coordinator
from projects.reader.records import ReportReadError

_FILE_FIELDS = ("import_file_name", "original_file_name", "format", "resource")


class ImportPreviewMixin:
    confirm_form_class = ReportConfirmImportForm

    def get_import_resource_kwargs(self, request, **kwargs):
        resource_kwargs = super().get_import_resource_kwargs(request, **kwargs)
        form = kwargs.get("form")
        cleaned = getattr(form, "cleaned_data", None) or {}
        if isinstance(form, FormChoiceForm) and form.is_valid():
            resource_kwargs["form_choices"] = form.choices()
        elif cleaned.get("form_choices"):
            resource_kwargs["form_choices"] = cleaned["form_choices"]
        return resource_kwargs

    def get_import_data_kwargs(self, **kwargs):
        # The real import is all or nothing: a row refused at confirmation undoes the others.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def import_action(self, request, **kwargs):
        if request.method == "POST" and RECHECK in request.POST:
            return self.recheck_view(request, **kwargs)
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse) and response.context_data.get("result"):
            form = response.context_data.get("form")
            file_fields = {}
            if form is not None and form.is_bound and not form.errors:
                stored = form.cleaned_data["import_file"]
                file_fields = {
                    "import_file_name": getattr(stored, "tmp_storage_name", ""),
                    "original_file_name": stored.name,
                    "format": form.cleaned_data["format"],
                    "resource": form.cleaned_data.get("resource", ""),
                }
            response.context_data.update(
                self.preview_context(request, response.context_data["result"], file_fields)
            )
        return response

    def preview_context(self, request, result, file_fields, choice_form=None) -> dict:
        context = {"outcome_text": outcome_text(result.totals)}
        if result.has_validation_errors():
            context.update(error_view(result))
        elif not result.has_errors():
            context.update(preview_view(result))
        context["unknown_forms"] = result.unknown_forms
        if result.unknown_forms and is_coordinator(request.user) and file_fields:
            context["choice_form"] = choice_form or FormChoiceForm(
                initial=file_fields, names=result.unknown_forms
            )
        return context

    def recheck_view(self, request, **kwargs):
        """The stored file read again with the coordinator's answer for unknown forms."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        choice_form = FormChoiceForm(request.POST)
        base = ReportConfirmImportForm(request.POST)
        if not base.is_valid() or not is_coordinator(request.user):
            raise PermissionDenied
        file_fields = {name: base.cleaned_data[name] for name in _FILE_FIELDS}
        answered = choice_form.is_valid()
        resource_kwargs = self.get_import_resource_kwargs(
            request, form=choice_form if answered else None
        )
        resource = self.choose_import_resource_class(base, request)(**resource_kwargs)
        try:
            dataset = self._stored_dataset(base)
        except (OSError, ReportReadError):
            messages.error(
                request, "取り込むファイルが見つかりません。もう一度ファイルを選んでください。"
            )
            return self.import_page(request, resource, {})
        result = resource.import_data(
            dataset,
            dry_run=True,
            raise_errors=False,
            file_name=base.cleaned_data["original_file_name"],
            user=request.user,
            **self.get_import_data_kwargs(request=request),
        )
        context = {"result": result}
        context.update(self.preview_context(request, result, file_fields, choice_form))
        if answered and not result.has_errors() and not result.has_validation_errors():
            choices = choice_form.choices()
            context["confirm_form"] = ReportConfirmImportForm(
                initial={**file_fields, "form_choices": encode(choices)}
            )
            context["form_choice_lines"] = [
                f"「{name}」を協働の形態の一覧に追加します。" for name in sorted(choices.add)
            ] + [f"「{name}」を「{to}」として読みます。" for name, to in choices.mapping.items()]
        return self.import_page(request, resource, context)

    def _stored_dataset(self, form):
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])](
            encoding=self.from_encoding
        )
        storage = self.get_tmp_storage_class()(
            name=form.cleaned_data["import_file_name"],
            encoding=None if input_format.is_binary() else self.from_encoding,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        return input_format.create_dataset(storage.read())

    def import_page(self, request, resource, context) -> TemplateResponse:
        """The import page as import_action renders it, with a fresh upload form."""
        import_form = self.get_import_form_class(request)(
            self.get_import_formats(),
            self.get_import_resource_classes(request),
            initial=self.get_import_form_initial(request),
        )
        page = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": "インポート",
            "form": import_form,
            "opts": self.model._meta,
            "media": self.media + import_form.media,
            "fields_list": [
                (
                    resource.get_display_name(),
                    [f.column_name for f in resource.get_user_visible_fields()],
                )
            ],
            "import_error_display": self.import_error_display,
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], page)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Refused at confirmation (say, another import changed the rows meanwhile):
            # everything was rolled back; show why instead of a success message.
            messages.error(request, "取り込めませんでした。何も保存していません。")
            resource = self.get_import_resource_classes(request)[0]()
            context = {"result": result, **self.preview_context(request, result, {})}
            return self.import_page(request, resource, context)
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        messages.success(request, f"取り込みました：{outcome_text(result.totals)}。")
