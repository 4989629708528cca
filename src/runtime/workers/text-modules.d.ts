// Workers: wrangler's "Text" rule (wrangler.toml) imports these files as strings at build time.
declare module '*.umd.min.js' {
  const text: string;
  export default text;
}
