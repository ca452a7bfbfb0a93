from django import forms
from django.contrib import admin

from congso.core.errors import DomainError
from congso.workflow.defaults import StepPlan
from congso.workflow.models import ProcessStep, ProcessTemplate
from congso.workflow.services import validate_steps


class StepFormSet(forms.BaseInlineFormSet):
    """The same rule as the service: steps must add up to the legal limit, receive first, return last."""

    def clean(self):
        super().clean()
        plans = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            plans.append(
                StepPlan(
                    order=data["order"],
                    code=data["code"],
                    name=data["name"],
                    role=data["role"],
                    minutes=data["minutes"],
                )
            )
        plans.sort(key=lambda p: p.order)
        try:
            validate_steps(plans, total_minutes=self.instance.total_minutes)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class ProcessStepInline(admin.TabularInline):
    model = ProcessStep
    formset = StepFormSet
    extra = 0


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "total_minutes", "generated"]
    list_filter = ["generated"]
    search_fields = ["key", "name"]
    readonly_fields = ["total_minutes"]
    inlines = [ProcessStepInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.generated = False
        form.instance.save(update_fields=["generated", "updated_at"])
