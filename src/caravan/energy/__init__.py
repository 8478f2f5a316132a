"""Energy: gas pipelines' capacity against delivered volumes, and the GEM pipeline import.

`pipelines` compares capacity with annual deliveries in the ledger and checks
annual volumes against cumulative totals; `gem` reads Global Energy Monitor's
gas infrastructure tracker and route geometry; `cli` is `caravan pipelines`.
"""
