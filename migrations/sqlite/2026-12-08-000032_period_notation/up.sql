-- Months are written 2026-M05 (issue 12); reports filed as 2026-05 take the new spelling.
UPDATE reports SET period = substr(period, 1, 5) || 'M' || substr(period, 6)
WHERE length(period) = 7 AND substr(period, 6, 1) IN ('0', '1');
