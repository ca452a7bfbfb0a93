from django.db.models import Count
from django.shortcuts import render

from congso.catalog.models import Procedure
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier
from congso.identity.models import Agency


def home(request):
    by_status = dict(Dossier.objects.values_list("status").annotate(n=Count("id")).order_by())
    context = {
        "procedures": Procedure.objects.filter(active=True).count(),
        "agencies": Agency.objects.filter(active=True).count(),
        "dossiers": sum(by_status.values()),
        "statuses": [(s.value, s.label, by_status.get(s.value, 0)) for s in Status],
    }
    return render(request, "portal/home.html", context)
