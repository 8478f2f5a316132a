SELECT
  *
FROM (
  SELECT
    "t1"."year",
    "t1"."exporter",
    SUM("t1"."value_usd") AS "value_usd"
  FROM (
    SELECT
      *
    FROM "trade_flow" AS "t0"
    WHERE
      "t0"."dataset" = 'baci'
      AND (
        (
          "t0"."reporter" IS NULL
        ) OR (
          "t0"."reporter" = "t0"."exporter"
        )
      )
      AND "t0"."importer" <> 'WLD'
  ) AS "t1"
  GROUP BY
    1,
    2
) AS "t2"
ORDER BY
  "t2"."year" ASC,
  "t2"."exporter" ASC
