from typing import Any

FORM = {
    "question": "Ik krijg steeds brieven over een schuld en ik snap ze niet.",
    "for_whom": "zelf",
    "preferred_organisation": "geen-voorkeur",
    "language": "nl",
    "contact_channel": "telefoon",
    "phone": "06 12345678",
    "consent": "on",
}


def form(**changes: Any) -> dict[str, Any]:
    """The request form as a resident fills it in; ``None`` leaves a field out."""
    values = {**FORM, **changes}
    return {key: value for key, value in values.items() if value is not None}
