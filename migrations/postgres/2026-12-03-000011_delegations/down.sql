DROP TABLE delegation_reports;
DROP TABLE delegation_subjects;
DROP TABLE delegation_members;
DROP TABLE delegation_bases;
DROP TABLE delegations;
