WITH "t5" AS (
  SELECT
    *
  FROM (
    SELECT
      "t1"."year",
      "t1"."dataset",
      "t1"."source_id",
      "t1"."value_usd",
      'exports' AS "flow",
      "t1"."exporter" AS "reporter",
      "t1"."importer" AS "partner"
    FROM "trade_total" AS "t1"
    WHERE
      "t1"."importer" <> 'WLD'
      AND "t1"."exporter" <> 'WLD'
      AND "t1"."reporter" IS NOT NULL
      AND "t1"."reporter" = "t1"."exporter"
  ) AS "t3"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t1"."year",
      "t1"."dataset",
      "t1"."source_id",
      "t1"."value_usd",
      'imports' AS "flow",
      "t1"."importer" AS "reporter",
      "t1"."exporter" AS "partner"
    FROM "trade_total" AS "t1"
    WHERE
      "t1"."importer" <> 'WLD'
      AND "t1"."exporter" <> 'WLD'
      AND "t1"."reporter" IS NOT NULL
      AND "t1"."reporter" = "t1"."importer"
  ) AS "t4"
), "t13" AS (
  SELECT
    "t12"."year",
    "t12"."dataset",
    "t12"."source_id",
    "t12"."value_usd",
    "t12"."flow",
    "t12"."reporter",
    "t12"."partner",
    "t12"."priority",
    ROW_NUMBER() OVER (
      PARTITION BY "t12"."year", "t12"."flow", "t12"."reporter", "t12"."partner"
      ORDER BY "t12"."priority" ASC, "t12"."value_usd" DESC, "t12"."source_id" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) - 1 AS "pick"
  FROM (
    SELECT
      "t11"."year",
      "t11"."dataset",
      "t11"."source_id",
      "t11"."value_usd",
      "t11"."flow",
      "t11"."reporter",
      "t11"."partner",
      CASE "t11"."dataset"
        WHEN 'imf-dots'
        THEN 1
        WHEN 'comtrade'
        THEN 2
        WHEN 'ledger'
        THEN 3
        ELSE 9
      END AS "priority"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            *
          FROM "t5" AS "t6"
        ) AS "t7"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t8"."year",
            "t8"."dataset",
            "t8"."source_id",
            "t8"."value_usd",
            'turnover' AS "flow",
            "t8"."reporter",
            "t8"."partner"
          FROM (
            SELECT
              "t6"."year",
              "t6"."dataset",
              "t6"."reporter",
              "t6"."partner",
              SUM("t6"."value_usd") AS "value_usd",
              COUNT(DISTINCT "t6"."flow") AS "flows",
              MAX("t6"."source_id") AS "source_id"
            FROM "t5" AS "t6"
            GROUP BY
              1,
              2,
              3,
              4
          ) AS "t8"
          WHERE
            "t8"."flows" = 2
        ) AS "t9"
      ) AS "t10"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t0"."year",
          'ledger' AS "dataset",
          "t0"."source_id",
          "t0"."value_usd",
          "t0"."flow",
          "t0"."reporter",
          "t0"."partner"
        FROM "trade_reported" AS "t0"
      ) AS "t2"
    ) AS "t11"
  ) AS "t12"
)
SELECT
  "t25"."year",
  CASE
    WHEN "t25"."measure" = 'turnover'
    THEN "t25"."exporter" || ' <-> ' || "t25"."importer"
    ELSE "t25"."exporter" || ' -> ' || "t25"."importer"
  END AS "flow",
  'KAZ' AS "partner",
  "t25"."measure",
  "t25"."exporter" AS "reported_by_first",
  "t25"."first_reports",
  "t25"."importer" AS "reported_by_second",
  "t25"."second_reports",
  "t25"."second_reports" - "t25"."first_reports" AS "gap",
  CASE
    WHEN "t25"."first_reports" > 0
    THEN "t25"."second_reports" / "t25"."first_reports"
    ELSE CAST(NULL AS DOUBLE)
  END AS "ratio",
  CASE
    WHEN "t25"."measure" = 'turnover'
    THEN CAST(NULL AS DOUBLE)
    ELSE "t25"."second_reports" / "t25"."adjust"
  END AS "second_fob",
  CASE
    WHEN "t25"."measure" = 'turnover'
    THEN CAST(NULL AS DOUBLE)
    ELSE (
      "t25"."second_reports" / "t25"."adjust"
    ) - "t25"."first_reports"
  END AS "adjusted_gap",
  "t25"."first_source",
  "t25"."second_source",
  "t25"."first_dataset",
  "t25"."second_dataset"
