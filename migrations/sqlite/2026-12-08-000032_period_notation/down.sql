UPDATE reports SET period = substr(period, 1, 5) || substr(period, 7)
WHERE length(period) = 8 AND substr(period, 6, 1) = 'M';
