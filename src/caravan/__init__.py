"""Caravan: an open observatory of China–Central Asia cooperation.

Data flows one way: curated and imported *sources* become rows of one DuckDB
*ledger*; *analyses* are plain functions over the ledger; *surfaces* (the CLI,
the HTTP API, the dashboard, reports) only present what analyses return.
"""

__version__ = "0.1.0"
