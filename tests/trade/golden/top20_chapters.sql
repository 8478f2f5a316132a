SELECT
  *
FROM (
  SELECT
    "t2"."code",
    "t2"."value_usd",
    (
      "t2"."value_usd" / SUM("t2"."value_usd") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    ) * 100.0 AS "share_pct"
  FROM (
    SELECT
      SUBSTRING(
        "t1"."hs6",
        CASE WHEN (
          0 + 1
        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t1"."hs6") END,
        2
      ) AS "code",
      SUM("t1"."value_usd") AS "value_usd"
    FROM (
      SELECT
        *
      FROM "trade_flow" AS "t0"
      WHERE
        "t0"."dataset" = 'baci'
        AND "t0"."year" = 2020
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
      1
  ) AS "t2"
) AS "t3"
ORDER BY
  "t3"."value_usd" DESC,
  "t3"."code" ASC
LIMIT 20
