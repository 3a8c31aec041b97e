DROP TABLE change_reach;
DROP TABLE changes;
DROP TABLE change_log;
