"""Trade analyses: totals, growth, partner shares, product composition, indices and mirror statistics.

Large-table analyses are Ibis expressions over the ledger's `trade_flow` and
`trade_total` views, so they run unchanged on DuckDB (default) or Spark
(`caravan --engine spark`). Each public function returns a `TradeResult`: the
table and the sources it rests on.
"""
