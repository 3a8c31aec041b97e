DROP TABLE task_comments;
DROP TABLE task_coordinators;
DROP TABLE tasks;
