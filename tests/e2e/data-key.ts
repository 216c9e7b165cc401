/**
 * The DATA_KEY every test server runs with (features holding sensitive fields refuse to
 * start without one). A fixed, public test key: never use it outside tests.
 */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');
