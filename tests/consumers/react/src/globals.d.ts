// What main.tsx leaves on window for tests/consumers/consumers.test.mjs.
export {};
declare global {
  interface Window {
    consumer: unknown;
  }
}