FROM (
  SELECT
    *
  FROM (
    SELECT
      COALESCE("t19"."year", "t22"."year") AS "year",
      COALESCE("t19"."exporter", "t22"."exporter") AS "exporter",
      COALESCE("t19"."importer", "t22"."importer") AS "importer",
      'direction' AS "measure",
      "t19"."exporter_reports" AS "first_reports",
      "t22"."importer_reports" AS "second_reports",
      "t19"."exporter_source" AS "first_source",
      "t22"."importer_source" AS "second_source",
      "t19"."exporter_dataset" AS "first_dataset",
      "t22"."importer_dataset" AS "second_dataset",
      1.1 AS "adjust"
    FROM (
      SELECT
        "t14"."year",
        "t14"."reporter" AS "exporter",
        "t14"."partner" AS "importer",
        "t14"."value_usd" AS "exporter_reports",
        "t14"."source_id" AS "exporter_source",
        "t14"."dataset" AS "exporter_dataset"
      FROM "t13" AS "t14"
      WHERE
        "t14"."pick" = 0
        AND "t14"."reporter" IN ('CHN', 'KAZ')
        AND "t14"."partner" IN ('CHN', 'KAZ')
        AND "t14"."reporter" <> "t14"."partner"
        AND "t14"."flow" = 'exports'
    ) AS "t19"
    FULL OUTER JOIN (
      SELECT
        "t14"."year",
        "t14"."partner" AS "exporter",
        "t14"."reporter" AS "importer",
        "t14"."value_usd" AS "importer_reports",
        "t14"."source_id" AS "importer_source",
        "t14"."dataset" AS "importer_dataset"
      FROM "t13" AS "t14"
      WHERE
        "t14"."pick" = 0
        AND "t14"."reporter" IN ('CHN', 'KAZ')
        AND "t14"."partner" IN ('CHN', 'KAZ')
        AND "t14"."reporter" <> "t14"."partner"
        AND "t14"."flow" = 'imports'
    ) AS "t22"
      ON "t19"."year" = "t22"."year"
      AND "t19"."exporter" = "t22"."exporter"
      AND "t19"."importer" = "t22"."importer"
  ) AS "t24"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      COALESCE("t20"."year", "t21"."year") AS "year",
      'CHN' AS "exporter",
      'KAZ' AS "importer",
      'turnover' AS "measure",
      "t20"."first_reports",
      "t21"."second_reports",
      "t20"."first_source",
      "t21"."second_source",
      "t20"."first_dataset",
      "t21"."second_dataset",
      1.0 AS "adjust"
    FROM (
      SELECT
        "t14"."year",
        "t14"."value_usd" AS "first_reports",
        "t14"."source_id" AS "first_source",
        "t14"."dataset" AS "first_dataset"
      FROM "t13" AS "t14"
      WHERE
        "t14"."pick" = 0
        AND "t14"."reporter" IN ('CHN', 'KAZ')
        AND "t14"."partner" IN ('CHN', 'KAZ')
        AND "t14"."reporter" <> "t14"."partner"
        AND "t14"."flow" = 'turnover'
        AND "t14"."reporter" = 'CHN'
    ) AS "t20"
    FULL OUTER JOIN (
      SELECT
        "t14"."year",
        "t14"."value_usd" AS "second_reports",
        "t14"."source_id" AS "second_source",
        "t14"."dataset" AS "second_dataset"
      FROM "t13" AS "t14"
      WHERE
        "t14"."pick" = 0
        AND "t14"."reporter" IN ('CHN', 'KAZ')
        AND "t14"."partner" IN ('CHN', 'KAZ')
        AND "t14"."reporter" <> "t14"."partner"
        AND "t14"."flow" = 'turnover'
        AND "t14"."reporter" = 'KAZ'
    ) AS "t21"
      ON "t20"."year" = "t21"."year"
  ) AS "t23"
) AS "t25"
ORDER BY
  "t25"."year" ASC,
  CASE
    WHEN "t25"."measure" = 'turnover'
    THEN "t25"."exporter" || ' <-> ' || "t25"."importer"
    ELSE "t25"."exporter" || ' -> ' || "t25"."importer"
  END ASC
