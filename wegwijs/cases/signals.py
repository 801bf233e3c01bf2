"""Events of the case register for apps in the layers above it.

``cases`` must not import referrals, intake or monitoring; they listen here
instead. Every signal is sent inside the writing transaction, so a receiver
that writes takes part in it; receivers that enqueue work use
``transaction.on_commit`` (see ``wegwijs.core.tasks.enqueue_on_commit``).
"""

from django.dispatch import Signal

# A case was closed.  Keyword arguments: ``case`` (Case), ``actor`` (User or None).
case_closed = Signal()

# A closed case was opened again.  Keyword arguments: ``case``, ``actor``.
case_reopened = Signal()

# Cases or contact moments of an organisation were written (registered,
# changed, imported, destroyed).  Keyword arguments: ``organisation_id`` (int)
# and ``first_day`` (date): the earliest date whose figures may have changed.
# Monitoring keeps its rollups current from this.
register_changed = Signal()

# A client's personal data and notes were erased: destroyed on request or
# after the retention period.  Keyword arguments: ``client`` (Client),
# ``case_ids`` (list of int: the client's cases) and ``actor`` (User or None).
# Whatever other apps copied from the file (a referral's shared data) goes too.
client_erased = Signal()
