"""Language choice: Dutch first, English when chosen.

Pages are Dutch unless the visitor picked English with the language switch
(the language cookie), whatever the browser says: a resident in Haarlem with
an English browser still lands on the Dutch site and can switch. The API
follows ``Accept-Language``, so clients can ask for English messages.
"""

from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
