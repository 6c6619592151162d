// Vite's `?raw` imports: a fixture file's text, bundled into the Workers test pool.
declare module '*?raw' {
  const text: string;
  export default text;
}
