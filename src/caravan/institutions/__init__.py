"""Institutions: the commitment tracker that measures promises against the ledger.

* `targets` evaluates a commitment's quantitative target against the ledger's
  observations: the latest figure with its source, progress so far, and a
  stated projection to the deadline (met, on track, behind, no data).
* `commitments` lists commitments with their evidence, checks the status
  rules, and assesses each commitment's status from its evidence and target.
"""
