DROP TABLE supervision_plans;
