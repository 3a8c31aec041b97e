DROP TABLE directive_bases;
DROP TABLE directives;
