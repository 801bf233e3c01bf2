from django.urls import path

from wegwijs.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("mijn-termijnen/", views.my_deadlines, name="my-deadlines"),
    path("mijn-termijnen/agenda-link/", views.feed_renew, name="feed-renew"),
    path("kwesties/<int:case_pk>/termijnen/nieuw/", views.deadline_add, name="deadline-add"),
    path("termijnen/<int:pk>/gehaald/", views.deadline_met, name="deadline-met"),
    path("termijnen/<int:pk>/annuleren/", views.deadline_cancel, name="deadline-cancel"),
    path("bezwaar-termijn/", views.public_bezwaar, name="public-bezwaar"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="feed"),
]
