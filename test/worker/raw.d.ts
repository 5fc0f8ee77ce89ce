// Vite's `?raw` imports: a fixture file's text, so Worker tests can read test/fixtures.
declare module '*?raw' {
  const text: string
  export default text
}
