"""Open Referral HSDS 3.0 for the sociale kaart: the read API and the tabular datapackage.

``mapping`` turns Wegwijs rows into HSDS rows (one place, used by the API and
the export), ``apis`` serves them under ``/api/hsds/``, ``datapackage``
writes and reads the CSV package. ``spec/`` holds the official
``datapackage.json`` and ``openapi.json`` of HSDS 3.0 unchanged (openreferral/
specification, branch 3.0, commit 279fd2e; CC BY-SA 4.0, see ``spec/LICENSE``).
"""
