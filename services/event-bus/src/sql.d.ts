// Migrations are bundled as text (esbuild `Loader: ['.sql=text']`), so importing one yields its SQL.
declare module '*.sql' {
  const sql: string;
  export default sql;
}
