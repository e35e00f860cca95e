from django.db.models import QuerySet

from .models import AuditEntry


def audit_entries(*, object_type: str = "", action: str = "", actor_id: int | None = None) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("actor")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if action:
        qs = qs.filter(action__startswith=action)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    return qs


def audit_entries_for(obj) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("actor").filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
