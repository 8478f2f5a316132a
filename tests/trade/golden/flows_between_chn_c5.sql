SELECT
  *
FROM (
  SELECT
    "t2"."year",
    "t2"."exporter",
    "t2"."importer",
    SUM("t2"."value_usd") AS "value_usd",
    ARRAY_AGG(DISTINCT "t2"."source_id") FILTER(WHERE
      "t2"."source_id" IS NOT NULL) AS "source_ids"
  FROM (
    SELECT
      "t1"."year",
      "t1"."exporter",
      "t1"."importer",
      "t1"."source_id",
      SUM("t1"."value_usd") AS "value_usd"
    FROM (
      SELECT
        *
      FROM "trade_flow" AS "t0"
      WHERE
        "t0"."dataset" = 'baci'
        AND (
          (
            (
              "t0"."exporter" = 'CHN'
            )
            AND "t0"."importer" IN ('KAZ', 'KGZ', 'TJK', 'TKM', 'UZB')
          )
          OR (
            "t0"."exporter" IN ('KAZ', 'KGZ', 'TJK', 'TKM', 'UZB')
            AND (
              "t0"."importer" = 'CHN'
            )
          )
        )
    ) AS "t1"
    GROUP BY
      1,
      2,
      3,
      4
  ) AS "t2"
  GROUP BY
    1,
    2,
    3
) AS "t3"
ORDER BY
  "t3"."year" ASC,
  "t3"."exporter" ASC,
  "t3"."importer" ASC
