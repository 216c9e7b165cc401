/** The error `run` throws (fails the test when it throws none). */
export function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('did not throw');
}
