import { setupServer } from 'msw/node';

/** The one MSW server of the test run; tests add handlers with `server.use(...)`. */
export const server = setupServer();

/** Fake base URL used by MSW-backed tests; never resolved on the network. */
export const BASE_URL = 'https://api.kler.test/v1';
