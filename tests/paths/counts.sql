-- The counts of journeygraph's Journey.fromCounts, from one row per touch
-- in paths(path_id, position, channel) and one row per customer path in
-- outcomes(path_id, converted). Standard SQL (window functions, GROUP BY,
-- UNION ALL); writes kind, channel, next_channel, count.
WITH touches AS (
  SELECT path_id, position, channel,
         LAG(channel) OVER (PARTITION BY path_id ORDER BY position) AS previous
  FROM paths
),
visits AS (
  -- Consecutive repeats of a channel are one visit.
  SELECT path_id, channel,
         ROW_NUMBER() OVER (PARTITION BY path_id ORDER BY position) - 1 AS step
  FROM touches
  WHERE previous IS NULL OR previous <> channel
),
steps AS (
  SELECT v.path_id, v.channel, v.step,
         LEAD(v.channel) OVER (PARTITION BY v.path_id ORDER BY v.step) AS next_channel,
         COUNT(*) OVER (PARTITION BY v.path_id) AS visits,
         CASE WHEN o.converted THEN 1 ELSE 0 END AS conversion
  FROM visits v
  JOIN outcomes o ON o.path_id = v.path_id
),
containing AS (
  SELECT DISTINCT path_id, channel, conversion FROM steps
)
SELECT 'first' AS kind, channel, '' AS next_channel, COUNT(*) AS count
  FROM steps WHERE step = 0 GROUP BY channel
UNION ALL
SELECT 'move', channel, next_channel, COUNT(*)
  FROM steps WHERE next_channel IS NOT NULL GROUP BY channel, next_channel
UNION ALL
SELECT 'conversions', channel, '', SUM(conversion)
  FROM steps WHERE next_channel IS NULL GROUP BY channel
UNION ALL
SELECT 'nulls', channel, '', SUM(1 - conversion)
  FROM steps WHERE next_channel IS NULL GROUP BY channel
UNION ALL
SELECT 'positions', channel, '', SUM(step)
  FROM steps GROUP BY channel
UNION ALL
SELECT 'paths', channel, '', COUNT(*)
  FROM containing GROUP BY channel
UNION ALL
SELECT 'path_conversions', channel, '', SUM(conversion)
  FROM containing GROUP BY channel
UNION ALL
SELECT 'first_touch', channel, '', SUM(conversion)
  FROM steps WHERE step = 0 GROUP BY channel
UNION ALL
SELECT 'linear', channel, '', SUM(CAST(conversion AS DOUBLE PRECISION) / visits)
  FROM steps GROUP BY channel
