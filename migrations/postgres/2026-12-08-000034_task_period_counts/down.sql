DROP INDEX tasks_period_counts;
