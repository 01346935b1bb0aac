"""The rules of the domain, below both the ETL (``etl``) and the pages (``dashboard``).

Both layers apply these rules; neither writes them again. Nothing here reads a file,
asks a database or knows a request: the modules are functions of values and DataFrames
(and a few SQL expressions that state a rule for the database), tested in ``tests/domain``.

* ``indicators`` – an indicator's projection and status (achieved, on track, at risk, …)
* ``projects`` – a project's end and status by its dates
* ``periods`` – whether a date lies in a period
* ``shares`` – a project's funding shares as amounts
* ``plan_review`` – the steering group's review of a community plan (states, changes, money)
* ``orp`` – the ORP comparison (budget split by population, fulfilment, plan coverage)
* ``target_groups`` – measures, money and fulfilment by canonical target group
* ``cells`` – text a spreadsheet would run as a formula, made inert
* ``frames``, ``collation`` – DataFrame rows as dicts; Czech alphabetical order

``etl`` and ``dashboard`` import ``domain``; ``domain`` imports neither
(``tests/domain/test_layers.py`` checks it).
"""
