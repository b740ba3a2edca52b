-- Connection progress of kpi.md per unit of a level, for one platform, at each instant of ts
-- (one for the API, several for the monthly series). An agency's state at t is that of its
-- latest event at or before t (ties: the greatest event_id), none before its first event.
-- active (at the last instant only): connected, with an event of the platform's kind naming it in (T − 30 days, T].
-- Params: level ('national': every registry agency, in unit ''), unit_level (level, or 'province'
-- for national), structure, platform, ts (ascending; the last is T), T.
WITH
  states AS (
    SELECT agency_code,
      arraySort(x -> (x.1, x.2), groupArray((occurred_at, event_id, state))) AS evs,
      arrayMap(t -> arrayLast(x -> x.1 <= t, evs).3, {ts:Array(DateTime64(6, 'UTC'))}) AS at_ts
    FROM connection_events
    WHERE platform = {platform:String}
    GROUP BY agency_code
  ),
  -- agencies with an event in (T − 30 days, T], from the per-day first and last events (agency_activity):
  -- a day inside the window has one if it has any; the first and last days, if their last / first event falls in it.
  active_agencies AS (
    SELECT DISTINCT agency_code AS agency
    FROM agency_activity
    WHERE platform = {platform:String}
      AND day >= toDate({T:DateTime64(6, 'UTC')} - INTERVAL 30 DAY, 'Asia/Ho_Chi_Minh')
      AND day <= toDate({T:DateTime64(6, 'UTC')}, 'Asia/Ho_Chi_Minh')
      AND last > {T:DateTime64(6, 'UTC')} - INTERVAL 30 DAY
      AND first <= {T:DateTime64(6, 'UTC')}
  )
SELECT
  unit,
  count() AS agencies,
  sumForEach(arrayMap(x -> toUInt64(x = 'connected'), at_ts)) AS connected,
  countIf(length(at_ts) > 0 AND at_ts[-1] = 'connected' AND u.agency_code IN (SELECT agency FROM active_agencies)) AS active
FROM
(
  SELECT agency_code, if({level:String} = 'national', '', unit) AS unit
  FROM unit_of_agency(level = {unit_level:String}, structure = {structure:String})
) AS u
LEFT ANY JOIN states AS s ON u.agency_code = s.agency_code
WHERE {level:String} = 'national' OR unit != ''
GROUP BY unit
