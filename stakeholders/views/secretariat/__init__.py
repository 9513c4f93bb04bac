"""The secretariat's desk for registrations: the queue and bulk decisions (`queue`), one
registration's page with its decisions and travel support (`registration`), and the wording of
the decisions' e-mails (`wording`). Secretariat only: others 403, anonymous visitors log in."""

from stakeholders.views.secretariat import queue, registration, wording

urlpatterns = [*queue.urlpatterns, *wording.urlpatterns, *registration.urlpatterns]
