DROP TABLE delegation_sessions;
