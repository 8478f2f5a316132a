"""The ledger: one DuckDB file of cited facts, built from the sources.

`schema` defines and documents the tables, `build` writes the file
atomically, `store` opens it for reading, `derive` computes the derived
observations, and `export` writes it out as CSV, Parquet or a Data Package.
"""
