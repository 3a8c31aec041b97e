-- When an agency existed (hiệu lực): valid_from is the day it was established, when known
-- (NULL: before the records begin); valid_to is its last day, set when a reorganisation ends it.
ALTER TABLE agencies ADD COLUMN valid_from DATE;
ALTER TABLE agencies ADD COLUMN valid_to DATE;
UPDATE agencies SET valid_to = (
    SELECT MAX(r.effective_on - 1) FROM reorganisations r
    JOIN reorganisation_sources s ON s.reorganisation_id = r.id
    WHERE s.agency_id = agencies.id AND r.status = 'applied' AND r.kind <> 'transfer'
);
