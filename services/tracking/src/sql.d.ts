// Migrations are bundled as text by esbuild (`Loader: ['.sql=text']` in the template).
declare module '*.sql' {
  const sql: string;
  export default sql;
}
