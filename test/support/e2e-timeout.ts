// End-to-end tests boot Hearth and PostgreSQL work; jest's 5 s default is for unit tests.
jest.setTimeout(120_000);
