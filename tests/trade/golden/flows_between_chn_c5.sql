SELECT
  *
FROM (
  SELECT
    "t1"."year",
    "t1"."exporter",
    "t1"."importer",
    SUM("t1"."value_usd") AS "value_usd"
  FROM (
    SELECT
      *
    FROM "trade_flow" AS "t0"
    WHERE
      "t0"."dataset" = 'baci'
      AND (
        (
          "t0"."exporter" IN ('CHN')
          AND "t0"."importer" IN ('KAZ', 'KGZ', 'TJK', 'TKM', 'UZB')
        )
        OR (
          "t0"."exporter" IN ('KAZ', 'KGZ', 'TJK', 'TKM', 'UZB')
          AND "t0"."importer" IN ('CHN')
        )
      )
  ) AS "t1"
  GROUP BY
    1,
    2,
    3
) AS "t2"
ORDER BY
  "t2"."year" ASC,
  "t2"."exporter" ASC,
  "t2"."importer" ASC
