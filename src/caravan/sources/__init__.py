"""Sources: turn the outside world into validated rows.

`curated` reads the project's own cited data files under `data/`; one module
per bulk format (IMF DOTS, BACI, Comtrade, WDI) reads what users download.
"""
