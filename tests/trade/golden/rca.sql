SELECT
  *
FROM (
  SELECT
    "t2"."exporter",
    "t2"."product",
    "t2"."value",
    (
      "t2"."value" / SUM("t2"."value") OVER (
        PARTITION BY "t2"."exporter"
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      )
    ) / (
      SUM("t2"."value") OVER (
        PARTITION BY "t2"."product"
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ) / SUM("t2"."value") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    ) AS "rca"
  FROM (
    SELECT
      "t1"."exporter",
      "t1"."product",
      SUM("t1"."value") AS "value"
    FROM (
      SELECT
        "t0"."dataset",
        "t0"."year",
        "t0"."reporter",
        "t0"."exporter",
        "t0"."importer",
        "t0"."hs_revision",
        "t0"."hs6",
        "t0"."value_usd",
        "t0"."quantity",
        "t0"."quantity_unit",
        "t0"."basis",
        "t0"."source_id",
        SUBSTRING(
          "t0"."hs6",
          CASE WHEN (
            0 + 1
          ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t0"."hs6") END,
          2
        ) AS "product",
        "t0"."value_usd" AS "value"
      FROM "trade_flow" AS "t0"
      WHERE
        "t0"."dataset" = 'baci' AND "t0"."year" = 2020
    ) AS "t1"
    GROUP BY
      1,
      2
  ) AS "t2"
) AS "t3"
ORDER BY
  "t3"."exporter" ASC,
  "t3"."product" ASC
