/**
 * The users the registry seeds in dev mode (see ARCHITECTURE.md, Configuration), listed on the
 * sign-in page so that demos and manual tests are one click. Hard-coded rather than fetched: the
 * sign-in page then needs no request of its own.
 */
export const DEV_USERS: readonly string[] = [
  'admin@coursekit.test',
  'lecturer@coursekit.test',
  'student1@coursekit.test',
  'student2@coursekit.test',
  'student3@coursekit.test',
  'developer@coursekit.test',
];
