DROP TABLE reorganisation_sources;
DROP TABLE reorganisations;
