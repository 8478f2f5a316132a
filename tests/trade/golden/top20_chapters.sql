SELECT
  *
FROM (
  SELECT
    "t3"."code",
    "t3"."value_usd",
    "t3"."source_ids",
    "t3"."hs_revisions",
    (
      "t3"."value_usd" / SUM("t3"."value_usd") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    ) * 100.0 AS "share_pct"
  FROM (
    SELECT
      "t2"."code",
      SUM("t2"."value_usd") AS "value_usd",
      ARRAY_AGG(DISTINCT "t2"."source_id") FILTER(WHERE
        "t2"."source_id" IS NOT NULL) AS "source_ids",
      ARRAY_AGG(DISTINCT "t2"."hs_revision") FILTER(WHERE
        "t2"."hs_revision" IS NOT NULL) AS "hs_revisions"
    FROM (
      SELECT
        "t1"."code",
        "t1"."source_id",
        "t1"."hs_revision",
        SUM("t1"."value_usd") AS "value_usd"
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
          ) AS "code"
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
        1,
        2,
        3
    ) AS "t2"
    GROUP BY
      1
  ) AS "t3"
) AS "t4"
ORDER BY
  "t4"."value_usd" DESC,
  "t4"."code" ASC
LIMIT 20
