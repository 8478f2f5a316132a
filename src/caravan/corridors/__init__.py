"""Corridors: the land bridge as a multimodal network, a route planner, scenarios and flows.

`network` holds the graph (fed from the ledger or from rows), `shortest` the
compiled shortest-path search on plain arrays, `places` name resolution in
English, Chinese and Russian, `route` the planner, `scenario` what-ifs,
`flows` capacity-constrained assignment, `runs` the JSON run records, and
`cli` the commands `caravan route`, `caravan scenario compare` and `caravan flows`.
"""
