SELECT
  'CHN' AS "exporter",
  'KAZ' AS "importer",
  CASE
    WHEN (
      "t12"."m_total" > 0
    ) AND (
      "t12"."x_total" > 0
    )
    THEN (
      1.0 - (
        "t12"."distance" / 2.0
      )
    ) * 100.0
    ELSE CAST(NULL AS DOUBLE)
  END AS "tci"
FROM (
  SELECT
    SUM(ABS("t11"."m_share" - "t11"."x_share")) AS "distance",
    SUM("t11"."m_share") AS "m_total",
    SUM("t11"."x_share") AS "x_total"
  FROM (
    SELECT
      COALESCE("t9"."x_share", 0.0) AS "x_share",
      COALESCE("t10"."m_share", 0.0) AS "m_share"
    FROM (
      SELECT
        "t5"."product",
        "t5"."x_share"
      FROM (
        SELECT
          "t3"."product",
          "t3"."x",
          "t3"."x" / SUM("t3"."x") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "x_share"
        FROM (
          SELECT
            "t1"."product",
            SUM("t1"."value") AS "x"
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
              "t0"."dataset" = 'baci' AND "t0"."year" = 2020 AND "t0"."exporter" = 'CHN'
          ) AS "t1"
          GROUP BY
            1
        ) AS "t3"
      ) AS "t5"
    ) AS "t9"
    FULL OUTER JOIN (
      SELECT
        "t6"."product",
        "t6"."m_share"
      FROM (
        SELECT
          "t4"."product",
          "t4"."m",
          "t4"."m" / SUM("t4"."m") OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "m_share"
        FROM (
          SELECT
            "t2"."product",
            SUM("t2"."value") AS "m"
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
              "t0"."dataset" = 'baci' AND "t0"."year" = 2020 AND "t0"."importer" = 'KAZ'
          ) AS "t2"
          GROUP BY
            1
        ) AS "t4"
      ) AS "t6"
    ) AS "t10"
      ON "t9"."product" = "t10"."product"
  ) AS "t11"
) AS "t12"
