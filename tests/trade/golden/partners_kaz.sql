WITH "t6" AS (
  SELECT
    "t5"."year",
    "t5"."country",
    "t5"."partner",
    SUM("t5"."exports") AS "exports",
    SUM("t5"."imports") AS "imports"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t1"."year",
        "t1"."exporter" AS "country",
        "t1"."importer" AS "partner",
        SUM("t1"."value_usd") AS "exports",
        0.0 AS "imports"
      FROM (
        SELECT
          *
        FROM "trade_total" AS "t0"
        WHERE
          "t0"."year" IN (2020)
          AND "t0"."exporter" IN ('KAZ')
          AND (
            (
              "t0"."reporter" IS NULL
            ) OR (
              "t0"."reporter" = "t0"."exporter"
            )
          )
      ) AS "t1"
      GROUP BY
        1,
        2,
        3
    ) AS "t3"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t2"."year",
        "t2"."importer" AS "country",
        "t2"."exporter" AS "partner",
        0.0 AS "exports",
        SUM("t2"."value_usd") AS "imports"
      FROM (
        SELECT
          *
        FROM "trade_total" AS "t0"
        WHERE
          "t0"."year" IN (2020)
          AND "t0"."importer" IN ('KAZ')
          AND (
            (
              "t0"."reporter" IS NULL
            ) OR (
              "t0"."reporter" = "t0"."importer"
            )
          )
      ) AS "t2"
      GROUP BY
        1,
        2,
        3
    ) AS "t4"
  ) AS "t5"
  GROUP BY
    1,
    2,
    3
), "t9" AS (
  SELECT
    "t7"."year",
    "t7"."country",
    "t7"."partner",
    "t7"."exports",
    "t7"."imports",
    "t7"."exports" + "t7"."imports" AS "turnover",
    "t7"."exports" - "t7"."imports" AS "balance"
  FROM "t6" AS "t7"
  WHERE
    "t7"."partner" <> 'WLD'
)
SELECT
  "t15"."year",
  "t15"."country",
  "t15"."rank",
  "t15"."partner",
  "t15"."exports",
  "t15"."imports",
  "t15"."turnover",
  CASE
    WHEN "t17"."world_turnover" > 0
    THEN (
      "t15"."turnover" / "t17"."world_turnover"
    ) * 100.0
    ELSE CAST(NULL AS DOUBLE)
  END AS "share_pct",
  "t17"."world_turnover"
FROM (
  SELECT
    "t11"."year",
    "t11"."country",
    "t11"."partner",
    "t11"."exports",
    "t11"."imports",
    "t11"."turnover",
    "t11"."balance",
    (
      ROW_NUMBER() OVER (
        PARTITION BY "t11"."year", "t11"."country"
        ORDER BY "t11"."turnover" DESC, "t11"."partner" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ) - 1
    ) + 1 AS "rank"
  FROM "t9" AS "t11"
) AS "t15"
INNER JOIN (
  SELECT
    "t13"."year",
    "t13"."country",
    COALESCE("t10"."world_row", "t13"."partner_sum") AS "world_turnover"
  FROM (
    SELECT
      "t11"."year",
      "t11"."country",
      SUM("t11"."turnover") AS "partner_sum"
    FROM "t9" AS "t11"
    GROUP BY
      1,
      2
  ) AS "t13"
  LEFT OUTER JOIN (
    SELECT
      "t7"."year",
      "t7"."country",
      "t7"."exports" + "t7"."imports" AS "world_row"
    FROM "t6" AS "t7"
    WHERE
      "t7"."partner" = 'WLD'
  ) AS "t10"
    ON "t13"."year" = "t10"."year" AND "t13"."country" = "t10"."country"
) AS "t17"
  ON "t15"."year" = "t17"."year" AND "t15"."country" = "t17"."country"
